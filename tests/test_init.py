"""`kg init`: a project's own copy of the ontology folder, never overwriting without --force."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import ROOT

EDITABLE = [
    "curation.ttl",
    "frame-rules.json",
    "frame-rules.schema.json",
    "gazetteer.ttl",
    "lexicon.ttl",
    "patterns.json",
    "patterns.schema.json",
]


def test_init_copies_the_ontology_folder_and_says_how_to_use_it(tmp_path: Path) -> None:
    project = tmp_path / "project"
    result = CliRunner().invoke(cli, ["init", str(project)])
    assert result.exit_code == 0, result.output
    folder = project / "ontology"
    names = sorted(p.name for p in folder.iterdir())
    assert set(EDITABLE) <= set(names)
    assert {"kg.ttl", "shapes.ttl"} <= set(names)  # what makes it a folder --ontology accepts
    for name in names:
        assert (folder / name).read_bytes() == (ROOT / "ontology" / name).read_bytes()
    assert result.stdout == (
        f"copied {len(names)} files into {folder}\n"
        "edit gazetteer.ttl, lexicon.ttl, frame-rules.json, patterns.json and curation.ttl there, then build with them:\n"
        f"  kg build PATH ... --ontology {folder}    (or: export KG_ONTOLOGY_DIR={folder})\n"
    )
    assert result.stderr == ""


def test_init_defaults_to_the_current_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ontology" / "gazetteer.ttl").is_file()
    assert result.stdout.startswith(f"copied {len(list((tmp_path / 'ontology').iterdir()))} files into ontology\n")


def test_init_refuses_to_overwrite_and_force_does(tmp_path: Path) -> None:
    folder = tmp_path / "ontology"
    folder.mkdir()
    (folder / "gazetteer.ttl").write_text("# mine\n")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {folder / 'gazetteer.ttl'} already exists; kg init overwrites nothing without --force\n"
    assert (folder / "gazetteer.ttl").read_text() == "# mine\n"
    assert not (folder / "lexicon.ttl").exists()  # nothing copied when it refuses

    again = CliRunner().invoke(cli, ["init", str(tmp_path), "--force"])
    assert again.exit_code == 0, again.output
    assert (folder / "gazetteer.ttl").read_bytes() == (ROOT / "ontology" / "gazetteer.ttl").read_bytes()


def test_a_build_reads_the_copy(tmp_path: Path, monkeypatch, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    import kg.parallel
    from kg.resources import ENV_VAR

    monkeypatch.setenv(ENV_VAR, "")  # --ontology sets it; the teardown undoes that
    monkeypatch.setattr(kg.parallel, "extract_parallel", lambda docs, workers, **_: fake_extractor(docs))
    CliRunner().invoke(cli, ["init", str(tmp_path / "project")])
    folder = tmp_path / "project" / "ontology"
    (folder / "curation.ttl").write_text(
        "@prefix cur: <https://w3id.org/policy-kg/curation#> .\n"
        '[] a cur:Rename ; cur:entity <https://w3id.org/policy-kg/id/actor/european-union> ; cur:label "The Union" .\n'
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("The EU decided to close crossings.\n")
    out = tmp_path / "project" / "output"
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "docs"), "--out", str(out), "--ontology", str(folder), "-q"])
    assert result.exit_code == 0, result.output
    assert '"The Union"' in (out / "graph.ttl").read_text()
