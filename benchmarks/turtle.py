"""Where the time of Turtle from the store goes: each stage, the whole serialisation, `kg export` and rdflib, in one run.

    python benchmarks/turtle.py /work/bench-data/out-1000 [--rounds 3]

On one built output folder, in one process, best of --rounds each:
  - the Oxigraph dump of the merged (default) graph from the on-disk store, as
    N-Triples and as Turtle (with and without kg's prefixes), and of every graph;
  - the Python-side work of `serialise_turtle` on that dump: sorting the lines,
    reading them back as terms, writing sorted Turtle (with and without prefixes);
  - `serialise_turtle` whole (what a build pays when it cannot patch the
    previous version's Turtle) and `export_turtle` (what `kg export --format
    turtle` runs: the store version's own Turtle);
  - rdflib's `Graph.serialize(format="turtle")` of the same graph, already in memory.
Prints a Markdown table; writes JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def best(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    import pyoxigraph as ox
    import rdflib

    from kg.export import rdf
    from kg.store import open_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    store = open_store(args.out)
    db = store.store
    default = ox.DefaultGraph()
    rows: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-turtle-") as tmp:
        nt = Path(tmp) / "dump.nt"

        def stage(name: str, run: Callable[[], object]) -> None:
            rows[name] = best(args.rounds, run)
            print(f"  {name}: {rows[name]:.2f} s", file=sys.stderr, flush=True)

        stage("dump default graph, N-Triples (Rust, from RocksDB)", lambda: db.dump(str(nt), ox.RdfFormat.N_TRIPLES, from_graph=default))
        stage("dump default graph, Turtle with prefixes (store order)", lambda: db.dump(str(Path(tmp) / "d.ttl"), ox.RdfFormat.TURTLE, from_graph=default, prefixes=rdf._PREFIXES))
        stage("dump default graph, Turtle without prefixes (store order)", lambda: db.dump(str(Path(tmp) / "d.ttl"), ox.RdfFormat.TURTLE, from_graph=default))
        stage("count default graph (no term decoded)", lambda: db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").serialize(format=ox.QueryResultsFormat.CSV))
        data = nt.read_bytes()
        stage("sort the dump's lines (Python)", lambda: sorted(data.splitlines(True)))
        ordered = b"".join(sorted(data.splitlines(True)))
        stage("sorted N-Triples → terms (ox.parse, to a list)", lambda: list(ox.parse(ordered, ox.RdfFormat.N_TRIPLES)))
        stage("sorted N-Triples → Turtle with prefixes (ox.parse → ox.serialize)", lambda: ox.serialize(ox.parse(ordered, ox.RdfFormat.N_TRIPLES), None, ox.RdfFormat.TURTLE, prefixes=rdf._PREFIXES))
        stage("sorted N-Triples → Turtle without prefixes", lambda: ox.serialize(ox.parse(ordered, ox.RdfFormat.N_TRIPLES), None, ox.RdfFormat.TURTLE))
    stage("serialise_turtle, whole (from the store)", lambda: rdf.serialise_turtle(store, io.BytesIO()))
    stage("export_turtle (`kg export --format turtle`)", lambda: rdf.export_turtle(store, io.BytesIO()))
    graph = rdflib.Graph()
    start = time.perf_counter()
    graph.parse(store.turtle or args.out / "graph.ttl", format="turtle")
    load_s = time.perf_counter() - start
    stage("rdflib Graph.serialize(format='turtle'), graph in memory", lambda: graph.serialize(format="turtle", encoding="utf-8"))
    triples = store.default_size()
    base = rows["rdflib Graph.serialize(format='turtle'), graph in memory"]
    when = datetime.now(UTC)
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}"
    print(f"Run {when:%Y-%m-%d %H:%M} UTC on {machine}; {args.out}: {triples:,} triples; best of {args.rounds}; rdflib load {load_s:.1f} s\n")
    print("| stage | seconds | rdflib ÷ this |\n|---|---|---|")
    for name, seconds in rows.items():
        print(f"| {name} | {seconds:.2f} | {base / seconds:.1f}× |")
    folder = HERE / "results"
    folder.mkdir(exist_ok=True)
    (folder / f"turtle-{when:%Y%m%dT%H%M%S}.json").write_text(json.dumps({"date": when.isoformat(), "machine": machine, "out": str(args.out), "triples": triples, "seconds": rows}, indent=1))


if __name__ == "__main__":
    main()
