"""A registry of result writers: format name → writer, for SELECT/ASK and for CONSTRUCT/DESCRIBE.

A writer's contract is tiny: `write(result, stream)` puts bytes on a binary
stream. The W3C formats (csv, tsv, json, xml) and the RDF formats are
Oxigraph's streaming serialisers; `table` is ours, for people. To add a
format, add an entry; the tests loop over the registry.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

import pyoxigraph as ox

from kg import vocab as v
from kg.errors import UsageError
from kg.query.execute import Kind, QueryResult

Write = Callable[[QueryResult, BinaryIO], None]


@dataclass(frozen=True)
class Writer:
    """One output format: its name, the result kinds it can write, its media type and suffixes."""

    name: str
    kinds: tuple[Kind, ...]
    media_type: str
    suffixes: tuple[str, ...]
    write: Write
    description: str


def _solutions_writer(fmt: ox.QueryResultsFormat) -> Write:
    def write(result: QueryResult, stream: BinaryIO) -> None:
        result.value.serialize(stream, fmt)  # type: ignore[union-attr]

    return write


def _graph_writer(fmt: ox.RdfFormat) -> Write:
    def write(result: QueryResult, stream: BinaryIO) -> None:
        prefixes = v.PREFIXES if fmt == ox.RdfFormat.TURTLE else None
        ox.serialize(result.value, stream, fmt, prefixes=prefixes)  # type: ignore[arg-type]

    return write


def shorten(iri: str) -> str:
    """An IRI as a prefixed name where a predeclared prefix fits (kg:adopts), else <iri>."""
    for prefix, namespace in v.PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def cell(term: object) -> str:
    """A term as people read it: prefixed names, literal values without quotes or datatypes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    if isinstance(term, ox.Triple):
        return f"<< {cell(term.subject)} {cell(term.predicate)} {cell(term.object)} >>"
    return str(term)


def _width(text: str) -> int:
    """Columns a string takes on a terminal (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


def format_table(header: list[str], rows: list[list[str]]) -> str:
    """Aligned columns under a header and a rule; no trailing spaces."""
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        padded = [val + " " * (w - _width(val)) for val, w in zip(values, widths, strict=True)]
        return "  ".join(padded).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out) + "\n"


def write_table(result: QueryResult, stream: BinaryIO) -> None:
    """SELECT as aligned columns; ASK as `true` or `false`."""
    if result.kind == "ask":
        stream.write(b"true\n" if bool(result.value) else b"false\n")
        return
    header = result.variables
    rows = [[cell(solution[name]) for name in header] for solution in result.value]  # type: ignore[union-attr]
    stream.write(format_table(header, rows).encode("utf-8"))
    if not rows:
        stream.write(b"0 rows\n")


_RESULTS: tuple[Kind, ...] = ("select", "ask")
_GRAPH: tuple[Kind, ...] = ("graph",)

WRITERS: dict[str, Writer] = {
    w.name: w
    for w in [
        Writer("table", _RESULTS, "text/plain", (".txt",), write_table, "aligned columns for people; ASK prints true or false"),
        Writer("csv", _RESULTS, "text/csv", (".csv",), _solutions_writer(ox.QueryResultsFormat.CSV), "W3C SPARQL 1.1 CSV results"),
        Writer("tsv", _RESULTS, "text/tab-separated-values", (".tsv",), _solutions_writer(ox.QueryResultsFormat.TSV), "W3C SPARQL 1.1 TSV results"),
        Writer("json", _RESULTS, "application/sparql-results+json", (".json", ".srj"), _solutions_writer(ox.QueryResultsFormat.JSON), "W3C SPARQL 1.1 JSON results"),
        Writer("xml", _RESULTS, "application/sparql-results+xml", (".xml", ".srx"), _solutions_writer(ox.QueryResultsFormat.XML), "W3C SPARQL XML results"),
        Writer("turtle", _GRAPH, "text/turtle", (".ttl",), _graph_writer(ox.RdfFormat.TURTLE), "Turtle (CONSTRUCT/DESCRIBE)"),
        Writer("nt", _GRAPH, "application/n-triples", (".nt",), _graph_writer(ox.RdfFormat.N_TRIPLES), "N-Triples (CONSTRUCT/DESCRIBE)"),
        Writer("jsonld", _GRAPH, "application/ld+json", (".jsonld", ".json-ld"), _graph_writer(ox.RdfFormat.JSON_LD), "JSON-LD (CONSTRUCT/DESCRIBE)"),
    ]
}


def writer_for(name: str | None, kind: Kind, output: str | None = None, interactive: bool = False) -> Writer:
    """The writer asked for, else the one the output's suffix names, else the default for `kind`.

    Defaults: ASK → table (prints true/false); SELECT → table on a terminal,
    csv when piped or written to a file; CONSTRUCT/DESCRIBE → turtle.
    """
    if name is None and output not in (None, "-"):
        name = next((w.name for w in WRITERS.values() if kind in w.kinds and str(output).endswith(w.suffixes)), None)
    if name is None:
        name = "turtle" if kind == "graph" else "table" if kind == "ask" or interactive else "csv"
    writer = WRITERS.get(name)
    if writer is None:
        raise UsageError(f"unknown format '{name}'; choose one of {', '.join(WRITERS)}")
    if kind not in writer.kinds:
        fits = ", ".join(w.name for w in WRITERS.values() if kind in w.kinds)
        what = "CONSTRUCT/DESCRIBE" if kind == "graph" else kind.upper()
        raise UsageError(f"format '{name}' cannot hold {what} results; use one of {fits}")
    return writer


def write_result(result: QueryResult, writer: Writer, stream: BinaryIO) -> None:
    """Write a result with the given writer."""
    writer.write(result, stream)
