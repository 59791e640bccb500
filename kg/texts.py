"""The text layers of built documents, kept beside the store: what `kg text DOC` prints.

Each document's text (the characters its evidence offsets index) is saved as
`texts/<document id>.txt` in the output folder, UTF-8, byte for byte, so a
reader can check `text[start:end] == sentence` after the source file has moved
or changed. The graph records each text's SHA-256 (`kg:textLayer` →
`kg:contentHash`), which `kg text` checks before printing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from kg.atomic import atomic_write

TEXTS_DIR = "texts"


def text_path(out_dir: Path, doc_id: str) -> Path:
    """Where a document's text layer is kept."""
    return out_dir / TEXTS_DIR / f"{doc_id}.txt"


def save_text(out_dir: Path, doc_id: str, text: str) -> None:
    """Keep a document's text layer (rewritten only when it differs)."""
    data = text.encode("utf-8", "surrogatepass")
    path = text_path(out_dir, doc_id)
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    with atomic_write(path) as stream:
        stream.write(data)


def load_text(out_dir: Path, doc_id: str) -> bytes | None:
    """A document's saved text layer as bytes, or None when there is none."""
    try:
        return text_path(out_dir, doc_id).read_bytes()
    except OSError:
        return None


def prune_texts(out_dir: Path, keep: Iterable[str]) -> None:
    """Remove the text layers of documents no longer in the graph."""
    wanted = {f"{doc_id}.txt" for doc_id in keep}
    folder = out_dir / TEXTS_DIR
    if folder.is_dir():
        for path in folder.glob("*.txt"):
            if path.name not in wanted:
                path.unlink(missing_ok=True)


def document_text(out_dir: str | os.PathLike[str], name: str) -> bytes:
    """The text layer of the document `name` (a path, file name or id) in the built graph, checked against the
    SHA-256 the graph records for it."""
    from kg.build import graph_iri
    from kg.errors import KgError, UsageError
    from kg.store import open_store

    out = Path(out_dir)
    store = open_store(out)
    matches = store.find_documents(name)
    if not matches:
        raise UsageError(f"no document '{name}' in the graph; `kg query --named documents` lists them")
    if len(matches) > 1:
        paths = ", ".join(store.document_paths_of(graph_iri(doc_id).value)[0] for doc_id in matches)
        raise UsageError(f"'{name}' names {len(matches)} documents ({paths}); give a path or a document id")
    doc_id = matches[0]
    expected = store.text_hashes().get(graph_iri(doc_id).value)
    data = load_text(out, doc_id)
    if expected is None or data is None or f"sha256:{hashlib.sha256(data).hexdigest()}" != expected:
        raise KgError(f"the text of '{name}' kept in {out / TEXTS_DIR} is missing or is not the one the graph indexes; run `kg build` again")
    return data
