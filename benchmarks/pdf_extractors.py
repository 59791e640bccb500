"""Which PDF text extractor gives the sentences whole, in reading order, without headers and footers?

Measured on the PDFs of tests/pdf_fixtures.py (made from our own texts with fpdf2: a printed briefing note of three
pages with a running header and footer, wrapped sentences, split amounts and hyphens; a two-column page written row
by row). Each extractor reads the same files in one run:

    python benchmarks/pdf_extractors.py [--rounds 5]

For each: the expected sentences found exactly as they are, found after joining every line with a space (what a
reader could rebuild without positions), amounts found whole, furniture lines left in, and the time to read all
the PDFs (the best of --rounds, and its ratio to pypdf's, measured side by side).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pdf_fixtures import PDF_AMOUNTS, PDF_FURNITURE, PDF_SENTENCES, write_pdfs  # noqa: E402


def _pypdf(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def _pdfplumber(data: bytes) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pypdfium2(data: bytes) -> str:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document))).replace("\r\n", "\n")


def _kg(data: bytes) -> str:
    from kg.ingest.pdf import read_pdf

    return str(read_pdf("benchmark.pdf", data)["text"])


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "pypdf": _pypdf,
    "pdfplumber": _pdfplumber,
    "pypdfium2": _pypdfium2,
    "kg: pdfplumber words + reading order": _kg,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_pdfs(Path(tmp))
        files = {name: (folder / name).read_bytes() for name in PDF_SENTENCES}
    total_sentences = sum(map(len, PDF_SENTENCES.values()))
    total_amounts = sum(map(len, PDF_AMOUNTS.values()))
    total_furniture = sum(map(len, PDF_FURNITURE.values()))
    print(f"{len(files)} PDFs, {total_sentences} sentences, {total_amounts} amounts, {total_furniture} furniture strings\n")
    print(f"{'extractor':38} {'sentences':>10} {'joined':>8} {'amounts':>8} {'furniture':>10} {'time':>9} {'x pypdf':>8}")
    baseline = None
    for name, extract in EXTRACTORS.items():
        exact = joined = amounts = furniture = 0
        for file, data in files.items():
            text = extract(data)
            flat = re.sub(r"\s*\n\s*", " ", text)
            exact += sum(sentence in text for sentence in PDF_SENTENCES[file])
            joined += sum(sentence in flat for sentence in PDF_SENTENCES[file])
            amounts += sum(amount in text for amount in PDF_AMOUNTS[file])
            furniture += sum(line in text for line in PDF_FURNITURE[file])
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            for data in files.values():
                extract(data)
            best = min(best, time.perf_counter() - start)
        baseline = baseline or best
        print(
            f"{name:38} {exact:>4} of {total_sentences:<3} {joined:>4} of {total_sentences:<1} {amounts:>3} of {total_amounts:<2} "
            f"{furniture:>4} of {total_furniture:<3} {best * 1000:>6.1f} ms {best / baseline:>7.2f}"
        )


if __name__ == "__main__":
    main()
