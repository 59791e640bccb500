"""What progress reporting costs a build: the same build with and without it, interleaved, in one run.

Three ways to run `kg build CORPUS --workers 2 --no-cache` into a fresh folder:

- quiet: `--quiet`, no progress at all (the baseline);
- plain: stderr to a pipe with `--progress-every 1`, a line per document (the worst case of a log);
- bar: stderr on a pseudo-terminal, the rich bar redrawn four times a second.

Rounds run the three in a rotating order so that drift of the machine spreads
over all of them; the figures are each mode's median wall time and median CPU
time (user + system of the build and its worker processes) against quiet's.
CPU time is the steadier figure on a shared machine: another job's load
stretches wall time but not the CPU a build spends.

    python benchmarks/progress.py --docs 100 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
KG = [sys.executable, "-c", "from kg.cli import main; main()"]
MODES = ("quiet", "plain", "bar")


def run(mode: str, corpus: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one build in `mode`; fails loudly if the build fails."""
    shutil.rmtree(out, ignore_errors=True)
    command = [*KG, "build", str(corpus), "--out", str(out), "--workers", "2", "--no-cache"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    if mode == "bar":
        code = _on_terminal(command)
    else:
        extra = ["--quiet"] if mode == "quiet" else ["--progress-every", "1"]
        done = subprocess.run(command + extra, capture_output=True)
        code = done.returncode
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and the workers it waited for
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if code != 0:
        raise RuntimeError(f"{mode} build failed with exit code {code}")
    return seconds, cpu


def _on_terminal(command: list[str]) -> int:
    """Run `command` with stderr on a pseudo-terminal, reading (and dropping) what it draws."""
    master, slave = os.openpty()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=slave, env={**os.environ, "TERM": "xterm-256color"})
    os.close(slave)
    while True:
        try:
            if not os.read(master, 65536):
                break
        except OSError:  # the child closed the terminal
            break
    os.close(master)
    return proc.wait()


def micro(events: int = 60_000, idle: float = 5.0) -> None:
    """The reporting cost itself, in this process: per snapshot through Tracker and each front end, and the bar's redraws."""
    import io
    from contextlib import redirect_stderr

    from kg.commands.reporting import Bar, PlainLines, Reporter
    from kg.progress import Tracker

    def per_event(show: Reporter) -> float:
        tracker = Tracker(show)
        tracker.start(events)
        start = time.process_time()
        with show:
            for _ in range(events):
                tracker.add(read=1, stored=1, done=1)
        return (time.process_time() - start) / events * 1e6

    with redirect_stderr(io.StringIO()):
        print(f"per snapshot, no front end: {per_event(Reporter()):.1f} µs", file=sys.__stderr__)
        print(f"per snapshot, plain lines (one per 1000): {per_event(PlainLines(1000)):.1f} µs", file=sys.__stderr__)
    os.environ["COLUMNS"] = "120"
    bar = Bar()
    print(f"per snapshot, bar: {per_event(bar):.1f} µs", file=sys.stderr)
    bar = Bar()
    with bar:
        bar(Tracker(None).counts)
        start = time.process_time()
        time.sleep(idle)
        redraws = time.process_time() - start
    print(f"bar redraws (4 a second): {redraws / idle * 1000:.1f} ms of CPU per second of build", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100, help="Documents in the generated corpus.")
    parser.add_argument("--rounds", type=int, default=5, help="Builds per mode.")
    parser.add_argument("--work", type=Path, default=None, help="Scratch folder (default: a temporary one).")
    parser.add_argument("--micro", action="store_true", help="Only measure the reporting cost in this process (seconds).")
    args = parser.parse_args()
    if args.micro:
        micro()
        return

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-progress-bench-"))
    corpus = work / "corpus"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(args.docs), "--out", str(corpus)], check=True)
    run("quiet", corpus, work / "out")  # warm-up: page cache, model files
    walls: dict[str, list[float]] = {mode: [] for mode in MODES}
    cpus: dict[str, list[float]] = {mode: [] for mode in MODES}
    for round_ in range(args.rounds):
        order = MODES[round_ % 3:] + MODES[: round_ % 3]
        for mode in order:
            seconds, cpu = run(mode, corpus, work / "out")
            walls[mode].append(seconds)
            cpus[mode].append(cpu)
            print(f"round {round_ + 1} {mode:5} wall {seconds:.2f} s, cpu {cpu:.2f} s", file=sys.stderr)
    wall0, cpu0 = statistics.median(walls["quiet"]), statistics.median(cpus["quiet"])
    print(f"\n{args.docs} documents, {args.rounds} builds per mode, `kg build --workers 2 --no-cache`\n")
    print("| mode | wall median (min–max) | vs quiet | CPU median (min–max) | vs quiet |")
    print("|---|---|---|---|---|")
    for mode in MODES:
        w, c = walls[mode], cpus[mode]
        print(
            f"| {mode} | {statistics.median(w):.2f} s ({min(w):.2f}–{max(w):.2f}) | {statistics.median(w) / wall0:.3f} "
            f"| {statistics.median(c):.2f} s ({min(c):.2f}–{max(c):.2f}) | {statistics.median(c) / cpu0:.3f} |"
        )
    for name, figures in (("wall", walls), ("CPU", cpus)):
        q = figures["quiet"]
        print(f"quiet's own {name} spread (max - min) / median: {(max(q) - min(q)) / statistics.median(q):.1%}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
