"""Progress of long work (a build, a push), reported through one plain callback.

The library counts; a front end draws. Long operations take an
`on_progress` callable and call it with a fresh `Counts` snapshot after each
change; the CLI turns the snapshots into a bar on a terminal, or into a plain
line now and then in a log. Nothing here draws, and nothing imports click.

Snapshots may arrive from a helper thread (worker pools report finished
chunks from their result thread), so a callback must be thread-safe and
quick. A callback that raises does not stop the work: progress is a view of
the work, never part of it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

STAGES = ("listing", "reading", "parsing", "storing", "writing Turtle", "precomputing answers", "saving", "pushing", "done")


@dataclass(frozen=True)
class Counts:
    """Where a long operation stands.

    `done` counts items finished one way or another (stored, unchanged,
    skipped, or a duplicate of one already read) and reaches `total` at the
    end. `read`, `unchanged`, `parsed`, `cached`, `stored` and `skipped` say
    how: `parsed` counts extractions that have finished, in any order, on
    whatever worker; `cached` those taken from the parse cache instead.
    """

    unit: str = "documents"
    total: int | None = None
    stage: str = ""
    done: int = 0
    read: int = 0
    unchanged: int = 0
    parsed: int = 0
    cached: int = 0
    stored: int = 0
    skipped: int = 0


ProgressCallback = Callable[[Counts], None]


class Tracker:
    """Keeps the counts of one operation and hands a snapshot to the callback after each change."""

    def __init__(self, on_progress: ProgressCallback | None, unit: str = "documents") -> None:
        self._callback = on_progress
        self._counts = Counts(unit=unit)
        self._lock = threading.Lock()
        self._reported_parsed = 0  # finished on workers, as they report it
        self._yielded_parsed = 0  # handed back by the extractor, in input order

    @property
    def counts(self) -> Counts:
        """The current snapshot."""
        return self._counts

    def start(self, total: int) -> None:
        """The number of items this operation will finish."""
        self._change(total=total)

    def stage(self, name: str) -> None:
        """What the operation is doing now (one of STAGES)."""
        if name != self._counts.stage:
            self._change(stage=name)

    def add(self, **deltas: int) -> None:
        """Add to counters, e.g. add(read=1) or add(stored=1, done=1)."""
        with self._lock:
            changes = {name: getattr(self._counts, name) + n for name, n in deltas.items()}
            self._counts = replace(self._counts, **changes)
            snapshot = self._counts
        self._emit(snapshot)

    def finished_parsing(self, n: int) -> None:
        """Workers report `n` extractions finished (callable from any thread)."""
        self._reported_parsed += n  # under the GIL an int += from one result thread is not torn
        self._parsed()

    def yielded_parsed(self) -> None:
        """The extractor handed back one extraction; counts it when the workers did not report it already."""
        self._yielded_parsed += 1
        self._parsed()

    def _parsed(self) -> None:
        # an extractor that reports what its workers finished runs ahead of the one that yields in order;
        # one that does not report is counted as it yields: the larger of the two is what has finished
        parsed = max(self._reported_parsed, self._yielded_parsed)
        if parsed > self._counts.parsed:
            self._change(parsed=parsed)

    def _change(self, **changes: object) -> None:
        with self._lock:
            if "parsed" in changes and changes["parsed"] <= self._counts.parsed:  # type: ignore[operator]
                return  # a slower thread's older figure
            self._counts = replace(self._counts, **changes)  # type: ignore[arg-type]
            snapshot = self._counts
        self._emit(snapshot)

    def _emit(self, snapshot: Counts) -> None:
        if self._callback is None:
            return
        try:
            self._callback(snapshot)
        except Exception:  # noqa: BLE001 - a broken display must not break a build
            self._callback = None
