"""`kg init`: a project folder with its own copy of kg's ontology folder, to edit.

The copy is a whole ontology folder (an `--ontology` folder must hold kg.ttl
and shapes.ttl too), but the files meant for editing are the gazetteer, the
lexicon, the frame rules and patterns (with the JSON schemas that check them)
and the curation file.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from kg.errors import UsageError
from kg.resources import shipped_ontology_dir

# the parts a user edits, in the order `kg init` names them
EDITABLE = (
    "gazetteer.ttl",
    "lexicon.ttl",
    "frame-rules.json",
    "frame-rules.schema.json",
    "patterns.json",
    "patterns.schema.json",
    "curation.ttl",
)
DATA_SUFFIXES = (".ttl", ".json", ".txt", ".csv", ".md")  # not the package's __init__.py or caches


@dataclass(frozen=True)
class InitResult:
    """What `init_project` made: the ontology folder and the files copied into it (relative names)."""

    ontology: Path
    copied: list[str]


def init_project(directory: str | os.PathLike[str] = ".", *, force: bool = False) -> InitResult:
    """Copy kg's ontology folder into `directory`/ontology; refuses to overwrite a file unless `force`."""
    source = shipped_ontology_dir()
    target = Path(directory) / "ontology"
    names = sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file() and p.name.endswith(DATA_SUFFIXES))
    missing = [name for name in EDITABLE if name not in names]
    if missing:
        raise UsageError(f"kg's ontology folder {source} lacks {', '.join(missing)}: reinstall kg")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder")
    existing = [name for name in names if (target / name).exists()]
    if existing and not force:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise UsageError(f"{target / existing[0]} already exists{more}; kg init overwrites nothing without --force")
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, target / name)
    return InitResult(target, names)
