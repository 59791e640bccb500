"""PDF documents: the text layer, page by page."""

from __future__ import annotations

import logging

from kg.errors import DocumentError


def read_pdf(path: str) -> dict[str, object]:
    """Text and title of a PDF; DocumentError when it is encrypted or has no text layer."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(path, "encrypted PDF; decrypt it first (e.g. qpdf --decrypt)")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise DocumentError(path, f"not a readable PDF ({err})") from None
    except Exception as err:  # pypdf raises a wide range on damaged files
        if "crypt" in str(err).lower():
            raise DocumentError(path, "encrypted PDF; decrypt it first (e.g. qpdf --decrypt)") from None
        raise DocumentError(path, f"not a readable PDF ({type(err).__name__}: {err})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise DocumentError(path, "PDF has no text layer (scanned image?); run OCR first")
    meta: dict[str, object] = {"text": text + "\n"}
    if info is not None and info.title:
        meta["title"] = str(info.title)
    return meta
