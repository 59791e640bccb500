"""Where kg finds its ontology and data files."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """The ontology folder: $KG_ONTOLOGY_DIR if set, else the project's `ontology/`."""
    env = os.environ.get("KG_ONTOLOGY_DIR")
    if env:
        return Path(env)
    return PACKAGE_DIR.parent / "ontology"


def ontology_file(name: str) -> Path:
    """A file in the ontology folder."""
    return ontology_dir() / name
