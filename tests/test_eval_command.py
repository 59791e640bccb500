"""`kg eval` on a hand-made graph folder: table, details, JSON, errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.test_evaluate import GOLD_A, GOLD_B, TTL


@pytest.fixture()
def graph_dir(tmp_path: Path) -> Path:
    """An output folder laid out as kg build leaves it: store -> store-1."""
    out = tmp_path / "out"
    out.mkdir()
    store = ox.Store(str(out / "store-1"))
    store.load(TTL.encode("utf-8"), ox.RdfFormat.TURTLE)
    store.flush()
    del store
    os.symlink("store-1", out / "store")
    return out


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    """Two gold documents."""
    folder = tmp_path / "gold"
    folder.mkdir()
    for name, gold in (("a", GOLD_A), ("b", GOLD_B)):
        (folder / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_table_with_details(graph_dir: Path, gold_dir: Path) -> None:
    """The default output is a table followed by misses and spurious items."""
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold_dir), "--out", str(graph_dir)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["actors", "measures", "funds", "principles", "relations"]
    assert lines[2].startswith("a.txt") and lines[3].startswith("b.txt")
    assert lines[5].split()[:4] == ["MICRO", "67", "100", "80"]
    assert "relations missed (1):" in result.stdout
    assert "    - European Union --funds--> countering drone intrusions" in result.stdout


def test_no_details(graph_dir: Path, gold_dir: Path) -> None:
    """--no-details prints the table only."""
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold_dir), "--out", str(graph_dir), "--no-details"])
    assert result.exit_code == 0
    assert "missed" not in result.stdout and "MICRO" in result.stdout


def test_json(graph_dir: Path, gold_dir: Path) -> None:
    """--json prints counts, rates, misses and spurious items."""
    result = CliRunner().invoke(cli, ["eval", "--gold", str(gold_dir), "--out", str(graph_dir), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["micro"]["actors"] == {"tp": 4, "fp": 2, "fn": 0, "precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert data["documents"][0]["spurious"]["actors"] == ["EU", "Kunlun Red Star"]
    plain = CliRunner().invoke(cli, ["eval", "--gold", str(gold_dir), "--out", str(graph_dir), "--json", "--no-details"])
    assert "misses" not in json.loads(plain.stdout)["documents"][0]


def test_errors(tmp_path: Path, gold_dir: Path) -> None:
    """A missing gold folder or graph is one line on stderr and exit 2."""
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "--gold", str(tmp_path / "none"), "--out", str(tmp_path)])
    assert result.exit_code == 2 and result.stderr.startswith("Error: no gold folder")
    result = runner.invoke(cli, ["eval", "--gold", str(gold_dir), "--out", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "run `kg build" in result.stderr
