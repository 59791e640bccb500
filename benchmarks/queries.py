"""Every shipped query on built graphs of several sizes: kg against rdflib in one run, and `kg serve` under load.

    python benchmarks/queries.py --graph 1000=/work/bench-data/out-1000 --graph 10000=/work/bench-data/out-10000

For each graph (an output folder of `kg build`), in its own process each:
  - the store (what `kg query` reads): median latency of the whole answer and
    of its first page (`LIMIT 50`, what a terminal shows) of every shipped query;
  - the in-memory replica `kg serve` answers from: its load time, the same medians;
  - rdflib: graph.ttl loaded into an rdflib.Graph, the same query text with the
    same prefixes and bindings, whole answer, given up after --rdflib-timeout s;
  - Turtle serialised from the store (`serialise_turtle`, what a build writes)
    against rdflib's `Graph.serialize` of the same graph already in memory;
  - peak RSS of `kg query --named evidence --format csv` (the largest answer, streamed);
  - `kg serve` under --clients concurrent clients, each asking every shipped
    query's first page (limit=50) --rounds times: median and worst latency,
    and how many answers were not 200.
Bindings: each query's defaults, and document parameters name the first two
documents (benchmarks/run.py `benchmark_params`). Prints Markdown tables and
writes JSON to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import PYTHON, benchmark_params, best_of_three, rdflib_side  # noqa: E402

PAGE = 50


def _median_runs(run: callable) -> tuple[float, int]:  # type: ignore[valid-type]
    """Median seconds of a few runs after one warm-up (fewer runs for slow queries) and the rows of the last."""
    first = time.perf_counter()
    rows = run()
    warm = time.perf_counter() - first
    runs = 7 if warm < 0.5 else 3 if warm < 10 else 1
    times = [warm] if runs == 1 else []
    for _ in range(runs if runs > 1 else 0):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), rows


def engine_side(out: Path, memory: bool) -> None:
    """Every shipped query on the store (or on the in-memory replica): whole answer and first page."""
    import pyoxigraph as ox

    from kg.answers import answer_for
    from kg.query.execute import run_query
    from kg.query.library import named_queries
    from kg.query.paging import paged_sparql
    from kg.store import GraphStore, open_store

    store = open_store(out)
    load_s = 0.0
    if memory:
        start = time.perf_counter()
        db = ox.Store()
        db.bulk_load(path=str(store.turtle), format=ox.RdfFormat.TURTLE)
        store = GraphStore(db, store.path, None, store.turtle)
        load_s = time.perf_counter() - start
    queries = {}
    for name, query in named_queries().items():
        bindings = benchmark_params(store, query)
        page = paged_sparql(query.sparql, PAGE)
        answer = answer_for(store, query.sparql, bindings)  # what `kg query` and `kg serve` answer from, where the build left one
        if answer is not None:
            whole_s, rows = _median_runs(lambda: sum(1 for _ in answer.result().value))  # noqa: B023
            page_s, _ = _median_runs(lambda: sum(1 for _ in answer.result(PAGE).value))  # noqa: B023
        else:
            whole_s, rows = _median_runs(lambda: sum(1 for _ in run_query(store, query.sparql, bindings).value))  # noqa: B023
            page_s, _ = _median_runs(lambda: sum(1 for _ in run_query(store, page, bindings).value))  # noqa: B023
        queries[name] = {"whole_ms": whole_s * 1000, "page_ms": page_s * 1000, "rows": rows, "precomputed": answer is not None}
        print(f"  {'memory' if memory else 'store'} {name}: {whole_s * 1000:.1f} ms whole, {page_s * 1000:.1f} ms page, {rows} rows", file=sys.stderr, flush=True)
    print(json.dumps({"load_s": load_s, "queries": queries}))


def turtle_side(out: Path) -> None:
    """Turtle from the store: `kg export`'s (the version's Turtle) and a full serialisation, best of three (one where a run takes over 20 s)."""

    from kg.export.rdf import export_turtle, serialise_turtle
    from kg.store import open_store

    store = open_store(out)
    figures: dict[str, object] = {"triples": store.default_size()}
    for key, write in [("export_s", export_turtle), ("serialise_s", serialise_turtle)]:
        figures[key], data = best_of_three(store, write)
        figures["bytes"] = len(data)
        figures[key.replace("_s", "_sha256")] = hashlib.sha256(data).hexdigest()
    figures["same_bytes"] = figures["export_sha256"] == figures["serialise_sha256"]
    print(json.dumps(figures))


def helper(name: str, *args: str) -> list[str]:
    return [PYTHON, str(Path(__file__).resolve()), name, *args]


def run_json(command: list[str], timeout: float | None = None) -> dict:  # type: ignore[type-arg]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def peak_rss_mb(command: list[str]) -> tuple[float, float]:
    """Peak RSS (MB) and wall time (s) of a command, its output thrown away."""
    stats = Path(os.environ.get("TMPDIR", "/tmp")) / f"kg-bench-rss-{os.getpid()}"
    start = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(stats), *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    kb = int(stats.read_text().split()[-1])
    stats.unlink()
    return kb / 1024, seconds


def serve_load(out: Path, clients: int, rounds: int) -> dict[str, object]:
    """`kg serve` (replica on) under `clients` concurrent clients asking every query's first page `rounds` times."""
    import requests

    sys.path.insert(0, str(HERE.parent / "tests"))
    from servers import free_port, stop

    from kg.query.library import named_queries
    from kg.store import open_store

    store = open_store(out)
    bodies = {name: (q.sparql, benchmark_params(store, q)) for name, q in named_queries().items()}
    del store
    port = free_port()
    log = out.parent / f"serve-{out.name}.log"
    with log.open("w") as stderr:
        proc = subprocess.Popen([*KG, "serve", "--out", str(out), "--port", str(port), "--timeout", "60", "-q"], stderr=stderr)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        start = time.perf_counter()
        while "replica loaded" not in log.read_text():
            if proc.poll() is not None or time.perf_counter() - start > 600:
                raise RuntimeError(f"kg serve did not load its replica: {log.read_text()}")
            time.sleep(0.2)
        replica_s = time.perf_counter() - start
        requests.get(url, params={"query": "ASK {}"}, timeout=60)
        latencies: dict[str, list[float]] = {name: [] for name in bodies}
        statuses: list[int] = []
        lock = threading.Lock()

        def client(index: int) -> None:
            names = list(bodies)
            with requests.Session() as session:
                for _ in range(rounds):
                    for name in names[index % len(names):] + names[: index % len(names)]:  # each client in its own order
                        sparql, bindings = bodies[name]
                        text = _bind(sparql, bindings) if bindings else sparql
                        begin = time.perf_counter()
                        answer = session.post(url, data={"query": text, "limit": str(PAGE)}, headers={"Accept": "text/csv"}, timeout=120)
                        spent = time.perf_counter() - begin
                        with lock:
                            latencies[name].append(spent)
                            statuses.append(answer.status_code)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        begin = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - begin
    finally:
        stop(proc)
    return {
        "clients": clients, "rounds": rounds, "replica_load_s": replica_s, "wall_s": wall, "requests": len(statuses),
        "not_200": sum(1 for s in statuses if s != 200), "server_errors": sum(1 for s in statuses if s >= 500),
        "queries": {name: {"median_ms": statistics.median(ts) * 1000, "max_ms": max(ts) * 1000} for name, ts in latencies.items()},
    }


def _bind(sparql: str, bindings: dict[str, object]) -> str:
    """The query with its parameters as VALUES right after the first WHERE's brace (what a client without SEP-0007 sends)."""
    values = " ".join(f"VALUES ?{k} {{ {term} }}" for k, term in bindings.items())
    head, brace, tail = sparql.partition("WHERE {")
    return f"{head}{brace} {values}{tail}"


KG = [str(Path(PYTHON).with_name("kg"))] if Path(PYTHON).with_name("kg").exists() else [PYTHON, "-c", "from kg.cli import main; main()"]


def measure(n: int, out: Path, rdflib_timeout: int, clients: int, rounds: int, log: callable) -> dict[str, object]:  # type: ignore[valid-type]
    r: dict[str, object] = {"documents": n, "out": str(out)}
    log(f"[{n}] store")
    r["store"] = run_json(helper("_engine", str(out), "store"))
    log(f"[{n}] in-memory replica")
    r["memory"] = run_json(helper("_engine", str(out), "memory"))
    log(f"[{n}] rdflib")
    r["rdflib"] = run_json(helper("_rdflib", str(out), str(rdflib_timeout)))
    log(f"[{n}] Turtle")
    r["turtle"] = run_json(helper("_turtle", str(out)))
    log(f"[{n}] memory of a streamed answer")
    mb, s = peak_rss_mb([*KG, "query", "--out", str(out), "--named", "evidence", "--format", "csv"])
    r["evidence_csv"] = {"peak_mb": mb, "s": s}
    log(f"[{n}] kg serve, {clients} clients")
    r["serve"] = serve_load(out, clients, rounds)
    return r


def tables(results: list[dict]) -> str:  # type: ignore[type-arg]
    """The Markdown report: per query and size, ours (store, replica, first page) beside rdflib; serve; growth; Turtle."""
    lines = []
    names = list(results[0]["store"]["queries"])
    for r in results:
        n = r["documents"]
        lines += [f"\n**{n:,} documents** (replica load {r['memory']['load_s']:.1f} s; rdflib load {r['rdflib']['load_s']:.1f} s)\n",
                  "| query | rows | store, whole | store, first page | replica, whole | replica, first page | rdflib, whole | rdflib ÷ store | rdflib ÷ replica | serve, first page, 16 clients (median / max) |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for name in names:
            s, m, serve = r["store"]["queries"][name], r["memory"]["queries"][name], r["serve"]["queries"][name]
            rd = r["rdflib"]["queries"].get(name, {})
            if "error" in rd:
                theirs, ratio_s, ratio_m = f"fails ({rd['error'].split(':')[0]})", "–", "–"
            elif rd.get("timed_out"):
                theirs = f"> {rd['median_ms'] / 1000:.0f} s"
                ratio_s, ratio_m = f"> {rd['median_ms'] / s['whole_ms']:.0f}×", f"> {rd['median_ms'] / m['whole_ms']:.0f}×"
            else:
                theirs = f"{rd['median_ms']:.0f} ms"
                ratio_s, ratio_m = f"{rd['median_ms'] / s['whole_ms']:.1f}×", f"{rd['median_ms'] / m['whole_ms']:.1f}×"
            mark = " †" if s.get("precomputed") else ""
            lines.append(f"| `{name}`{mark} | {s['rows']:,} | {s['whole_ms']:.1f} ms | {s['page_ms']:.1f} ms | {m['whole_ms']:.1f} ms | {m['page_ms']:.1f} ms | "
                         f"{theirs} | {ratio_s} | {ratio_m} | {serve['median_ms']:.0f} / {serve['max_ms']:.0f} ms |")
        if any(q.get("precomputed") for q in r["store"]["queries"].values()):
            lines.append("\n† answered from the answer the build precomputed (kg/answers.py), as `kg query` and `kg serve` answer it.")
        sv = r["serve"]
        lines.append(f"\n`kg serve`: {sv['clients']} clients × {sv['rounds']} rounds × {len(names)} queries = {sv['requests']} requests in {sv['wall_s']:.1f} s; "
                     f"not 200: {sv['not_200']} (5xx: {sv['server_errors']}); replica ready {sv['replica_load_s']:.1f} s after start.")
        t = r["turtle"]
        rd_t = r["rdflib"]["turtle_s"]
        lines.append(f"Turtle from the store ({t['triples']:,} triples): `kg export --format turtle` {t['export_s']:.2f} s ({rd_t / t['export_s']:.0f}× rdflib), "
                     f"a full serialisation {t['serialise_s']:.2f} s ({rd_t / t['serialise_s']:.1f}×), the same bytes: {'yes' if t['same_bytes'] else 'NO'}; rdflib {rd_t:.1f} s. "
                     f"`kg query --named evidence --format csv`: peak RSS {r['evidence_csv']['peak_mb']:.0f} MB, {r['evidence_csv']['s']:.1f} s.")
    if len(results) > 1:
        small, big = results[0], results[-1]
        lines += [f"\nGrowth {small['documents']:,} → {big['documents']:,} documents (ratio of medians):\n",
                  "| query | store, whole | store, first page | replica, whole | replica, first page |", "|---|---|---|---|---|"]
        def ratio(side: str, key: str, name: str) -> str:
            return f"{big[side]['queries'][name][key] / small[side]['queries'][name][key]:.1f}×"

        for name in names:
            lines.append(f"| `{name}` | {ratio('store', 'whole_ms', name)} | {ratio('store', 'page_ms', name)} | {ratio('memory', 'whole_ms', name)} | {ratio('memory', 'page_ms', name)} |")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        name, args = sys.argv[1], sys.argv[2:]
        {"_engine": lambda: engine_side(Path(args[0]), args[1] == "memory"), "_turtle": lambda: turtle_side(Path(args[0])),
         "_rdflib": lambda: rdflib_side(Path(args[0]), int(args[1]))}[name]()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", action="append", required=True, metavar="N=FOLDER", help="A built output folder of N documents (repeatable).")
    parser.add_argument("--rdflib-timeout", type=int, default=60)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--nice", type=int, default=0)
    args = parser.parse_args()
    os.nice(args.nice)
    started = time.time()

    def log(message: str) -> None:
        print(f"{time.time() - started:7.0f}s {message}", file=sys.stderr, flush=True)

    graphs = sorted((int(n), Path(folder)) for n, folder in (g.split("=", 1) for g in args.graph))
    results = [measure(n, out, args.rdflib_timeout, args.clients, args.rounds, log) for n, out in graphs]
    when = datetime.now(UTC)
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    print(f"Run {when:%Y-%m-%d %H:%M} UTC on {machine}; total {time.time() - started:.0f} s")
    print(tables(results))
    folder = HERE / "results"
    folder.mkdir(exist_ok=True)
    path = folder / f"queries-{when:%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps({"date": when.isoformat(), "machine": machine, "results": results}, indent=1))
    print(f"\nJSON: {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
