"""Markdown markup blanked to spaces: the words stay where they are in the file.

A Markdown document's text layer is the file with its markup (heading marks,
emphasis, link and image syntax, list bullets, table pipes, code ticks, HTML
tags; "-" list bullets stay, as the extraction reads them) replaced by spaces, one space per character. Every offset into it is an
offset into the file, and no `**`, `#` or `](https://…)` reaches a sentence or
a label. A Markdown parser (markdown-it and the like) gives block positions but
not the character position of inline markup, which is what this needs.
"""

from __future__ import annotations

import re

# (pattern, the groups to blank; () blanks the whole match)
_RULES: list[tuple[re.Pattern[str], tuple[int, ...]]] = [
    (re.compile(r"<!--.*?-->", re.DOTALL), ()),  # HTML comments
    (re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S.*$", re.MULTILINE), ()),  # link definitions "[1]: https://…"
    (re.compile(r"^[ \t]{0,3}\[\^[^\]\n]+\]:", re.MULTILINE), ()),  # a footnote's marker "[^1]:", its text stays
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ()),  # horizontal rules
    (re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$", re.MULTILINE), ()),  # setext heading underlines
    (re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.MULTILINE), ()),  # table rules
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ()),  # images, alt text and all
    (re.compile(r"(\[)\^?[^\]\n]*?(\])(\([^)\n]*\)|\[[^\]\n]*\])"), (1, 2, 3)),  # [label](url), [label][ref]: the label stays
    (re.compile(r"\[\^[^\]\n]+\]"), ()),  # footnote markers [^1]
    (re.compile(r"(<)(?:https?://|mailto:)[^>\s]+(>)"), (1, 2)),  # <https://…>: the address stays
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ()),  # inline HTML tags
    (re.compile(r"^([ \t]{0,3}#{1,6})(?=[ \t]|$)", re.MULTILINE), (1,)),  # ATX heading marks
    (re.compile(r"([ \t]+#+)[ \t]*$", re.MULTILINE), (1,)),  # closing heading marks "## Title ##"
    (re.compile(r"^([ \t]*(?:>[ \t]?)+)", re.MULTILINE), (1,)),  # block quote marks
    # "*" and "+" bullets; "-" stays: the extraction reads a "- " line as a list item (one sentence, its lead-in's verb)
    (re.compile(r"^([ \t]*[*+])(?=[ \t]+\S)", re.MULTILINE), (1,)),
    (re.compile(r"`+"), ()),  # code ticks
    (re.compile(r"\*{1,3}|~~"), ()),  # emphasis and strike-through
    (re.compile(r"(?<![A-Za-z0-9])_{1,3}|_{1,3}(?![A-Za-z0-9])"), ()),  # _emphasis_, but not snake_case
    (re.compile(r"\|"), ()),  # table pipes
    (re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|>~])"), ()),  # backslash escapes: the escaped character stays
]


def blank_markdown(text: str) -> str:
    """`text` with Markdown markup replaced by spaces (same length; line breaks kept)."""
    chars = list(text)
    for pattern, groups in _RULES:
        for match in pattern.finditer(text):
            spans = [match.span(g) for g in groups] if groups else [match.span()]
            for start, end in spans:
                for i in range(max(start, 0), end):
                    if chars[i] not in "\r\n":
                        chars[i] = " "
    return "".join(chars)
