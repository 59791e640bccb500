"""Long work shows its progress: a bar on a terminal, plain lines in a log, silence with --quiet; stdout stays clean."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS, keyword_extractor, progress_lines

import kg.parallel
from kg.cli import cli
from kg.model import Document, Extraction
from kg.progress import Counts, Tracker

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    """Two documents and an empty file, which is skipped."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("The EU decided to close crossings.\n")
    (folder / "b.md").write_text("# Note\n\nNothing about the Union.\n")
    (folder / "empty.txt").write_text("")
    return folder


def run_on_terminal(args: list[str], cwd: Path) -> tuple[int, bytes, str]:
    """Run `args` with stderr on a pseudo-terminal 120 columns wide; exit code, stdout, and what the terminal showed."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    shown = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            shown += data
        elif proc.poll() is not None:
            break
    os.close(master)
    stdout = proc.stdout.read() if proc.stdout else b""
    return proc.wait(timeout=60), stdout, shown.decode("utf-8", "replace")


def screen_lines(shown: str) -> list[str]:
    """Every line the terminal was shown, in order (each redraw of the bar too), colours and cursor moves dropped."""
    parts = re.split(r"\r\n|\r|\n", ANSI.sub("", shown))
    return [part.rstrip() for part in parts if part.strip()]


def test_build_on_a_terminal_draws_a_bar_that_ends_complete(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, shown = run_on_terminal([sys.executable, "-c", "from kg.cli import main; main()", "build", str(docs), "--out", str(out)], tmp_path)
    lines = screen_lines(shown)
    assert (code, stdout) == (1, b""), shown
    # the skipped file on a line of its own, above the bar
    assert "skipped docs/empty.txt: empty file" in lines  # named relative to the working folder
    # the bar's last frame: done, every document accounted for, and how they went
    last_bar = [line for line in lines if "3/3 documents" in line][-1]
    assert re.fullmatch(r"\s*done\s+━+ 3/3 documents \d+\.\d/s", last_bar), last_bar
    assert lines[-2].strip() == "read 3 · unchanged 0 · parsed 2 · stored 2 · skipped 1"
    assert re.fullmatch(rf"2 built, 0 unchanged, 1 skipped; 2 documents, \d+ triples in {out}/graph\.ttl", lines[-1])
    # the stages it went through, as the bar showed them
    stages = {m.group(1) for line in lines if (m := re.match(r"^\S?\s*(listing|reading|parsing|storing|writing Turtle|saving|done)\s+━", line))}
    assert {"parsing", "done"} <= stages


def test_build_without_a_terminal_writes_plain_lines_and_nothing_on_stdout(docs: Path, tmp_path: Path, model_free: None) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), "--progress-every", "1"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert progress_lines(result.stderr) == ["1/3 documents, R/s, about T left", "2/3 documents, R/s, about T left", "3/3 documents, R/s"]
    others = [line for line in result.stderr.splitlines() if not re.match(r"\d+/3 documents", line)]
    assert others[0] == f"skipped {docs / 'empty.txt'}: empty file"
    assert re.fullmatch(rf"2 built, 0 unchanged, 1 skipped; 2 documents, \d+ triples in {out}/graph\.ttl", others[1])
    assert len(others) == 2


def test_small_build_without_a_terminal_logs_no_progress_line(docs: Path, tmp_path: Path, model_free: None) -> None:
    """Fewer documents than --progress-every (1000) and under 30 seconds: problems and the summary only."""
    result = CliRunner().invoke(cli, ["build", str(docs), "--out", str(tmp_path / "out")])
    assert result.stdout == ""
    assert [re.sub(r"\d+ triples", "N triples", line) for line in result.stderr.splitlines()] == [
        f"skipped {docs / 'empty.txt'}: empty file",
        f"2 built, 0 unchanged, 1 skipped; 2 documents, N triples in {tmp_path / 'out'}/graph.ttl",
    ]


def test_quiet_prints_only_problems_and_the_summary(docs: Path, tmp_path: Path, model_free: None) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), "--quiet", "--progress-every", "1"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert [re.sub(r"\d+ triples", "N triples", line) for line in result.stderr.splitlines()] == [
        f"skipped {docs / 'empty.txt'}: empty file",
        f"2 built, 0 unchanged, 1 skipped; 2 documents, N triples in {out}/graph.ttl",
    ]
    (docs / "empty.txt").unlink()
    again = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), "-q", "--progress-every", "1"])
    assert (again.exit_code, again.stdout) == (0, "")
    assert re.fullmatch(rf"0 built, 2 unchanged, 0 skipped; 2 documents, \d+ triples in {out}/graph\.ttl\n", again.stderr)


def test_eval_shows_build_progress_on_stderr_and_scores_on_stdout(tmp_path: Path, model_free: None) -> None:
    from conftest import GOLD

    result = CliRunner().invoke(cli, ["eval", "--gold", str(GOLD), str(SEEDS), "--json", "--progress-every", "1"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("{")
    assert progress_lines(result.stderr) == ["1/2 documents, R/s, about T left", "2/2 documents, R/s"]
    quiet = CliRunner().invoke(cli, ["eval", "--gold", str(GOLD), str(SEEDS), "--json", "-q", "--progress-every", "1"])
    assert (quiet.exit_code, quiet.stderr, quiet.stdout) == (0, "", result.stdout)


def test_a_build_reports_each_document_once_and_ends_at_the_total(docs: Path, tmp_path: Path) -> None:
    from kg.pipeline import build_graph

    seen: list[Counts] = []
    build_graph([docs], tmp_path / "out", extractor=keyword_extractor, use_cache=False, on_progress=seen.append)
    last = seen[-1]
    assert (last.total, last.done, last.read, last.unchanged, last.parsed, last.stored, last.skipped, last.stage) == (3, 3, 3, 0, 2, 2, 1, "done")
    assert [c.done for c in seen] == sorted(c.done for c in seen)  # never goes back
    assert all(c.stored <= c.parsed <= c.read for c in seen)

    again: list[Counts] = []
    build_graph([docs], tmp_path / "out", extractor=keyword_extractor, use_cache=False, on_progress=again.append)
    assert (again[-1].done, again[-1].unchanged, again[-1].parsed, again[-1].stored) == (3, 2, 0, 0)


def test_a_broken_progress_display_does_not_break_the_build(docs: Path, tmp_path: Path) -> None:
    from kg.pipeline import build_graph

    def broken(counts: Counts) -> None:
        raise BrokenPipeError("stderr is gone")

    report = build_graph([docs], tmp_path / "out", extractor=keyword_extractor, use_cache=False, on_progress=broken)
    assert len(report.built) == 2


def test_parsed_counts_what_workers_finished_not_what_they_were_given() -> None:
    seen: list[Counts] = []
    tracker = Tracker(seen.append)
    tracker.finished_parsing(8)  # a worker finished a chunk of 8 ahead of the in-order stream
    tracker.yielded_parsed()
    assert tracker.counts.parsed == 8
    for _ in range(9):
        tracker.yielded_parsed()  # an extractor that does not report is counted as it yields
    assert tracker.counts.parsed == 10
    assert [c.parsed for c in seen] == [8, 9, 10]


def fake_chunk(chunk: list[Document]) -> list[Extraction]:
    """A worker's task without spaCy: the keyword extractor, texts left out as extract_chunk does."""
    return list(keyword_extractor(chunk))


def test_worker_pool_reports_each_chunk_when_it_has_finished(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.parallel, "extract_chunk", fake_chunk)
    monkeypatch.setattr(kg.parallel, "_warm_up", lambda: None)
    documents = [Document(f"d{i}", f"d{i}.txt", "The EU acts.", "The EU acts.", f"{i:064x}") for i in range(20)]
    reported: list[int] = []
    out = []
    for extraction in kg.parallel.extract_parallel(documents, 2, on_done=reported.append):
        out.append(extraction)
        assert sum(reported) >= len(out)  # reported when the worker finished, before it is handed over
    assert [e.document.id for e in out] == [d.id for d in documents]
    assert sorted(reported) == [4, 8, 8]  # chunks of 8, each once
