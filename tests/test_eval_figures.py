"""Extraction quality does not fall below the recorded baseline (tests/eval_baseline.json) by more than 0.02."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import CATEGORIES, EvalResult, evaluate

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
BASELINE = json.loads((ROOT / "tests" / "eval_baseline.json").read_text(encoding="utf-8"))
TOLERANCE = 0.02


@pytest.fixture(scope="session")
def devset_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The development set's graph, built once."""
    from kg.pipeline import build_graph
    from kg.store import open_store

    out = tmp_path_factory.mktemp("devset-graph")
    build_graph([str(DEVSET)], out, workers=1)
    return open_store(out)


def check(result: EvalResult, baseline: dict[str, float]) -> None:
    """Every category's micro F1, and the all-category one, is at least its baseline minus the tolerance."""
    micro = result.micro
    measured = {c: micro[c].f1 or 0.0 for c in CATEGORIES} | {"all": result.micro_f1}
    low = {k: (round(measured[k], 3), baseline[k]) for k in baseline if measured[k] < baseline[k] - TOLERANCE}
    assert not low, f"micro F1 below baseline (measured, baseline): {low}"


def test_seed_figures(seeds_store) -> None:  # type: ignore[no-untyped-def]
    """The seeds against the shared gold."""
    from tests.conftest import GOLD

    if not GOLD.is_dir():
        pytest.skip(f"no shared gold at {GOLD}")
    check(evaluate(GOLD, seeds_store), BASELINE["seeds"]["micro_f1"])


def test_devset_figures(devset_store) -> None:  # type: ignore[no-untyped-def]
    """The development set against its own gold."""
    check(evaluate(DEVSET, devset_store), BASELINE["devset"]["micro_f1"])
