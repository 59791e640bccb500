"""The one thing pyproject.toml cannot say: ship the top-level ontology/ folder as the package kg.ontology.

The repository keeps ontology/ beside kg/ (the project's layout); a wheel
carries it as kg/ontology/, which kg.resources reads through
importlib.resources. Its files are package data by glob in pyproject.toml
([tool.setuptools.package-data] "kg.ontology"), so a new file or subfolder
there ships without a change here. Everything else lives in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    # namespace packages too: kg/query/queries/ holds only .rq files
    packages=[*find_namespace_packages(include=["kg", "kg.*"], exclude=["*.__pycache__"]), "kg.ontology"],
    package_dir={"kg.ontology": "ontology"},
)
