"""`kg serve`'s in-memory replica answers as the store does, and the endpoint pages with LIMIT/OFFSET and a next link."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest_query import gold_out
from servers import serving

from kg.query.execute import run_query
from kg.query.library import bind_params, named_queries
from kg.query.results import WRITERS
from kg.serve import SparqlServer, StoreHolder, reads_default_graph_only

ACTORS = "SELECT ?label WHERE { ?a a kg:Actor ; rdfs:label ?label } ORDER BY ?label"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return gold_out(tmp_path_factory.mktemp("gold") / "out")


@pytest.fixture()
def server(out: Path) -> Iterator[SparqlServer]:
    with serving(out, replica=True) as srv:
        yield srv


def csv_answer(store: object, sparql: str, bindings: dict[str, object]) -> list[list[str]]:
    """The CSV rows; a GROUP_CONCAT cell (altLabels) as its sorted parts, since SPARQL leaves their order to the store."""
    stream = io.BytesIO()
    WRITERS["csv"].write(run_query(store, sparql, bindings), stream)  # type: ignore[arg-type]
    header, *rows = csv.reader(io.StringIO(stream.getvalue().decode()))
    concat = [i for i, name in enumerate(header) if name == "altLabels"]
    return [header] + [[("; ".join(sorted(c.split("; "))) if i in concat else c) for i, c in enumerate(row)] for row in rows]


def test_the_replica_answers_every_shipped_query_as_the_store_does(out: Path) -> None:
    holder = StoreHolder(out, replica=True)
    assert holder.wait_for_replica(60)
    store, memory = holder.get(), holder.get(default_graph_only=True)
    assert memory is not store
    for query in named_queries().values():
        bindings = bind_params(store, query, {})
        assert csv_answer(memory, query.sparql, bindings) == csv_answer(store, query.sparql, bindings), query.name  # type: ignore[arg-type]


def test_queries_that_name_graphs_read_the_store() -> None:
    assert reads_default_graph_only(ACTORS, {})
    assert reads_default_graph_only('SELECT * { ?s rdfs:label "GRAPH" } # from here', {})
    assert not reads_default_graph_only("SELECT ?g { GRAPH ?g { ?s ?p ?o } }", {})
    assert not reads_default_graph_only("SELECT * FROM <http://x> { ?s ?p ?o }", {})
    assert not reads_default_graph_only(ACTORS, {"named-graph-uri": ["http://x"]})


def test_graph_queries_still_see_every_document_graph(server: SparqlServer) -> None:
    server.runner.holder.wait_for_replica(60)
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d a kg:Document } }"
    r = requests.get(server.url, params={"query": query}, headers={"Accept": "text/csv"}, timeout=10)
    assert r.status_code == 200 and r.text.splitlines()[1] == "2"


def labels(text: str) -> list[str]:
    return [row[0] for row in list(csv.reader(io.StringIO(text)))[1:]]


def test_pages_link_to_the_next_page_until_the_last(server: SparqlServer) -> None:
    whole = requests.get(server.url, params={"query": ACTORS}, headers={"Accept": "text/csv"}, timeout=10)
    every = labels(whole.text)
    assert len(every) > 4 and "Link" not in whole.headers
    pages, url, params = [], server.url, {"query": ACTORS, "limit": "4"}
    while url:
        r = requests.get(url, params=params, headers={"Accept": "text/csv"}, timeout=10)
        assert r.status_code == 200
        pages.append(labels(r.text))
        url, params = r.links.get("next", {}).get("url"), None  # type: ignore[assignment]
        if url:
            url = server.url.removesuffix("/sparql") + url
    assert [label for page in pages for label in page] == every
    assert all(len(page) == 4 for page in pages[:-1]) and len(pages) == -(-len(every) // 4) + (len(every) % 4 == 0)


def test_bad_page_parameters_are_400(server: SparqlServer) -> None:
    for params in ({"limit": "ten"}, {"offset": "-1"}):
        r = requests.get(server.url, params={"query": ACTORS, **params}, timeout=10)
        assert r.status_code == 400 and "limit= and offset= take a number of rows" in r.text
