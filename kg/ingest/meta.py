"""Dates written in the usual ways, normalised to ISO 8601."""

from __future__ import annotations

import re

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DMY = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def find_date(text: str) -> str | None:
    """The first calendar date in `text` as YYYY-MM-DD, or None."""
    candidates: list[tuple[int, str]] = []
    for m in _ISO.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            candidates.append((m.start(), f"{y:04d}-{mo:02d}-{d:02d}"))
    for m in _DMY.finditer(text):
        mo = _MONTHS.get(m.group(2).lower())
        if mo and 1 <= int(m.group(1)) <= 31:
            candidates.append((m.start(), f"{int(m.group(3)):04d}-{mo:02d}-{int(m.group(1)):02d}"))
    for m in _MDY.finditer(text):
        mo = _MONTHS.get(m.group(1).lower())
        if mo and 1 <= int(m.group(2)) <= 31:
            candidates.append((m.start(), f"{int(m.group(3)):04d}-{mo:02d}-{int(m.group(2)):02d}"))
    return min(candidates)[1] if candidates else None
