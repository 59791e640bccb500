"""`kg serve` as a real subprocess on a free loopback port, queried over HTTP."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
import requests
from conftest_query import gold_out
from rdflib import Graph
from rdflib.query import Result
from servers import free_port, stop

from kg.serve import negotiate


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running `kg serve` over the gold graph; stopped afterwards whatever happens."""
    out = gold_out(tmp_path_factory.mktemp("gold") / "out")
    port = free_port()
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--out", str(out), "--port", str(port), "--timeout", "1"]
    log = out.parent / "serve.log"
    with log.open("w") as stderr:
        proc = subprocess.Popen(cmd, stderr=stderr)
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        for _ in range(100):
            try:
                requests.get(url.removesuffix("sparql"), timeout=1)
                break
            except requests.ConnectionError:
                if proc.poll() is not None:
                    pytest.fail(f"kg serve exited: {log.read_text()}")
                time.sleep(0.1)
        assert log.read_text().startswith(f"SPARQL endpoint at {url} ")
        yield url
    finally:
        stop(proc)


FUNDS = "SELECT ?label WHERE { ?f a kg:Fund ; rdfs:label ?label } ORDER BY ?label"
EXPECTED = ["targeted funding for humanitarian and logistic needs", "€170 million"]


def test_get_json_and_post_xml(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": FUNDS}, headers={"Accept": "application/sparql-results+json"}, timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/sparql-results+json"
    assert [str(row[0]) for row in Result.parse(io.BytesIO(r.content), format="json")] == EXPECTED
    r = requests.post(endpoint, data={"query": FUNDS}, headers={"Accept": "application/sparql-results+xml"}, timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/sparql-results+xml"
    assert [str(row[0]) for row in Result.parse(io.BytesIO(r.content), format="xml")] == EXPECTED


def test_post_sparql_query_body_csv_and_tsv(endpoint: str) -> None:
    r = requests.post(endpoint, data=FUNDS.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"}, timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert r.content.decode().splitlines() == ["label", *EXPECTED]
    r = requests.get(endpoint, params={"query": FUNDS}, headers={"Accept": "text/tab-separated-values"}, timeout=10)
    assert r.content.decode().splitlines()[0] == "?label"


def test_construct_negotiates_rdf(endpoint: str) -> None:
    q = "CONSTRUCT { ?f kg:amount ?a } WHERE { ?f kg:amount ?a }"
    for media, fmt in [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")]:
        r = requests.get(endpoint, params={"query": q}, headers={"Accept": media}, timeout=10)
        assert r.status_code == 200 and r.headers["Content-Type"].startswith(media)
        assert [int(o) for o in Graph().parse(data=r.text, format=fmt).objects()] == [170000000]


def test_updates_are_refused(endpoint: str) -> None:
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    r = requests.post(endpoint, data=update.encode(), headers={"Content-Type": "application/sparql-update"}, timeout=10)
    assert r.status_code == 403 and "read-only" in r.text
    r = requests.post(endpoint, data={"update": update}, timeout=10)
    assert r.status_code == 403
    r = requests.put(endpoint.replace("/sparql", "/store"), data=b"", timeout=10)
    assert r.status_code == 405
    ask = requests.get(endpoint, params={"query": "ASK { <http://example.org/a> ?p ?o }"}, headers={"Accept": "application/json"}, timeout=10)
    assert ask.json()["boolean"] is False


def test_malformed_query_is_400_with_position(endpoint: str) -> None:
    r = requests.get(endpoint, params={"query": "SELECT ?x WHERE { ?x ?y }"}, timeout=10)
    assert r.status_code == 400
    assert r.text.startswith("malformed SPARQL query at line 1, column 26")


def test_time_limit_is_503(endpoint: str) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    r = requests.post(endpoint, data={"query": q}, timeout=30)
    assert r.status_code == 503 and "time limit of 1 s" in r.text
    assert time.monotonic() - started < 5


def test_query_page_is_html_with_the_named_queries(endpoint: str) -> None:
    r = requests.get(endpoint.removesuffix("sparql"), timeout=10)
    assert r.status_code == 200 and r.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<form" in r.text and "funding" in r.text and "</script>" in r.text
    assert "Content-Security-Policy" in r.headers


def test_negotiation() -> None:
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", "select").name == "xml"
    assert negotiate("*/*", "select").name == "json"
    assert negotiate("*/*", "graph").name == "turtle"
    assert negotiate("", "select", "tsv").name == "tsv"


def test_page_escapes_inserted_text() -> None:
    from kg.query.page import render_page

    page = render_page("/sparql", 10, [{"name": "x", "title": "</script><b>", "sparql": "__ENDPOINT__"}]).decode()
    assert "</script><b>" not in page and "\\u003c/script\\u003e" in page
