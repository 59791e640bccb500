"""RDF serialisations through Oxigraph's streaming serialisers, in a stable order."""

from __future__ import annotations

import functools
import heapq
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg import vocab as v

_PREFIXES = {**v.PREFIXES, **v.INSTANCE_PREFIXES}
_EXPAND = {p.encode(): iri.encode() for p, iri in _PREFIXES.items()}  # Turtle prefix → IRI, as bytes
RUN_LINES = 250_000  # lines sorted in memory at a time: bounds the export's memory on any graph size


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Triples sorted by subject, predicate, object, so that the same graph gives the same bytes."""
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads sorted by graph, then as triples."""
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def _prefixes(fmt: ox.RdfFormat) -> dict[str, str] | None:
    return _PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML, ox.RdfFormat.TRIG) else None


def write_triples(triples: Iterable[ox.Triple], stream: BinaryIO, fmt: ox.RdfFormat) -> None:
    """Serialise triples in a stable order, sorting in memory (the reference for the external sort below)."""
    ox.serialize(sorted_triples(triples), stream, fmt, prefixes=_prefixes(fmt))


def sorted_default_triples(store: object) -> Iterator[ox.Triple]:
    """The merged graph in `sorted_triples` order, by an external merge sort of N-Triples lines.

    Oxigraph dumps the default graph as N-Triples in Rust; runs of lines are sorted as
    bytes (the same order as sorting terms by their N-Triples text, as `sorted_triples`
    does) and merged from temporary files, so memory stays bounded and no Python
    object is made per triple but the ones the serialiser reads. Sorting a million
    terms' strings in memory took ~1 GB and most of an export's time.
    """
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
        folder = Path(tmp)
        dump = folder / "all.nt"
        store.store.dump(str(dump), ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())  # type: ignore[attr-defined]
        runs = []
        with dump.open("rb") as lines:
            while run := list(islice(lines, RUN_LINES)):
                run.sort()
                runs.append(folder / f"run-{len(runs)}.nt")
                runs[-1].write_bytes(b"".join(run))
        dump.unlink()
        merged = folder / "sorted.nt"
        with merged.open("wb") as out:
            streams = [path.open("rb") for path in runs]
            try:
                out.writelines(heapq.merge(*streams))
            finally:
                for handle in streams:
                    handle.close()
        for path in runs:
            path.unlink()
        yield from ox.parse(path=str(merged), format=ox.RdfFormat.N_TRIPLES)  # type: ignore[misc]


PATCH_LIMIT = 20_000  # touched subjects above which a full (bounded-memory) serialisation is used instead


def patch_turtle(store: object, previous: Path, subjects: set[ox.NamedNode | ox.BlankNode], stream: BinaryIO) -> bool:
    """Write the merged graph as Turtle by rewriting only the blocks of `subjects` in `previous`.

    `previous` must be this serialiser's Turtle of the store before the subjects changed.
    The file is one block per subject in `sorted_triples` order, so each touched subject's
    place is found by binary search on the file, the bytes between are copied as they are,
    and its block is replaced by one serialised afresh (or dropped): byte for byte what
    `serialise_turtle` writes, in O(changed · log size) work plus one copy of the file.
    Returns False, with nothing written, when it cannot be used (too many subjects, other
    prefixes, a block it cannot read); then serialise instead.
    """
    if len(subjects) > PATCH_LIMIT:
        return False
    db = store.store  # type: ignore[attr-defined]
    triples = sorted_triples(q.triple for s in subjects for q in db.quads_for_pattern(s, None, None, ox.DefaultGraph()))
    header = _turtle_header()
    lines = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES).splitlines(True)
    start = stream.tell()
    with previous.open("rb") as old:
        if [old.readline() for _ in header] != header:
            return False
        try:
            fresh = dict(_turtle_blocks(lines[len(header) :]))  # an empty serialisation has no prefixes either
            blocks = _SortedBlocks(old)
            stream.writelines(header)
            done = blocks.body
            for key in sorted({str(s).encode() for s in subjects}):
                at, found = blocks.lower_bound(key)
                blocks.copy(done, at, stream)
                done = blocks.next_block(at) if found == key else at
                stream.writelines(fresh.get(key, ()))
            blocks.copy(done, blocks.size, stream)
        except _Unreadable:
            stream.seek(start)
            stream.truncate()
            return False
    return True


class _SortedBlocks:
    """Random access to the subject blocks of a sorted Turtle file, by byte offset."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.body = file.tell()  # where the first block starts, after the prefixes
        self.size = os.fstat(file.fileno()).st_size

    def block_at_or_after(self, pos: int) -> tuple[int, bytes | None]:
        """(offset, subject key) of the first block starting at or after `pos`; (size, None) at the end."""
        self.file.seek(pos - 1)
        self.file.readline()  # to the start of the next line (pos - 1 is at latest the header's last newline)
        while True:
            offset = self.file.tell()
            line = self.file.readline()
            if not line:
                return self.size, None
            if not line.startswith(b"\t"):
                return offset, _subject_key(line)

    def lower_bound(self, key: bytes) -> tuple[int, bytes | None]:
        """The first block whose subject is not before `key`: (offset, its key)."""
        lo, hi = self.body, self.size
        while lo < hi:
            mid = (lo + hi) // 2
            _, found = self.block_at_or_after(mid)
            if found is None or found >= key:
                hi = mid
            else:
                lo = mid + 1
        return self.block_at_or_after(lo)

    def next_block(self, offset: int) -> int:
        return self.block_at_or_after(offset + 1)[0]

    def copy(self, begin: int, end: int, stream: BinaryIO) -> None:
        self.file.seek(begin)
        left = end - begin
        while left > 0:
            chunk = self.file.read(min(left, 1 << 20))
            stream.write(chunk)
            left -= len(chunk)


class _Unreadable(Exception):
    """A Turtle block whose subject this module does not write."""


@functools.cache
def _turtle_header() -> list[bytes]:
    """The prefix lines the serialiser writes before the first triple."""
    probe = ox.Triple(ox.NamedNode("urn:x"), ox.NamedNode("urn:y"), ox.NamedNode("urn:z"))
    return [line for line in ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=_PREFIXES).splitlines(True) if line.startswith(b"@prefix ")]


def _turtle_blocks(lines: Iterable[bytes]) -> Iterator[tuple[bytes, list[bytes]]]:
    """(subject as N-Triples bytes, lines) for each subject block after the prefixes; a block's later lines start with a tab."""
    block: list[bytes] = []
    for line in lines:
        if not line.startswith(b"\t") and block:
            yield _subject_key(block[0]), block
            block = []
        block.append(line)
    if block:
        yield _subject_key(block[0]), block


def _subject_key(line: bytes) -> bytes:
    token = line.split(b" ", 1)[0]
    if (token.startswith(b"<") and token.endswith(b">")) or token.startswith(b"_:"):
        return token  # an IRI or a labelled blank node (the ontology's), written as in N-Triples
    prefix, colon, local = token.partition(b":")
    if not colon or prefix not in _EXPAND:
        raise _Unreadable(token.decode(errors="replace"))
    return b"<" + _EXPAND[prefix] + re.sub(rb"\\(.)", rb"\1", local) + b">"


def _write_default(store: object, stream: BinaryIO, fmt: ox.RdfFormat) -> None:
    ox.serialize(sorted_default_triples(store), stream, fmt, prefixes=_prefixes(fmt))


def export_turtle(store: object, stream: BinaryIO) -> None:
    """The merged graph as Turtle: the bytes the build wrote for this store version, else serialised now."""
    turtle = getattr(store, "turtle", None)
    if turtle is None:
        serialise_turtle(store, stream)
        return
    with open(turtle, "rb") as source:
        shutil.copyfileobj(source, stream, 1 << 20)


def serialise_turtle(store: object, stream: BinaryIO) -> None:
    """The merged graph as Turtle, serialised from the store."""
    _write_default(store, stream, ox.RdfFormat.TURTLE)


def export_ntriples(store: object, stream: BinaryIO) -> None:
    """The merged graph as N-Triples."""
    _write_default(store, stream, ox.RdfFormat.N_TRIPLES)


def export_jsonld(store: object, stream: BinaryIO) -> None:
    """The merged graph as JSON-LD."""
    _write_default(store, stream, ox.RdfFormat.JSON_LD)


def export_rdfxml(store: object, stream: BinaryIO) -> None:
    """The merged graph as RDF/XML."""
    _write_default(store, stream, ox.RdfFormat.RDF_XML)


def export_nquads(store: object, stream: BinaryIO) -> None:
    """Every document's named graph as N-Quads."""
    ox.serialize(sorted_quads(store.named_graph_quads()), stream, ox.RdfFormat.N_QUADS)  # type: ignore[attr-defined]


def export_trig(store: object, stream: BinaryIO) -> None:
    """Every document's named graph as TriG."""
    ox.serialize(sorted_quads(store.named_graph_quads()), stream, ox.RdfFormat.TRIG, prefixes=_PREFIXES)  # type: ignore[attr-defined]
