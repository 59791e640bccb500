"""The first-sight ledger: each evaluation text scored once, before any rule changed for it.

One JSON line per text (`tests/firstsight/ledger.jsonl`), appended and never rewritten. The headline extraction
figure is the micro P/R/F1 over every line's counts. No click here; `kg eval --ledger` is the thin layer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.errors import UsageError
from kg.evaluate import CATEGORIES, EvalResult, Score


class LedgerError(UsageError):
    """The ledger cannot take the line as asked."""


def read_ledger(path: str | Path) -> list[dict[str, Any]]:
    """The ledger's lines in order; an absent ledger has none."""
    p = Path(path)
    if not p.exists():
        return []
    lines = []
    for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            lines.append(json.loads(raw))
        except json.JSONDecodeError as err:
            raise LedgerError(f"{p}:{n}: not a JSON line ({err.msg})") from None
    return lines


def ledger_lines(result: EvalResult, genres: dict[str, str], date: str, commit: str) -> list[dict[str, Any]]:
    """One ledger line per scored document of an evaluation."""
    out = []
    for doc in result.documents:
        if not doc.in_graph:
            raise LedgerError(f"{doc.document} is not in the graph: build it before scoring it")
        if doc.document not in genres:
            raise LedgerError(f"no genre is given for {doc.document}")
        out.append({"text": doc.document, "genre": genres[doc.document], "date": date, "commit": commit,
                    "micro": {c: _counts(doc.scores[c]) for c in CATEGORIES}})
    return out


def append_lines(path: str | Path, lines: list[dict[str, Any]]) -> None:
    """Append first scorings; a text already in the ledger is refused, since only its first scoring counts."""
    known = {line["text"] for line in read_ledger(path)}
    again = sorted(line["text"] for line in lines if line["text"] in known)
    if again:
        raise LedgerError(f"already scored at first sight, never again: {', '.join(again)}")
    with Path(path).open("a", encoding="utf-8") as f:
        f.writelines(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines)


def summary(lines: list[dict[str, Any]]) -> dict[str, Score]:
    """Micro counts per category, summed over the ledger's lines."""
    total = {c: Score() for c in CATEGORIES}
    for line in lines:
        for c in CATEGORIES:
            counts = line["micro"][c]
            total[c].add(Score(counts["tp"], counts["fp"], counts["fn"]))
    return total


def format_summary(lines: list[dict[str, Any]]) -> str:
    """The README's headline table: micro P/R/F1 over the first scorings, with texts and genres counted."""
    total = summary(lines)
    genres = sorted({line["genre"] for line in lines})

    def pct(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}"

    rows = [f"first-sight ledger: {len(lines)} texts, {len(genres)} genres", "",
            f"{'category':<12} {'P':>5} {'R':>5} {'F1':>5} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for c in CATEGORIES:
        s = total[c]
        rows.append(f"{c:<12} {pct(s.precision):>5} {pct(s.recall):>5} {pct(s.f1):>5} {s.tp:>5} {s.fp:>5} {s.fn:>5}")
    return "\n".join(rows)


def _counts(score: Score) -> dict[str, Any]:
    def r(x: float | None) -> float | None:
        return None if x is None else round(x, 4)

    return {"p": r(score.precision), "r": r(score.recall), "f1": r(score.f1), "tp": score.tp, "fp": score.fp, "fn": score.fn}
