"""Precomputed answers (kg.answers): every shipped query as asked without parameters, byte for byte what the store answers, in every format and page, and never stale."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from servers import serving

from kg.answers import ANSWERS_DIR, GRAPH_DIGEST, answer_for, bindings_key, find_answer, load_answers, refresh_answers
from kg.query.execute import QueryResult, run_query, with_inline_values
from kg.query.library import bind_params, named_queries
from kg.query.paging import paged_sparql
from kg.query.results import WRITERS
from kg.store import open_store

SELECT_WRITERS = [w for w in WRITERS.values() if "select" in w.kinds]
KG = "https://w3id.org/policy-kg/ontology#"
PRECOMPUTED = sorted(named_queries())  # every shipped query


def defaults(store: object, name: str) -> dict[str, object]:
    """The parameter values `kg query --named NAME` binds when given none."""
    return bind_params(store, named_queries()[name], {})  # type: ignore[return-value]


def written(result: QueryResult, writer: str) -> bytes:
    stream = io.BytesIO()
    WRITERS[writer].write(result, stream)
    return stream.getvalue()


@pytest.mark.parametrize("name", PRECOMPUTED)
def test_a_build_precomputes_answers_that_equal_the_stores_in_every_format_and_page(seeds_out: Path, name: str) -> None:
    store = open_store(seeds_out)
    sparql, bindings = named_queries()[name].sparql, defaults(store, name)
    answer = answer_for(store, sparql, bindings)
    assert answer is not None and answer.name == name
    assert answer.bindings == bindings_key(bindings)
    rows = sum(1 for _ in run_query(store, sparql, bindings).value)  # type: ignore[union-attr]
    assert answer.rows == rows
    assert rows > 0 or name == "claims"  # the seeds state no claims
    for writer in SELECT_WRITERS:
        assert written(answer.result(), writer.name) == written(run_query(store, sparql, bindings), writer.name), writer.name
    for limit, offset in [(3, 0), (5, 2), (None, max(rows - 2, 0)), (10, rows + 5), (0, 0)]:
        page = paged_sparql(sparql, limit, offset)
        assert written(answer.result(limit, offset), "json") == written(run_query(store, page, bindings), "json"), (limit, offset)


def test_bound_parameters_or_other_text_are_not_answered_from_the_file(seeds_out: Path) -> None:
    store = open_store(seeds_out)
    sparql = named_queries()["evidence"].sparql
    assert answer_for(store, sparql) is not None
    assert answer_for(store, sparql + " ") is None
    assert answer_for(store, sparql, {"predicate": ox.NamedNode(KG + "funds"), "other": ox.Literal("x")}) is None
    profile = named_queries()["actor-profile"].sparql  # answered for its default actor only
    assert answer_for(store, profile, defaults(store, "actor-profile")) is not None
    assert answer_for(store, profile) is None  # every actor
    assert answer_for(store, profile, {"actor": ox.Literal("Frontex")}) is None


def test_answers_are_kept_while_the_graph_is_unchanged_and_recomputed_when_it_changes(seeds_copy: Path) -> None:
    from kg.pipeline import build_graph, remove_documents

    version = (seeds_copy / "store").resolve()
    before = {name: (version / ANSWERS_DIR / f"{name}.tsv").read_bytes() for name in PRECOMPUTED}
    build_graph([], seeds_copy)  # nothing changed: a new version, the same answers carried over
    carried = (seeds_copy / "store").resolve()
    assert carried != version
    assert refresh_answers(open_store(seeds_copy), carried, carried / "graph.ttl") == []  # their keys still match
    first = sorted(open_store(seeds_copy).document_paths().values())[0]
    remove_documents([sorted(first)[0]], seeds_copy)
    store = open_store(seeds_copy)
    for name in PRECOMPUTED:
        sparql, bindings = named_queries()[name].sparql, defaults(store, name)
        answer = answer_for(store, sparql, bindings)
        assert answer is not None
        assert written(answer.result(), "csv") == written(run_query(store, sparql, bindings), "csv")
    assert any((store.path / ANSWERS_DIR / f"{name}.tsv").read_bytes() != before[name] for name in PRECOMPUTED)


def test_an_answer_whose_key_does_not_match_is_not_used(seeds_copy: Path) -> None:
    version = (seeds_copy / "store").resolve()
    folder = version / ANSWERS_DIR
    store = open_store(seeds_copy)
    assert set(load_answers(version)) == {(named_queries()[name].sparql, bindings_key(defaults(store, name))) for name in PRECOMPUTED}
    digest = (folder / GRAPH_DIGEST).read_text()
    (folder / GRAPH_DIGEST).write_text("0" * 64 + "\n")  # the graph is not the one the answers were computed on
    assert load_answers(version) == {}
    (folder / GRAPH_DIGEST).write_text(digest)
    key = folder / "evidence.key"
    key.write_text(key.read_text().replace('"query": "', '"query": "0'))  # computed for another text of the query
    assert sorted(a.name for a in load_answers(version).values()) == [name for name in PRECOMPUTED if name != "evidence"]
    (folder / GRAPH_DIGEST).unlink()  # a version written by a writer that did not refresh them
    assert load_answers(version) == {}


def test_the_cli_answers_from_the_file_as_the_store_does(seeds_out: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    store = open_store(seeds_out)
    sparql = named_queries()["evidence"].sparql
    runner = CliRunner()
    whole = runner.invoke(cli, ["query", "--out", str(seeds_out), "--named", "evidence", "--format", "tsv"])
    assert whole.exit_code == 0, whole.output
    assert whole.stdout_bytes == written(run_query(store, sparql), "tsv")
    page = runner.invoke(cli, ["query", "--out", str(seeds_out), "--named", "evidence", "--format", "csv", "--limit", "4", "--offset", "3"])
    assert page.stdout_bytes == written(run_query(store, paged_sparql(sparql, 4, 3)), "csv")


@pytest.fixture()
def server(seeds_out: Path) -> Iterator[str]:
    with serving(seeds_out) as srv:
        yield srv.url


def test_the_endpoint_answers_from_the_file_as_the_store_does(server: str, seeds_out: Path) -> None:
    store = open_store(seeds_out)
    sparql = named_queries()["measures-by-actor-and-status"].sparql
    for accept, writer in [("text/csv", "csv"), ("application/sparql-results+json", "json"), ("application/sparql-results+xml", "xml")]:
        answer = requests.post(server, data={"query": sparql}, headers={"Accept": accept}, timeout=30)
        assert answer.status_code == 200
        assert answer.content == written(run_query(store, sparql), writer)
    page = requests.post(server, data={"query": sparql, "limit": "2", "offset": "1"}, headers={"Accept": "text/csv"}, timeout=30)
    assert page.content == written(run_query(store, paged_sparql(sparql, 2, 1)), "csv")
    assert 'rel="next"' in page.headers["Link"]


def test_the_cli_answers_a_default_given_in_other_words_from_the_file(seeds_out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import kg.query
    from kg.cli import cli

    store = open_store(seeds_out)
    query = named_queries()["actor-profile"]
    expected = written(run_query(store, query.sparql, defaults(store, "actor-profile")), "csv")
    calls = []
    real = kg.query.run_query
    monkeypatch.setattr(kg.query, "run_query", lambda *a, **k: calls.append(1) or real(*a, **k))
    for given in ([], ["--param", "actor=european union"]):  # the default, and the same entity named in another case
        done = CliRunner().invoke(cli, ["query", "--out", str(seeds_out), "--named", "actor-profile", "--format", "csv", *given])
        assert done.exit_code == 0, done.output
        assert done.stdout_bytes == expected
    assert calls == []
    other = CliRunner().invoke(cli, ["query", "--out", str(seeds_out), "--named", "actor-profile", "--format", "csv", "--param", "actor=Belarus"])
    assert other.exit_code == 0 and other.stdout_bytes != expected and calls == [1]


@pytest.mark.parametrize("relation", ["funds", "adopts", "must-respect", "provided-by", "instrumentalises", "cooperates-with"])
def test_evidence_for_one_relation_is_read_from_the_unbound_answer_byte_for_byte(seeds_out: Path, relation: str) -> None:
    """`kg query --named evidence --param predicate=R` is the unbound answer's rows for R, the same bytes as the store's
    own answer in every format and page (the query orders by every column it returns, so no tie can reorder a row)."""
    store = open_store(seeds_out)
    sparql = named_queries()["evidence"].sparql
    bindings = bind_params(store, named_queries()["evidence"], {"predicate": relation})
    answer = answer_for(store, sparql, bindings)
    assert answer is not None and answer.bindings == bindings_key(bindings)
    rows = sum(1 for _ in run_query(store, sparql, bindings).value)  # type: ignore[union-attr]
    assert answer.rows == rows > 0
    for writer in SELECT_WRITERS:
        assert written(answer.result(), writer.name) == written(run_query(store, sparql, bindings), writer.name), writer.name
    # kg serve: a client that binds the relation with a VALUES block gets the same rows from the same file
    served = find_answer(load_answers(Path(str(store.path))), with_inline_values(sparql, bindings))
    assert served is not None and written(served.result(), "json") == written(answer.result(), "json")
    for limit, offset in [(2, 0), (3, 1), (None, max(rows - 1, 0)), (5, rows + 3)]:
        page = paged_sparql(sparql, limit, offset)
        assert written(answer.result(limit, offset), "json") == written(run_query(store, page, bindings), "json"), (limit, offset)

