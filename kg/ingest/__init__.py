"""Files and folders → Documents (txt, md, html, pdf), page furniture blanked."""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kg.errors import DocumentError
from kg.ids import document_id
from kg.ingest.decode import decode_text
from kg.ingest.furniture import blank_furniture
from kg.model import Document

SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# what a document's text (the characters evidence offsets index) is, by file type
LAYERS = {".txt": "file", ".md": "markdown-blanked", ".html": "html-main-text", ".htm": "html-main-text", ".pdf": "pdf-text"}


@dataclass(frozen=True)
class Skipped:
    """A document that could not be read, and why."""

    path: str
    reason: str


def find_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Expand files and folders into input files, in a stable order; report what cannot be read."""
    for raw in paths:
        path = Path(raw)
        problem = _path_problem(path)
        if problem:
            yield Skipped(str(raw), problem)
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _path_problem(path: Path) -> str | None:
    """Why `path` cannot be followed (missing, broken or looping link, no permission), or None."""
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        if err.errno == errno.ENOENT:
            return "broken symbolic link" if path.is_symlink() else "no such file or directory"
        if err.errno == errno.EACCES:
            return "permission denied"
        return f"cannot read ({err.strerror or err})"
    return None


def _walk(folder: Path) -> Iterator[Path | Skipped]:
    seen: set[tuple[int, int]] = set()
    # each folder carries the inodes of the folders above it: a link back to one of them is a loop,
    # a second link to a folder already read elsewhere is only a duplicate and is passed over quietly
    stack: list[tuple[Path, frozenset[tuple[int, int]]]] = [(folder, frozenset())]
    found: list[Path | Skipped] = []
    while stack:
        current, ancestors = stack.pop()
        try:
            st = current.stat()
        except OSError as err:
            found.append(Skipped(str(current), f"cannot read ({err.strerror})"))
            continue
        inode = (st.st_dev, st.st_ino)
        if inode in ancestors:
            found.append(Skipped(str(current), "symbolic link loop"))
            continue
        if inode in seen:
            continue
        seen.add(inode)
        try:
            entries = sorted(current.iterdir())
        except OSError as err:
            found.append(Skipped(str(current), f"cannot list folder ({err.strerror})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink() and (problem := _path_problem(entry)):
                found.append(Skipped(str(entry), problem))
                continue
            try:
                is_dir = entry.is_dir()
            except OSError as err:
                found.append(Skipped(str(entry), f"cannot read ({err.strerror})"))
                continue
            if is_dir:
                stack.append((entry, ancestors | {inode}))
            elif entry.suffix.lower() in SUFFIXES:
                found.append(entry)
    found.sort(key=lambda item: str(item.path) if isinstance(item, Skipped) else str(item))
    yield from found


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, alternates: Iterable[Path] = ()) -> tuple[Document, str | None]:
    """Read one file into a Document; returns it with a warning, or raises DocumentError.

    `alternates` are other paths known to hold the same bytes: the document records every path, the first in sorted
    order as its path."""
    name = display_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DocumentError(name, f"unsupported file type '{suffix or '(none)'}'; use .txt, .md, .html, .htm or .pdf")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(name, f"file is {size:,} bytes, over the --max-bytes limit of {max_bytes:,}")
        data = path.read_bytes()
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except IsADirectoryError:
        raise DocumentError(name, "is a directory") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise DocumentError(name, "symbolic link loop") from None
        raise DocumentError(name, f"cannot read ({err.strerror or err})") from None
    if not data.strip():
        raise DocumentError(name, "empty file")
    sha = hashlib.sha256(data).hexdigest()
    names = sorted({name, *(display_path(other) for other in alternates)})
    warning = None
    source: str | None = None  # a Markdown file as written, where furniture lines are judged
    if suffix == ".pdf":
        from kg.ingest.pdf import read_pdf

        meta = read_pdf(name, data)
    else:
        text, warning = decode_text(name, data)
        if suffix in (".html", ".htm"):
            from kg.ingest.html import read_html

            meta = read_html(text)
        else:
            from kg.ingest.text import read_metadata

            meta = read_metadata(text)
            source = text
            if suffix == ".md":
                from kg.ingest.markdown import blank_markdown

                text = blank_markdown(text)
            meta["text"] = text
    text = str(meta["text"])
    if not text.strip():
        raise DocumentError(name, "no text found")
    title_span = meta.get("title_span") if suffix in (".txt", ".md") else None
    cleaned = blank_furniture(text, title_span, source if suffix == ".md" else None)  # type: ignore[arg-type]
    if not cleaned.body.strip():
        raise DocumentError(name, "no article text after removing page furniture")
    document = Document(
        id=document_id(sha),
        path=names[0],
        alternates=tuple(names[1:]),
        text=text,
        body=cleaned.body,
        sha256=sha,
        title=_opt(meta.get("title")) or PurePosixPath(names[0]).stem,
        date=_opt(meta.get("date")),
        url=_opt(meta.get("url")),
        publisher=_opt(meta.get("publisher")),
        author=_opt(meta.get("author")),
        media_type=SUFFIXES[suffix],
        references=cleaned.references,
        layer=LAYERS[suffix],
    )
    return document, warning


def display_path(path: Path) -> str:
    """The path as recorded in the graph: relative to the working folder when inside it, so graphs do not depend on
    where a repository was cloned, and written one way however it was given (`a.txt`, `./a.txt`, `x/../a.txt` and
    its absolute path are all `a.txt`). Symbolic links are not followed: a link is a path of its own."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def content_hash(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read or is over `max_bytes` (read_document says why)."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _opt(value: object) -> str | None:
    return str(value) if value else None
