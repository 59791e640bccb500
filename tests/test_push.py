"""`kg push` into a real Oxigraph server (PyPI `oxigraph`) on loopback, twice: every graph there once, right counts."""

from __future__ import annotations

import io
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from conftest import progress_lines
from conftest_query import gold_out
from rdflib.query import Result
from servers import OXIGRAPH, free_port, stop

from kg.cli import cli
from kg.push import graph_store_url
from kg.store import open_store


@pytest.fixture()
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    """A fresh Oxigraph server on a free loopback port; its base URL. Stopped afterwards whatever happens."""
    import sys

    binary = OXIGRAPH if Path(OXIGRAPH).exists() else str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph server (PyPI `oxigraph`) is not installed")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url + "/query", params={"query": "ASK {}"}, timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, "oxigraph server exited"
                time.sleep(0.1)
        yield url
    finally:
        stop(proc)


def remote_counts(url: str) -> dict[str, int]:
    """Triples per named graph on the server, by SPARQL."""
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    r = requests.post(url + "/query", data={"query": q}, headers={"Accept": "application/sparql-results+json"}, timeout=10)
    r.raise_for_status()
    return {str(row[0]): int(row[1]) for row in Result.parse(io.BytesIO(r.content), format="json")}


def local_counts(out: Path) -> dict[str, int]:
    """Triples per named graph in our store."""
    store = open_store(out)
    return {str(g.value): sum(1 for _ in store.store.quads_for_pattern(None, None, None, g)) for g in store.store.named_graphs()}


def remote_default_count(url: str) -> int:
    """Triples in the server's default graph."""
    r = requests.post(url + "/query", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}, headers={"Accept": "text/csv"}, timeout=10)
    r.raise_for_status()
    return int(r.text.split()[1])


def test_push_twice_leaves_every_graph_once_with_its_triples(oxigraph_server: str, tmp_path: Path) -> None:
    out = gold_out(tmp_path / "out")
    expected = local_counts(out)
    assert len(expected) == 4  # two documents, the ontology and the summaries
    merged = sum(1 for _ in open_store(out).default_triples())
    summary = f"pushed 4 graphs, {sum(expected.values())} triples to {oxigraph_server}/store"
    for every in ("1000", "1"):
        result = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph_server, "--out", str(out), "--progress-every", every, "--no-default-graph"])
        assert result.exit_code == 0, result.stderr
        assert remote_counts(oxigraph_server) == expected
        assert remote_default_count(oxigraph_server) == 0
        assert result.stdout == "" and result.stderr.splitlines()[-1] == summary
        if every == "1000":  # fewer graphs than a step: the summary alone
            assert result.stderr == summary + "\n"
    # without a terminal: a plain line per step, then the summary
    assert progress_lines(result.stderr) == ["1/4 graphs, R/s, about T left", "2/4 graphs, R/s, about T left", "3/4 graphs, R/s, about T left", "4/4 graphs, R/s"]
    assert len(result.stderr.splitlines()) >= 4
    # by default the merged view becomes the default graph as well
    result = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph_server, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == f"pushed 5 graphs, {sum(expected.values()) + merged} triples to {oxigraph_server}/store"
    assert remote_counts(oxigraph_server) == expected and remote_default_count(oxigraph_server) == merged


def test_push_with_default_graph_and_explicit_graph_store(oxigraph_server: str, tmp_path: Path) -> None:
    out = gold_out(tmp_path / "out")
    result = CliRunner().invoke(cli, ["push", "--graph-store", oxigraph_server + "/store", "--default-graph", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert remote_default_count(oxigraph_server) == sum(1 for _ in open_store(out).default_triples())


def test_push_errors_are_one_line(tmp_path: Path, oxigraph_server: str) -> None:
    out = gold_out(tmp_path / "out")
    wrong = CliRunner().invoke(cli, ["push", "--graph-store", oxigraph_server + "/nothere", "--out", str(out)])
    assert wrong.exit_code == 1 and wrong.stderr.count("\n") == 1 and "HTTP 404" in wrong.stderr
    down = CliRunner().invoke(cli, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}", "--out", str(out)])
    assert down.exit_code == 1 and "connection refused or host unreachable; is the server running?" in down.stderr
    none = CliRunner().invoke(cli, ["push", "--out", str(out)])
    assert none.exit_code == 2 and "give --endpoint URL" in none.stderr
    half = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph_server, "--user", "u", "--out", str(out)], env={"KG_PUSH_PASSWORD": None})
    assert (half.exit_code, half.stderr) == (2, "Error: give both --user and --password (or KG_PUSH_PASSWORD), or neither\n")


def test_graph_store_url() -> None:
    assert graph_store_url("http://h:7878", None) == "http://h:7878/store"
    assert graph_store_url("http://h:7878/query", None) == "http://h:7878/store"
    assert graph_store_url("http://h:7878/", None) == "http://h:7878/store"
    assert graph_store_url("http://h:7878", "http://f:3030/ds/data") == "http://f:3030/ds/data"


# the README's queries on the pushed server -----------------------------------------------------------

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_prefix_block() -> str:
    """The PREFIX lines the README tells a reader to put on top of a query sent to a server."""
    block = re.search(r"```sparql\n((?:PREFIX [^\n]*\n)+)```", README.read_text(encoding="utf-8"))
    assert block, "README.md has no ```sparql block of PREFIX lines"
    return block.group(1)


def readme_queries() -> list[str]:
    """Every ad-hoc query the README runs: `kg query "..."`, `echo '...' | kg query`, and curl's `query=...`."""
    text = README.read_text(encoding="utf-8")
    found = re.findall(r'kg query "((?:SELECT|ASK|DESCRIBE|CONSTRUCT)[^"]*)"', text)
    found += re.findall(r"echo '((?:SELECT|ASK|DESCRIBE|CONSTRUCT)[^']*)' \| kg query", text)
    found += re.findall(r"--data-urlencode 'query=([^']*)'", text)
    return found


def _terms(row: object, names: list[str]) -> tuple[str, ...]:
    return tuple("" if row[n] is None else str(row[n]) for n in names)  # type: ignore[index]


def answer_here(out: Path, sparql: str) -> object:
    """`kg query`'s answer, comparable: sorted rows, a boolean, or a set of triples."""
    from kg.query import run_query

    result = run_query(open_store(out), sparql)
    if result.kind == "select":
        return sorted(_terms(row, result.variables) for row in result.value)  # type: ignore[union-attr]
    if result.kind == "ask":
        return bool(result.value)
    return {str(t) for t in result.value}  # type: ignore[union-attr]


def answer_there(url: str, sparql: str) -> object:
    """The server's answer to the same query sent with the README's PREFIX lines, comparable the same way."""
    import pyoxigraph as ox

    r = requests.post(url + "/query", data={"query": readme_prefix_block() + sparql},
                      headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"}, timeout=30)
    assert r.status_code == 200, r.text
    if "n-triples" in r.headers["Content-Type"]:
        return {str(t) for t in ox.parse(r.content, ox.RdfFormat.N_TRIPLES)}
    parsed = ox.parse_query_results(r.content, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed)
    names = [var.value for var in parsed.variables]
    return sorted(_terms(row, names) for row in parsed)


def test_readme_prefix_block_is_kg_querys(tmp_path: Path) -> None:
    from kg import vocab as v

    assert readme_prefix_block() == "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in v.PREFIXES.items())


def test_readme_and_shipped_queries_run_unchanged_on_the_pushed_server(oxigraph_server: str, tmp_path: Path) -> None:
    from kg.query.library import named_queries

    out = gold_out(tmp_path / "out")
    result = CliRunner().invoke(cli, ["push", "--endpoint", oxigraph_server, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    readme = readme_queries()
    assert len(readme) >= 5
    # shipped queries whose parameters all default to "all" (on a server a parameter is a free variable)
    shipped = [q.sparql for q in named_queries().values() if not any(p.default for p in q.params)]
    answered = 0
    for sparql in readme + shipped:
        here = answer_here(out, sparql)
        assert here or sparql in shipped, f"the query answers nothing here, so it proves nothing there: {sparql}"
        assert answer_there(oxigraph_server, sparql) == here, sparql
        answered += bool(here)
    assert answered >= len(readme) + 10
