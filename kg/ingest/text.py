"""Plain text and Markdown documents: title, date, URL and publisher from the text itself."""

from __future__ import annotations

import re

from kg.ingest.meta import find_date

_MD_HEADING = re.compile(r"^#{1,2}\s+(.+?)\s*#*\s*$")
_URL_LINE = re.compile(r"^(?:(?:source|url|link|original)\s*:\s*)?(https?://\S+)\s*$", re.IGNORECASE)
_PUBLISHER_LINE = re.compile(r"^(?:publisher|source|published by)\s*:\s*(?!https?://)(.{2,120})$", re.IGNORECASE)


def read_metadata(text: str) -> dict[str, object]:
    """Title (and its span), date, URL and publisher as far as the text states them."""
    meta: dict[str, object] = {}
    head = _first_lines(text, 12)
    for start, _end, line in head:
        stripped = line.strip()
        if not stripped:
            continue
        heading = _MD_HEADING.match(stripped)
        title = heading.group(1) if heading else stripped
        if heading or (len(stripped) <= 200 and not stripped.endswith((".", ":", ";", ","))):
            meta["title"] = title.strip("*_ ")
            offset = line.index(stripped)
            meta["title_span"] = (start + offset, start + offset + len(stripped))
        break
    for _start, _end, line in head + _last_lines(text, 6):
        stripped = line.strip()
        if "url" not in meta and (m := _URL_LINE.match(stripped)):
            meta["url"] = m.group(1)
        if "publisher" not in meta and (m := _PUBLISHER_LINE.match(stripped)):
            meta["publisher"] = m.group(1).strip()
    date = find_date("\n".join(line for _s, _e, line in head))
    if date:
        meta["date"] = date
    return meta


def _first_lines(text: str, n: int) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line), line))
        pos += len(line)
        if len(out) >= n:
            break
    return out


def _last_lines(text: str, n: int) -> list[tuple[int, int, str]]:
    lines = text.splitlines(keepends=True)[-n:]
    return [(0, 0, line) for line in lines]
