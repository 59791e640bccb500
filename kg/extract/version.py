"""The extraction pipeline's version, importable without spaCy (the parse cache and incremental builds key on it).

The single source of the version: kg.extract re-exports it. Bump it whenever the extraction rules change.
"""

PIPELINE_VERSION = "extract-0.9.6"
