"""Figures a text states: "rose by 66% compared to 2023"."""

from __future__ import annotations

import re
from dataclasses import dataclass

CHANGE = re.compile(
    r"\b(?P<verb>rose|risen|rises|increased|increases|grew|grown|jumped|climbed|surged|went up|fell|fallen|falls|dropped|decreased|declined|went down)"
    r"\s+(?:by\s+)?(?:almost\s+|nearly\s+|about\s+|around\s+|over\s+|more than\s+)?(?P<value>\d+(?:[.,]\d+)?)\s?(?P<unit>%|per ?cent|percent)",
    re.IGNORECASE,
)
BASELINE = re.compile(r"\b(?:compared (?:to|with)|than in|from|since|relative to|over)\s+(?:the same period (?:of|in)\s+)?(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
PERIOD = re.compile(r"\b(?:in|during|throughout|for)\s+(?:the first half of |the year )?(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)
DOWN = ("fell", "fallen", "falls", "dropped", "decreased", "declined", "went down")


@dataclass(frozen=True)
class Change:
    """A relative change in a sentence, with its character offset."""

    start: int
    value: str
    unit: str
    period: str | None
    baseline: str | None


def find_changes(sentence: str) -> list[Change]:
    """Percent changes stated in a sentence."""
    out = []
    for m in CHANGE.finditer(sentence):
        value = m.group("value").replace(",", ".")
        if m.group("verb").lower() in DOWN:
            value = "-" + value
        base = BASELINE.search(sentence, m.end())
        baseline = base.group("year") if base else None
        period = None
        for p in PERIOD.finditer(sentence):
            if p.group("year") != baseline:
                period = p.group("year")
                break
        out.append(Change(m.start(), value, "percent", period, baseline))
    return out
