"""PDF documents: the text layer in reading order, one paragraph a line.

pdfplumber gives every word with its box; this module puts them back into
reading order (benchmarks/pdf_extractors.py compares it with pypdf and
pypdfium2, whose text follows the order of the file's drawing commands):

- running headers and footers are dropped: a line in the top or bottom band
  of the page that recurs on other pages (digits aside), is printed smaller
  than the body text, or is a page number ("Page 2 of 3", "- 4 -");
- a page in two columns is read left column first, then right, wherever a
  gutter that no word crosses runs down the middle of the page;
- the lines of a paragraph are joined with a space, so a sentence or an amount
  ("€52" / "million") wrapped over two lines is whole again; a paragraph ends
  at a wider gap, a change of font size or a short line that ends a sentence,
  and goes on across a page break when it stops mid-sentence;
- a word broken at a line's end keeps its hyphen ("non-" + "refoulement" is
  "non-refoulement") unless the document writes it elsewhere without one, or
  the hyphen is a soft hyphen (U+00AD).
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from kg.errors import DocumentError

_BAND = 0.1  # the top and bottom tenth of a page hold running headers and footers
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
_GUTTER = 10.0  # points: the narrowest white strip between two columns


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float


def read_pdf(path: str, data: bytes) -> dict[str, object]:
    """Text and title of a PDF; DocumentError when it is encrypted or has no text layer."""
    import pdfplumber

    for noisy in ("pdfminer", "pdfplumber"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [(page.width, page.height, page.extract_words(extra_attrs=["size"], use_text_flow=False)) for page in pdf.pages]
            title = pdf.metadata.get("Title")
    except Exception as err:  # pdfminer raises many kinds on damaged or encrypted files, pdfplumber wraps them
        cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
        name = type(cause).__name__
        if "Password" in name or "Encrypt" in name or "crypt" in str(cause).lower():
            raise DocumentError(path, "encrypted PDF; decrypt it first (e.g. qpdf --decrypt)") from None
        raise DocumentError(path, f"not a readable PDF ({name}: {cause})") from None
    if not any(words for _w, _h, words in pages):
        raise DocumentError(path, "PDF has no text layer (scanned image?); run OCR first")
    text = reading_order(pages)
    meta: dict[str, object] = {"text": text}
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    if title and str(title).strip():
        meta["title"] = str(title).strip()
    return meta


def reading_order(pages: list[tuple[float, float, list[dict[str, object]]]]) -> str:
    """The words of each page (pdfplumber's dicts) as paragraphs in reading order, one a line."""
    whole_lines = [_lines(words) for _w, _h, words in pages]
    body_size = _median_size(whole_lines)
    running = _running_lines(whole_lines, [height for _w, height, _words in pages])
    paragraphs: list[list[_Line]] = []
    for (width, height, words), lines in zip(pages, whole_lines, strict=True):
        margins = _margin_lines(lines, height, running, body_size)
        body = [w for w in words if not any(m.top - 0.5 <= float(w["top"]) <= m.bottom + 0.5 for m in margins)]  # type: ignore[arg-type]
        for column_number, column in enumerate(_page_lines(width, body)):
            for i, paragraph in enumerate(_paragraphs(column)):
                if column_number == 0 and i == 0 and paragraphs and _goes_on(paragraphs[-1], paragraph):
                    paragraphs[-1].extend(paragraph)
                else:
                    paragraphs.append(paragraph)
    vocabulary = Counter(w.lower() for paragraph in paragraphs for line in paragraph for w in re.findall(r"[\w-]+", line.text))
    text = "\n\n".join(_join(paragraph, vocabulary) for paragraph in paragraphs)
    return text + "\n" if text else ""


def _page_lines(width: float, words: list[dict[str, object]]) -> list[list[_Line]]:
    """A page's lines, column by column (one column unless a gutter splits the page)."""
    gutter = _gutter(width, words)
    if gutter is None:
        return [_lines(words)]
    spanning = [w for w in words if float(w["x0"]) < gutter < float(w["x1"])]  # type: ignore[arg-type]
    if spanning:  # a full-width line (a headline) over the columns: read it first, then the columns
        top = max(float(w["bottom"]) for w in spanning)  # type: ignore[arg-type]
        above = [w for w in words if float(w["top"]) <= top]  # type: ignore[arg-type]
        words = [w for w in words if float(w["top"]) > top]  # type: ignore[arg-type]
        return [_lines(above), _lines([w for w in words if float(w["x1"]) <= gutter]), _lines([w for w in words if float(w["x0"]) >= gutter])]  # type: ignore[arg-type]
    return [_lines([w for w in words if float(w["x1"]) <= gutter]), _lines([w for w in words if float(w["x0"]) >= gutter])]  # type: ignore[arg-type]


def _gutter(width: float, words: list[dict[str, object]]) -> float | None:
    """The middle of a white strip down the central half of the page with text on both sides on three rows or more."""
    if len(words) < 12:
        return None
    step = 2.0
    slots = int(width / step) + 1
    crossing = [0] * slots
    for w in words:
        for slot in range(int(float(w["x0"]) / step), min(slots, int(float(w["x1"]) / step) + 1)):  # type: ignore[arg-type]
            crossing[slot] += 1
    best: tuple[int, int] | None = None
    run_start = None
    for slot in range(int(slots * 0.25), int(slots * 0.75) + 1):
        if crossing[slot] <= 1 and run_start is None:
            run_start = slot
        elif crossing[slot] > 1 and run_start is not None:
            if (slot - run_start) * step >= _GUTTER and (best is None or slot - run_start > best[1] - best[0]):
                best = (run_start, slot)
            run_start = None
    if best is None:
        return None
    middle = (best[0] + best[1]) / 2 * step
    rows_left = {round(float(w["top"])) for w in words if float(w["x1"]) <= middle}  # type: ignore[arg-type]
    rows_right = {round(float(w["top"])) for w in words if float(w["x0"]) >= middle}  # type: ignore[arg-type]
    return middle if len(rows_left & rows_right) >= 3 else None


def _lines(words: list[dict[str, object]]) -> list[_Line]:
    """Words grouped into lines by their vertical position, left to right."""
    rows: list[list[dict[str, object]]] = []
    for word in sorted(words, key=lambda w: (float(w["top"]), float(w["x0"]))):  # type: ignore[arg-type]
        if rows and abs(float(word["top"]) - float(rows[-1][0]["top"])) <= 2.5:  # type: ignore[arg-type]
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: float(w["x0"]))  # type: ignore[arg-type]
        lines.append(
            _Line(
                text=" ".join(str(w["text"]) for w in row),
                top=min(float(w["top"]) for w in row),  # type: ignore[arg-type]
                bottom=max(float(w["bottom"]) for w in row),  # type: ignore[arg-type]
                x0=float(row[0]["x0"]),  # type: ignore[arg-type]
                x1=float(row[-1]["x1"]),  # type: ignore[arg-type]
                size=statistics.median(float(w.get("size") or 0) for w in row),  # type: ignore[arg-type]
            )
        )
    return lines


def _median_size(pages: list[list[_Line]]) -> float:
    sizes = [line.size for lines in pages for line in lines for _ in line.text.split()]
    return statistics.median(sizes) if sizes else 0.0


def _in_band(line: _Line, height: float) -> bool:
    return line.bottom <= height * _BAND or line.top >= height * (1 - _BAND)


def _running_lines(pages: list[list[_Line]], heights: list[float]) -> set[str]:
    """Lines (digits masked) that recur in the header or footer band of at least two pages and half of them."""
    seen: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        seen.update({_mask(line.text) for line in lines if _in_band(line, height)})
    needed = max(2, (len(pages) + 1) // 2)
    return {text for text, count in seen.items() if count >= needed}


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _margin_lines(lines: list[_Line], height: float, running: set[str], body_size: float) -> list[_Line]:
    """The running headers and footers of a page: lines at its top or bottom edge, in the band, that are a page
    number, are printed smaller than the body, or recur on other pages and stand apart from the text."""
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)]
    usual = statistics.median(gaps) if gaps else 0.0

    def furniture(line: _Line, gap_to_body: float) -> bool:
        if not _in_band(line, height):
            return False
        if _PAGE_NUMBER.match(line.text.strip()) or (body_size > 0 and line.size < body_size - 0.5):
            return True
        return _mask(line.text) in running and gap_to_body > usual * 1.5 + 1.5

    found: list[_Line] = []
    for i, line in enumerate(lines):  # from the top edge down
        if not furniture(line, gaps[i] if i < len(gaps) else 0.0):
            break
        found.append(line)
    for i in range(len(lines) - 1, len(found) - 1, -1):  # from the bottom edge up
        if not furniture(lines[i], gaps[i - 1] if i > 0 else 0.0):
            break
        found.append(lines[i])
    return found


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    """Lines split where a paragraph ends: a wider gap, another font size, or a short line that ends a sentence."""
    if not lines:
        return []
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)]
    usual = statistics.median(gaps) if gaps else 0.0
    width = max(line.x1 for line in lines) - min(line.x0 for line in lines)
    left = min(line.x0 for line in lines)
    paragraphs = [[lines[0]]]
    for previous, line, gap in zip(lines, lines[1:], gaps, strict=False):
        short_end = _SENTENCE_END.search(previous.text) is not None and previous.x1 - left < width * 0.75
        if gap > usual * 1.5 + 1.5 or abs(line.size - previous.size) > 0.5 or short_end:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return paragraphs


def _goes_on(before: list[_Line], after: list[_Line]) -> bool:
    """Whether a paragraph that ends a page goes on at the top of the next: it stops mid-sentence."""
    return _SENTENCE_END.search(before[-1].text) is None and after[0].text[:1].islower()


def _join(paragraph: list[_Line], words: Counter[str]) -> str:
    """A paragraph's lines as one line: a space between them, a line-end hyphen kept or dropped."""
    text = paragraph[0].text
    for line in paragraph[1:]:
        if text.endswith("\u00ad"):
            text = text[:-1] + line.text
        elif re.search(r"[A-Za-zÀ-ÿ]-$", text) and line.text[:1].isalpha():
            head = re.search(r"([\w-]+)-$", text)
            tail = re.match(r"[\w-]+", line.text)
            joined = (head.group(1) if head else "") + (tail.group(0) if tail else "")
            text = text[:-1] + line.text if words[joined.lower()] else text + line.text
        else:
            text = text + " " + line.text
    return text
