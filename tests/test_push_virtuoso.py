"""`kg push` into a real Virtuoso (Debian's virtuoso-opensource) on loopback; every shipped query answers there as here.

The test starts its own `virtuoso-t` with a fresh database in a temporary folder (tests/servers.py writes its
virtuoso.ini), gives it the default graph the README tells users to give it, pushes the seeds' graph through the
Digest-authenticated Graph Store, and compares the rows of every shipped query and of the README's queries, sent to
Virtuoso's /sparql, with `kg query`'s. Without virtuoso-t the module skips, unless KG_REQUIRE_VIRTUOSO is set (CI sets
it, so that there a missing server fails instead of skipping).
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner
from servers import ISQL, VIRTUOSO, VIRTUOSO_DEFAULT_GRAPH, VIRTUOSO_DEFAULT_GRAPH_SQL, free_port, stop, virtuoso_ini
from test_push import local_counts, readme_prefix_block, readme_queries

from kg import vocab as v
from kg.cli import cli
from kg.store import open_store

README = Path(__file__).resolve().parent.parent / "README.md"


@dataclass(frozen=True)
class Virtuoso:
    """A running private instance: its HTTP base URL and its SQL (isql) port."""

    url: str
    sql_port: int

    @property
    def graph_store(self) -> str:
        return self.url + "/sparql-graph-crud-auth"

    def isql(self, statement: str) -> str:
        """Run one SQL statement as dba (the new database's password is dba); its output."""
        done = subprocess.run([str(ISQL), f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statement}"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "*** Error" not in done.stdout + done.stderr, done.stdout + done.stderr
        return done.stdout


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A private virtuoso-t on free loopback ports, with the README's default graph; stopped afterwards."""
    if VIRTUOSO is None or ISQL is None:
        reason = "virtuoso-t and isql-vt (Debian's virtuoso-opensource, installed by .ci/install-virtuoso.sh) are not installed"
        if os.environ.get("KG_REQUIRE_VIRTUOSO"):
            pytest.fail(reason + ", and KG_REQUIRE_VIRTUOSO is set")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port = free_port()
    http_port = free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(virtuoso_ini(str(folder), sql_port, http_port), encoding="utf-8")
    log = folder / "virtuoso.log"
    with open(folder / "stdout.log", "wb") as console:
        proc = subprocess.Popen([VIRTUOSO, "+configfile", str(ini), "+foreground"], cwd=folder,
                                stdout=console, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        for _ in range(900):  # a new database takes about 10 s to create; 90 s at most
            assert proc.poll() is None, "virtuoso-t exited:\n" + (log.read_text(errors="replace")[-2000:] if log.exists() else "")
            try:
                if requests.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.1)
        else:
            pytest.fail("virtuoso-t did not answer on /sparql within 90 s")
        server = Virtuoso(url, sql_port)
        server.isql(VIRTUOSO_DEFAULT_GRAPH_SQL)
        yield server
    finally:
        stop(proc, timeout=60)


CLAIMS = """Lithuania will close two more border checkpoints if Belarus keeps pushing migrants across the border.
Latvia is expected to extend the fence along its eastern border.
"""


@pytest.fixture(scope="module")
def graph_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' graph plus one text of a conditional and a hedged claim (so that the claims query and the evidence
    query's stances have rows), built with the real extractor."""
    from conftest import SEEDS

    from kg.pipeline import build_graph

    texts = tmp_path_factory.mktemp("claims")
    (texts / "claims.txt").write_text(CLAIMS, encoding="utf-8")
    out = tmp_path_factory.mktemp("virtuoso-graph")
    report = build_graph([str(SEEDS), str(texts)], out, workers=1)
    assert report.skipped == []
    return out


def push(server: Virtuoso, out: Path, *extra: str, password: str = "dba") -> object:
    return CliRunner().invoke(cli, ["push", "--graph-store", server.graph_store, "--user", "dba", "--password", password,
                                    "--out", str(out), *extra])


def sparql(server: Virtuoso, query: str, accept: str = "application/sparql-results+json") -> requests.Response:
    """POST a query to Virtuoso's /sparql (no default-graph-uri: the endpoint's own default graph)."""
    r = requests.post(server.url + "/sparql", data={"query": query}, headers={"Accept": accept}, timeout=120)
    assert r.status_code == 200, r.text
    return r


def remote_counts(server: Virtuoso) -> dict[str, int]:
    """Triples per named graph of ours (kgi:...) on the server."""
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    rows = ox.parse_query_results(sparql(server, q).content, ox.QueryResultsFormat.JSON)
    return {row["g"].value: int(row["n"].value) for row in rows  # type: ignore[union-attr,index]
            if row["g"].value.startswith(v.KGI)}  # type: ignore[union-attr,index]


def remote_default_count(server: Virtuoso) -> int:
    rows = ox.parse_query_results(sparql(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").content, ox.QueryResultsFormat.JSON)
    return int(next(iter(rows))["n"].value)  # type: ignore[index,union-attr,call-overload]


def test_push_twice_leaves_every_graph_once_and_the_merged_view_as_default_graph(virtuoso: Virtuoso, graph_out: Path) -> None:
    expected = local_counts(graph_out)
    merged = sum(1 for _ in open_store(graph_out).default_triples())
    total = sum(expected.values()) + merged
    for _ in range(2):
        result = push(virtuoso, graph_out)
        assert result.exit_code == 0, result.stderr
        assert result.stderr.splitlines()[-1] == f"pushed {len(expected) + 1} graphs, {total} triples to {virtuoso.graph_store}"
        # the merged view lands in the graph Virtuoso's default-graph setting names, which /sparql reads by default
        assert remote_counts(virtuoso) == {**expected, VIRTUOSO_DEFAULT_GRAPH: merged}
        assert remote_default_count(virtuoso) == merged


def _terms(row: object, names: list[str]) -> tuple[str, ...]:
    return tuple("" if row[n] is None else str(row[n]) for n in names)  # type: ignore[index]


@dataclass(frozen=True)
class Answer:
    """A query's answer, comparable: sorted rows under their variable names, a boolean, or a set of triples."""

    names: tuple[str, ...]
    value: object


def answer_here(out: Path, query: str, substitutions: dict[str, ox.NamedNode | ox.Literal] | None = None) -> Answer:
    """`kg query`'s answer (with a named query's parameters bound, as `--param` binds them)."""
    from kg.query import run_query

    result = run_query(open_store(out), query, substitutions)
    if result.kind == "select":
        names = list(result.variables)  # type: ignore[arg-type]
        return Answer(tuple(names), sorted(_terms(row, names) for row in result.value))  # type: ignore[union-attr]
    if result.kind == "ask":
        return Answer((), bool(result.value))
    return Answer((), {str(t) for t in result.value})  # type: ignore[union-attr]


def answer_there(server: Virtuoso, query: str, graph: bool = False) -> Answer:
    """Virtuoso's answer to a query sent with the README's PREFIX lines (`graph` for DESCRIBE and CONSTRUCT)."""
    accept = "application/n-triples" if graph else "application/sparql-results+json"
    r = sparql(server, readme_prefix_block() + query, accept)
    if graph:
        return Answer((), {str(t) for t in ox.parse(r.content, ox.RdfFormat.N_TRIPLES)})
    parsed = ox.parse_query_results(r.content, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return Answer((), bool(parsed))
    names = [var.value for var in parsed.variables]
    rows = sorted(_terms(row, names) for row in parsed)
    if names == ["__ASK_RETVAL"]:  # Virtuoso 7.2 answers ASK as one row of 1 or 0, not as a boolean
        return Answer((), rows == [('"1"^^<http://www.w3.org/2001/XMLSchema#integer>',)])
    return Answer(tuple(names), rows)


_GROUP_CONCAT = re.compile(r'GROUP_CONCAT\((?:DISTINCT\s+)?\?\w+\s*;\s*SEPARATOR\s*=\s*"([^"]*)"\)\s+AS\s+\?(\w+)', re.IGNORECASE)


def comparable(query: str, answer: Answer) -> Answer:
    """The answer with every GROUP_CONCAT column as its sorted parts, and an empty concatenation as unbound.

    SPARQL leaves the order of GROUP_CONCAT's parts open (Oxigraph happens to give them sorted, Virtuoso gives them in
    the order it meets them), and over a group whose values are all unbound Virtuoso gives "" where Oxigraph leaves
    the variable unbound. These are the only two differences this test normalises; the README says so."""
    concat = {name: sep for sep, name in _GROUP_CONCAT.findall(query)}
    if not concat or not isinstance(answer.value, list):
        return answer

    def text(cell: str) -> str:
        return "" if not cell else ox.Literal(cell[1:-1]).value if cell.startswith('"') and cell.endswith('"') else cell

    def fix(row: tuple[str, ...]) -> tuple[str, ...]:
        cells = list(row)
        for name, sep in concat.items():
            i = answer.names.index(name)
            parts = text(cells[i])
            cells[i] = sep.join(sorted(parts.split(sep))) if parts else ""
        return tuple(cells)

    return Answer(answer.names, sorted(fix(row) for row in answer.value))


def with_values(query: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """A named query with its parameters as a VALUES block at the top of its WHERE: how a server takes `--param`
    values (a VALUES clause after the query instead gives Virtuoso 7.2 wrong rows for claims-diff; README)."""
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    head, brace, body = query.partition("WHERE {")
    assert brace, query
    return f"{head}WHERE {{\n  VALUES ({names}) {{ ({terms}) }}{body}"


def describe_subject(query: str) -> str | None:
    """The IRI a `DESCRIBE <IRI>` query describes, else None."""
    found = re.match(r"\s*DESCRIBE\s+<([^>]+)>\s*$", query)
    return found.group(1) if found else None


# a parameter value of each type (and of each closed string parameter) that the graph has
SAMPLE = {"label": "European Council", "relation": "adopts", "document": "000_1a9ad0cce239f248.txt", "status": "adopted"}


def test_every_shipped_query_and_the_readmes_answer_the_same_rows_on_virtuoso(virtuoso: Virtuoso, graph_out: Path) -> None:
    from kg.query.library import bind_params, named_queries

    result = push(virtuoso, graph_out)
    assert result.exit_code == 0, result.stderr
    store = open_store(graph_out)
    # every shipped query with its default parameters (as `kg query --named NAME` runs it), and with none bound ("all")
    cases: list[tuple[str, str, dict[str, ox.NamedNode | ox.Literal]]] = []
    for named in named_queries().values():
        cases.append((named.name, named.sparql, {}))
        defaults = bind_params(store, named, {})
        if defaults:
            cases.append((f"{named.name} with its defaults", named.sparql, defaults))  # type: ignore[arg-type]
        for param in named.params:  # each parameter given a value the graph has
            given = {param.name: SAMPLE[param.type] if param.type != "string" else SAMPLE[param.name]}
            if (named.name, param.name) == ("claims-diff", "other"):
                given = {"source": SAMPLE["document"], "other": "001_3f2e04321a86e5a9.txt"}
            bound = bind_params(store, named, given)
            cases.append((f"{named.name} with {given}", named.sparql, bound))  # type: ignore[arg-type]
    readme = readme_queries()
    assert len(cases) >= 24 and len(readme) >= 5
    cases += [(f"README: {query}", query, {}) for query in readme]
    empty = []
    for name, query, bindings in cases:
        here = answer_here(graph_out, query, bindings)
        there = answer_there(virtuoso, with_values(query, bindings), graph=isinstance(here.value, set))
        described = describe_subject(query)
        if described:  # Virtuoso describes a resource by the triples it is subject or object of; Oxigraph as subject
            assert isinstance(there.value, set) and all(described in t for t in there.value), name
            there = Answer((), {t for t in there.value if t.startswith(f"<{described}> ")})
        assert comparable(query, there) == comparable(query, here), name
        if not here.value:
            empty.append(name)
    assert empty == []  # every query answers something here, so that the same answer there proves something


def test_without_a_default_graph_setting_push_says_what_to_do(virtuoso: Virtuoso, graph_out: Path) -> None:
    expected = local_counts(graph_out)
    virtuoso.isql("DELETE FROM DB.DBA.SYS_SPARQL_HOST WHERE SH_HOST = '%';")
    try:
        refused = push(virtuoso, graph_out)
        assert refused.exit_code == 1 and refused.stderr.count("\n") == 1, refused.stderr
        assert refused.stderr == (
            f"Error: the graph store at {virtuoso.graph_store} has no default graph for the merged view: HTTP 500 "
            'Error 22023 The request to SPARQL 1.1 Graph Store endpoint contains "default" param but the endpoint is not '
            "configured to have default graph; give it one (README: pushing to Virtuoso) or push with --no-default-graph\n")
        result = push(virtuoso, graph_out, "--no-default-graph")
        assert result.exit_code == 0, result.stderr
        assert result.stderr.splitlines()[-1] == f"pushed {len(expected)} graphs, {sum(expected.values())} triples to {virtuoso.graph_store}"
        assert {g: n for g, n in remote_counts(virtuoso).items() if g != VIRTUOSO_DEFAULT_GRAPH} == expected
    finally:
        virtuoso.isql(VIRTUOSO_DEFAULT_GRAPH_SQL)


def test_a_wrong_password_or_the_unauthenticated_path_is_one_line(virtuoso: Virtuoso, graph_out: Path) -> None:
    wrong = push(virtuoso, graph_out, password="not-dba")
    assert wrong.exit_code == 1 and wrong.stderr.count("\n") == 1, wrong.stderr
    assert wrong.stderr.endswith(": HTTP 401; check --user/--password or --token\n"), wrong.stderr
    # /sparql-graph-crud runs as the SPARQL user, which may not write unless the store grants it
    anonymous = CliRunner().invoke(cli, ["push", "--graph-store", virtuoso.url + "/sparql-graph-crud", "--out", str(graph_out)])
    assert anonymous.exit_code == 1 and anonymous.stderr.count("\n") == 1, anonymous.stderr
    assert "HTTP 403" in anonymous.stderr and anonymous.stderr.endswith("; the account may not write to this store\n"), anonymous.stderr


def test_readme_shows_the_virtuoso_settings_this_test_uses() -> None:
    text = README.read_text(encoding="utf-8")
    assert "```ini\n" + virtuoso_ini("kg-virtuoso", 1111, 8890) + "```" in text
    assert f'isql-vt 127.0.0.1:1111 dba dba exec="{VIRTUOSO_DEFAULT_GRAPH_SQL}"' in text
    assert "kg push --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --password dba" in text
