"""Deterministic identifiers: same input, same key, same IRI."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_len: int = 80) -> str:
    """A lowercase ASCII slug; non-Latin text falls back to a short hash."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    s = _NON_WORD.sub("-", folded).strip("-")
    if len(s) > max_len:
        s = s[:max_len].rstrip("-") + "-" + short_hash(text)
    return s or "x-" + short_hash(text)


def short_hash(text: str, n: int = 10) -> str:
    """A short, stable hex digest of a string."""
    # surrogatepass: file names that are not UTF-8 reach us as lone surrogates; valid text hashes as before
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def entity_key(kind: str, name: str) -> str:
    """The corpus-wide key of an entity: 'actor/european-union'."""
    return f"{kind_path(kind)}/{slug(name)}"


def kind_path(kind: str) -> str:
    """The IRI path segment of an entity kind."""
    return {"Actor": "actor", "Measure": "measure", "Fund": "fund", "LegalPrinciple": "principle"}[kind]


def document_id(sha256: str) -> str:
    """A document's id from its content hash: the same bytes under any path or name are one document, and a changed
    file is a new one (the build drops the old version its path held)."""
    return sha256[:16]
