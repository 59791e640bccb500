"""Page furniture: lines that belong to the web page, not to the article.

The patterns live in ontology/page-furniture.txt so users can extend them.
Furniture is blanked to spaces rather than cut out, so offsets into the
document's text stay exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.resources import ontology_file


@dataclass(frozen=True)
class FurniturePatterns:
    furniture: re.Pattern[str]
    teaser: re.Pattern[str]
    trailer: re.Pattern[str]
    section: re.Pattern[str]
    navbar_words: int = 4

    def is_navbar(self, line: str) -> bool:
        """A row of short items separated by | • · or › is navigation, not prose."""
        items = [item.strip() for item in _NAV_SEPARATORS.split(line)]
        return len(items) >= 3 and all(0 < len(item.split()) <= self.navbar_words for item in items)


_NAV_SEPARATORS = re.compile(r"\s[|•·›»]\s|\s*\|\s*")


@lru_cache(maxsize=4)
def load_patterns(path: Path | None = None) -> FurniturePatterns:
    """Read the furniture patterns file into compiled regexes, one per kind."""
    groups: dict[str, list[str]] = {"furniture": [], "teaser": [], "trailer": [], "section": []}
    navbar_words = 4
    source = path or ontology_file("page-furniture.txt")
    for raw in source.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, pattern = line.partition(":")
        if kind == "navbar-words":
            navbar_words = int(pattern)
        elif kind in groups:
            groups[kind].append(pattern.strip())

    def compile_all(patterns: list[str]) -> re.Pattern[str]:
        joined = "|".join(f"(?:{p})" for p in patterns) or r"(?!)"
        return re.compile(rf"^(?:{joined})[\s.:!?]*$", re.IGNORECASE)

    return FurniturePatterns(
        furniture=compile_all(groups["furniture"]),
        teaser=compile_all(groups["teaser"]),
        trailer=compile_all(groups["trailer"]),
        section=compile_all(groups["section"]),
        navbar_words=navbar_words,
    )


@dataclass(frozen=True)
class Cleaned:
    body: str
    references: tuple[str, ...]


def blank_furniture(text: str, title_span: tuple[int, int] | None = None, source: str | None = None) -> Cleaned:
    """Blank furniture lines (and the title) to spaces; collect a trailing reference list.

    The lines are judged as `source` writes them (a Markdown file, whose pipes and bullets its text layer blanks),
    which has the length of `text`; by default `text` itself."""
    patterns = load_patterns()
    chars = list(text)
    references: list[str] = []

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\n\r":
                chars[i] = " "

    if title_span:
        blank(*title_span)
    lines = _lines_with_offsets(source if source is not None else text)
    skip_next_headline = False
    in_trailer = False
    for start, end, line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if in_trailer:
            references.append(stripped)
            blank(start, end)
        elif patterns.trailer.match(stripped):
            in_trailer = True
            blank(start, end)
        elif patterns.teaser.match(stripped):
            skip_next_headline = True
            blank(start, end)
        elif patterns.furniture.match(stripped) or patterns.is_navbar(stripped):
            blank(start, end)
        elif skip_next_headline:
            skip_next_headline = False
            blank(start, end)
    return Cleaned("".join(chars), tuple(references))


def _lines_with_offsets(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        out.append((pos, pos + len(line), line))
        pos += len(line)
    return out
