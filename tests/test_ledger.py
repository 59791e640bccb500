"""The first-sight ledger: append-only first scorings, and the README's headline is its micro summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.evaluate import EvalResult
from kg.ledger import LedgerError, append_lines, format_summary, ledger_lines, read_ledger, summary

ROOT = Path(__file__).resolve().parent.parent
FIRSTSIGHT = ROOT / "tests" / "firstsight"
LEDGER = FIRSTSIGHT / "ledger.jsonl"


def _line(text: str, tp: int = 1, fp: int = 0, fn: int = 0) -> dict:  # type: ignore[type-arg]
    counts = {"tp": tp, "fp": fp, "fn": fn, "p": None, "r": None, "f1": None}
    return {"text": text, "genre": "wire report", "date": "2026-11-28", "commit": "0" * 40,
            "micro": {c: dict(counts) for c in ("actors", "measures", "funds", "principles", "relations")}}


def test_a_text_is_scored_at_first_sight_only_once(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.jsonl"
    append_lines(ledger, [_line("a.txt"), _line("b.txt", tp=2, fp=2)])
    with pytest.raises(LedgerError, match=r"^already scored at first sight, never again: b\.txt$"):
        append_lines(ledger, [_line("b.txt"), _line("c.txt")])
    assert [line["text"] for line in read_ledger(ledger)] == ["a.txt", "b.txt"]
    total = summary(read_ledger(ledger))["relations"]
    assert (total.tp, total.fp, total.fn) == (3, 2, 0)


def test_a_text_not_in_the_graph_cannot_be_scored() -> None:
    from kg.evaluate import DocumentResult

    result = EvalResult([DocumentResult("x.txt", in_graph=False)])
    with pytest.raises(LedgerError, match="x.txt is not in the graph"):
        ledger_lines(result, {"x.txt": "wire report"}, "2026-11-28", "0" * 40)


def test_every_ledger_line_is_a_committed_text_with_its_gold_and_genre() -> None:
    genres = json.loads((FIRSTSIGHT / "genres.json").read_text(encoding="utf-8"))
    texts = {p.name for p in FIRSTSIGHT.glob("batch-*/*.txt")}
    lines = read_ledger(LEDGER)
    assert len(lines) >= 15
    assert len({line["text"] for line in lines}) == len(lines)
    for line in lines:
        assert line["text"] in texts and line["genre"] == genres[line["text"]]
        assert len(line["commit"]) == 40


def test_the_readme_headline_is_the_ledger_summary() -> None:
    result = CliRunner().invoke(cli, ["eval", "--ledger", str(LEDGER)])
    assert result.exit_code == 0
    assert result.output.strip() == format_summary(read_ledger(LEDGER))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert result.output.strip() in readme
