"""Where the ontology comes from: the checkout in a source tree, the package in a wheel, or a folder the user names.

The wheel itself (kg/ontology/ inside it, a build from an empty folder) is
checked by .ci/run, which builds and installs one; these tests cover the
choice of folder and what a user sees when it goes wrong.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.resources
from kg.cli import cli
from kg.errors import UsageError
from kg.resources import ENV_VAR, ontology_dir, ontology_files, use_ontology_dir
from tests.conftest import ROOT

CURATION_RENAME = (
    "@prefix cur: <https://w3id.org/policy-kg/curation#> .\n"
    '[] a cur:Rename ; cur:entity <https://w3id.org/policy-kg/id/actor/european-union> ; cur:label "The Union" .\n'
)


@pytest.fixture()
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    """No KG_ONTOLOGY_DIR, and whatever a test (or --ontology) sets is undone afterwards."""
    monkeypatch.setenv(ENV_VAR, "")  # recorded, so teardown restores the variable's absence or value


@pytest.fixture()
def ontology_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "my-ontology"
    shutil.copytree(ROOT / "ontology", folder)
    return folder


def test_a_checkout_reads_its_own_ontology_folder(no_override: None) -> None:
    # an editable install runs kg/ from the repository, so edits to ontology/ apply at once
    assert ontology_dir() == ROOT / "ontology"


def test_outside_a_checkout_the_packaged_copy_is_read(no_override: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(kg.resources, "CHECKOUT_MARKER", tmp_path / "pyproject.toml")  # as in site-packages: none
    monkeypatch.setattr(kg.resources, "packaged_ontology_dir", lambda: tmp_path / "site-packages" / "kg" / "ontology")
    assert ontology_dir() == tmp_path / "site-packages" / "kg" / "ontology"


def test_a_package_without_its_ontology_says_how_to_repair_it(no_override: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(kg.resources, "CHECKOUT_MARKER", tmp_path / "pyproject.toml")
    # the checkout's kg/ has no kg/ontology/: only a wheel carries one
    with pytest.raises(UsageError) as err:
        ontology_dir()
    assert str(err.value) == (
        "kg's ontology files are missing from this installation (no kg/ontology/ in the package and no "
        "checkout's ontology/): reinstall kg, or point KG_ONTOLOGY_DIR or --ontology at an ontology folder"
    )


def test_the_environment_variable_names_the_folder(monkeypatch: pytest.MonkeyPatch, ontology_copy: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(ontology_copy))
    assert ontology_dir() == ontology_copy


def test_every_file_in_a_subfolder_counts(monkeypatch: pytest.MonkeyPatch, ontology_copy: Path) -> None:
    from kg.pipeline import pipeline_version

    monkeypatch.setenv(ENV_VAR, str(ontology_copy))
    before = pipeline_version()
    (ontology_copy / "rules").mkdir()
    (ontology_copy / "rules" / "extra.json").write_text("{}\n")
    assert "rules/extra.json" in ontology_files((".json",))
    assert pipeline_version() != before  # a new rules file makes earlier extractions stale


def test_use_ontology_dir_reaches_worker_processes(no_override: None, ontology_copy: Path) -> None:
    import os

    use_ontology_dir(ontology_copy)
    assert os.environ[ENV_VAR] == str(ontology_copy.resolve())  # what a spawned extraction worker inherits
    assert ontology_dir() == ontology_copy.resolve()


def test_build_with_ontology_applies_that_folders_curation(
    no_override: None, model_free: None, ontology_copy: Path, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The EU decided to close crossings.\n")
    (ontology_copy / "curation.ttl").write_text(CURATION_RENAME)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), "--ontology", str(ontology_copy)])
    assert result.exit_code == 0, result.output
    assert '"The Union"' in (out / "graph.ttl").read_text()


@pytest.mark.parametrize("command", [["build", "seeds"], ["validate"], ["eval", "--gold", "tests/gold"]])
def test_a_wrong_ontology_option_is_one_line_and_exit_2(no_override: None, tmp_path: Path, command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--ontology", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: --ontology {tmp_path / 'missing'}: no such folder (an ontology folder holds kg.ttl, shapes.ttl, gazetteer.ttl ...)\n"
    )


def test_a_folder_without_kg_ttl_is_no_ontology(no_override: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--ontology", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: --ontology {tmp_path}: no kg.ttl in this folder; it is not an ontology folder\n"


def test_a_wrong_environment_variable_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing"))
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: KG_ONTOLOGY_DIR={tmp_path / 'missing'}: no such folder (an ontology folder holds kg.ttl, shapes.ttl, gazetteer.ttl ...)\n"
    )
