"""Fast paths stay fast: the CLI, `kg --help` and `kg query` never import spaCy (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("spacy", "thinc", "torch")

_PROBE = """
import json, sys
from kg.cli import cli
code = 0
try:
    cli.main(args=sys.argv[1:], prog_name="kg")
except SystemExit as exit:
    code = exit.code or 0
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print(json.dumps({{"exit": code, "heavy": heavy}}), file=sys.stderr)
"""


def _heavy_modules_after(*args: str) -> list[str]:
    """Run the CLI with `args` in a fresh interpreter (it must succeed); the heavy modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(heavy=set(HEAVY)), *args], capture_output=True, text=True, timeout=120
    )
    probe = json.loads(done.stderr.strip().splitlines()[-1])
    assert probe["exit"] == 0, done.stderr
    return probe["heavy"]  # type: ignore[no-any-return]


def test_importing_the_cli_imports_no_spacy() -> None:
    code = f"import json, sys, kg.cli; print(json.dumps([m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}]))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["query", "--help"], ["query", "--list"]])
def test_help_and_listing_import_no_spacy(args: list[str]) -> None:
    assert _heavy_modules_after(*args) == []


@pytest.fixture(scope="module")
def small_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph built with the model-free extractor."""
    from kg.pipeline import build_graph
    from tests.conftest import keyword_extractor

    docs = tmp_path_factory.mktemp("docs")
    (docs / "a.txt").write_text("The EU decided to close crossings.\n")
    out = tmp_path_factory.mktemp("out")
    build_graph([docs], out, extractor=keyword_extractor, use_cache=False)
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["SELECT ?a WHERE { ?a a kg:Actor }", "--format", "csv"],
        ["--named", "documents", "--format", "json"],
        ["--named", "actors-ranked", "--format", "tsv"],
    ],
)
def test_queries_import_no_spacy(small_graph: Path, args: list[str]) -> None:
    assert _heavy_modules_after("query", "--out", str(small_graph), *args) == []


def test_rebuild_with_nothing_changed_imports_no_spacy_and_keeps_graph_file(small_graph: Path) -> None:
    graph = small_graph / "graph.ttl"
    before = graph.stat().st_mtime_ns
    docs = next(iter(open_store_paths(small_graph)))
    assert _heavy_modules_after("build", docs, "--out", str(small_graph), "-q") == []
    assert graph.stat().st_mtime_ns == before


def open_store_paths(out: Path) -> list[str]:
    """The source paths of the documents built in `out`."""
    from kg.store import open_store

    rows = open_store(out).query("SELECT ?p WHERE { ?d kg:sourcePath ?p }")
    return [row["p"].value for row in rows]  # type: ignore[attr-defined]
