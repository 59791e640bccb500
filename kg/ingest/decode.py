"""Bytes → text, with a clear reason when a file is not text."""

from __future__ import annotations

import codecs

from kg.errors import DocumentError


def decode_text(path: str, data: bytes) -> tuple[str, str | None]:
    """Decode a text file; returns (text, warning). Raises DocumentError for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, data, "utf-16"), None
    if b"\x00" in data[:8192]:
        raise DocumentError(path, "binary file, not text (NUL bytes found)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        text = data.decode("cp1252", errors="replace")
        controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\r\n\t\f")
        if controls > 8:
            raise DocumentError(path, "binary file, not text") from None
        return text, f"not valid UTF-8 (byte {err.start}); read as Windows-1252/Latin-1"


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DocumentError(path, f"not valid {encoding.upper()} (byte {err.start})") from None
