"""Paraphrase tables (tests/tables/*.json): one fact stated in many structures, and its negated, conditional,
hedged, questioned and reported forms. Each row is a sentence of our own; the table says what every row must give.

- `expect`: edges every sentence asserts: [subject, predicate, object]; a measure end is given by content words
  that its label must contain (stemmed), an actor or principle end by its label; "*" is any subject.
- `forbid`: asserted edges no sentence may give (a negated, conditional, hedged or asked statement is no fact).
- `claims`: edges that must be kept only as marked claims (evidence with that mark, no asserted triple).
- `speaker`: edges whose evidence names who said it.
- `measures`: [words, status] measures every sentence gives: a label holding those content words and at most one
  other (so that two coordinated acts merged into one label do not pass), with that status.
- `unstated`: [words, status] measures no sentence may give with that status (a measure denied, conditioned, hedged
  or asked about is not in force).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import content_words, stem
from kg.model import Document, Extraction, Relation

TABLES = sorted((Path(__file__).parent / "tables").glob("*.json"))
ROWS = [(t.stem, name, text) for t in TABLES for name, text in json.loads(t.read_text(encoding="utf-8"))["sentences"].items()]


@pytest.fixture(scope="module")
def pipeline():  # type: ignore[no-untyped-def]
    from kg.extract import load_pipeline

    return load_pipeline()


def _table(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads((Path(__file__).parent / "tables" / f"{name}.json").read_text(encoding="utf-8"))


def _matches(label: str, wanted: str) -> bool:
    if wanted == "*" or label == wanted:
        return True
    have = {stem(w) for w in content_words(label)}
    return label.lower() == wanted.lower() or all(stem(w) in have for w in content_words(wanted))


def _find(ex: Extraction, subject: str, predicate: str, obj: str) -> list[Relation]:
    labels = {e.key: e.label for e in ex.entities}
    return [r for r in ex.relations if r.predicate == predicate and _matches(labels.get(r.subject, ""), subject)
            and _matches(labels.get(r.object, ""), obj)]


def test_every_table_has_sentences_and_something_to_check() -> None:
    assert len(TABLES) >= 10
    for path in TABLES:
        table = json.loads(path.read_text(encoding="utf-8"))
        assert table["sentences"], path.name
        assert any(k in table for k in ("expect", "forbid", "claims", "speaker", "measures", "unstated")), path.name


@pytest.mark.parametrize(("table", "row", "text"), ROWS, ids=[f"{t}:{r}" for t, r, _ in ROWS])
def test_paraphrase_row(pipeline, table: str, row: str, text: str) -> None:  # type: ignore[no-untyped-def]
    spec = _table(table)
    ex = pipeline.extract_one(Document(id="t.txt", path="t.txt", text=text, body=text, sha256="0"))
    asserted = [r for r in ex.relations if not r.evidence.marks]
    shown = sorted((r.subject, r.predicate, r.object, r.evidence.marks) for r in ex.relations)
    for s, p, o in spec.get("expect", []):
        assert any(not r.evidence.marks for r in _find(ex, s, p, o)), f"{row}: no asserted {s} {p} {o} in {shown}"
    for s, p, o in spec.get("forbid", []):
        assert not [r for r in _find(ex, s, p, o) if r in asserted], f"{row}: asserted {s} {p} {o} in {shown}"
    for s, p, o, mark in spec.get("claims", []):
        assert any(mark in r.evidence.marks for r in _find(ex, s, p, o)), f"{row}: no {mark} claim {s} {p} {o} in {shown}"
    measures = [(e.label, e.status) for e in ex.entities if e.kind == "Measure"]
    for words, status in spec.get("measures", []):
        wanted = {stem(w) for w in content_words(words)}
        assert any(status == st and wanted <= (have := {stem(w) for w in content_words(label)}) and len(have - wanted) <= 1
                   for label, st in measures), f"{row}: no {status} measure '{words}' in {measures}"
    for words, status in spec.get("unstated", []):
        wanted = {stem(w) for w in content_words(words)}
        assert not [label for label, st in measures if st == status and wanted <= {stem(w) for w in content_words(label)}], \
            f"{row}: a {status} measure '{words}' in {measures}"
    for s, p, o, speaker in spec.get("speaker", []):
        labels = {e.key: e.label for e in ex.entities}
        found = _find(ex, s, p, o)
        assert found and all(labels.get(r.evidence.speaker or "") == speaker for r in found), f"{row}: {s} {p} {o} said by {speaker}? {shown}"
