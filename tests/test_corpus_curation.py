"""Curation belongs to a corpus: --curation FILE, else curation.ttl beside the output folder; unmatched entries warn."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

PREFIXES = (
    "@prefix cur: <https://w3id.org/policy-kg/curation#> .\n"
    "@prefix actor: <https://w3id.org/policy-kg/id/actor/> .\n"
    "@prefix measure: <https://w3id.org/policy-kg/id/measure/> .\n"
    "@prefix kg: <https://w3id.org/policy-kg/ontology#> .\n"
)
RENAME = '[] a cur:Rename ; cur:entity actor:european-union ; cur:label "The Union" .\n'


@pytest.fixture()
def model_free(model_free: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds use the keyword extractor (conftest's model_free) and the checkout's ontology folder."""
    from kg.resources import ENV_VAR

    monkeypatch.setenv(ENV_VAR, "")


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("The EU decided to close crossings.\n")
    return folder


def build(*args: str) -> tuple[int, str]:
    """Exit code and stderr of a quiet build, the triple count masked as N."""
    import re

    result = CliRunner().invoke(cli, ["build", *args, "--quiet"])
    assert result.stdout == ""
    return result.exit_code, re.sub(r"\d+ triples", "N triples", result.stderr)


def test_curation_beside_the_output_folder_applies_to_that_corpus_only(model_free: None, docs: Path, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "curation.ttl").write_text(PREFIXES + RENAME)
    (tmp_path / "b").mkdir()
    assert build(str(docs), "--out", str(tmp_path / "a" / "output"))[0] == 0
    assert build(str(docs), "--out", str(tmp_path / "b" / "output"))[0] == 0
    assert '"The Union"' in (tmp_path / "a" / "output" / "graph.ttl").read_text()
    assert '"The Union"' not in (tmp_path / "b" / "output" / "graph.ttl").read_text()


def test_curation_option_names_the_file(model_free: None, docs: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.ttl"
    mine.write_text(PREFIXES + RENAME)
    assert build(str(docs), "--out", str(tmp_path / "with"), "--curation", str(mine))[0] == 0
    assert build(str(docs), "--out", str(tmp_path / "without"))[0] == 0
    assert '"The Union"' in (tmp_path / "with" / "graph.ttl").read_text()
    assert '"The Union"' not in (tmp_path / "without" / "graph.ttl").read_text()


def test_a_changed_curation_file_reapplies(model_free: None, docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    (tmp_path / "curation.ttl").write_text(PREFIXES + RENAME)
    build(str(docs), "--out", str(out))
    assert build(str(docs), "--out", str(out))[1] == f"0 built, 1 unchanged, 0 skipped; 1 documents, N triples in {out / 'graph.ttl'}\n"
    (tmp_path / "curation.ttl").write_text(PREFIXES + RENAME.replace("The Union", "The Bloc"))
    code, stderr = build(str(docs), "--out", str(out))
    assert (code, stderr) == (0, f"1 built, 0 unchanged, 0 skipped; 1 documents, N triples in {out / 'graph.ttl'}\n")
    text = (out / "graph.ttl").read_text()
    assert '"The Bloc"' in text and '"The Union"' not in text


def test_without_a_corpus_curation_the_ontology_folders_applies(model_free: None, docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from kg.resources import ENV_VAR
    from tests.conftest import ROOT

    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    (ontology / "curation.ttl").write_text(PREFIXES + RENAME)
    monkeypatch.setenv(ENV_VAR, str(ontology))
    assert build(str(docs), "--out", str(tmp_path / "out"))[0] == 0
    assert '"The Union"' in (tmp_path / "out" / "graph.ttl").read_text()


def test_each_entry_that_matches_nothing_warns_once_and_the_build_goes_on(model_free: None, docs: Path, tmp_path: Path) -> None:
    cur = tmp_path / "curation.ttl"
    cur.write_text(
        PREFIXES
        + RENAME
        + "[] a cur:Reject ; cur:entity actor:nobody .\n"
        + '[] a cur:Reject ; cur:label "Bad Actors" .\n'
        + "[] a cur:Merge ; cur:from actor:eu-typo ; cur:into actor:european-union .\n"
        + "[] a cur:Rename ; cur:entity measure:nothing ; cur:label \"x\" .\n"
        + "[] a cur:RejectRelation ; cur:subject actor:european-union ; cur:predicate kg:supports ; cur:object measure:border-controls .\n"
        + "[] a cur:RejectRelation ; cur:subject actor:european-union ; cur:predicate kg:adopts ; cur:object measure:border-controls .\n"
    )
    out = tmp_path / "output"
    code, stderr = build(str(docs), "--out", str(out))
    assert code == 0
    assert stderr == (
        f"warning {cur}: cur:Merge actor:eu-typo into actor:european-union matches nothing in the graph\n"
        f'warning {cur}: cur:Rename measure:nothing to "x" matches nothing in the graph\n'
        f"warning {cur}: cur:Reject actor:nobody matches nothing in the graph\n"
        f'warning {cur}: cur:Reject label "bad actors" matches nothing in the graph\n'
        f"warning {cur}: cur:RejectRelation actor:european-union kg:supports measure:border-controls matches nothing in the graph\n"
        f"1 built, 0 unchanged, 0 skipped; 1 documents, N triples in {out / 'graph.ttl'}\n"
    )
    assert '"The Union"' in (out / "graph.ttl").read_text()  # the matching entries applied
    # nothing re-curated, nothing to say again
    assert build(str(docs), "--out", str(out))[1] == f"0 built, 1 unchanged, 0 skipped; 1 documents, N triples in {out / 'graph.ttl'}\n"


def test_an_entry_matched_in_any_document_does_not_warn(model_free: None, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The EU decided to close crossings.\n")
    (docs / "b.txt").write_text("Nothing here.\n")
    mine = tmp_path / "mine.ttl"
    mine.write_text(PREFIXES + RENAME)
    code, stderr = build(str(docs), "--out", str(tmp_path / "out"), "--curation", str(mine))
    assert (code, stderr.startswith("warning")) == (0, False)


def test_a_missing_curation_file_is_one_line_and_exit_2(model_free: None, docs: Path, tmp_path: Path) -> None:
    code, stderr = build(str(docs), "--out", str(tmp_path / "out"), "--curation", str(tmp_path / "nope.ttl"))
    assert (code, stderr) == (2, f"Error: --curation {tmp_path / 'nope.ttl'}: no such file\n")
    assert not (tmp_path / "out").exists()


def test_eval_takes_a_curation_file_too() -> None:
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert "--curation FILE" in result.stdout
