"""HTML pages: the article's text without navigation, teasers and scripts."""

from __future__ import annotations

import re
import warnings

from kg.ingest.meta import find_date

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template", "button")
_FURNITURE_ATTR = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|breadcrumbs?|related|teaser|share|sharing|social|footer|sidebar|comments?|advert|ads?|promo|newsletter|cookie|subscribe|pagination|next-article|prev-article)([-_ ]|$)",
    re.IGNORECASE,
)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "br", "tr", "td", "th", "dd", "dt", "figcaption", "table", "ul", "ol"}


def read_html(markup: str) -> dict[str, object]:
    """Text, title, date, URL and publisher of an HTML page."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(markup, "lxml")
    meta: dict[str, object] = {}
    title = _meta(soup, "og:title") or (soup.title.get_text(" ", strip=True) if soup.title else None)
    h1 = soup.find("h1")
    if not title and h1:
        title = h1.get_text(" ", strip=True)
    if title:
        meta["title"] = title
    date = _meta(soup, "article:published_time") or _meta(soup, "date") or _meta(soup, "dcterms.date") or _meta(soup, "DC.date")
    time_tag = soup.find("time")
    if not date and time_tag is not None:
        date = time_tag.get("datetime") or time_tag.get_text(" ", strip=True)
    if date and (iso := find_date(str(date))):
        meta["date"] = iso
    canonical = soup.find("link", rel="canonical")
    url = (canonical.get("href") if canonical else None) or _meta(soup, "og:url")
    if url:
        meta["url"] = str(url)
    publisher = _meta(soup, "og:site_name") or _meta(soup, "publisher") or _meta(soup, "author")
    if publisher:
        meta["publisher"] = publisher

    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        attrs = " ".join([*(tag.get("class") or []), str(tag.get("id") or ""), str(tag.get("role") or "")])
        if attrs.strip() and _FURNITURE_ATTR.search(attrs) and tag.name not in ("body", "html", "main", "article"):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    meta["text"] = _block_text(root)
    return meta


def _meta(soup: object, name: str) -> str | None:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})  # type: ignore[attr-defined]
    content = tag.get("content") if tag is not None else None
    return str(content).strip() if content else None


def _block_text(root: object) -> str:
    """Text with a blank line between blocks, so sentences never run across paragraphs."""
    parts: list[str] = []
    for element in root.descendants:  # type: ignore[attr-defined]
        name = getattr(element, "name", None)
        if name is None:
            parts.append(str(element))
        elif name in _BLOCK_TAGS:
            parts.append("\n\n")
    text = "".join(parts)
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" *\n[\n ]*", "\n\n", text)
    return text.strip() + "\n"
