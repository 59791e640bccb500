"""One document per content: the same bytes under any path are one document, a changed file replaces its old version."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.pipeline import build_graph, remove_documents
from kg.store import open_store

TEXT = "The EU decided to close two crossings at the border.\n"


def documents(out: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """(content hash, source path, alternate paths) of every document in the graph, sorted."""
    store = open_store(out)
    rows = store.query(
        "SELECT ?d ?hash ?path (GROUP_CONCAT(?alt; separator='|') AS ?alts) WHERE {"
        " ?d a kg:Document ; kg:contentHash ?hash ; kg:sourcePath ?path . OPTIONAL { ?d kg:alternatePath ?alt } }"
        " GROUP BY ?d ?hash ?path ORDER BY ?path"
    )
    return [(r["hash"].value, r["path"].value, tuple(sorted(r["alts"].value.split("|"))) if r["alts"] else ()) for r in rows]  # type: ignore[attr-defined]


def evidence_count(out: Path) -> int:
    rows = open_store(out).query("SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Evidence }")
    return int(next(iter(rows))["n"].value)  # type: ignore[call-overload,index]


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder, the working folder of the test, with docs/a.txt."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_one_file_by_three_paths_is_one_document(project: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    relative, absolute, dotted = "docs/a.txt", str(project / "docs" / "a.txt"), "./docs/../docs/a.txt"
    report = build_graph([relative, absolute, dotted, "."], "out", extractor=fake_extractor)
    assert report.documents == 1
    assert [(path, alts) for _hash, path, alts in documents(Path("out"))] == [("docs/a.txt", ())]
    assert evidence_count(Path("out")) == 1


def test_the_same_path_in_later_builds_is_the_same_document(project: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    build_graph(["docs/a.txt"], "out", extractor=fake_extractor)
    report = build_graph([str(project / "docs" / "a.txt")], "out", extractor=fake_extractor)
    assert (report.built, report.unchanged, report.documents) == ([], ["docs/a.txt"], 1)
    os.chdir(project / "docs")
    build_graph(["a.txt"], project / "out", extractor=fake_extractor)  # from another folder: another spelling, same bytes
    assert [(path, alts) for _hash, path, alts in documents(project / "out")] == [("a.txt", ("docs/a.txt",))]


def test_a_copy_is_the_same_document_with_an_alternate_path(project: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    (project / "copies").mkdir()
    shutil.copy(project / "docs" / "a.txt", project / "copies" / "a-copy.txt")
    os.symlink("../docs/a.txt", project / "copies" / "link.txt")
    report = build_graph(["docs", "copies"], "out", extractor=fake_extractor)
    assert report.documents == 1
    assert [(path, alts) for _hash, path, alts in documents(Path("out"))] == [("copies/a-copy.txt", ("copies/link.txt", "docs/a.txt"))]
    assert evidence_count(Path("out")) == 1
    # the order of the paths on the command line does not change the graph
    build_graph(["copies", "docs"], "again", extractor=fake_extractor)
    assert Path("again/graph.ttl").read_bytes() == Path("out/graph.ttl").read_bytes()


def test_a_renamed_file_is_not_a_new_document(project: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    build_graph(["docs"], "out", extractor=fake_extractor)
    (project / "docs" / "a.txt").rename(project / "docs" / "b.txt")
    report = build_graph(["docs"], "out", extractor=fake_extractor)
    assert (report.built, report.documents) == ([], 1)
    [(_hash, path, alts)] = documents(Path("out"))
    assert (path, alts) == ("docs/a.txt", ("docs/b.txt",))  # the old name is kept as a path that held these bytes


def test_a_changed_file_replaces_its_old_version(project: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    build_graph(["docs"], "out", extractor=fake_extractor)
    [(old_hash, _path, _alts)] = documents(Path("out"))
    (project / "docs" / "a.txt").write_text("The EU decided to close three crossings at the border.\n")
    report = build_graph(["docs"], "out", extractor=fake_extractor)
    assert (report.built, report.documents) == (["docs/a.txt"], 1)
    [(new_hash, path, alts)] = documents(Path("out"))
    assert (new_hash != old_hash, path, alts) == (True, "docs/a.txt", ())
    assert evidence_count(Path("out")) == 1
    sentences = [r["s"].value for r in open_store(Path("out")).query("SELECT ?s WHERE { ?e kg:sentence ?s }")]  # type: ignore[attr-defined]
    assert sentences == ["EU"]  # the fake extractor's evidence, from the new version only
    assert [p.stem for p in Path("out/texts").iterdir()] == [new_hash.removeprefix("sha256:")[:16]]  # the old text is gone too


def test_a_changed_copy_leaves_the_other_copy_its_document(project: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(project / "docs" / "a.txt", project / "docs" / "b.txt")
    build_graph(["docs"], "out", extractor=fake_extractor)
    (project / "docs" / "b.txt").write_text("The EU will fund fences.\n")
    assert build_graph(["docs"], "out", extractor=fake_extractor).documents == 2
    assert [(path, alts) for _hash, path, alts in documents(Path("out"))] == [("docs/a.txt", ()), ("docs/b.txt", ())]


def test_remove_by_an_alternate_path(project: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    shutil.copy(project / "docs" / "a.txt", project / "docs" / "b.txt")
    build_graph(["docs"], "out", extractor=fake_extractor)
    assert remove_documents(["docs/b.txt"], "out") == ["docs/a.txt"]
    assert documents(Path("out")) == []
    assert list(Path("out/texts").iterdir()) == []
