"""The development set's gold files are well formed and quote their documents verbatim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DEVSET = Path(__file__).parent / "devset"
GOLD_FILES = sorted(DEVSET.glob("*.gold.json"))
STATUSES = {"adopted", "planned", "proposed", "called-for", "permitted"}
PREDICATES = {
    "adopts", "proposes", "funds", "supports", "cooperates-with", "instrumentalises",
    "threatens", "must-respect", "restricts", "targets",
}
KINDS = {"State", "EUInstitution", "NationalAuthority", "Agency", "InternationalOrganisation", "Group", "Person", "Organisation"}


def document_text(path: Path) -> str:
    """The text that evidence quotes refer to: the file itself, or an HTML page's article text."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        from kg.ingest.html import read_html

        return str(read_html(raw)["text"])
    return raw


def evidences(gold: dict) -> list[str]:
    """Every quoted evidence string in a gold file."""
    found = []
    for section in ("measures", "funds", "principles", "relations", "statistics"):
        found += [item["evidence"] for item in gold.get(section, []) if item.get("evidence")]
    return found


def test_devset_is_big_enough() -> None:
    """At least seven documents, each with a gold file, each 250-700 words."""
    docs = [p for p in DEVSET.iterdir() if p.suffix in (".txt", ".md", ".html")]
    assert len(docs) >= 7
    assert len(GOLD_FILES) == len(docs)
    for doc in docs:
        words = len(document_text(doc).split())
        assert 250 <= words <= 700, (doc.name, words)


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_evidence_is_verbatim(gold_path: Path) -> None:
    """Every evidence quote is a substring of its document."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = document_text(DEVSET / gold["document"])
    missing = [quote for quote in evidences(gold) if quote not in text]
    assert not missing


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_gold_is_consistent(gold_path: Path) -> None:
    """Kinds, statuses and predicates are from the contract; relation ends and measure agents are named items."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    actors = {a["name"] for a in gold["actors"]}
    measures = {m["name"] for m in gold["measures"]}
    principles = {p["name"] for p in gold["principles"]}
    names = actors | measures | principles
    assert all(a["kind"] in KINDS for a in gold["actors"])
    assert all(m["status"] in STATUSES for m in gold["measures"])
    assert all(set(m["by"]) <= actors for m in gold["measures"]), [m["by"] for m in gold["measures"]]
    assert all(f["provided_by"] in actors for f in gold["funds"] if f.get("provided_by"))
    for rel in gold["relations"]:
        assert rel["predicate"] in PREDICATES, rel
        assert rel["subject"] in names, rel
        assert rel["object"] in names, rel
    for key in ("actors", "measures", "principles"):
        all_names = [item["name"].lower() for item in gold[key]]
        assert len(all_names) == len(set(all_names)), key


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_furniture_is_not_in_the_evidence(gold_path: Path) -> None:
    """No evidence quote contains a must-not-extract string."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for quote in evidences(gold):
        for bad in gold["must_not_extract"]:
            assert bad.lower() not in quote.lower()


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.name)
def test_furniture_strings_are_on_the_page(gold_path: Path) -> None:
    """Each must-not-extract string really is on the page (else it tests nothing)."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    raw = (DEVSET / gold["document"]).read_text(encoding="utf-8")
    assert all(bad in raw for bad in gold["must_not_extract"])


def test_no_seed_sentence_is_reused() -> None:
    """The devset shares no sentence (of 6+ words) with the seeds."""
    import re

    seeds = Path(__file__).parent.parent / "seeds"

    def sentences(text: str) -> set[str]:
        parts = re.split(r"(?<=[.!?])\s+|\n+", text)
        return {" ".join(p.lower().split()) for p in parts if len(p.split()) >= 6}

    seed_sentences: set[str] = set()
    for path in seeds.glob("*.txt"):
        seed_sentences |= sentences(path.read_text(encoding="utf-8"))
    for doc in DEVSET.iterdir():
        if doc.suffix in (".txt", ".md", ".html"):
            assert not sentences(document_text(doc)) & seed_sentences, doc.name
