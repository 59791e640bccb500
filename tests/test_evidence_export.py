"""`kg export --format evidence-csv|evidence-jsonl|csl-json`: read back with csv/json, offsets slice each sentence out of its file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_query import gold_out

from kg.build import document_quads, graph_iri
from kg.cli import cli
from kg.export.evidence import COLUMNS
from kg.ids import entity_key
from kg.model import Document, Entity, Evidence, Extraction, Relation
from kg.store import StoreWriter

ROOT = Path(__file__).resolve().parent.parent

# a dated, published report; its second sentence is hedged, its third conditional
REPORT = (
    "Harbour Watch Weekly\n"
    "The Republic of Norland adopted a coastal patrol programme in March.\n"
    "Norland could fund the coastal patrol programme next year.\n"
    "If arrivals rise, Norland will fund a second patrol boat.\n"
)


def _sentence(text: str, words: str) -> Evidence:
    start = text.index(words)
    end = text.index("\n", start)
    return Evidence(start, end, text[start:end], "test")


def report_out(folder: Path) -> tuple[Path, Path]:
    """An output folder holding one report (date, publisher, URL) with a stated, a hedged and a conditional edge; and the report's file."""
    source = folder / "report.txt"
    folder.mkdir(parents=True, exist_ok=True)
    source.write_text(REPORT, encoding="utf-8")
    document = Document("report-1", str(source), REPORT, REPORT, "0" * 64, title="Harbour Watch Weekly",
                        date="2026-03-14", url="https://example.org/harbour-watch/14", publisher="Harbour Watch")
    ex = Extraction(document)
    norland, patrol, boat = entity_key("Actor", "Norland"), entity_key("Measure", "coastal patrol programme"), entity_key("Measure", "second patrol boat")
    ex.entities += [
        Entity(norland, "Actor", "Norland", subclass="State"),
        Entity(patrol, "Measure", "coastal patrol programme", status="adopted"),
        Entity(boat, "Measure", "second patrol boat", status="planned"),
    ]
    hedged = _sentence(REPORT, "Norland could fund")
    conditional = _sentence(REPORT, "If arrivals rise")
    ex.relations += [
        Relation(norland, "adopts", patrol, _sentence(REPORT, "The Republic of Norland adopted")),
        Relation(norland, "funds", patrol, Evidence(hedged.start, hedged.end, hedged.sentence, "test", marks=("hedged",))),
        Relation(norland, "funds", boat, Evidence(conditional.start, conditional.end, conditional.sentence, "test", marks=("conditional",))),
    ]
    writer = StoreWriter(folder / "out")
    writer.graph_store.replace_graph(graph_iri(document.id), document_quads(ex))
    writer.commit()
    return folder / "out", source


def export(out: Path, fmt: str) -> bytes:
    result = CliRunner().invoke(cli, ["export", "--out", str(out), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def csv_rows(out: Path) -> list[dict[str, str]]:
    text = export(out, "evidence-csv").decode("utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def jsonl_rows(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in export(out, "evidence-jsonl").decode("utf-8").splitlines()]


def source_text(path: str) -> str:
    """The file a row's path names, as the offsets index it (a .txt file's decoded text)."""
    found = Path(path) if Path(path).is_absolute() else ROOT / path
    return found.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return report_out(tmp_path_factory.mktemp("report"))


def test_evidence_rows_carry_the_edge_the_document_and_the_modality(report: tuple[Path, Path]) -> None:
    out, source = report
    rows = csv_rows(out)
    assert [(r["subject"], r["predicate"], r["object"], r["status"], r["modality"]) for r in rows] == [
        ("Norland", "adopts", "coastal patrol programme", "adopted", "stated"),
        ("Norland", "funds", "coastal patrol programme", "adopted", "hedged"),
        ("Norland", "funds", "second patrol boat", "planned", "conditional"),
    ]
    for row in rows:
        assert (row["title"], row["publisher"], row["date"], row["url"], row["path"]) == (
            "Harbour Watch Weekly", "Harbour Watch", "2026-03-14", "https://example.org/harbour-watch/14", str(source))
        assert row["subject_iri"] == "https://w3id.org/policy-kg/id/actor/norland"
        assert row["predicate_iri"] == "https://w3id.org/policy-kg/ontology#" + row["predicate"]
        assert REPORT[int(row["start"]):int(row["end"])] == row["sentence"] == source_text(row["path"])[int(row["start"]):int(row["end"])]
    assert rows[1]["sentence"] == "Norland could fund the coastal patrol programme next year."


def test_jsonl_holds_the_same_rows_with_numeric_offsets(report: tuple[Path, Path]) -> None:
    out, _ = report
    from_json = jsonl_rows(out)
    assert all(list(row) == list(COLUMNS) for row in from_json)
    assert all(isinstance(row["start"], int) and isinstance(row["end"], int) for row in from_json)
    assert [{k: str(val) for k, val in row.items()} for row in from_json] == csv_rows(out)


def test_csl_json_cites_each_document_and_rows_point_to_it(report: tuple[Path, Path]) -> None:
    out, _ = report
    items = json.loads(export(out, "csl-json"))
    assert items == [{
        "id": "report-1", "type": "webpage", "title": "Harbour Watch Weekly", "publisher": "Harbour Watch",
        "issued": {"date-parts": [[2026, 3, 14]]}, "URL": "https://example.org/harbour-watch/14",
    }]
    assert {row["citation"] for row in csv_rows(out)} == {"report-1"}


def test_gold_seed_offsets_slice_each_sentence_out_of_its_file(tmp_path: Path) -> None:
    out = gold_out(tmp_path / "out")
    rows = csv_rows(out)
    assert len(rows) == 37 and {r["path"] for r in rows} == {"seeds/000_1a9ad0cce239f248.txt", "seeds/001_3f2e04321a86e5a9.txt"}
    for row in rows:
        assert source_text(row["path"])[int(row["start"]):int(row["end"])] == row["sentence"]
    citations = {item["id"]: item for item in json.loads(export(out, "csl-json"))}
    assert {row["citation"] for row in rows} == set(citations)
    assert all(item["type"] == "document" and item["archive_location"].startswith("seeds/") for item in citations.values())


def test_extracted_seed_offsets_slice_each_sentence_out_of_its_file(seeds_out: Path) -> None:
    rows = jsonl_rows(seeds_out)
    assert rows and all(row["modality"] in ("stated", "hedged", "conditional", "hedged conditional") for row in rows)
    for row in rows:
        assert source_text(str(row["path"]))[int(row["start"]):int(row["end"])] == row["sentence"]  # type: ignore[call-overload]
    assert export(seeds_out, "evidence-jsonl") == export(seeds_out, "evidence-jsonl")


def test_file_suffixes_choose_the_evidence_formats(report: tuple[Path, Path], tmp_path: Path) -> None:
    out, _ = report
    for name, fmt in (("ev.evidence.csv", "evidence-csv"), ("ev.jsonl", "evidence-jsonl"), ("refs.csl.json", "csl-json")):
        result = CliRunner().invoke(cli, ["export", "--out", str(out), "-o", str(tmp_path / name)])
        assert result.exit_code == 0 and result.stderr == f"wrote {tmp_path / name} ({fmt})\n"
        assert (tmp_path / name).read_bytes() == export(out, fmt)
