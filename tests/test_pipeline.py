"""Builds without a model: incremental updates, the store's invariants, determinism, removal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.pipeline import build_graph, remove_documents
from kg.store import open_store


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def _count(store, sparql: str) -> int:  # type: ignore[no-untyped-def]
    return int(next(iter(store.query(sparql)))["n"].value)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    _write(docs, "a.txt", "The EU decided to close crossings.\n")
    _write(docs, "b.txt", "The EU will fund fences.\n")
    _write(docs, "c.txt", "Nothing about the Union here.\n")
    return docs


def test_build_then_rebuild_parses_only_changed_documents(corpus: Path, tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    first = build_graph([corpus], out, extractor=fake_extractor, use_cache=False)
    assert (len(first.built), first.documents) == (3, 3)
    (corpus / "b.txt").write_text("The EU will fund walls and fences.\n")
    second = build_graph([corpus], out, extractor=fake_extractor, use_cache=False)
    assert [Path(p).name for p in second.built] == ["b.txt"]
    assert sorted(Path(p).name for p in second.unchanged) == ["a.txt", "c.txt"]


def test_no_triple_twice_and_merged_view_is_consistent(corpus: Path, tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    build_graph([corpus], out, extractor=fake_extractor)
    (corpus / "a.txt").write_text("The EU decided to close more crossings.\n")
    build_graph([corpus], out, extractor=fake_extractor)
    store = open_store(out)
    quads = [(q.subject, q.predicate, q.object, q.graph_name) for q in store.store]
    assert len(quads) == len(set(quads))
    # the EU is stated by two documents but is one node with one label in the merged view
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/policy-kg/id/actor/european-union> rdfs:label ?l }") == 1
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/policy-kg/id/actor/european-union> kg:mentionedIn ?d }") == 2


def test_removing_a_document_keeps_facts_other_documents_state(corpus: Path, tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    build_graph([corpus], out, extractor=fake_extractor)
    assert remove_documents(["a.txt"], out) == [str((corpus / "a.txt").as_posix())]
    store = open_store(out)
    eu = "<https://w3id.org/policy-kg/id/actor/european-union>"
    assert _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {eu} kg:mentionedIn ?d }}") == 1
    assert _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {eu} kg:adopts ?m }}") == 1  # b.txt still says it
    remove_documents(["b.txt"], out)
    store = open_store(out)
    assert _count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {eu} ?p ?o }}") == 0
    assert _count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?d a kg:Document }") == 1


def test_same_input_same_bytes(corpus: Path, tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    build_graph([corpus], tmp_path / "one", extractor=fake_extractor)
    build_graph([corpus], tmp_path / "two", extractor=fake_extractor)
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == (tmp_path / "two" / "graph.ttl").read_bytes()


def test_removing_unknown_document_is_a_usage_error(corpus: Path, tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    from kg.errors import UsageError

    build_graph([corpus], tmp_path / "out", extractor=fake_extractor)
    with pytest.raises(UsageError, match="no document 'zzz.txt'"):
        remove_documents(["zzz.txt"], tmp_path / "out")


def test_skipped_documents_are_reported_and_the_rest_built(corpus: Path, tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    (corpus / "empty.txt").write_text("")
    os.symlink("gone.md", corpus / "dangling.md")
    report = build_graph([corpus], tmp_path / "out", extractor=fake_extractor)
    assert report.exit_code == 1
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [("dangling.md", "broken symbolic link"), ("empty.txt", "empty file")]
    assert report.documents == 3


def test_missing_graph_says_what_to_run(tmp_path: Path) -> None:
    from kg.errors import NoGraphError

    with pytest.raises(NoGraphError, match="run `kg build"):
        open_store(tmp_path / "nothing")


def test_a_document_the_rules_fail_on_is_skipped_and_the_rest_built(corpus: Path, tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    from kg.model import Extraction

    def fragile(documents):  # type: ignore[no-untyped-def]
        for extraction in fake_extractor(documents):
            if extraction.document.path.endswith("b.txt"):
                yield Extraction(extraction.document, error="extraction failed (IndexError: boom); please report this document")
            else:
                yield extraction

    report = build_graph([corpus], tmp_path / "out", extractor=fragile)
    assert report.exit_code == 1
    assert [(Path(s.path).name, s.reason) for s in report.skipped] == [("b.txt", "extraction failed (IndexError: boom); please report this document")]
    assert sorted(Path(p).name for p in report.built) == ["a.txt", "c.txt"]
    again = build_graph([corpus], tmp_path / "out", extractor=fake_extractor)
    assert [Path(p).name for p in again.built] == ["b.txt"]  # a failed document is not marked as built


def test_evidence_names_who_published_the_document(tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    docs = tmp_path / "docs"
    _write(docs, "release.md", "# Border funding\n\nPublisher: European Commission\n\nThe EU decided to fund fences.\n")
    _write(docs, "ngo.html", '<html><head><link rel="canonical" href="https://www.rights-watch.example/eu"></head><body><p>The EU decided to fund fences.</p></body></html>')
    build_graph([docs], tmp_path / "out", extractor=fake_extractor)
    store = open_store(tmp_path / "out")
    rows = store.query("SELECT ?path ?publisher WHERE { ?ev a kg:Evidence ; dcterms:publisher ?publisher ; prov:wasDerivedFrom/kg:sourcePath ?path } ORDER BY ?path")
    assert [(Path(r["path"].value).name, r["publisher"].value) for r in rows] == [  # type: ignore[attr-defined]
        ("ngo.html", "rights-watch.example"),
        ("release.md", "European Commission"),
    ]


def test_a_curation_edit_re_curates_without_re_parsing(corpus: Path, tmp_path: Path, fake_extractor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from tests.conftest import ROOT

    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(ontology))
    parsed: list[str] = []

    def counting(documents):  # type: ignore[no-untyped-def]
        for extraction in fake_extractor(documents):
            parsed.append(Path(extraction.document.path).name)
            yield extraction

    out = tmp_path / "out"
    build_graph([corpus], out, extractor=counting)
    assert sorted(parsed) == ["a.txt", "b.txt", "c.txt"]
    (ontology / "curation.ttl").write_text(
        "@prefix cur: <https://w3id.org/policy-kg/curation#> .\n"
        "[] a cur:Rename ; cur:entity <https://w3id.org/policy-kg/id/actor/european-union> ; cur:label \"The Union\" .\n"
    )
    report = build_graph([corpus], out, extractor=counting)
    assert sorted(parsed) == ["a.txt", "b.txt", "c.txt"]  # nothing parsed again: the cache holds uncurated extractions
    assert len(report.built) == 3  # but every document was stored again, curated
    label = next(iter(open_store(out).query("SELECT ?l WHERE { <https://w3id.org/policy-kg/id/actor/european-union> rdfs:label ?l }")))
    assert label["l"].value == "The Union"  # type: ignore[index]


def test_graph_file_after_an_update_and_a_removal_equals_a_clean_build(corpus: Path, tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    build_graph([corpus], out, extractor=fake_extractor)
    (corpus / "b.txt").write_text("The EU will fund walls.\n")  # the patched graph.ttl rewrites only the changed subjects
    build_graph([corpus], out, extractor=fake_extractor)
    remove_documents(["c.txt"], out)
    (corpus / "c.txt").unlink()
    build_graph([corpus], tmp_path / "clean", extractor=fake_extractor)
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "clean" / "graph.ttl").read_bytes()
    assert (out / "graph.ttl").samefile(out / "store" / "graph.ttl")


def test_an_update_patches_graph_ttl_instead_of_serialising_the_whole_graph(
    corpus: Path, tmp_path: Path, fake_extractor, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    import kg.export.rdf

    out = tmp_path / "out"
    build_graph([corpus], out, extractor=fake_extractor)

    def refuse(*args: object) -> None:
        raise AssertionError("the whole graph was serialised again")

    monkeypatch.setattr(kg.export.rdf, "serialise_turtle", refuse)
    (corpus / "a.txt").write_text("The EU decided to close every crossing.\n")
    assert [Path(p).name for p in build_graph([corpus], out, extractor=fake_extractor).built] == ["a.txt"]
    monkeypatch.undo()
    build_graph([corpus], tmp_path / "clean", extractor=fake_extractor)
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "clean" / "graph.ttl").read_bytes()
