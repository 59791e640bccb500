"""Where kg finds its ontology and data files.

The ontology folder (kg.ttl, shapes.ttl, the gazetteer, lexicons, patterns,
curation) is, first match wins:

1. the folder named by `use_ontology_dir` (the CLI's `--ontology DIR`) or by
   the environment variable KG_ONTOLOGY_DIR;
2. the source tree's `ontology/`, when kg runs from a checkout (an editable
   install, or `python -m kg` in the repository), so that edits there take
   effect at once;
3. the copy the wheel ships inside the package as `kg/ontology/`, read
   through importlib.resources (setup.py maps the repository's top-level
   `ontology/` to the package `kg.ontology`).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from kg.errors import UsageError

ENV_VAR = "KG_ONTOLOGY_DIR"
PACKAGE_DIR = Path(__file__).resolve().parent
# a checkout has pyproject.toml and ontology/ beside kg/; an installed wheel has neither
CHECKOUT_ONTOLOGY = PACKAGE_DIR.parent / "ontology"
CHECKOUT_MARKER = PACKAGE_DIR.parent / "pyproject.toml"


def use_ontology_dir(directory: str | os.PathLike[str]) -> Path:
    """Read ontology files from `directory` from now on, in this process and the workers it starts."""
    path = Path(directory)
    _check(path, f"--ontology {directory}")
    # the environment, not a module global: extraction workers (processes) read it too
    os.environ[ENV_VAR] = str(path.resolve())
    return path


def ontology_dir() -> Path:
    """The ontology folder in use: the override, else the checkout's `ontology/`, else the packaged copy."""
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env)
        _check(path, f"{ENV_VAR}={env}")
        return path
    return shipped_ontology_dir()


def shipped_ontology_dir() -> Path:
    """kg's own ontology folder, whatever the override: the checkout's `ontology/`, else the packaged copy."""
    if CHECKOUT_MARKER.is_file() and CHECKOUT_ONTOLOGY.is_dir():
        return CHECKOUT_ONTOLOGY
    return packaged_ontology_dir()


def packaged_ontology_dir() -> Path:
    """The ontology files shipped inside the installed package (kg/ontology/)."""
    shipped = resources.files("kg") / "ontology"
    if not shipped.is_dir():
        raise UsageError(
            "kg's ontology files are missing from this installation (no kg/ontology/ in the package and no "
            f"checkout's ontology/): reinstall kg, or point {ENV_VAR} or --ontology at an ontology folder"
        )
    # an installed package is a folder on disk (pip unpacks wheels), so this is a real path
    return Path(str(shipped))


def ontology_file(name: str) -> Path:
    """A file in the ontology folder."""
    return ontology_dir() / name


def ontology_files(suffixes: tuple[str, ...]) -> list[str]:
    """Names (relative, with '/') of the ontology folder's files with these suffixes, subfolders included, sorted."""
    folder = ontology_dir()
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name.endswith(suffixes))


def _check(path: Path, given: str) -> None:
    if not path.is_dir():
        raise UsageError(f"{given}: no such folder (an ontology folder holds kg.ttl, shapes.ttl, gazetteer.ttl ...)")
    if not (path / "kg.ttl").is_file():
        raise UsageError(f"{given}: no kg.ttl in this folder; it is not an ontology folder")
