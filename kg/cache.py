"""The parse cache: extractions keyed by content hash and pipeline version.

A document whose bytes and pipeline are unchanged is never parsed again, even
after its graph was removed or the store was deleted.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import replace
from pathlib import Path

from kg.atomic import atomic_write
from kg.model import Document, Extraction


class ExtractionCache:
    """A folder of pickled extractions, one file per (pipeline version, content hash)."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder / version.replace("+", "-")
        self.version = version

    def _path(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.pickle"

    def get(self, document: Document) -> Extraction | None:
        """The cached extraction of this content and text, re-attached to this document, or None."""
        path = self._path(document.sha256)
        try:
            with path.open("rb") as stream:
                cached: Extraction = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if cached.document.text != document.text:  # same bytes read into another text (a new trafilatura): offsets differ
            return None
        if cached.document.id == document.id:
            return Extraction(document, cached.entities, cached.relations, cached.observations)
        return _rebind(cached, document)

    def put(self, extraction: Extraction) -> None:
        """Store an extraction (written atomically)."""
        with atomic_write(self._path(extraction.document.sha256)) as stream:
            pickle.dump(extraction, stream, protocol=pickle.HIGHEST_PROTOCOL)


def _rebind(cached: Extraction, document: Document) -> Extraction:
    """Same bytes under another path: same facts, this document's identity."""
    return replace(cached, document=document)


def default_cache_dir(out_dir: Path) -> Path:
    """$KG_CACHE_DIR, else `cache/` inside the output folder."""
    env = os.environ.get("KG_CACHE_DIR")
    return Path(env) if env else out_dir / "cache"
