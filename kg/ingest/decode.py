"""Bytes → text, with a clear reason when a file is not text."""

from __future__ import annotations

import codecs

from kg.errors import DocumentError

_FALLBACK = "kg-cp1252"


def _cp1252_bytes(err: UnicodeError) -> tuple[str, int]:
    """Read the bytes UTF-8 rejects as Windows-1252 (Latin-1 where 1252 leaves a byte undefined)."""
    assert isinstance(err, UnicodeDecodeError)
    chunk = err.object[err.start : err.end]
    return "".join(_cp1252_char(b) for b in chunk), err.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error(_FALLBACK, _cp1252_bytes)


def decode_text(path: str, data: bytes) -> tuple[str, str | None]:
    """Decode a text file; returns (text, warning). Raises DocumentError for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8"), None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts with FF FE
        return _strict(path, data, "utf-32"), None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, data, "utf-16"), None
    if b"\x00" in data[:8192]:
        raise DocumentError(path, "binary file, not text (NUL bytes found)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        # Each invalid sequence alone is read as Windows-1252, so a file mixing UTF-8
        # and Latin-1 lines keeps both right instead of turning the UTF-8 into mojibake.
        text = data.decode("utf-8", errors=_FALLBACK)
        controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\r\n\t\f")
        if controls > 8:
            raise DocumentError(path, "binary file, not text") from None
        return text, f"not valid UTF-8 (byte {err.start}); read the invalid bytes as Windows-1252/Latin-1"


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DocumentError(path, f"not valid {encoding.upper()} (byte {err.start})") from None
