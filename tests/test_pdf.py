"""PDFs in reading order: sentences whole across line ends, amounts whole, hyphens right, no running headers or
footers, two columns in order, and one clear message for a PDF without a text layer."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import DocumentError
from kg.ingest import read_document
from tests.pdf_fixtures import PARAGRAPHS_BRIEFING, PDF_AMOUNTS, PDF_FURNITURE, PDF_SENTENCES, scanned, write_pdfs


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pdfs(tmp_path_factory.mktemp("pdfs"))


@pytest.mark.parametrize("name", sorted(PDF_SENTENCES))
def test_no_sentence_is_broken_at_a_line_end(pdfs: Path, name: str) -> None:
    document, _ = read_document(pdfs / name)
    assert [s for s in PDF_SENTENCES[name] if s not in document.text] == []
    # every paragraph is one line: the text layer has no line break but between paragraphs
    assert all(line for line in document.text.rstrip("\n").split("\n\n")) and "\n" not in document.text.rstrip("\n").replace("\n\n", "")


@pytest.mark.parametrize("name", sorted(PDF_SENTENCES))
def test_every_amount_is_whole_and_no_header_or_footer_is_left(pdfs: Path, name: str) -> None:
    document, _ = read_document(pdfs / name)
    assert [amount for amount in PDF_AMOUNTS[name] if amount not in document.text] == []
    assert [line for line in PDF_FURNITURE[name] if line in document.text] == []


def test_hyphens_at_line_ends(pdfs: Path) -> None:
    text = read_document(pdfs / "briefing_note.pdf")[0].text
    assert "principle of non-refoulement, the note adds" in text  # a hyphenated word keeps its hyphen
    assert "Russia, too, instrumentalises migrants" in text  # a word the text writes whole elsewhere loses it
    assert not re.search(r"\w-\s+\w", text)


def test_two_columns_are_read_left_then_right(pdfs: Path) -> None:
    text = read_document(pdfs / "two_columns.pdf")[0].text
    positions = [text.index(sentence) for sentence in PDF_SENTENCES["two_columns.pdf"]]
    assert positions == sorted(positions)


def test_a_pdf_without_a_text_layer_is_one_clear_message(tmp_path: Path) -> None:
    scanned(tmp_path / "scanned.pdf")
    with pytest.raises(DocumentError, match=r"^.*scanned\.pdf: PDF has no text layer \(scanned image\?\); run OCR first$"):
        read_document(tmp_path / "scanned.pdf")
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "scanned.pdf"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"skipped {tmp_path / 'scanned.pdf'}: PDF has no text layer (scanned image?); run OCR first"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.skip("no chromium found; run .ci/install-browser.sh (Debian's chromium package) to print a text file to PDF")


def test_a_text_file_printed_by_chromium(tmp_path: Path) -> None:
    """The case of the issue: an ordinary text file printed to PDF, its lines wrapped wherever the page ends them."""
    chromium = _chromium()
    paragraphs = [" ".join(lines).replace("non- refoulement", "non-refoulement").replace("instru- mentalises", "instrumentalises") for lines in PARAGRAPHS_BRIEFING]
    source = tmp_path / "briefing.txt"
    source.write_text("\n\n".join(paragraphs * 4) + "\n", encoding="utf-8")  # four times: the text runs over pages
    pdf = tmp_path / "briefing.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    text = read_document(pdf)[0].text
    assert [p for p in paragraphs if p not in text] == []
    assert text.count("€52 million") == 8 and text.count("€2.3 billion") == 4
