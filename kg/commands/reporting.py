"""The CLI side of progress: a bar on a terminal, a plain line now and then in a log, silence with --quiet.

The library hands `kg.progress.Counts` snapshots to a callback; `reporter()`
picks the callback for where stderr goes. Every reporter also carries
`echo`, which prints a problem line (a skipped file, a warning) on a line of
its own, above the bar when there is one. stdout is never touched.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable
from types import TracebackType
from typing import Any

import click

from kg.progress import Counts

EVERY = 1000  # documents between two plain lines, unless --progress-every says otherwise
INTERVAL = 30.0  # seconds between two plain lines at most, while work goes on
AFTER_DOCUMENTS = ("writing Turtle", "precomputing answers", "saving")  # stages that follow the last document


def stderr_is_terminal() -> bool:
    """Whether a person watches stderr: a terminal that can move the cursor."""
    try:
        return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


def duration(seconds: float) -> str:
    """'40 s', '10 min', '1 h 5 min': a time left as people say it."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def rate_and_left(done: int, total: int | None, rate: float | None) -> str:
    """'14.2/s, about 10 min left' (what can be said of it)."""
    if not rate:
        return ""
    text = f"{rate:.1f}/s"
    if total is not None and done < total:
        text += f", about {duration((total - done) / rate)} left"
    return text


def details(counts: Counts) -> str:
    """How the documents went: 'read 1310 · unchanged 0 · parsed 1240 · stored 1200 · skipped 2'."""
    if counts.unit != "documents":
        return ""
    parts = [f"read {counts.read}", f"unchanged {counts.unchanged}", f"parsed {counts.parsed}"]
    if counts.cached:
        parts.append(f"from cache {counts.cached}")
    parts += [f"stored {counts.stored}", f"skipped {counts.skipped}"]
    return " · ".join(parts)


class Reporter:
    """Takes progress snapshots and problem lines; a context manager around the work."""

    def __call__(self, counts: Counts) -> None:
        """A new snapshot of the work."""

    def echo(self, line: str) -> None:
        """A line of its own on stderr (a skipped file, a warning)."""
        click.echo(line, err=True)

    def __enter__(self) -> Reporter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        """Stop drawing; what was drawn stays."""


class PlainLines(Reporter):
    """'1200/10000 documents, 14.2/s, about 10 min left' every `every` items and every `interval` seconds."""

    def __init__(self, every: int = EVERY, interval: float = INTERVAL) -> None:
        self.every = every
        self.interval = interval
        self.lock = threading.Lock()
        self.latest: Counts | None = None
        self.started = time.monotonic()
        self.last_line = self.started
        self.last_step = 0
        self.stopped = threading.Event()
        self.ticker = threading.Thread(target=self._tick, name="kg-progress", daemon=True)

    def __enter__(self) -> Reporter:
        self.started = self.last_line = time.monotonic()
        self.ticker.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stopped.set()

    def __call__(self, counts: Counts) -> None:
        with self.lock:
            self.latest = counts
            step = counts.done // self.every
            if step > self.last_step:
                self.last_step = step
                self._write(counts)

    def echo(self, line: str) -> None:
        with self.lock:
            click.echo(line, err=True)

    def line(self, counts: Counts, now: float) -> str:
        """The plain line for a snapshot."""
        elapsed = now - self.started
        rate = counts.done / elapsed if counts.done and elapsed > 0 else None
        total = "?" if counts.total is None else counts.total
        parts = [f"{counts.done}/{total} {counts.unit}"]
        if tail := rate_and_left(counts.done, counts.total, rate):
            parts.append(tail)
        if counts.stage and (counts.done == 0 or counts.stage in AFTER_DOCUMENTS):
            parts.append(counts.stage)
        return ", ".join(parts)

    def _write(self, counts: Counts) -> None:
        now = time.monotonic()
        self.last_line = now
        click.echo(self.line(counts, now), err=True)

    def _tick(self) -> None:
        while not self.stopped.wait(min(self.interval, 1.0)):
            with self.lock:
                if self.latest is not None and time.monotonic() - self.last_line >= self.interval:
                    self._write(self.latest)


class Bar(Reporter):
    """A rich progress bar on stderr: stage, bar, done/total, rate, time left; the counts on a second line."""

    def __init__(self) -> None:
        from rich.console import Console, RenderableType
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn
        from rich.text import Text

        class RateColumn(ProgressColumn):
            """'14.2/s, about 10 min left', from rich's moving estimate of the speed."""

            def render(self, task: Task) -> Text:
                done = int(task.completed)
                total = None if task.total is None else int(task.total)
                return Text(rate_and_left(done, total, task.speed))

        class TwoLines(Progress):
            """The bar, then the counts of how the documents went."""

            def get_renderables(self) -> Iterable[RenderableType]:
                yield self.make_tasks_table(self.tasks)
                text = details(owner.counts) if owner.counts else ""
                if text:
                    yield Text("  " + text, style="dim")

        owner = self
        self.counts: Counts | None = None
        self.Text = Text
        self.progress = TwoLines(
            SpinnerColumn(finished_text=" "),
            TextColumn("{task.fields[stage]:<14}"),
            BarColumn(bar_width=None),
            MofNCompleteColumn(),
            TextColumn("{task.fields[unit]}"),
            RateColumn(),
            console=Console(stderr=True, highlight=False),
            redirect_stdout=False,
            redirect_stderr=False,
            refresh_per_second=4,
            speed_estimate_period=60,
            expand=True,
        )
        self.task = self.progress.add_task("", total=None, stage="", unit="", start=False)

    def __enter__(self) -> Reporter:
        self.progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.progress.stop()

    def __call__(self, counts: Counts) -> None:
        self.counts = counts
        fields: dict[str, Any] = {"stage": counts.stage, "unit": counts.unit}
        if counts.total is not None and not self.progress.tasks[0].started:
            self.progress.start_task(self.task)
        self.progress.update(self.task, total=counts.total, completed=counts.done, **fields)

    def echo(self, line: str) -> None:
        self.progress.console.print(self.Text(line), soft_wrap=True)


def reporter(quiet: bool = False, every: int = EVERY) -> Reporter:
    """The reporter for this run: silence with --quiet, a bar on a terminal, plain lines otherwise."""
    if quiet:
        return Reporter()
    if stderr_is_terminal():
        return Bar()
    return PlainLines(every)
