"""Graph-tool exports: GraphML and GEXF valid against their schemas and read back by networkx; cyjs, CSV, DOT parsed back."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from lxml import etree

from kg.export import EXPORTERS, export
from kg.export.graphtools import csv_paths, node_attrs, node_ids
from kg.network import project, scalar_attrs
from kg.store import GraphStore

SCHEMAS = Path(__file__).parent / "schemas"
GRAPH_FORMATS = ("graphml", "gexf", "cyjs", "csv", "dot")
I = "https://w3id.org/policy-kg/id/"
NASTY = 'He said "no" <script>alert(1)</script> & <img src=x onerror=alert(2)> \\ back\\slash 🚀 עברית \u202e\u0001\u0008\u000b end'


def _lit(text: str) -> str:
    """A Turtle string literal (JSON's escapes are Turtle's, emoji kept as they are)."""
    return json.dumps(text, ensure_ascii=False)


# a graph whose every text is hostile: quotes, markup, a backslash, emoji, right-to-left, a bidi override, control characters
HOSTILE = f"""
@prefix kg: <https://w3id.org/policy-kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{I}doc/x> a kg:Document ; dcterms:title {_lit(NASTY)} ; kg:sourcePath "seeds/<x>&.txt" .
<{I}actor/a%22%3C> a kg:Actor , kg:State ; rdfs:label {_lit(NASTY)} ; kg:mentionedIn <{I}doc/x> .
<{I}measure/m> a kg:Measure ; rdfs:label "line one\\nline two\\r\\n\\tand a tab" ; kg:status "called-for" ; kg:mentionedIn <{I}doc/x> .
<{I}actor/a%22%3C> kg:proposes <{I}measure/m> .
<{I}ev/1> a kg:Evidence ; rdf:subject <{I}actor/a%22%3C> ; rdf:predicate kg:proposes ; rdf:object <{I}measure/m> ;
    kg:sentence {_lit(NASTY)} ; kg:startOffset 0 ; prov:wasDerivedFrom <{I}doc/x> .
"""


def store_from_turtle(ttl: str, path: Path) -> GraphStore:
    """An in-memory GraphStore holding `ttl` in its default graph."""
    store = ox.Store()
    store.load(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    return GraphStore(store, path)


def out_dir_from_turtle(ttl: str, out: Path) -> Path:
    """An output folder as `kg build` leaves it (a `store` link to an Oxigraph store), holding `ttl`."""
    out.mkdir(parents=True)
    store = ox.Store(str(out / "store-1"))
    store.load(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    store.flush()
    del store
    (out / "store").symlink_to("store-1")
    return out


@pytest.fixture(params=["seeds", "hostile"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """The seeds' store and a store of hostile text: every exporter must cope with both."""
    if request.param == "seeds":
        return request.getfixturevalue("seeds_store")
    return store_from_turtle(HOSTILE, tmp_path)


def exported(store: Any, fmt: str) -> bytes:
    stream = io.BytesIO()
    export(store, fmt, stream)
    return stream.getvalue()


def expected(store: Any) -> nx.MultiDiGraph:
    return project(store, "entities")


def edge_multiset(graph: nx.MultiDiGraph, ids: dict[str, str] | None = None) -> Counter[tuple[str, str, str]]:
    ids = ids or {n: n for n in graph.nodes}
    return Counter((ids[u], ids[w], d["relation"]) for u, w, d in graph.edges(data=True))


def validate(xml: bytes, schema: str) -> None:
    xsd = etree.XMLSchema(etree.parse(str(SCHEMAS / schema)))
    doc = etree.fromstring(xml)
    assert xsd.validate(doc), "\n".join(str(e) for e in xsd.error_log)


def test_registry_has_the_graph_formats() -> None:
    for fmt in GRAPH_FORMATS:
        assert fmt in EXPORTERS and EXPORTERS[fmt].target.startswith("kg.export.graphtools:")


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_exports_are_deterministic(any_store: Any, fmt: str) -> None:
    assert exported(any_store, fmt) == exported(any_store, fmt)


def test_graphml_valid_and_read_back(any_store: Any) -> None:
    data = exported(any_store, "graphml")
    validate(data, "graphml.xsd")
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    want = expected(any_store)
    ids = {n: d["iri"] for n, d in back.nodes(data=True)}
    assert sorted(ids.values()) == sorted(want.nodes)
    assert sorted(back.nodes) == sorted(node_ids(list(want.nodes)).values())
    for node, attrs in back.nodes(data=True):
        assert attrs == node_attrs(ids[node], want.nodes[ids[node]])
    assert edge_multiset(back, ids) == edge_multiset(want)
    got = sorted((ids[u], ids[w], sorted(d.items())) for u, w, d in back.edges(data=True))
    assert got == sorted((u, w, sorted(scalar_attrs(d).items())) for u, w, d in want.edges(data=True))


def test_gexf_valid_and_read_back(any_store: Any) -> None:
    data = exported(any_store, "gexf")
    validate(data, "gexf-1.2.xsd")
    back = nx.read_gexf(io.BytesIO(data))
    want = expected(any_store)
    iri = {n: d["iri"] for n, d in back.nodes(data=True)}
    assert sorted(iri.values()) == sorted(want.nodes)
    for node, attrs in back.nodes(data=True):
        attrs = dict(attrs)
        assert attrs.pop("viz")["color"]
        if "first_date" in want.nodes[iri[node]]:
            assert attrs.pop("start") == want.nodes[iri[node]]["first_date"]  # the date Gephi's timeline reads
        assert attrs == node_attrs(iri[node], want.nodes[iri[node]])
    assert edge_multiset(back, iri) == edge_multiset(want)
    got = sorted((iri[u], iri[w], d["relation"], float(d["weight"]), d.get("evidence", ""), d.get("start", "")) for u, w, d in back.edges(data=True))
    assert got == sorted((u, w, d["relation"], float(d["weight"]), d.get("evidence", ""), d.get("first_date", "")) for u, w, d in want.edges(data=True))


def test_gexf_is_dynamic_when_documents_have_dates(tmp_path: Path) -> None:
    dated = HOSTILE.replace('kg:sourcePath "seeds/<x>&.txt" .', 'kg:sourcePath "seeds/<x>&.txt" ; dcterms:date "2021-11-10"^^<http://www.w3.org/2001/XMLSchema#date> .')
    data = exported(store_from_turtle(dated, tmp_path), "gexf")
    validate(data, "gexf-1.2.xsd")
    graph = etree.fromstring(data).find("{http://www.gexf.net/1.2draft}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    starts = [el.get("start") for el in graph.iter("{http://www.gexf.net/1.2draft}node", "{http://www.gexf.net/1.2draft}edge")]
    assert starts and set(starts) == {"2021-11-10"}
    static = etree.fromstring(exported(store_from_turtle(HOSTILE, tmp_path), "gexf")).find("{http://www.gexf.net/1.2draft}graph")
    assert static.get("mode") == "static" and static.get("timeformat") is None


def test_cyjs_parses_back(any_store: Any) -> None:
    data = json.loads(exported(any_store, "cyjs"))
    want = expected(any_store)
    assert [n["data"]["iri"] for n in data["elements"]["nodes"]] == list(want.nodes)
    assert [n["data"]["id"] for n in data["elements"]["nodes"]] == list(node_ids(list(want.nodes)).values())
    assert all(n["data"]["name"] == want.nodes[n["data"]["iri"]]["label"] for n in data["elements"]["nodes"])
    back = nx.cytoscape_graph(data)
    iri = {n: d["iri"] for n, d in back.nodes(data=True)}
    assert sorted(iri.values()) == sorted(want.nodes)
    assert Counter((iri[u], iri[w], d["interaction"]) for u, w, d in back.edges(data=True)) == edge_multiset(want)


def test_csv_to_stdout_is_nodes_blank_line_edges(any_store: Any) -> None:
    text = exported(any_store, "csv").decode("utf-8")
    nodes_text, _, edges_text = text.partition("\r\n\r\n")
    nodes = list(csv.DictReader(io.StringIO(nodes_text)))
    edges = list(csv.DictReader(io.StringIO(edges_text)))
    want = expected(any_store)
    assert [r["iri"] for r in nodes] == list(want.nodes)
    assert [r["Id"] for r in nodes] == list(node_ids(list(want.nodes)).values())
    assert [r["Label"] for r in nodes] == [d["label"] for _, d in want.nodes(data=True)]
    assert edges_text.split("\r\n", 1)[0].split(",")[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    assert Counter((r["Source"], r["Target"], r["relation"]) for r in edges) == edge_multiset(want, node_ids(list(want.nodes)))
    assert all(r["Type"] == "Directed" and int(r["Weight"]) >= 0 for r in edges)


def test_csv_with_a_file_name_writes_nodes_and_edges_files(tmp_path: Path) -> None:
    store = store_from_turtle(HOSTILE, tmp_path)
    target = tmp_path / "net.csv"
    with target.open("wb") as stream:
        export(store, None, stream, str(target))
    nodes_path, edges_path = csv_paths(target)
    assert (nodes_path.name, edges_path.name) == ("net.nodes.csv", "net.edges.csv")
    nodes = list(csv.DictReader(nodes_path.open(encoding="utf-8", newline="")))
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8", newline="")))
    assert len(nodes) == 2 and len(edges) == 1
    assert {r["Label"] for r in nodes} >= {NASTY.replace("\u0001", "").replace("\u0008", "").replace("\u000b", "")}
    assert edges[0]["evidence"].startswith('He said "no" <script>')


_DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
_DOT_NODE = re.compile(rf"^  {_DOT_STRING} \[(.*)\];$")
_DOT_EDGE = re.compile(rf"^  {_DOT_STRING} -> {_DOT_STRING} \[(.*)\];$")
_DOT_ATTR = re.compile(rf"(\w+)={_DOT_STRING}(?:, |$)")


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), text)


def parse_dot(text: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    """A reader for the DOT kg writes (one statement a line), strict enough to catch any escaping slip."""
    lines = text.splitlines()
    assert lines[0] == 'digraph "kg" {' and lines[-1] == "}"
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    for line in lines[1:-1]:
        if line.startswith(("  graph [", "  node [", "  edge [")):
            continue
        if m := _DOT_EDGE.match(line):
            attrs = {k: _unquote(v) for k, v in _DOT_ATTR.findall(m.group(3))}
            assert ", ".join(f'{k}="{v}"' for k, v in _DOT_ATTR.findall(m.group(3))) == m.group(3)
            edges.append((_unquote(m.group(1)), _unquote(m.group(2)), attrs))
        elif m := _DOT_NODE.match(line):
            assert ", ".join(f'{k}="{v}"' for k, v in _DOT_ATTR.findall(m.group(2))) == m.group(2)
            nodes[_unquote(m.group(1))] = {k: _unquote(v) for k, v in _DOT_ATTR.findall(m.group(2))}
        else:
            raise AssertionError(f"unparsable DOT line: {line!r}")
    return nodes, edges


def test_dot_parses_back(any_store: Any, tmp_path: Path) -> None:
    data = exported(any_store, "dot")
    nodes, edges = parse_dot(data.decode("utf-8"))
    want = expected(any_store)
    ids = node_ids(list(want.nodes))
    assert list(nodes) == list(ids.values()) and [a["iri"] for a in nodes.values()] == list(want.nodes)
    # DOT has one line break; \r\n and \r become \n
    assert all(nodes[ids[n]]["label"] == d["label"].replace("\r\n", "\n").replace("\r", "\n") for n, d in want.nodes(data=True))
    assert Counter((u, w, a["relation"]) for u, w, a in edges) == edge_multiset(want, ids)
    dot = shutil.which("dot")
    if dot:  # Graphviz itself, where installed, must accept it too
        run = subprocess.run([dot, "-Tsvg"], input=data, capture_output=True, timeout=120)
        assert run.returncode == 0, run.stderr.decode()
        etree.fromstring(run.stdout)


def test_every_format_names_nodes_and_edges_alike(any_store: Any) -> None:
    """A node or edge found in one tool is found by the same id in every other, with the same IRI."""
    graphml = nx.read_graphml(io.BytesIO(exported(any_store, "graphml")), force_multigraph=True)
    gexf = nx.read_gexf(io.BytesIO(exported(any_store, "gexf")))
    cyjs = json.loads(exported(any_store, "cyjs"))["elements"]
    nodes_text, _, edges_text = exported(any_store, "csv").decode("utf-8").partition("\r\n\r\n")
    dot_nodes, dot_edges = parse_dot(exported(any_store, "dot").decode("utf-8"))
    by_format = {
        "graphml": {n: d["iri"] for n, d in graphml.nodes(data=True)},
        "gexf": {n: d["iri"] for n, d in gexf.nodes(data=True)},
        "cyjs": {n["data"]["id"]: n["data"]["iri"] for n in cyjs["nodes"]},
        "csv": {r["Id"]: r["iri"] for r in csv.DictReader(io.StringIO(nodes_text))},
        "dot": {n: a["iri"] for n, a in dot_nodes.items()},
    }
    assert by_format["graphml"] and all(ids == by_format["graphml"] for ids in by_format.values())
    edges = {
        "graphml": sorted((k, u, w) for u, w, k in graphml.edges(keys=True)),
        "gexf": sorted((d["id"], u, w) for u, w, d in gexf.edges(data=True)),
        "cyjs": sorted((e["data"]["id"], e["data"]["source"], e["data"]["target"]) for e in cyjs["edges"]),
        "csv": sorted((r["Id"], r["Source"], r["Target"]) for r in csv.DictReader(io.StringIO(edges_text))),
        "dot": sorted((a["id"], u, w) for u, w, a in dot_edges),
    }
    assert all(found == edges["cyjs"] for found in edges.values())


def test_hostile_text_survives_every_format(tmp_path: Path) -> None:
    store = store_from_turtle(HOSTILE, tmp_path)
    visible = NASTY.replace("\u0001", "").replace("\u0008", "").replace("\u000b", "")
    back = nx.read_graphml(io.BytesIO(exported(store, "graphml")))
    assert visible in {d["label"] for _, d in back.nodes(data=True)}
    back = nx.read_gexf(io.BytesIO(exported(store, "gexf")))
    assert visible in {d["label"] for _, d in back.nodes(data=True)}
    assert visible in {n["data"]["name"] for n in json.loads(exported(store, "cyjs"))["elements"]["nodes"]}
    nodes, _ = parse_dot(exported(store, "dot").decode("utf-8"))
    assert visible in {a["label"] for a in nodes.values()}
    assert "line one\nline two\n\tand a tab" in {a["label"] for a in nodes.values()}


def test_kg_export_command_writes_graph_formats(tmp_path: Path) -> None:
    from kg.cli import cli

    out = out_dir_from_turtle(HOSTILE, tmp_path / "out")
    runner = CliRunner()
    for fmt in GRAPH_FORMATS:
        target = tmp_path / f"graph.{fmt}"
        result = runner.invoke(cli, ["export", "--out", str(out), "-o", str(target)])
        assert result.exit_code == 0, result.output
        if fmt != "csv":
            assert target.stat().st_size > 0
    assert not (tmp_path / "graph.csv").exists()  # csv is two files beside it, nothing else
    assert (tmp_path / "graph.nodes.csv").stat().st_size > 0 and (tmp_path / "graph.edges.csv").stat().st_size > 0
    result = runner.invoke(cli, ["export", "--out", str(out), "--format", "gexf"])
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"<?xml")
