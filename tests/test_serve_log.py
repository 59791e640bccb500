"""`kg serve` logs one line per request: time, status, method, path, duration and rows (errors: their message)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from servers import serving

from kg.serve import SparqlServer

LINE = r"\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d {status} {method} {path} \d+\.\d{{3}} s"


@pytest.fixture()
def server(seeds_out: Path) -> Iterator[tuple[SparqlServer, list[str]]]:
    lines: list[str] = []
    with serving(seeds_out, log=lines.append) as srv:
        yield srv, lines


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values", "text/plain"])
def test_each_answer_is_logged_with_its_rows_in_every_format(server: tuple[SparqlServer, list[str]], seeds_store: object, accept: str) -> None:
    srv, lines = server
    query = "SELECT ?a ?label WHERE { ?a a kg:Actor ; rdfs:label ?label }"
    expected = len(list(seeds_store.query(query)))  # type: ignore[attr-defined]
    answer = requests.post(srv.url, data={"query": query}, headers={"Accept": accept}, timeout=10)
    assert answer.status_code == 200
    assert len(lines) == 1 and re.fullmatch(LINE.format(status=200, method="POST", path="/sparql") + f" {expected} rows", lines[0]), lines


def test_graphs_asks_pages_and_errors_are_logged(server: tuple[SparqlServer, list[str]], seeds_store: object) -> None:
    srv, lines = server
    construct = "CONSTRUCT { ?f a kg:Fund } WHERE { ?f a kg:Fund }"
    funds = len(list(seeds_store.query(construct)))  # type: ignore[attr-defined]
    requests.get(srv.url, params={"query": construct}, headers={"Accept": "application/n-triples"}, timeout=10)
    requests.get(srv.url, params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    requests.get(srv.url, params={"query": "SELEC x"}, timeout=10)
    requests.get(srv.url.removesuffix("sparql"), timeout=10)
    assert len(lines) == 4
    assert re.fullmatch(LINE.format(status=200, method="GET", path="/sparql") + f" {funds} rows", lines[0])
    assert re.fullmatch(LINE.format(status=200, method="GET", path="/sparql") + " 1 row", lines[1])
    assert re.fullmatch(LINE.format(status=400, method="GET", path="/sparql") + ": malformed SPARQL query at line 1, column 8: .*", lines[2])
    assert re.fullmatch(LINE.format(status=200, method="GET", path="/"), lines[3])


def test_quiet_server_logs_nothing(seeds_out: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    help_text = CliRunner().invoke(cli, ["serve", "--help"]).output
    assert "-q, --quiet" in help_text and "Do not log requests on stderr." in help_text
    with serving(seeds_out, log=None) as srv:  # what --quiet passes
        assert requests.get(srv.url, params={"query": "ASK { ?s ?p ?o }"}, timeout=10).status_code == 200
