"""HTML pages: the article's main text and its metadata, through trafilatura.

trafilatura (a boilerplate remover built for corpus work) finds the article
and drops menus, cookie banners, share bars, related lists, comments and
newsletter boxes, and reads title (without the site's suffix), date, author,
site name and URL. benchmarks/html_extractors.py compares it with jusText and
readability-lxml on the layouts of tests/pages/.

Two small passes handle what it keeps on those layouts: before it, footnote
markers and the sections under a furniture heading ("About the author",
"Press contacts") are taken out of the page; after it, lines that are
furniture by their wording ("READ MORE: …", "Photo: …", "Reporting by …",
a byline naming the author) are dropped. Both read their patterns from
page-furniture.txt. The text returned is the document's text layer: evidence
offsets index it, and `kg text` prints it.
"""

from __future__ import annotations

import functools
import re
from configparser import ConfigParser
from typing import TYPE_CHECKING

from kg.ingest.furniture import load_patterns
from kg.ingest.meta import find_date

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_FOOTNOTE_MARK = re.compile(r"^\s*\[?\s*(\d{1,3}|[*†‡])\s*\]?\s*$")
_BYLINE_WORDS = 12  # a line this short that names the author is a byline, not a sentence about them


def read_html(markup: str) -> dict[str, object]:
    """Text, title, date, author, URL and publisher of an HTML page."""
    import trafilatura
    from lxml import html as lxml_html

    meta: dict[str, object] = {}
    try:
        tree = lxml_html.document_fromstring(markup)
    except Exception:  # lxml refuses some inputs outright (an empty document, a bare XML declaration)
        tree = None
    if tree is not None:
        _drop_page_sections(tree)
    found = trafilatura.bare_extraction(
        tree if tree is not None else markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        config=_config(),
    )
    text = ""
    if found is not None:
        found = found.as_dict()  # type: ignore[union-attr]
        text = found.get("text") or ""
        for key, name in (("title", "title"), ("author", "author"), ("url", "url"), ("publisher", "sitename")):
            if found.get(name):
                meta[key] = str(found[name]).strip()
        if found.get("date") and (iso := find_date(str(found["date"]))):
            meta["date"] = iso
        if "title" in meta and "publisher" in meta:
            meta["title"] = _without_site_name(str(meta["title"]), str(meta["publisher"]))
    if not text.strip() and tree is not None:  # too little for trafilatura (a fragment, a stub page): every block's text
        text = _block_text(tree)
    meta["text"] = _article_lines(text, meta.get("author"))
    return meta


@functools.cache
def _config() -> ConfigParser:
    """trafilatura's settings, but a short page's main text is kept: below 250 characters it would otherwise fall
    back to every text of the page, related links included, run together on one line."""
    from trafilatura.settings import DEFAULT_CONFIG

    config = ConfigParser()
    config.read_dict(DEFAULT_CONFIG)
    config["DEFAULT"]["min_extracted_size"] = "1"
    return config


def _without_site_name(title: str, site: str) -> str:
    """'Headline – Baltic Ledger' → 'Headline': the site's name after a separator (trafilatura trims some, not all)."""
    trimmed = re.sub(rf"\s+[|–—·:-]\s+{re.escape(site)}\s*$", "", title)
    return trimmed or title


def _drop_page_sections(tree: HtmlElement) -> None:
    """Remove footnote markers, and each furniture heading with what follows it up to the next heading of its rank."""
    patterns = load_patterns()
    for sup in list(tree.iter("sup")):
        if _FOOTNOTE_MARK.match(sup.text_content()):
            sup.drop_tree()
    for heading in list(tree.iter(*_HEADINGS)):
        if heading.getparent() is None or not patterns.section.match(heading.text_content().strip()):
            continue
        rank = _HEADINGS.index(heading.tag)
        doomed = [heading]
        for sibling in heading.itersiblings():
            if sibling.tag in _HEADINGS and _HEADINGS.index(sibling.tag) <= rank:
                break
            doomed.append(sibling)
        for element in doomed:
            element.drop_tree()


def _article_lines(text: str, author: object) -> str:
    """The extracted text without furniture lines and bylines, one paragraph a line, ending in a newline."""
    patterns = load_patterns()
    kept = []
    for raw in text.splitlines():
        line = re.sub(r"[ \t\u00a0]+", " ", raw).strip()
        if not line or patterns.furniture.match(line) or patterns.is_navbar(line) or _is_byline(line, author):
            continue
        kept.append(line)
    return "\n".join(kept) + "\n" if kept else ""


def _is_byline(line: str, author: object) -> bool:
    """'By Marta Kowal', 'Kadri Tamm · 5 May 2025': a short line that is the author's name with a date or role."""
    words = line.split()
    if len(words) > _BYLINE_WORDS:
        return False
    if re.match(r"(?i)by\s+[A-Z]", line) and not line.rstrip().endswith((".", "!", "?")):
        return True
    return bool(author) and str(author).lower() in line.lower() and not line.rstrip().endswith((".", "!", "?"))


_BLOCKS = {"p", "div", "section", "article", "main", "li", "blockquote", "pre", "br", "tr", "td", "th", "dd", "dt", "figcaption", "table", "ul", "ol", *_HEADINGS}


def _block_text(tree: HtmlElement) -> str:
    """Each block's text on a line of its own (inline markup does not break a line), scripts and styles left out."""
    for element in list(tree.iter("script", "style", "noscript", "template")):
        element.drop_tree()
    for element in tree.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    body = tree.find("body")
    return str((body if body is not None else tree).text_content())
