"""`kg serve` under load: 16 clients for a bounded time, good queries right, bad ones refused, no 5xx.

The test builds a small graph without a model, starts `kg serve` on a free
loopback port as a subprocess, and runs 16 client threads (one keep-alive
connection each) that mix the shipped named queries with a malformed query
and several kinds of write attempt. It prints queries per second and the
p50/p99 latency.
"""

from __future__ import annotations

import http.client
import json
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
from servers import stop

from kg.model import Document, Entity, Evidence, Extraction, Observation, Relation

CLIENTS = 16
REQUESTS = 1200  # a fixed amount of load, so the test asserts what was answered, never how fast
HANG_GUARD = 600.0  # seconds after which a client thread counts as hung (a failure, not a speed check)
ACCEPT_JSON = "application/sparql-results+json"
MALFORMED = "SELECT ?x WHERE { ?x kg:funds }"

ACTORS = [("European Union", "InternationalOrganisation"), ("Frontex", "Agency"), ("Poland", "State"), ("Latvia", "State"), ("European Commission", "EUInstitution")]
MEASURES = ["border fence", "pushbacks", "asylum suspension", "surveillance drones", "reception centres", "deployment of officers", "visa restrictions"]
PRINCIPLES = ["non-refoulement", "right to asylum"]


def varied_extractor(documents: Iterable[Document]) -> Iterator[Extraction]:
    """A model-free extractor that gives each document several actors, measures, funds and relations."""
    for i, document in enumerate(documents):
        n = int(re.sub(r"\D", "", Path(document.path).stem) or i)
        ev = Evidence(0, len(document.text.rstrip("\n")), document.text.rstrip("\n"), "load-test")
        actor, kind = ACTORS[n % len(ACTORS)]
        other, other_kind = ACTORS[(n + 2) % len(ACTORS)]
        measure = MEASURES[n % len(MEASURES)]
        principle = PRINCIPLES[n % len(PRINCIPLES)]
        a, b = f"actor/{_slug(actor)}", f"actor/{_slug(other)}"
        m, p, f = f"measure/{_slug(measure)}", f"principle/{_slug(principle)}", f"fund/fund-{n % 4}"
        yield Extraction(
            document,
            [
                Entity(a, "Actor", actor, kind, evidence=ev),
                Entity(b, "Actor", other, other_kind, evidence=ev),
                Entity(m, "Measure", measure, status=["adopted", "planned", "proposed"][n % 3], negated=n % 5 == 0, evidence=ev),
                Entity(p, "LegalPrinciple", principle, evidence=ev),
                Entity(f, "Fund", f"fund {n % 4}", amount=str(1_000_000 * (n + 1)), currency="EUR", evidence=ev),
            ],
            [
                Relation(a, "adopts", m, ev),
                Relation(b, "funds", m, ev),
                Relation(m, "must-respect", p, ev) if "must-respect" in _relations() else Relation(a, "adopts", m, ev),
            ],
            [Observation("irregular crossings", str(100 + n), "people", ev, period=str(2020 + n % 5))],
        )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _relations() -> dict[str, str]:
    from kg import vocab as v

    return v.RELATIONS


@pytest.fixture(scope="module")
def served_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder with 40 documents' graph, built without a model."""
    from kg.pipeline import build_graph

    base = tmp_path_factory.mktemp("load")
    docs = base / "docs"
    docs.mkdir()
    for n in range(40):
        (docs / f"doc{n:02d}.txt").write_text(f"Report {n}\n\nThe EU and its partners acted on the border in case {n}.\n")
    report = build_graph([docs], base / "out", extractor=varied_extractor, use_cache=False)
    assert report.skipped == [] and report.documents == 40
    return base / "out"


def canonical(body: bytes) -> object:
    """A SPARQL JSON answer as a comparable value: the boolean, or the sorted rows."""
    data = json.loads(body)
    if "boolean" in data:
        return data["boolean"]
    return sorted(json.dumps(row, sort_keys=True) for row in data["results"]["bindings"])


def expected_answers(out: Path) -> dict[str, tuple[str, object, float]]:
    """Every shipped SELECT/ASK query (parameters left free) → (its SPARQL, its answer computed in-process, seconds it took)."""
    from io import BytesIO

    from kg.query.execute import run_query
    from kg.query.library import named_queries
    from kg.query.results import writer_for
    from kg.store import open_store

    store = open_store(out)
    answers = {}
    for name, query in named_queries().items():
        started = time.perf_counter()
        result = run_query(store, query.sparql)
        if result.kind not in ("select", "ask"):
            continue  # graph answers are served as RDF; the SELECT/ASK library is what clients call
        buffer = BytesIO()
        writer_for("json", result.kind).write(result, buffer)  # type: ignore[attr-defined]
        answers[name] = (query.sparql, canonical(buffer.getvalue()), time.perf_counter() - started)
    count = b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","datatype":"http://www.w3.org/2001/XMLSchema#integer","value":"40"}}]}}'
    answers["count"] = ("SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }", canonical(count), 0.0)
    return answers


@dataclass
class Server:
    """`kg serve` as a subprocess on a free loopback port."""

    proc: subprocess.Popen[str]
    host: str
    port: int
    log: list[str] = field(default_factory=list)

    def connect(self) -> http.client.HTTPConnection:
        """A keep-alive connection."""
        return http.client.HTTPConnection(self.host, self.port, timeout=30)


@pytest.fixture()
def server(served_graph: Path) -> Iterator[Server]:
    """Start `kg serve --port 0` and read the address it reports; stop it with SIGTERM afterwards."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", "0", "--out", str(served_graph), "--timeout", "20"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()
    found = re.search(r"http://(127\.0\.0\.1):(\d+)/", first)
    if not found:
        proc.kill()
        pytest.fail(f"kg serve did not start: {first}{proc.stderr.read()}")
    srv = Server(proc, found.group(1), int(found.group(2)))

    def drain() -> None:
        for line in proc.stderr:  # type: ignore[union-attr]
            srv.log.append(line)

    threading.Thread(target=drain, daemon=True).start()
    try:
        yield srv
    finally:
        stop(proc, timeout=20)


@dataclass
class Outcome:
    kind: str
    status: int
    seconds: float
    ok: bool
    detail: str = ""


def request(conn: http.client.HTTPConnection, kind: str, answers: dict[str, tuple[str, object, float]], rng: random.Random) -> Outcome:
    """One request of the given kind, judged."""
    started = time.perf_counter()
    if kind == "good":
        # every named query is asked, the costly ones (all-pairs comparisons) less often, as people would
        names = sorted(answers)
        name = rng.choices(names, weights=[1 / max(answers[n][2], 0.002) for n in names])[0]
        sparql, expected, _ = answers[name]
        if rng.random() < 0.5:
            conn.request("GET", "/sparql?" + urlencode({"query": sparql}), headers={"Accept": ACCEPT_JSON})
        else:
            conn.request("POST", "/sparql", body=sparql.encode(), headers={"Content-Type": "application/sparql-query", "Accept": ACCEPT_JSON})
        response = conn.getresponse()
        body = response.read()
        ok = response.status == 200 and canonical(body) == expected
        return Outcome(f"good:{name}", response.status, time.perf_counter() - started, ok, body[:200].decode(errors="replace"))
    if kind == "malformed":
        conn.request("GET", "/sparql?" + urlencode({"query": MALFORMED}), headers={"Accept": ACCEPT_JSON})
        response = conn.getresponse()
        body = response.read()
        ok = response.status == 400 and len(body.strip()) > 0
        return Outcome(kind, response.status, time.perf_counter() - started, ok, body[:200].decode(errors="replace"))
    # write attempts, each must be refused with 400 (not a query), 403 or 405
    variant = rng.choice(["update-post", "update-form", "update-get", "insert-as-query", "put", "delete"])
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    if variant == "update-post":
        conn.request("POST", "/sparql", body=update.encode(), headers={"Content-Type": "application/sparql-update"})
    elif variant == "update-form":
        conn.request("POST", "/sparql", body=urlencode({"update": update}).encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif variant == "update-get":
        conn.request("GET", "/sparql?" + urlencode({"update": update}))
    elif variant == "insert-as-query":
        conn.request("GET", "/sparql?" + urlencode({"query": update}), headers={"Accept": ACCEPT_JSON})
    elif variant == "put":
        conn.request("PUT", "/sparql?default", body=b"<urn:x> <urn:y> <urn:z> .", headers={"Content-Type": "application/n-triples"})
    else:
        conn.request("DELETE", "/sparql?default")
    response = conn.getresponse()
    body = response.read()
    ok = response.status in (400, 403, 405)
    return Outcome(f"write:{variant}", response.status, time.perf_counter() - started, ok, body[:200].decode(errors="replace"))


def test_sixteen_clients_get_right_answers_and_no_5xx(server: Server, served_graph: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = expected_answers(served_graph)
    assert len(answers) >= 5
    outcomes: list[Outcome] = []
    failures: list[str] = []
    lock = threading.Lock()
    budget = iter(range(REQUESTS))

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = server.connect()
        try:
            while True:
                with lock:
                    if next(budget, None) is None:
                        return
                kind = rng.choices(["good", "malformed", "write"], weights=[8, 1, 1])[0]
                try:
                    outcome = request(conn, kind, answers, rng)
                except (OSError, http.client.HTTPException) as err:
                    with lock:
                        failures.append(f"{kind}: {type(err).__name__}: {err}")
                    conn.close()
                    conn = server.connect()
                    continue
                with lock:
                    outcomes.append(outcome)
        finally:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=HANG_GUARD)
    assert not any(thread.is_alive() for thread in threads), "a client hung"
    elapsed = time.monotonic() - started

    latencies = sorted(o.seconds for o in outcomes)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    statuses = Counter(o.status for o in outcomes)
    with capsys.disabled():
        print(
            f"\nkg serve load: {len(outcomes)} requests from {CLIENTS} clients in {elapsed:.1f} s = {len(outcomes) / elapsed:.0f} q/s; "
            f"p50 {p50:.1f} ms, p99 {p99:.1f} ms; statuses {dict(sorted(statuses.items()))}"
        )

    assert failures == [], failures[:5]
    assert len(outcomes) == REQUESTS  # every request of the load was answered
    bad = [o for o in outcomes if not o.ok]
    assert bad == [], [(o.kind, o.status, o.detail) for o in bad[:5]]
    assert not any(status >= 500 for status in statuses)
    kinds = Counter(o.kind.split(":")[0] for o in outcomes)
    assert kinds["good"] and kinds["malformed"] and kinds["write"]
    cheap = {f"good:{name}" for name, (_, _, seconds) in answers.items() if seconds < 0.05}
    assert {o.kind for o in outcomes if o.kind.startswith("good:")} >= cheap  # each named query was asked and answered right

    # still answering, and never showed a traceback
    conn = server.connect()
    outcome = request(conn, "good", {"count": answers["count"]}, random.Random(0))
    conn.close()
    assert outcome.ok, outcome
    assert server.proc.poll() is None
    assert not any("Traceback" in line for line in server.log)


def test_malformed_query_gets_the_parsers_message(server: Server) -> None:
    conn = server.connect()
    conn.request("GET", "/sparql?" + urlencode({"query": MALFORMED}))
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    assert response.status == 400
    assert body.strip() and "Traceback" not in body


@pytest.fixture()
def busy_graph(served_graph: Path, tmp_path: Path) -> Path:
    """A private copy of the served graph, for a test that builds into it while it is served."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(served_graph, out, symlinks=True)
    return out


def test_serve_keeps_answering_while_builds_swap_the_store(busy_graph: Path, tmp_path: Path) -> None:
    from kg.pipeline import build_graph

    proc = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--port", "0", "--out", str(busy_graph), "-q"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None
        found = re.search(r"http://(127\.0\.0\.1):(\d+)/", proc.stderr.readline())
        assert found, "kg serve did not start"
        srv = Server(proc, found.group(1), int(found.group(2)))
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }"
        seen: list[int] = []
        problems: list[str] = []
        done = threading.Event()

        def client() -> None:
            conn = srv.connect()
            last = 0
            while not done.is_set():
                conn.request("GET", "/sparql?" + urlencode({"query": count}), headers={"Accept": ACCEPT_JSON})
                response = conn.getresponse()
                body = response.read()
                if response.status != 200:
                    problems.append(f"{response.status}: {body[:200]!r}")
                    continue
                n = int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
                if n < last:
                    problems.append(f"went back from {n} to {last} documents")
                last = n
                seen.append(n)
            conn.close()

        clients = [threading.Thread(target=client) for _ in range(4)]
        for thread in clients:
            thread.start()
        docs = tmp_path / "more"
        docs.mkdir()
        try:
            for n in range(40, 44):  # four builds, each adds a document and swaps the store
                (docs / f"doc{n:02d}.txt").write_text(f"Report {n}\n\nThe EU and its partners acted on the border in case {n}.\n")
                build_graph([docs], busy_graph, extractor=varied_extractor, use_cache=False)
                time.sleep(0.3)
        finally:
            done.set()
            for thread in clients:
                thread.join(timeout=60)
        assert problems == [], problems[:5]
        assert set(seen) <= set(range(40, 45)) and 44 in seen, sorted(set(seen))
    finally:
        stop(proc, timeout=20)
