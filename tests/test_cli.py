"""The CLI through click's CliRunner: help, version, build/export/stats/remove, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import COMMANDS, cli


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def built(tmp_path: Path, runner: CliRunner, model_free: None) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The EU decided to close crossings.\n")
    (docs / "b.md").write_text("# Note\n\nNothing about the Union.\n")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(docs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_explains_itself_with_an_example(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


def test_top_level_help_and_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
    assert runner.invoke(cli, ["--version"]).output == f"kg, version {__version__}\n"


def test_build_reports_counts_on_stderr(tmp_path: Path, runner: CliRunner, model_free: None) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The EU decided to close crossings.\n")
    result = runner.invoke(cli, ["build", str(docs), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("1 built, 0 unchanged, 0 skipped; 1 documents, ")
    again = runner.invoke(cli, ["build", str(docs), "--out", str(tmp_path / "out")])
    assert again.stderr.startswith("0 built, 1 unchanged, 0 skipped; 1 documents, ")


def test_build_skips_bad_files_with_exit_1(tmp_path: Path, runner: CliRunner, model_free: None) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The EU decided to close crossings.\n")
    (docs / "empty.txt").write_text("")
    result = runner.invoke(cli, ["build", str(docs), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"skipped {docs.as_posix()}/empty.txt: empty file\n" in result.stderr
    assert "Traceback" not in result.output


def test_export_turtle_to_stdout_parses_and_holds_the_graph(built: Path, runner: CliRunner) -> None:
    import rdflib

    result = runner.invoke(cli, ["export", "--format", "turtle", "--out", str(built)])
    assert result.exit_code == 0
    graph = rdflib.Graph().parse(data=result.stdout_bytes, format="turtle")
    eu = rdflib.URIRef("https://w3id.org/policy-kg/id/actor/european-union")
    assert graph.value(eu, rdflib.RDFS.label) == rdflib.Literal("European Union")
    assert result.stdout_bytes == (built / "graph.ttl").read_bytes()


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"),
    [("nt", "nt"), ("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld"), ("xml", "xml"), ("turtle", "turtle")],
)
def test_rdf_exports_parse_back(built: Path, runner: CliRunner, tmp_path: Path, fmt: str, rdflib_format: str) -> None:
    import rdflib

    target = tmp_path / f"graph.{fmt}"
    result = runner.invoke(cli, ["export", "--format", fmt, "-o", str(target), "--out", str(built)])
    assert result.exit_code == 0, result.output
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(target, format=rdflib_format)
    labels = set(dataset.objects(rdflib.URIRef("https://w3id.org/policy-kg/id/actor/european-union"), rdflib.RDFS.label))
    assert labels == {rdflib.Literal("European Union")}


def test_export_guesses_format_from_suffix(built: Path, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["export", "-o", str(tmp_path / "g.nt"), "--out", str(built)])
    assert result.exit_code == 0
    assert result.stderr == f"wrote {tmp_path / 'g.nt'} (nt)\n"
    bad = runner.invoke(cli, ["export", "-o", str(tmp_path / "g.unknown"), "--out", str(built)])
    assert bad.exit_code == 2
    assert "cannot guess the format of" in bad.stderr


def test_commands_on_a_missing_graph_say_what_to_run(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["stats", "--out", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr == f"Error: no output folder '{tmp_path / 'none'}': run `kg build [PATH ...] --out {tmp_path / 'none'}` first\n"


def test_stats_counts_classes_and_relations(built: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["stats", "--out", str(built)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2 documents, ")
    assert "Actor                1" in lines
    assert "adopts               1" in lines
    assert "    1  European Union" in lines


def test_remove_takes_a_document_out(built: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["remove", "a.txt", "--out", str(built)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("removed ") and result.stderr.rstrip().endswith("a.txt")
    stats = runner.invoke(cli, ["stats", "--out", str(built)])
    assert stats.stdout.startswith("1 documents, ")
