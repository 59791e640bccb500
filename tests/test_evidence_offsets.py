"""Evidence a reader can check: for every record of every format, `kg text DOC`[start:end] is its sentence.

A plain-text file's offsets index the file itself (kg:offsetsIn its kg:Document); a Markdown file's, the file with
its markup blanked (same positions, so the file's own characters there are the sentence with its markup); a web
page's or a PDF's, the text kg extracted (kg:offsetsIn its kg:TextLayer, whose SHA-256 the graph records).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.ingest.markdown import blank_markdown

ROOT = Path(__file__).resolve().parent.parent
MARKUP = ("**", "__", "](", "[", "]", "`", "<", ">")


@pytest.fixture(scope="module")
def records(formats_out: Path) -> dict[str, list[dict[str, str]]]:
    """Every evidence record and observation, grouped by the source path of its document."""
    from kg.store import open_store

    rows = open_store(formats_out).query(
        """SELECT ?path ?sentence ?start ?end ?in ?kind ?doc ?textHash WHERE {
             ?e kg:sentence ?sentence ; kg:startOffset ?start ; kg:endOffset ?end ; kg:offsetsIn ?in ; prov:wasDerivedFrom ?doc .
             ?doc kg:sourcePath ?path ; kg:textLayer ?layer . ?layer kg:layerKind ?kind ; kg:contentHash ?textHash }"""
    )
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:  # type: ignore[attr-defined]
        grouped[row["path"].value].append({key: row[key].value for key in ("sentence", "start", "end", "in", "kind", "doc", "textHash")})
    return dict(grouped)


def kg_text(out: Path, path: str) -> str:
    result = CliRunner().invoke(cli, ["text", path, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


def test_every_format_has_evidence(records: dict[str, list[dict[str, str]]]) -> None:
    kinds = {rows[0]["kind"] for rows in records.values()}
    assert kinds == {"file", "markdown-blanked", "html-main-text", "pdf-text"}


def test_kg_text_sliced_at_every_record_is_its_sentence(formats_out: Path, records: dict[str, list[dict[str, str]]]) -> None:
    checked = 0
    for path, rows in records.items():
        text = kg_text(formats_out, path)
        assert f"sha256:{hashlib.sha256(text.encode('utf-8')).hexdigest()}" == rows[0]["textHash"]
        wrong = [row["sentence"] for row in rows if text[int(row["start"]) : int(row["end"])] != row["sentence"]]
        assert wrong == [], path
        checked += len(rows)
    assert checked >= 100


def test_plain_text_offsets_index_the_file(formats_out: Path, records: dict[str, list[dict[str, str]]]) -> None:
    for path, rows in records.items():
        if rows[0]["kind"] != "file":
            continue
        file_text = (Path.cwd() / path).read_text(encoding="utf-8")
        assert {row["in"] for row in rows} == {rows[0]["doc"]}  # kg:offsetsIn the document: the source file
        assert [row["sentence"] for row in rows if file_text[int(row["start"]) : int(row["end"])] != row["sentence"]] == []


def test_markdown_offsets_index_the_file_and_no_markup_reaches_a_sentence(formats_out: Path, records: dict[str, list[dict[str, str]]]) -> None:
    markdown = {path: rows for path, rows in records.items() if rows[0]["kind"] == "markdown-blanked"}
    assert markdown
    for path, rows in markdown.items():
        file_text = (Path.cwd() / path).read_text(encoding="utf-8")
        assert kg_text(formats_out, path) == blank_markdown(file_text)  # the file, position for position
        for row in rows:
            assert row["in"] != row["doc"]  # kg:offsetsIn the text layer, not the file
            assert not any(mark in row["sentence"] for mark in (*MARKUP, "#")), row["sentence"]


def test_no_markup_reaches_a_label(formats_out: Path) -> None:
    from kg.store import open_store

    rows = open_store(formats_out).query(
        """SELECT DISTINCT ?label WHERE { GRAPH ?g { ?d kg:sourcePath ?path FILTER(STRENDS(?path, ".md"))
             ?e kg:mentionedIn ?d ; rdfs:label|skos:altLabel ?label } }"""
    )
    labels = [row["label"].value for row in rows]  # type: ignore[attr-defined]
    assert labels
    assert [label for label in labels if any(mark in label for mark in (*MARKUP, "#", "*"))] == []


def test_extracted_text_is_checked_against_the_graph(formats_out: Path, tmp_path: Path) -> None:
    """A text file that no longer matches the hash the graph records is refused, not printed."""
    import shutil

    out = tmp_path / "out"
    shutil.copytree(formats_out, out, symlinks=True)
    page = next(p for p in (out / "texts").iterdir())
    page.write_bytes(page.read_bytes() + b"tampered")
    doc_id = page.stem
    result = CliRunner().invoke(cli, ["text", doc_id, "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: the text of '{doc_id}' kept in {out / 'texts'} is missing or is not the one the graph indexes; run `kg build` again"


def test_unknown_document_is_a_usage_error(formats_out: Path) -> None:
    result = CliRunner().invoke(cli, ["text", "nowhere.txt", "--out", str(formats_out)])
    assert (result.exit_code, result.stderr.strip()) == (2, "Error: no document 'nowhere.txt' in the graph; `kg query --named documents` lists them")
