"""Which boilerplate remover gives the article and nothing else? Measured on the page layouts of tests/pages/.

For each page, tests/pages/NAME.expect.json lists the furniture strings that must not reach the text, the
article sentences that must, and the metadata the page states. Every extractor reads the same pages in one run:

    pip install -e ".[bench]"      # jusText and readability-lxml for the comparison (trafilatura is a dependency)
    python benchmarks/html_extractors.py

prints, per extractor, the furniture strings that leaked, the sentences lost and the metadata it got right.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "tests" / "pages"


def _trafilatura(**options: bool) -> Callable[[str], dict[str, str | None]]:
    def run(html: str) -> dict[str, str | None]:
        import trafilatura

        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True, **options)
        if doc is None:
            return {"text": ""}
        return {"text": doc.text or "", "title": doc.title, "date": doc.date, "author": doc.author, "publisher": doc.sitename, "url": doc.url}

    return run


def _justext(html: str) -> dict[str, str | None]:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return {"text": "\n".join(p.text for p in paragraphs if not p.is_boilerplate)}


def _readability(html: str) -> dict[str, str | None]:
    from lxml import html as lxml_html
    from readability import Document

    doc = Document(html)
    summary = lxml_html.fromstring(doc.summary(html_partial=True))
    blocks = [el.text_content().strip() for el in summary.iter("p", "li", "h1", "h2", "h3", "td")]
    return {"text": "\n".join(b for b in blocks if b), "title": doc.short_title()}


def _kg(html: str) -> dict[str, str | None]:
    from kg.ingest.html import read_html

    meta = read_html(html)
    return {key: (str(value) if value is not None else None) for key, value in meta.items()}


EXTRACTORS: dict[str, Callable[[str], dict[str, str | None]]] = {
    "kg: trafilatura + passes": _kg,
    "trafilatura": _trafilatura(),
    "trafilatura precision": _trafilatura(favor_precision=True),
    "trafilatura recall": _trafilatura(favor_recall=True),
    "jusText": _justext,
    "readability-lxml": _readability,
}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def score(extract: Callable[[str], dict[str, str | None]]) -> tuple[int, int, int, int, list[str]]:
    """(furniture strings leaked, furniture total, sentences lost, metadata right out of asked, notes)."""
    leaked = total = lost = right = 0
    asked = 0
    notes: list[str] = []
    for expect_file in sorted(PAGES.glob("*.expect.json")):
        expect = json.loads(expect_file.read_text(encoding="utf-8"))
        html = expect_file.with_name(expect_file.name.replace(".expect.json", ".html")).read_text(encoding="utf-8")
        try:
            got = extract(html)
        except Exception as err:  # an extractor that fails on a page loses every sentence of it
            got = {"text": ""}
            notes.append(f"{expect_file.stem}: {type(err).__name__}")
        text = _squash(got.get("text") or "")
        total += len(expect["furniture"])
        for furniture in expect["furniture"]:
            if furniture in text:
                leaked += 1
                notes.append(f"{expect_file.stem}: furniture {furniture!r}")
        for sentence in expect["sentences"] + expect.get("lost_by_trafilatura", []):
            if sentence not in text:
                lost += 1
                notes.append(f"{expect_file.stem}: lost {sentence[:50]!r}")
        for key, value in expect["metadata"].items():
            asked += 1
            found = got.get(key)
            if found and (found == value or (key == "date" and found.startswith(value))):
                right += 1
    return leaked, total, lost, right * 1000 + asked, notes


def main() -> None:
    expectations = [json.loads(p.read_text(encoding="utf-8")) for p in PAGES.glob("*.expect.json")]
    sentences = sum(len(e["sentences"]) + len(e.get("lost_by_trafilatura", [])) for e in expectations)
    pages = len(list(PAGES.glob("*.expect.json")))
    print(f"{pages} pages, {sentences} article sentences\n")
    print(f"{'extractor':24} {'furniture leaked':>17} {'sentences lost':>15} {'metadata right':>15}")
    details = {}
    for name, extract in EXTRACTORS.items():
        try:
            leaked, total, lost, meta, notes = score(extract)
        except ImportError as err:
            print(f"{name:24} not installed ({err.name})")
            continue
        right, asked = divmod(meta, 1000)
        print(f"{name:24} {leaked:>8} of {total:<6} {lost:>6} of {sentences:<6} {right:>6} of {asked:<6}")
        details[name] = notes
    if "-v" in sys.argv:
        for name, notes in details.items():
            print(f"\n{name}")
            for note in notes:
                print(f"  {note}")


if __name__ == "__main__":
    main()
