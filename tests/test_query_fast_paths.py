"""Shipped queries rewritten for speed give the rows their first, direct formulation gave.

tests/reference_queries/ holds the direct formulations (counting evidence and
mentions at query time); the shipped ones read the build's summary graph
(kg/summaries.py). Both run on the gold graph and on the seeds' graph built by
the real extractor, after adding and removing documents, and must agree row
for row, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from conftest import keyword_extractor, sentence_evidence
from conftest_query import gold_out

from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.query.execute import run_query
from kg.query.library import bind_params, named_queries, parse_named_query
from kg.query.results import cell
from kg.store import open_store
from kg.summaries import SUMMARY_GRAPH

REFERENCE = Path(__file__).resolve().parent / "reference_queries"
REWRITTEN = sorted(path.stem for path in REFERENCE.glob("*.rq"))
SEED_PATHS = ["seeds/000_1a9ad0cce239f248.txt", "seeds/001_3f2e04321a86e5a9.txt"]


def bindings(store: object, name: str) -> list[dict[str, str]]:
    """The parameter values each query is compared with: none, and for a diff the store's first documents both ways."""
    if name != "claims-diff":
        return [{}]
    first, second = sorted(row["path"].value for row in run_query(store, "SELECT ?path { ?d kg:sourcePath ?path }").value)[:2]  # type: ignore[union-attr]
    return [{}, {"source": first}, {"source": second, "other": first}, {"source": first, "other": second}]


def answer(store: object, sparql: str, name: str, given: dict[str, str]) -> list[list[str]]:
    query = parse_named_query(name, sparql)
    result = run_query(store, sparql, bind_params(store, query, given))
    return [[cell(s[k]) for k in result.variables] for s in result.value]  # type: ignore[union-attr]


def assert_same_rows(store: object) -> None:
    shipped = named_queries()
    for name in REWRITTEN:
        for given in bindings(store, name):
            reference = answer(store, (REFERENCE / f"{name}.rq").read_text(), name, given)
            assert answer(store, shipped[name].sparql, name, given) == reference, (name, given)
            assert reference or name in ("claims-diff", "claims"), name  # the seeds state no claims (the last test adds some)


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return open_store(gold_out(tmp_path_factory.mktemp("gold") / "out"))


def test_rewritten_queries_give_the_reference_rows_on_the_gold_graph(gold) -> None:  # type: ignore[no-untyped-def]
    assert_same_rows(gold)


def test_rewritten_queries_give_the_reference_rows_on_the_seeds(seeds_store) -> None:  # type: ignore[no-untyped-def]
    assert seeds_store.store.contains_named_graph(SUMMARY_GRAPH)
    assert_same_rows(seeds_store)


def claims_extractor(documents: Iterable[Document]) -> Iterator[Extraction]:
    """The keyword extractor, plus Finland proposing patrols: stated, hedged or conditional as the line says."""
    for document in documents:
        extraction = next(keyword_extractor([document]))
        for line in document.body.splitlines():
            if "Finland" in line:
                ev = sentence_evidence(document, line)
                marks = tuple(mark for mark in ("hedged", "conditional") if mark in line)
                extraction.entities += [Entity("actor/finland", "Actor", "Finland", "State", evidence=ev),
                                        Entity("measure/patrols", "Measure", "patrols", status="proposed", evidence=ev)]
                extraction.relations.append(Relation("actor/finland", "proposes", "measure/patrols", Evidence(ev.start, ev.end, ev.sentence, "test", marks=marks)))
        yield extraction


def test_summaries_follow_added_and_removed_documents(seeds_copy: Path, tmp_path: Path) -> None:
    from kg.pipeline import build_graph, remove_documents

    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "a.txt").write_text("The EU adopts border checks.\nFinland hedged: patrols.\n", encoding="utf-8")
    (extra / "b.txt").write_text("Finland conditional: patrols.\nThe EU agrees.\n", encoding="utf-8")
    (extra / "c.txt").write_text("Finland states: patrols.\n", encoding="utf-8")
    build_graph([str(extra)], seeds_copy, extractor=claims_extractor)
    store = open_store(seeds_copy)
    assert_same_rows(store)
    claims = answer(store, named_queries()["claims"].sparql, "claims", {})
    assert [r[3] for r in claims if r[5].rsplit("/", 1)[-1] in ("a.txt", "b.txt", "c.txt")] == ["hedged", "conditional"]
    remove_documents([SEED_PATHS[0], "a.txt"], seeds_copy)
    assert_same_rows(open_store(seeds_copy))


def test_the_reference_texts_are_the_shipped_headers() -> None:
    shipped = named_queries()
    for name in REWRITTEN:
        reference = parse_named_query(name, (REFERENCE / f"{name}.rq").read_text())
        assert (reference.title, reference.params) == (shipped[name].title, shipped[name].params), name


def test_a_store_summarised_by_other_definitions_is_summarised_again(seeds_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyoxigraph as ox
    from conftest_query import SEEDS

    from kg import summaries
    from kg.pipeline import build_graph

    assert summaries.up_to_date(open_store(seeds_copy).store)
    monkeypatch.setattr(summaries, "VERSION", ox.Literal("other definitions"))
    assert not summaries.up_to_date(open_store(seeds_copy).store)
    report = build_graph([str(SEEDS)], seeds_copy, workers=1)  # nothing changed but the definitions
    assert report.built == []
    store = open_store(seeds_copy)
    assert summaries.up_to_date(store.store)
    assert_same_rows(store)


def test_claims_diff_with_both_documents_lists_what_only_the_source_states(tmp_path: Path) -> None:
    """Oxigraph joins substitutions after its filters run; the bound `other` must still reach the query's FILTER."""
    from kg.pipeline import build_graph

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The EU adopts border checks.\nFinland states: patrols.\n", encoding="utf-8")
    (docs / "b.txt").write_text("The EU agrees.\n", encoding="utf-8")
    (docs / "c.txt").write_text("Finland states: patrols.\n", encoding="utf-8")  # a third source: not 'stated once'
    build_graph([str(docs)], tmp_path / "out", extractor=claims_extractor)
    store = open_store(tmp_path / "out")
    query = named_queries()["claims-diff"].sparql
    a_not_b = answer(store, query, "claims-diff", {"source": "a.txt", "other": "b.txt"})
    assert [(row[2], row[3], row[4]) for row in a_not_b] == [("Finland", "proposes", "patrols")]
    assert answer(store, query, "claims-diff", {"source": "b.txt", "other": "a.txt"}) == []
