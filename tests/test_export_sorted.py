"""The bounded-memory export writes the same bytes as sorting every triple in memory."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.export.rdf as rdf
from kg.store import GraphStore


@pytest.mark.parametrize("run_lines", [1, 7, 1000])
def test_external_sort_equals_in_memory_sort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_lines: int) -> None:
    rng = random.Random(run_lines)
    store = GraphStore(ox.Store(str(tmp_path / "s")), tmp_path / "s")
    g = ox.NamedNode("https://w3id.org/policy-kg/id/graph/x")
    words = ["a", "ab", "abc", "b", "é", "z\u00e9", "\u4e2d", 'quote " and \\ and \n', ""]
    quads = []
    for _ in range(300):
        s = ox.NamedNode("https://w3id.org/policy-kg/id/actor/" + rng.choice(["x", "x-1", "xy", "y"]))
        p = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#" + rng.choice(["label", "comment", "seeAlso"]))
        o = rng.choice(
            [ox.Literal(rng.choice(words)), ox.Literal(rng.choice(words), language="en"),
             ox.Literal(str(rng.randint(0, 99)), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
             ox.NamedNode("https://w3id.org/policy-kg/id/measure/" + rng.choice(["m", "m-2", "n"]))]
        )
        quads.append(ox.Quad(s, p, o, g))
    store.replace_graph(g, quads)
    monkeypatch.setattr(rdf, "RUN_LINES", run_lines)
    for fmt, export in [(ox.RdfFormat.TURTLE, rdf.export_turtle), (ox.RdfFormat.N_TRIPLES, rdf.export_ntriples)]:
        ours, reference = io.BytesIO(), io.BytesIO()
        export(store, ours)
        rdf.write_triples(store.default_triples(), reference, fmt)
        assert ours.getvalue() == reference.getvalue()


def test_turtle_export_is_the_store_versions_own_turtle_and_equals_a_fresh_serialisation(seeds_copy: Path) -> None:
    from kg.export.rdf import export_turtle
    from kg.pipeline import build_graph
    from kg.store import GRAPH_FILE, open_store

    version_file = (seeds_copy / "store").resolve() / GRAPH_FILE
    assert (seeds_copy / GRAPH_FILE).read_bytes() == version_file.read_bytes()  # the published graph.ttl is the current version's
    copied = io.BytesIO()
    export_turtle(open_store(seeds_copy), copied)
    original = version_file.read_bytes()
    version_file.unlink()
    version_file.write_bytes(b"# marker\n")  # the export copies this version's file, it does not serialise the store
    marked = io.BytesIO()
    export_turtle(open_store(seeds_copy), marked)
    assert marked.getvalue() == b"# marker\n"
    version_file.write_bytes(original)
    version_file.unlink()  # as in a store written before versions carried their Turtle
    assert open_store(seeds_copy).turtle is None
    serialised = io.BytesIO()
    export_turtle(open_store(seeds_copy), serialised)
    assert copied.getvalue() == serialised.getvalue() == (seeds_copy / GRAPH_FILE).read_bytes()
    report = build_graph([], seeds_copy)  # nothing changed: the Turtle is written once more, then carried by later versions
    assert report.built == []
    assert (seeds_copy / GRAPH_FILE).samefile((seeds_copy / "store").resolve() / GRAPH_FILE)
    assert (seeds_copy / GRAPH_FILE).read_bytes() == serialised.getvalue()


@pytest.mark.parametrize("seed", range(8))
def test_patched_turtle_equals_a_full_serialisation_after_random_changes(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    store = GraphStore(ox.Store(str(tmp_path / "s")), tmp_path / "s")
    locals_ = ["x", "x-1", "xy", "a%2Eb", "c~d", "é", "e.f"]
    bases = ["https://w3id.org/policy-kg/id/actor/", "https://w3id.org/policy-kg/id/measure/", "http://example.org/no-prefix/"]
    subjects = [ox.NamedNode(b + name) for b in bases for name in locals_] + [ox.BlankNode("ActorOrFund")]
    predicates = [ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#" + p) for p in ("label", "comment", "seeAlso")]
    objects = [ox.Literal("line\nbreak"), ox.Literal("a", language="en"), ox.Literal("b"), *subjects[:5]]

    def random_graph() -> list[ox.Quad]:
        return [ox.Quad(rng.choice(subjects), rng.choice(predicates), rng.choice(objects), ox.DefaultGraph()) for _ in range(rng.randint(0, 25))]

    graphs = [ox.NamedNode(f"https://w3id.org/policy-kg/id/graph/g{i}") for i in range(6)]
    for g in graphs:
        store.replace_graph(g, [ox.Quad(q.subject, q.predicate, q.object, g) for q in random_graph()])
    previous = tmp_path / "previous.ttl"
    with previous.open("wb") as stream:
        rdf.serialise_turtle(store, stream)
    for _ in range(3):
        store.touched.clear()
        for g in rng.sample(graphs, rng.randint(1, 3)):
            store.replace_graph(g, [ox.Quad(q.subject, q.predicate, q.object, g) for q in random_graph()])
        patched, full = io.BytesIO(), io.BytesIO()
        assert rdf.patch_turtle(store, previous, store.touched, patched)
        rdf.serialise_turtle(store, full)
        assert patched.getvalue() == full.getvalue()
        previous.write_bytes(patched.getvalue())


def test_patching_refuses_a_turtle_file_with_other_prefixes_and_writes_nothing(tmp_path: Path) -> None:
    store = GraphStore(ox.Store(str(tmp_path / "s")), tmp_path / "s")
    previous = tmp_path / "previous.ttl"
    previous.write_bytes(b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n")
    out = io.BytesIO()
    assert not rdf.patch_turtle(store, previous, set(), out)
    assert out.getvalue() == b""


def test_turtle_export_is_the_same_bytes_every_time_and_parses_back_to_the_stores_graph(seeds_copy: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli
    from kg.store import GRAPH_FILE, open_store

    runner = CliRunner()
    runs = [runner.invoke(cli, ["export", "--format", "turtle", "--out", str(seeds_copy)]) for _ in range(2)]
    assert all(run.exit_code == 0 for run in runs)
    assert runs[0].stdout_bytes == runs[1].stdout_bytes
    store = open_store(seeds_copy)
    graph = set(store.default_triples())
    assert {q.triple for q in ox.parse(runs[0].stdout_bytes, ox.RdfFormat.TURTLE)} == graph
    ((seeds_copy / "store").resolve() / GRAPH_FILE).unlink()  # no version Turtle: serialised from the store, the same bytes
    fresh = runner.invoke(cli, ["export", "--format", "turtle", "--out", str(seeds_copy)])
    assert fresh.stdout_bytes == runs[0].stdout_bytes
    assert {q.triple for q in ox.parse(fresh.stdout_bytes, ox.RdfFormat.TURTLE)} == graph
