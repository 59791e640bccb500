"""PDFs made from our own texts, for the PDF tests and benchmarks/pdf_extractors.py.

fpdf2 writes them (a test fixture generator, in the test extra) with the DejaVu Sans font that matplotlib ships,
read from site-packages. Lines are laid out here, not by fpdf2, so the tests know exactly where each line ends:

- `briefing_note.pdf`: a text file as a printer prints it, one column over three pages, a running header, a footer
  with the page number, sentences wrapped mid-way, "non-" ending one line and "refoulement" opening the next (a
  hyphen to keep), "instru-" ending one and "mentalises" opening the next (a word the text writes whole elsewhere:
  the hyphen goes), "€52" and "€2.3" ending lines before "million" and "billion";
- `two_columns.pdf`: a newsletter page in two columns, its lines written row by row across both columns (as some
  layout programs do), so that only their positions tell the reading order;
- `scanned.pdf`: pages with a picture of text and no text layer.

Each PDF comes with the sentences its text must hold (PDF_SENTENCES) and the furniture it must not (PDF_FURNITURE).
"""

from __future__ import annotations

from pathlib import Path

PARAGRAPHS_BRIEFING = [
    [
        "The Ministry of the Interior of Lithuania has asked the European Commission for",
        "€52 million to extend surveillance along the border with Belarus, according to a",
        "briefing note sent to the Seimas on Monday.",
    ],
    [
        "The note says that Belarus instrumentalises migrants to put pressure on Lithuania and",
        "the European Union, and that the State Border Guard Service of Lithuania recorded",
        "more than 2,400 attempts to cross the border irregularly in the first half of the year.",
    ],
    [
        "Any measure at the border must respect the right to asylum and the principle of non-",
        "refoulement, the note adds, and officers will receive training on both before the",
        "summer.",
    ],
    [
        "Since 2021, the European Union has made available €2.3",
        "billion to the Member States that border Russia and Belarus. Lithuania received the",
        "largest share of the first instalment, which paid for a fence of 550 kilometres.",
    ],
    [
        "Frontex will deploy 120 officers to Lithuania in the autumn, and the European Union",
        "Agency for Asylum will help the Migration Department process applications at the",
        "border.",
    ],
    [
        "The government also proposes a law that would allow border guards to refuse entry",
        "to people who try to cross outside official checkpoints during a state of emergency.",
    ],
    [
        "Human rights organisations warned that such a law would breach the principle of",
        "non-refoulement and asked the Seimas to reject it.",
    ],
    [
        "Lawmakers said that Russia, too, instru-",
        "mentalises migrants at the border with Finland.",
    ],
    [
        "The Seimas will debate the proposal in its autumn session, and the Ministry of the",
        "Interior of Lithuania expects a vote before the end of the year.",
    ],
    [
        "The Ministry of the Interior of Lithuania will report to the Seimas on the use of",
        "the €52 million every six months.",
    ],
]
PAGE_BREAKS_BRIEFING = (3, 6)  # the paragraphs that open pages 2 and 3

LEFT_COLUMN = [
    "Latvia will build a fence along its",
    "border with Russia, the Cabinet of",
    "Ministers decided on Tuesday.",
    "",
    "The State Border Guard of Latvia",
    "will receive €27 million for the",
    "first 90 kilometres of the fence.",
]
RIGHT_COLUMN = [
    "Poland and Lithuania have asked",
    "the European Commission to pay for",
    "part of their fences as well.",
    "",
    "The Commission said that the Union",
    "budget does not finance physical",
    "barriers at the external border.",
]

PDF_SENTENCES = {
    "briefing_note.pdf": [
        "The Ministry of the Interior of Lithuania has asked the European Commission for €52 million to extend surveillance along the border with Belarus, according to a briefing note sent to the Seimas on Monday.",
        "The note says that Belarus instrumentalises migrants to put pressure on Lithuania and the European Union, and that the State Border Guard Service of Lithuania recorded more than 2,400 attempts to cross the border irregularly in the first half of the year.",
        "Any measure at the border must respect the right to asylum and the principle of non-refoulement, the note adds, and officers will receive training on both before the summer.",
        "Since 2021, the European Union has made available €2.3 billion to the Member States that border Russia and Belarus.",
        "Frontex will deploy 120 officers to Lithuania in the autumn, and the European Union Agency for Asylum will help the Migration Department process applications at the border.",
        "Human rights organisations warned that such a law would breach the principle of non-refoulement and asked the Seimas to reject it.",
        "Lawmakers said that Russia, too, instrumentalises migrants at the border with Finland.",
    ],
    "two_columns.pdf": [
        "Latvia will build a fence along its border with Russia, the Cabinet of Ministers decided on Tuesday.",
        "The State Border Guard of Latvia will receive €27 million for the first 90 kilometres of the fence.",
        "Poland and Lithuania have asked the European Commission to pay for part of their fences as well.",
        "The Commission said that the Union budget does not finance physical barriers at the external border.",
    ],
}
PDF_FURNITURE = {
    "briefing_note.pdf": ["BRIEFING NOTE", "RESTRICTED", "Page 1 of 3", "Page 2 of 3", "Page 3 of 3"],
    "two_columns.pdf": ["Border Bulletin", "Issue 7"],
}
PDF_AMOUNTS = {"briefing_note.pdf": ["€52 million", "€2.3 billion"], "two_columns.pdf": ["€27 million"]}


def _font() -> str:
    import os

    import matplotlib

    return os.path.join(matplotlib.get_data_path(), "fonts", "ttf", "DejaVuSans.ttf")


def _new_pdf():  # type: ignore[no-untyped-def]
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", _font())
    pdf.set_font("DejaVu", size=10)
    pdf.set_creation_date(__import__("datetime").datetime(2025, 1, 1, tzinfo=__import__("datetime").UTC))
    return pdf


def briefing_note(path: Path) -> None:
    pdf = _new_pdf()
    pages = [PARAGRAPHS_BRIEFING[: PAGE_BREAKS_BRIEFING[0]], PARAGRAPHS_BRIEFING[PAGE_BREAKS_BRIEFING[0] : PAGE_BREAKS_BRIEFING[1]], PARAGRAPHS_BRIEFING[PAGE_BREAKS_BRIEFING[1] :]]
    for number, paragraphs in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=8)
        pdf.text(60, 40, "BRIEFING NOTE · Ministry of the Interior · RESTRICTED")
        pdf.text(480, 810, f"Page {number} of {len(pages)}")
        pdf.set_font("DejaVu", size=10)
        y = 90
        for paragraph in paragraphs:
            for line in paragraph:
                pdf.text(60, y, line)
                y += 14
            y += 12  # a paragraph's gap
    pdf.output(str(path))


def two_columns(path: Path) -> None:
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("DejaVu", size=8)
    pdf.text(60, 40, "Border Bulletin · Issue 7")
    pdf.set_font("DejaVu", size=10)
    y = 90
    for left, right in zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True):  # row by row: the content stream interleaves the columns
        if left:
            pdf.text(60, y, left)
        if right:
            pdf.text(320, y, right)
        y += 14 if left else 12
    pdf.output(str(path))


def scanned(path: Path) -> None:
    """Pages that show text as a picture: grey bars where lines would be, no text layer."""
    pdf = _new_pdf()
    for _ in range(2):
        pdf.add_page()
        pdf.set_fill_color(90, 90, 90)
        for row in range(30):
            pdf.rect(60, 90 + row * 20, 400 - (row % 3) * 40, 9, style="F")
    pdf.output(str(path))


def write_pdfs(folder: Path) -> Path:
    """The readable PDFs in `folder` (the scanned one is written by `scanned` where a test needs it)."""
    folder.mkdir(parents=True, exist_ok=True)
    briefing_note(folder / "briefing_note.pdf")
    two_columns(folder / "two_columns.pdf")
    return folder
