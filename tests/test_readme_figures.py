"""The extraction figures the README states are the ones the figures test guards (tests/eval_baseline.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ("actors", "measures", "funds", "principles", "relations")


def readme_figures() -> dict[str, dict[str, float]]:
    """Micro F1 per set and category from the README's 'Extraction quality' table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Extraction quality", 1)[1].split("\n## ", 1)[0]
    figures: dict[str, dict[str, float]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and (m := re.match(r"\*\*(\w+)\*\*", cells[0])) and len(cells) >= 6:
            figures[m.group(1)] = {c: float(re.search(r"F1 ([\d.]+)", cell).group(1)) for c, cell in zip(CATEGORIES, cells[1:6], strict=True)}  # type: ignore[union-attr]
    return figures


def test_readme_states_the_guarded_figures() -> None:
    baseline = json.loads((ROOT / "tests" / "eval_baseline.json").read_text(encoding="utf-8"))
    stated = readme_figures()
    assert set(stated) >= {"seeds", "devset"}
    for name, figures in stated.items():
        for category in CATEGORIES:
            assert abs(figures[category] - baseline[name]["micro_f1"][category]) < 0.006, (name, category)
