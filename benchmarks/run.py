"""Benchmarks of `kg` against its baselines, measured in one run, at several corpus sizes.

    python benchmarks/run.py --sizes 100 1000 10000

For each size it generates a synthetic corpus (benchmarks/generate.py), then
measures every figure of issue 6 next to its baseline, prints a Markdown
table (figures, targets, met or not) and a table of how cost grows with N,
and writes everything as JSON to benchmarks/results/. Every timed command
runs in its own process under /usr/bin/time (wall time and peak RSS), at
nice 10 so that it does not starve other work on the machine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import document, generate  # noqa: E402

PYTHON = sys.executable
KG = [str(Path(PYTHON).with_name("kg"))] if Path(PYTHON).with_name("kg").exists() else [PYTHON, "-c", "from kg.cli import main; main()"]
STARTUP_RUNS = 9
QUERY_RUNS = 7


@dataclass
class Timed:
    """Wall time (s) and peak resident memory (MB) of one command."""

    seconds: float
    peak_mb: float
    stdout: str


def timed(command: list[str], env: dict[str, str] | None = None) -> Timed:
    """Run `command` under /usr/bin/time; fail loudly if it fails."""
    stats = Path(os.environ.get("TMPDIR", "/tmp")) / f"kg-bench-time-{os.getpid()}"
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", "-o", str(stats), *command],
        capture_output=True, text=True, env={**os.environ, **(env or {})},
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    seconds, kb = stats.read_text().split()[-2:]
    stats.unlink()
    return Timed(float(seconds), int(kb) / 1024, done.stdout)


def wall(command: list[str]) -> float:
    """Wall time of one run of `command` (perf_counter, for short commands)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def median_wall(command: list[str], runs: int = STARTUP_RUNS) -> float:
    """Median wall time of `runs` runs after one warm-up run."""
    wall(command)
    return statistics.median(wall(command) for _ in range(runs))


# --- helpers run in their own process ------------------------------------------------------------------


def bare_pipe(corpus: Path) -> None:
    """The floor: import spaCy, load kg's model (same components), read the texts, run nlp.pipe (batch 64) in one process."""
    start = time.perf_counter()
    from kg.extract import load_pipeline

    nlp = load_pipeline().nlp
    loaded = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    read = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    done = time.perf_counter()
    words = sum(len(t.split()) for t in texts)
    print(json.dumps({"load_s": loaded - start, "read_s": read - loaded, "pipe_s": done - read, "words": words}))


def benchmark_params(store: object, query: object) -> dict[str, object]:
    """The bindings each query is timed with: its defaults, but document parameters name the first two documents.

    With both documents left free, `claims-diff` compares every pair: D² rows, not a question anyone asks.
    """
    from kg.query.library import bind_params

    given = {}
    paths = sorted(row["p"].value for row in store.query("SELECT ?p WHERE { ?d a kg:Document ; kg:sourcePath ?p }"))  # type: ignore[attr-defined]
    documents = [p for p in query.params if p.type == "document" and not p.default]  # type: ignore[attr-defined]
    for param, path in zip(documents, paths):
        given[param.name] = path
    return bind_params(store, query, given)  # type: ignore[arg-type]


def oxigraph_query(out: Path, name: str) -> None:
    """Median latency of one shipped query on the built store (one warm-up run)."""
    from kg.query.execute import run_query
    from kg.query.library import named_queries
    from kg.store import open_store

    store = open_store(out)
    query = named_queries()[name]
    bindings = benchmark_params(store, query)
    times, rows = [], 0
    for _ in range(QUERY_RUNS + 1):
        start = time.perf_counter()
        rows = len(list(run_query(store, query.sparql, bindings).value))  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
        if times[-1] > 5:
            break
    print(json.dumps({"median_ms": statistics.median(times[1:] or times) * 1000, "rows": rows}))


def oxigraph_side(out: Path, timeout: int) -> None:
    """Every shipped query (each in its own process, given up after `timeout` s), our Turtle export, triples."""

    from kg.export.rdf import export_turtle, serialise_turtle
    from kg.query.library import named_queries
    from kg.store import open_store

    queries: dict[str, object] = {}
    for name in named_queries():
        try:
            done = subprocess.run(helper("_query", str(out), name), capture_output=True, text=True, timeout=timeout, check=True)
            queries[name] = json.loads(done.stdout)
        except subprocess.TimeoutExpired:
            queries[name] = {"median_ms": timeout * 1000, "rows": -1, "timed_out": True}
    store = open_store(out)
    export_s, data = best_of_three(store, export_turtle)  # `kg export`: the store version's own graph.ttl
    serialise_s, _ = best_of_three(store, serialise_turtle)  # what a build pays to write it
    size = len(data)
    print(json.dumps({"queries": queries, "turtle_s": export_s, "serialise_s": serialise_s, "turtle_bytes": size, "triples": store.default_size()}))


def best_of_three(store: object, write: callable) -> tuple[float, bytes]:  # type: ignore[valid-type]
    """The best of three timed runs of `write(store, buffer)` (one if a run takes over 20 s), and the bytes written."""
    times, data = [], b""
    for _ in range(3):
        buffer = io.BytesIO()
        start = time.perf_counter()
        write(store, buffer)
        times.append(time.perf_counter() - start)
        data = buffer.getvalue()
        if times[-1] > 20:
            break
    return min(times), data


def rdflib_side(out: Path, timeout: int) -> None:
    """The same queries (same text, same prefixes, same bindings) and a Turtle export with rdflib in memory."""
    import signal

    import pyoxigraph as ox
    import rdflib

    from kg import vocab as v
    from kg.query.library import named_queries
    from kg.store import open_store

    def to_rdflib(term: object) -> rdflib.term.Node:
        if isinstance(term, ox.NamedNode):
            return rdflib.URIRef(term.value)
        assert isinstance(term, ox.Literal)
        datatype = None if term.language or term.datatype.value.endswith("#string") else rdflib.URIRef(term.datatype.value)
        return rdflib.Literal(term.value, lang=term.language, datatype=datatype)

    class Timeout(Exception):
        pass

    def alarm(signum: int, frame: object) -> None:
        raise Timeout

    signal.signal(signal.SIGALRM, alarm)
    start = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(out / "graph.ttl", format="turtle")
    load_s = time.perf_counter() - start
    store = open_store(out)
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in v.PREFIXES.items())
    queries = {}
    for name, query in named_queries().items():
        bindings = {rdflib.Variable(k): to_rdflib(t) for k, t in benchmark_params(store, query).items()}
        times: list[float] = []
        try:
            while len(times) < 3:
                signal.alarm(timeout)
                begin = time.perf_counter()
                rows = len(list(graph.query(prefixes + query.sparql, initBindings=bindings)))
                times.append(time.perf_counter() - begin)
                signal.alarm(0)
                if times[-1] > 2:
                    break
            queries[name] = {"median_ms": statistics.median(times) * 1000, "rows": rows}
        except Timeout:
            queries[name] = {"median_ms": timeout * 1000, "timed_out": True}
        except Exception as err:  # rdflib cannot run every valid query
            queries[name] = {"median_ms": float("nan"), "error": f"{type(err).__name__}: {err}"[:200]}
        finally:
            signal.alarm(0)
    start = time.perf_counter()
    data = graph.serialize(format="turtle", encoding="utf-8")
    turtle_s = time.perf_counter() - start
    print(json.dumps({"load_s": load_s, "queries": queries, "turtle_s": turtle_s, "turtle_bytes": len(data)}))


# --- one size --------------------------------------------------------------------------------------------


def helper(name: str, *args: str) -> list[str]:
    """The command that runs one of this file's helpers in a fresh process."""
    return [PYTHON, str(Path(__file__).resolve()), name, *args]


def measure(n: int, work: Path, rdflib_timeout: int, log: callable, keep: bool = False) -> dict[str, object]:  # type: ignore[valid-type]
    """Every figure for one corpus size."""
    root = work / str(n)
    shutil.rmtree(root, ignore_errors=True)
    corpus = root / "corpus"
    generate(n, corpus)
    r: dict[str, object] = {"documents": n}

    log(f"[{n}] bare nlp.pipe")
    pipe = timed(helper("_pipe", str(corpus)))
    r["pipe"] = {**json.loads(pipe.stdout), "process_s": pipe.seconds, "peak_mb": pipe.peak_mb}

    log(f"[{n}] kg build --workers 1")
    w1 = timed([*KG, "build", str(corpus), "--out", str(root / "w1"), "--workers", "1", "--no-cache", "-q"])
    r["build_w1"] = {"s": w1.seconds, "peak_mb": w1.peak_mb}

    log(f"[{n}] kg build --workers 2")
    w2 = timed([*KG, "build", str(corpus), "--out", str(root / "w2"), "--workers", "2", "--no-cache", "-q"])
    r["build_w2"] = {"s": w2.seconds, "peak_mb": w2.peak_mb}
    r["same_graph_w1_w2"] = (root / "w1" / "graph.ttl").read_bytes() == (root / "w2" / "graph.ttl").read_bytes()
    shutil.rmtree(root / "w1")

    log(f"[{n}] kg build, nothing changed")
    rebuild = timed([*KG, "build", str(corpus), "--out", str(root / "w2"), "--workers", "2", "-q"])
    r["rebuild"] = {"s": rebuild.seconds, "peak_mb": rebuild.peak_mb}

    log(f"[{n}] queries and Turtle export: oxigraph")
    r["oxigraph"] = json.loads(timed(helper("_oxigraph", str(root / "w2"), str(rdflib_timeout))).stdout)
    log(f"[{n}] queries and Turtle export: rdflib")
    rdf = timed(helper("_rdflib", str(root / "w2"), str(rdflib_timeout)))
    r["rdflib"] = {**json.loads(rdf.stdout), "peak_mb": rdf.peak_mb}

    log(f"[{n}] start-up")
    r["startup"] = {
        "import_click_s": median_wall([PYTHON, "-c", "import click"]),
        "kg_help_s": median_wall([*KG, "--help"]),
        "kg_query_s": median_wall([*KG, "query", "--out", str(root / "w2"), "--format", "csv", "ASK { ?s ?p ?o }"]),
    }

    log(f"[{n}] add one document")
    extra = root / "extra" / "new.txt"
    extra.parent.mkdir(parents=True)
    import random

    extra.write_text(document(random.Random(f"extra-{n}")), encoding="utf-8")
    alone = timed([*KG, "build", str(extra), "--out", str(root / "alone"), "--workers", "1", "--no-cache", "-q"])
    added = timed([*KG, "build", str(extra), "--out", str(root / "w2"), "--workers", "1", "--no-cache", "-q"])
    r["add_one"] = {"s": added.seconds, "alone_s": alone.seconds}
    r["graph_ttl_mb"] = (root / "w2" / "graph.ttl").stat().st_size / 1e6
    if not keep:
        shutil.rmtree(root)
    return r


# --- report ------------------------------------------------------------------------------------------------


def verdict(value: float, target: float, at_most: bool) -> str:
    """'met' or 'missed', with the margin."""
    ok = value <= target if at_most else value >= target
    return f"met ({value / target:.2f} of target)" if ok else f"**missed** ({value / target:.2f}× the target)"


def figures(results: list[dict[str, object]]) -> list[tuple[str, str, str, str, str]]:
    """The issue's figures: (figure, value, baseline, target, verdict), for the largest size."""
    big = results[-1]
    n = big["documents"]
    rows = []
    pipe = big["pipe"]["process_s"]  # type: ignore[index]
    w1 = big["build_w1"]["s"]  # type: ignore[index]
    w2 = big["build_w2"]["s"]  # type: ignore[index]
    ratio = w1 / pipe
    rows.append((f"build --workers 1 ÷ bare nlp.pipe ({n} docs)", f"{w1:.1f} s", f"{pipe:.1f} s (pipe alone {big['pipe']['pipe_s']:.1f} s)", "≤ 1.25", verdict(ratio, 1.25, True) + f"; ratio {ratio:.2f}"))  # type: ignore[index]
    speed = w1 / w2
    rows.append(("speed-up --workers 2 over --workers 1", f"{w2:.1f} s", f"{w1:.1f} s", "≥ 1.6×", verdict(speed, 1.6, False) + f"; {speed:.2f}×"))
    re_ = big["rebuild"]["s"] / w2  # type: ignore[index]
    rows.append(("rebuild, nothing changed ÷ first build", f"{big['rebuild']['s']:.2f} s", f"{w2:.1f} s", "≤ 0.05", verdict(re_, 0.05, True) + f"; {re_:.3f}"))  # type: ignore[index]
    add = big["add_one"]  # type: ignore[index]
    a = add["s"] / add["alone_s"]
    rows.append((f"add 1 document to {n} ÷ build it alone", f"{add['s']:.2f} s", f"{add['alone_s']:.2f} s", "≤ 3", verdict(a, 3, True) + f"; {a:.2f}"))
    smaller = [r for r in results if r["documents"] < n]
    tenth = min(smaller, key=lambda r: abs(r["documents"] * 10 - n)) if smaller else None  # the issue compares N with N/10
    if tenth is not None:
        m = big["build_w1"]["peak_mb"] / tenth["build_w1"]["peak_mb"]  # type: ignore[index]
        rows.append((f"peak RSS at {n} ÷ at {tenth['documents']} (build --workers 1)", f"{big['build_w1']['peak_mb']:.0f} MB", f"{tenth['build_w1']['peak_mb']:.0f} MB", "≤ 1.5", verdict(m, 1.5, True) + f"; {m:.2f}"))  # type: ignore[index]
    ox_q, rdf_q = big["oxigraph"]["queries"], big["rdflib"]["queries"]  # type: ignore[index]
    for name in ox_q:
        ours = ox_q[name]["median_ms"]
        theirs = rdf_q.get(name, {}).get("median_ms", float("nan"))
        timed_out = rdf_q.get(name, {}).get("timed_out")
        error = rdf_q.get(name, {}).get("error")
        speed = theirs / ours if ours else float("inf")
        ok = ours <= 100 and (speed >= 20 or bool(error))
        rows.append((
            f"query `{name}` median ({ox_q[name]['rows']} rows)", f"{'> ' if ox_q[name].get('timed_out') else ''}{ours:.1f} ms",
            f"rdflib fails: {error.split(':')[0]}" if error else f"rdflib {'> ' if timed_out else ''}{theirs:.0f} ms",
            "≤ 100 ms and ≥ 20×",
            ("met" if ok else "**missed**") + ("" if error else f"; {'> ' if timed_out else ''}{speed:.0f}×"),
        ))
    t_ours, t_rdf = big["oxigraph"]["turtle_s"], big["rdflib"]["turtle_s"]  # type: ignore[index]
    rows.append((f"Turtle export ({big['oxigraph']['triples']} triples), `kg export`: rdflib ÷ ours", f"{t_ours:.2f} s", f"rdflib {t_rdf:.1f} s", "≥ 10×", verdict(t_rdf / t_ours, 10, False) + f"; {t_rdf / t_ours:.1f}×"))  # type: ignore[index]
    t_ser = big["oxigraph"]["serialise_s"]  # type: ignore[index]
    rows.append(("Turtle serialised from the store (what a build writes): rdflib ÷ ours", f"{t_ser:.2f} s", f"rdflib {t_rdf:.1f} s", "≥ 10×", verdict(t_rdf / t_ser, 10, False) + f"; {t_rdf / t_ser:.1f}×"))
    s = big["startup"]  # type: ignore[index]
    for key, label in (("kg_help_s", "`kg --help`"), ("kg_query_s", "`kg query` (ASK on the graph)")):
        ratio = s[key] / s["import_click_s"]
        rows.append((f"{label} start-up ÷ `python -c 'import click'`", f"{s[key] * 1000:.0f} ms", f"{s['import_click_s'] * 1000:.0f} ms", "≤ 2.5", verdict(ratio, 2.5, True) + f"; {ratio:.2f}"))
    return rows


def growth(results: list[dict[str, object]]) -> list[list[str]]:
    """How cost grows with N: one row per measure, one column per size."""
    def col(f: callable) -> list[str]:  # type: ignore[valid-type]
        return [f(r) for r in results]

    return [
        ["words", *col(lambda r: f"{r['pipe']['words']:,}")],
        ["triples (merged graph)", *col(lambda r: f"{r['oxigraph']['triples']:,}")],
        ["bare nlp.pipe process (s)", *col(lambda r: f"{r['pipe']['process_s']:.1f}")],
        ["build --workers 1 (s)", *col(lambda r: f"{r['build_w1']['s']:.1f}")],
        ["build --workers 2 (s)", *col(lambda r: f"{r['build_w2']['s']:.1f}")],
        ["build --workers 1 per document (ms)", *col(lambda r: f"{r['build_w1']['s'] / r['documents'] * 1000:.0f}")],
        ["rebuild, nothing changed (s)", *col(lambda r: f"{r['rebuild']['s']:.2f}")],
        ["add one document (s)", *col(lambda r: f"{r['add_one']['s']:.2f}")],
        ["peak RSS build --workers 1 (MB)", *col(lambda r: f"{r['build_w1']['peak_mb']:.0f}")],
        ["peak RSS build --workers 2, main process (MB)", *col(lambda r: f"{r['build_w2']['peak_mb']:.0f}")],
        ["graph.ttl (MB)", *col(lambda r: f"{r['graph_ttl_mb']:.1f}")],
        ["Turtle export, `kg export` (s)", *col(lambda r: f"{r['oxigraph']['turtle_s']:.2f}")],
        ["Turtle serialised from the store (s)", *col(lambda r: f"{r['oxigraph']['serialise_s']:.2f}")],
        ["Turtle export, rdflib (s)", *col(lambda r: f"{r['rdflib']['turtle_s']:.1f}")],
        ["rdflib: load graph.ttl (s)", *col(lambda r: f"{r['rdflib']['load_s']:.1f}")],
        ["slowest named query, ours (ms)", *col(lambda r: f"{max(q['median_ms'] for q in r['oxigraph']['queries'].values()):.1f}")],
        ["slowest named query, rdflib (ms)", *col(lambda r: f"{max((q['median_ms'] for q in r['rdflib']['queries'].values() if 'error' not in q), default=0):.0f}")],
        ["`kg query` start-up (ms)", *col(lambda r: f"{r['startup']['kg_query_s'] * 1000:.0f}")],
    ]


def markdown(header: list[str], rows: list[list[str]] | list[tuple[str, ...]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    """Run the benchmarks for the given sizes; print the tables and write JSON."""
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        name, args = sys.argv[1], sys.argv[2:]
        {"_pipe": lambda: bare_pipe(Path(args[0])), "_oxigraph": lambda: oxigraph_side(Path(args[0]), int(args[1])),
         "_query": lambda: oxigraph_query(Path(args[0]), args[1]),
         "_rdflib": lambda: rdflib_side(Path(args[0]), int(args[1]))}[name]()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "kg-bench", help="Scratch folder.")
    parser.add_argument("--rdflib-timeout", type=int, default=120, help="Give up on one query (ours or rdflib's) after this many seconds.")
    parser.add_argument("--nice", type=int, default=10, help="Niceness of the benchmark and everything it runs.")
    parser.add_argument("--keep", action="store_true", help="Keep each size's corpus and graph in --work (for profiling afterwards).")
    args = parser.parse_args()
    os.nice(args.nice)
    started = time.time()

    def log(message: str) -> None:
        print(f"{time.time() - started:7.0f}s {message}", file=sys.stderr, flush=True)

    results = [measure(n, args.work, args.rdflib_timeout, log, args.keep) for n in sorted(args.sizes)]
    when = datetime.now(UTC)
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    table = markdown(["figure", "kg", "baseline", "target", "verdict"], figures(results))
    grow = markdown(["N documents", *(f"{r['documents']:,}" for r in results)], growth(results))
    print(f"Run {when:%Y-%m-%d %H:%M} UTC on {machine}; total {time.time() - started:.0f} s\n\n{table}\n\n{grow}")
    folder = HERE / "results"
    folder.mkdir(exist_ok=True)
    path = folder / f"{when:%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps({"date": when.isoformat(), "machine": machine, "results": results}, indent=1))
    print(f"\nJSON: {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
