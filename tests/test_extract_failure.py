"""A rule that fails on one document costs that document, not the stream."""

from __future__ import annotations

import pytest

from kg.model import Document


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, body=text, sha256=doc_id * 8)


def test_failing_document_yields_an_error_and_the_stream_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.extract import load_pipeline

    extractor = load_pipeline()
    original = extractor.process

    def process(document, doc):  # type: ignore[no-untyped-def]
        if "boom" in document.text:
            raise IndexError("list index out of range")
        return original(document, doc)

    monkeypatch.setattr(extractor, "process", process)
    results = list(extractor.extract([_doc("a", "Poland will build a fence."), _doc("b", "boom"), _doc("c", "Finland closed its border.")]))
    assert [r.document.id for r in results] == ["a", "b", "c"]
    assert results[1].error == "extraction failed (IndexError: list index out of range); please report this document"
    assert results[0].error is None and results[2].error is None
    assert any(e.label == "Poland" for e in results[0].entities)
