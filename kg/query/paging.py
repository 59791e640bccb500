"""Pages of a query's answer: LIMIT/OFFSET put into the query text, or the first rows of a running answer.

Oxigraph evaluates lazily: without ORDER BY, `LIMIT 50` stops after fifty
solutions, so a page of a large answer costs a page's work. With ORDER BY the
whole answer is sorted first; the page still saves writing it out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from kg.errors import UsageError
from kg.query.execute import blank_out

PAGE_SIZE = 50  # rows a terminal shows before `--all`
# the query's own LIMIT and OFFSET, in either order, at its very end (comments and strings blanked out first)
_TAIL = re.compile(r"(?:\s+(LIMIT|OFFSET)\s+(\d+))(?:\s+(LIMIT|OFFSET)\s+(\d+))?\s*\Z", re.IGNORECASE)


def paged_sparql(sparql: str, limit: int | None, offset: int = 0) -> str:
    """`sparql` answering only rows offset+1 … offset+limit of its answer (limit None: every row from offset+1).

    A LIMIT or OFFSET the query already ends with is combined with the page,
    so a page never reaches past the query's own last row.
    """
    if limit is None and not offset:
        return sparql
    if (limit is not None and limit < 0) or offset < 0:
        raise UsageError("--limit and --offset take a number of rows, 0 or more")
    code = blank_out(sparql).rstrip()
    body = sparql[: len(code)]
    own_limit, own_offset = None, 0
    match = _TAIL.search(code)
    if match:
        body = sparql[: match.start()]
        clauses = [(match.group(i).upper(), int(match.group(i + 1))) for i in (1, 3) if match.group(i)]
        for keyword, value in clauses:
            if keyword == "LIMIT":
                own_limit = value
            else:
                own_offset = value
    elif re.search(r"\}\s*\Z", code) and re.search(r"\bVALUES\b[^{}]*\{[^{}]*\}\s*\Z", code, re.IGNORECASE):
        raise UsageError("cannot page a query that ends with a VALUES block; move it into the WHERE clause or add LIMIT/OFFSET yourself")
    start = own_offset + offset
    rows = limit
    if own_limit is not None:
        left = max(own_limit - offset, 0)
        rows = left if rows is None else min(rows, left)
    tail = (f"\nLIMIT {rows}" if rows is not None else "") + (f"\nOFFSET {start}" if start else "")
    return body.rstrip() + tail + "\n"


class Page:
    """The rows of one page of a running answer; `total` reads (and counts, without keeping) the rows after it."""

    def __init__(self, rows: list[object], offset: int, skipped: int, rest: Iterator[object]) -> None:
        self.rows = rows
        self.offset = offset
        self._before = skipped
        self._rest = rest
        self._total: int | None = None

    @property
    def total(self) -> int:
        """How many rows the whole answer has."""
        if self._total is None:
            self._total = self._before + len(self.rows) + sum(1 for _ in self._rest)
        return self._total

    @property
    def more(self) -> bool:
        """Whether rows follow this page."""
        return self.offset + len(self.rows) < self.total

    def footer(self) -> str:
        """The line under a page that tells how many rows there are and how to get the others."""
        if not self.rows:
            return f"no rows at offset {self.offset} ({self.total:,} in all)"
        shown = f"rows {self.offset + 1}–{self.offset + len(self.rows)} of {self.total:,}"
        hints = []
        if self.more:
            hints.append(f"--offset {self.offset + len(self.rows)} for the next page")
        hints.append("--all (or --format csv/json/tsv/xml) for every row")
        return f"{shown}; {', '.join(hints)}"


def take_page(solutions: Iterable[object], limit: int, offset: int = 0) -> Page:
    """Rows offset+1 … offset+limit of a running answer; the rest is read only when `total` is asked."""
    it: Iterator[object] = iter(solutions)
    skipped = sum(1 for _ in islice(it, offset))
    return Page(list(islice(it, limit)), offset, skipped, it)
