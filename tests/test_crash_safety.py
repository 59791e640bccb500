"""Builds killed with SIGKILL at every step keep the last good graph; the lock never sticks; readers read on.

`kg build` runs as a real subprocess through a small driver (written below) that
swaps in the model-free extractor and stops at named checkpoints: after each
document is stored, half-way through writing graph.ttl, before and after the
store swap, and while the old store is removed. The test kills it at each one.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.pipeline import build_graph
from kg.store import open_store

TESTS = Path(__file__).resolve().parent
TIMEOUT = 60.0

DRIVER = r'''
"""Run `kg build` with the model-free extractor, pausing at checkpoints when asked (--pause)."""
import io, os, sys, types

sys.path.insert(0, TESTS)
from conftest import keyword_extractor

import kg.export.rdf, kg.parallel, kg.pipeline, kg.store

pause = sys.argv[1] == "--pause"
args = sys.argv[2:]


def checkpoint(name):
    if pause:
        sys.stderr.write(f"checkpoint {name}\n")
        sys.stderr.flush()
        if not sys.stdin.readline():
            os._exit(3)


kg.parallel.extract_parallel = lambda documents, workers, **_: keyword_extractor(documents)

real_init = kg.store.StoreWriter.__init__
def init(self, out_dir):
    real_init(self, out_dir)
    checkpoint("copied")
kg.store.StoreWriter.__init__ = init

real_store = kg.pipeline._store_extraction
def store_extraction(store, extraction, *rest):
    graph = real_store(store, extraction, *rest)
    checkpoint("stored " + os.path.basename(extraction.document.path))
    return graph
kg.pipeline._store_extraction = store_extraction

def halfway(real):
    """Write the graph file in two halves with a checkpoint between (whether serialised or patched)."""
    def write(*args):
        stream, buffer = args[-1], io.BytesIO()
        result = real(*args[:-1], buffer)
        data = buffer.getvalue()
        if data:
            stream.write(data[: len(data) // 2])
            stream.flush()
            checkpoint("graph half written")
            stream.write(data[len(data) // 2 :])
        return result
    return write
kg.export.rdf.serialise_turtle = halfway(kg.export.rdf.serialise_turtle)
kg.export.rdf.patch_turtle = halfway(kg.export.rdf.patch_turtle)

real_write = kg.pipeline._write_graph_file
def write_graph_file(store, out):
    real_write(store, out)
    checkpoint("graph written")
kg.pipeline._write_graph_file = write_graph_file

in_commit = []
real_rmtree = kg.store.shutil.rmtree
def rmtree(path, ignore_errors=False):
    if in_commit:
        checkpoint("removing old store")
    real_rmtree(path, ignore_errors=ignore_errors)
kg.store.shutil = types.SimpleNamespace(rmtree=rmtree)

real_commit = kg.store.StoreWriter.commit
def commit(self):
    checkpoint("committing")
    in_commit.append(True)
    real_commit(self)
    in_commit.clear()
    checkpoint("committed")
kg.store.StoreWriter.commit = commit

from kg.cli import main
sys.argv = ["kg", *args]
main()
'''


class Build:
    """A `kg build` subprocess that stops at each checkpoint until told to go on."""

    def __init__(self, driver: Path, *args: str, pause: bool = True) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(driver), "--pause" if pause else "--run", "build", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line)
            if line.startswith("checkpoint "):
                self.lines.put(line[len("checkpoint ") :].strip())
        self.lines.put(None)

    def checkpoints(self) -> Iterator[str]:
        """Each checkpoint reached; the build waits there until the next one is asked for."""
        while (name := self.lines.get(timeout=TIMEOUT)) is not None:
            yield name
            if self.proc.poll() is None:
                assert self.proc.stdin is not None
                self.proc.stdin.write("\n")
                self.proc.stdin.flush()

    def kill(self) -> None:
        """SIGKILL: no handler, no cleanup, as when the machine loses power under the process."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=TIMEOUT)

    def finish(self) -> int:
        """Let it run to the end; its exit code."""
        for _ in self.checkpoints():
            pass
        return self.proc.wait(timeout=TIMEOUT)


@pytest.fixture()
def driver(tmp_path: Path) -> Path:
    """The driver script, pointed at this tests folder for the fake extractor."""
    path = tmp_path / "driver.py"
    path.write_text(f"TESTS = {str(TESTS)!r}\n" + DRIVER)
    return path


@pytest.fixture(autouse=True)
def _steady_pipeline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A private snapshot of ontology/ (the pipeline version digests it) and no shared cache.

    Without the snapshot an edit to ontology/ while the test runs changes the pipeline
    version between two builds, and every document is rebuilt.
    """
    from kg.resources import ontology_dir

    snapshot = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), snapshot)
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(snapshot))
    monkeypatch.delenv("KG_CACHE_DIR", raising=False)


def write_corpus(folder: Path, version: int) -> Path:
    """Version 1: three documents. Version 2: one changed, two added (all still named)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text("Border news\n\nThe EU decided to close two crossings.\n")
    (folder / "b.txt").write_text("Fences\n\nThe EU will fund fences.\n" if version == 1 else "Fences\n\nThe EU will fund walls and fences.\n")
    (folder / "c.md").write_text("# Quiet\n\nNothing about the Union here.\n")
    if version == 2:
        (folder / "d.txt").write_text("Camps\n\nThe EU opened reception centres.\n")
        (folder / "e.md").write_text("# Pushbacks\n\nThe EU denies any pushbacks.\n")
    return folder


def dump(out: Path) -> tuple[bytes, bytes]:
    """graph.ttl and the store's named graphs as N-Quads: what must equal a clean build."""
    from io import BytesIO

    from kg.export.rdf import export_nquads

    buffer = BytesIO()
    export_nquads(open_store(out), buffer)
    return (out / "graph.ttl").read_bytes(), buffer.getvalue()


def diff(expected: bytes, actual: bytes) -> str:
    """The first lines of a unified diff, for a readable failure."""
    import difflib

    lines = difflib.unified_diff(expected.decode().splitlines(), actual.decode().splitlines(), "clean", "re-run", lineterm="", n=1)
    return "\n".join(list(lines)[:40])


def document_count(out: Path) -> int:
    """Documents in the current store, through a fresh read-only open."""
    rows = open_store(out).query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }")
    return int(next(iter(rows))["n"].value)  # type: ignore[call-overload]


_VALID: set[bytes] = set()


def assert_whole(out: Path, allowed: dict[bytes, str]) -> str:
    """graph.ttl is one of the allowed versions, parses, and is the current store's; the store opens. Returns the version's name."""
    from io import BytesIO

    import pyoxigraph as ox

    from kg.export.rdf import export_turtle

    data = (out / "graph.ttl").read_bytes()
    assert data in allowed, "graph.ttl is neither the old nor the new graph"
    exported = BytesIO()
    export_turtle(open_store(out), exported)
    assert exported.getvalue() == data, "kg export's Turtle (the store version's own) is not graph.ttl"
    assert len(list(ox.parse(data, ox.RdfFormat.TURTLE))) > 0
    if data not in _VALID:  # SHACL takes a second; each distinct graph is checked once
        from kg.validate import validate_output

        assert validate_output(out).conforms
        _VALID.add(data)
    assert document_count(out) in (3, 5)
    return allowed[data]


@pytest.fixture()
def reference(tmp_path_factory: pytest.TempPathFactory, fake_extractor) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Both corpus versions and the clean builds of each (in-process, same paths)."""
    base = tmp_path_factory.mktemp("crash")
    docs = base / "docs"
    write_corpus(docs, 1)
    build_graph([docs], base / "v1", extractor=fake_extractor)
    write_corpus(docs, 2)
    build_graph([docs], base / "v2-clean", extractor=fake_extractor)
    return {"docs": docs, "v1": base / "v1", "v2": dump(base / "v2-clean"), "base": base}


def test_sigkill_at_every_checkpoint_keeps_the_old_graph_and_a_rerun_equals_a_clean_build(
    driver: Path, reference: dict[str, object], fake_extractor  # type: ignore[no-untyped-def]
) -> None:
    docs, v1, base = Path(str(reference["docs"])), Path(str(reference["v1"])), Path(str(reference["base"]))
    v1_graph = (v1 / "graph.ttl").read_bytes()
    v2_graph, v2_quads = reference["v2"]  # type: ignore[misc]
    allowed = {v1_graph: "old", v2_graph: "new"}

    # a dry run names the checkpoints of an update build from v1 to v2
    probe = base / "probe"
    shutil.copytree(v1, probe, symlinks=True)
    names = list(Build(driver, str(docs), "--out", str(probe)).checkpoints())
    assert names[:1] == ["copied"] and "graph half written" in names and names[-1] == "committed"
    assert sum(name.startswith("stored ") for name in names) == 3  # b changed, d and e new

    seen = []
    for index, name in enumerate(names):
        out = base / f"killed-{index}"
        shutil.copytree(v1, out, symlinks=True)
        build = Build(driver, str(docs), "--out", str(out))
        for i, reached in enumerate(build.checkpoints()):
            if i == index:
                assert reached == name
                build.kill()
                break
        version = assert_whole(out, allowed)
        seen.append((name, version))
        # the kernel dropped the dead build's lock: the next build runs, and ends where a clean build ends
        rerun = build_graph([docs], out, extractor=fake_extractor)
        assert rerun.skipped == []
        graph, quads = dump(out)
        assert graph == v2_graph, f"graph.ttl after a kill at '{name}' and a re-run differs from a clean build:\n{diff(v2_graph, graph)}"
        assert quads == v2_quads, f"the store after a kill at '{name}' and a re-run differs from a clean build:\n{diff(v2_quads, quads)}"
        leftovers = sorted(p.name for p in out.iterdir() if p.name.startswith("store-") or p.name.endswith(".tmp"))
        assert leftovers == [os.readlink(out / "store")], f"stale store folders or temporary files after a kill at '{name}'"
    # before the swap, readers see the old graph; the store is only ever old or new, never between
    assert dict(seen)["copied"] == "old"
    assert dict(seen)["committed"] == "new"


def test_a_second_build_is_refused_while_one_runs_and_a_killed_one_leaves_no_lock(
    driver: Path, reference: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_extractor  # type: ignore[no-untyped-def]
) -> None:
    import kg.parallel
    from kg.cli import cli

    monkeypatch.setattr(kg.parallel, "extract_parallel", lambda documents, workers, **_: fake_extractor(documents))
    docs = Path(str(reference["docs"]))
    out = tmp_path / "out"
    shutil.copytree(Path(str(reference["v1"])), out, symlinks=True)

    first = Build(driver, str(docs), "--out", str(out))
    steps = first.checkpoints()
    assert next(steps) == "copied"  # holds the lock, half-way into its work
    second = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out)])
    assert second.exit_code == 1
    assert second.stderr == (
        f"Error: another `kg build` (pid {first.proc.pid}) is writing to '{out}'; wait for it to finish or use another --out\n"
    )
    assert document_count(out) == 3  # readers still read the last good store
    first.kill()

    third = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out)])
    assert third.exit_code == 0, third.stderr
    assert document_count(out) == 5


def test_readers_keep_working_through_builds(driver: Path, reference: dict[str, object], tmp_path: Path) -> None:
    docs = Path(str(reference["docs"]))
    out = tmp_path / "out"
    shutil.copytree(Path(str(reference["v1"])), out, symlinks=True)
    stop = threading.Event()
    errors: list[BaseException] = []
    counts: list[int] = []

    def read() -> None:
        while not stop.is_set():
            try:
                counts.append(document_count(out))
            except BaseException as err:  # noqa: BLE001 - any failure is the finding
                errors.append(err)
            time.sleep(0.002)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for round_ in range(3):
            (docs / "b.txt").write_text(f"Fences\n\nThe EU will fund {round_ + 2} fences.\n")  # every round rewrites the store
            build = Build(driver, str(docs), "--out", str(out), pause=False)
            assert build.finish() == 0, "".join(build.stderr)
        time.sleep(0.2)
    finally:
        stop.set()
        for thread in readers:
            thread.join(timeout=TIMEOUT)
    assert errors == [], f"{len(errors)} reads failed during builds, first: {errors[0]!r}"
    assert set(counts) <= {3, 5} and len(counts) > 10
