"""A client's VALUES binding: kg serve moves a trailing VALUES into the WHERE clause only where the answer stays the same,
and answers a shipped query bound by VALUES from the build's precomputed answer, byte for byte as the store answers the text."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from servers import serving

import kg.serve
from kg.query.execute import run_query
from kg.query.library import bind_params, named_queries
from kg.query.results import WRITERS
from kg.query.values import canonical, move_values_in, opening_values
from kg.serve import SparqlServer
from kg.store import open_store


def csv_bytes(store: object, sparql: str) -> bytes:
    stream = io.BytesIO()
    WRITERS["csv"].write(run_query(store, sparql), stream)
    return stream.getvalue()


def trailing(sparql: str, bindings: dict[str, object]) -> str:
    """The query with its parameters bound by one VALUES clause after it (after its ORDER BY)."""
    names = " ".join(f"?{k}" for k in bindings)
    row = " ".join(str(t) for t in bindings.values())
    return f"{sparql.rstrip()}\nVALUES ({names}) {{ ({row}) }}\n"


def opening(sparql: str, bindings: dict[str, object]) -> str:
    """The query with its parameters bound by VALUES blocks opening its WHERE clause, as a client without SEP-0007 does."""
    values = " ".join(f"VALUES ?{k} {{ {t} }}" for k, t in bindings.items())
    head, brace, tail = sparql.partition("WHERE {")
    return f"{head}{brace} {values}{tail}"


SIMPLE = "SELECT ?label ?x WHERE { ?a a kg:Actor ; rdfs:label ?label . OPTIONAL { ?a owl:sameAs ?x } } ORDER BY ?label"


def test_a_trailing_values_on_top_level_triple_patterns_moves_in_and_gives_the_same_rows(seeds_store: object) -> None:
    text = SIMPLE + '\nVALUES ?label { "Belarus" "Latvia" }'
    moved = move_values_in(text)
    assert moved != text and moved.startswith('SELECT ?label ?x WHERE { VALUES ?label { "Belarus" "Latvia" }')
    assert csv_bytes(seeds_store, moved) == csv_bytes(seeds_store, text)
    assert csv_bytes(seeds_store, moved).count(b"\n") == 3  # header and both actors: the test compares something


@pytest.mark.parametrize(
    "text",
    [
        SIMPLE + "\nVALUES ?x { wd:Q123 }",  # read in an OPTIONAL
        'SELECT ?label WHERE { ?a rdfs:label ?label FILTER(?label != ?other) } VALUES ?other { "Frontex" }',  # read in a FILTER
        "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a ?p ?o } GROUP BY ?a VALUES ?a { kg:x }",  # joined after grouping
        'SELECT ?label WHERE { { ?a rdfs:label ?label } UNION { ?a skos:altLabel ?label } } VALUES ?label { "x" }',  # in a nested group
        "CONSTRUCT { ?a a kg:Actor } WHERE { ?a a kg:Actor } VALUES ?a { kg:x }",  # a template first
        SIMPLE,  # no VALUES at all
    ],
)
def test_a_trailing_values_that_something_else_reads_stays_where_it_is(text: str) -> None:
    assert move_values_in(text) == text


def test_claims_diff_bound_after_the_query_is_not_moved_and_answers_as_written(seeds_store: object) -> None:
    """`other` is read by a FILTER: bound after the query it cannot narrow the filter, and moving it in would."""
    query = named_queries()["claims-diff"]
    paths = sorted(row["path"].value for row in run_query(seeds_store, "SELECT ?path { ?d kg:sourcePath ?path }").value)  # type: ignore[union-attr]
    for source, other in zip(paths, paths[1:] + paths[:1], strict=True):
        text = trailing(query.sparql, bind_params(seeds_store, query, {"source": source, "other": other}))
        assert move_values_in(text) == text


def test_moving_a_values_that_a_filter_reads_would_change_the_answer(seeds_store: object) -> None:
    """Why the rule: a trailing VALUES is joined after the FILTER has run (SPARQL 1.1, 18.2.4.3)."""
    text = 'SELECT ?label WHERE { ?a a kg:Actor ; rdfs:label ?label FILTER(BOUND(?other)) } VALUES ?other { "x" }'
    assert move_values_in(text) == text
    assert csv_bytes(seeds_store, text) == b"label\r\n"
    assert csv_bytes(seeds_store, 'SELECT ?label WHERE { VALUES ?other { "x" } ?a a kg:Actor ; rdfs:label ?label FILTER(BOUND(?other)) }').count(b"\n") > 1


@pytest.mark.parametrize("name", [n for n, q in named_queries().items() if q.params and n != "claims-diff"])
def test_every_shipped_parameter_bound_after_the_query_moves_in_with_the_same_rows(seeds_store: object, name: str) -> None:
    query = named_queries()[name]
    given = {"actor-profile": {"actor": "Belarus"}, "documents-mentioning": {"entity": "Belarus"}, "evidence": {"predicate": "funds"},
             "measures-by-actor-and-status": {"actor": "European Council", "status": "adopted"}}[name]
    bindings = bind_params(seeds_store, query, given)
    text = trailing(query.sparql, bindings)
    moved = move_values_in(text)
    assert moved != text
    assert csv_bytes(seeds_store, moved) == csv_bytes(seeds_store, text) == csv_bytes(seeds_store, opening(query.sparql, bindings))
    assert csv_bytes(seeds_store, moved).count(b"\n") > 1


def test_values_opening_the_where_clause_are_read_back_as_terms() -> None:
    text = 'SELECT ?a WHERE { VALUES ?p { kg:funds } VALUES ?name { "Frontex"@en } ?a ?p ?o }'
    base, terms = opening_values(text)  # type: ignore[misc]
    assert terms == {"p": ox.NamedNode("https://w3id.org/policy-kg/ontology#funds"), "name": ox.Literal("Frontex", language="en")}
    assert canonical(base) == canonical("SELECT ?a WHERE { ?a ?p ?o }")
    assert opening_values('SELECT ?a WHERE { VALUES ?p { kg:funds kg:adopts } ?a ?p ?o }') is None  # two values: no binding
    assert opening_values("SELECT ?a WHERE { ?a ?p ?o }") == ("SELECT ?a WHERE { ?a ?p ?o }", {})
    assert canonical('SELECT  ?a # comment\nWHERE {?a rdfs:label "two  spaces"}') == 'SELECT ?a WHERE {?a rdfs:label "two  spaces"}'


@pytest.fixture()
def server(seeds_out: Path) -> Iterator[SparqlServer]:
    with serving(seeds_out) as srv:
        yield srv


def test_the_endpoint_answers_a_shipped_query_bound_by_values_from_the_build_as_the_store_answers_the_text(
    server: SparqlServer, seeds_out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = kg.serve.run_query
    monkeypatch.setattr(kg.serve, "run_query", lambda *a, **k: calls.append(1) or real(*a, **k))  # type: ignore[func-returns-value]
    store = open_store(seeds_out)
    for name in ("actor-profile", "documents-mentioning"):
        query = named_queries()[name]
        bindings = bind_params(store, query, {})  # the defaults: what the build answered
        for text in (opening(query.sparql, bindings), trailing(query.sparql, bindings)):
            answer = requests.post(server.url, data={"query": text}, headers={"Accept": "text/csv"}, timeout=60)
            assert answer.status_code == 200
            assert answer.content == csv_bytes(store, text)
            page = requests.post(server.url, data={"query": text, "limit": "2"}, headers={"Accept": "text/csv"}, timeout=60)
            assert page.content.splitlines() == answer.content.splitlines()[:3]
    assert calls == []  # every answer came from the build's files
    other = opening(named_queries()["actor-profile"].sparql, {"actor": ox.Literal("Belarus")})  # not the default: evaluated
    answer = requests.post(server.url, data={"query": other}, headers={"Accept": "text/csv"}, timeout=60)
    assert answer.content == csv_bytes(store, other) and calls == [1]
