"""RDF serialisations through Oxigraph's streaming serialisers, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox

from kg import vocab as v

_PREFIXES = {**v.PREFIXES, **v.INSTANCE_PREFIXES}


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Triples sorted by subject, predicate, object, so that the same graph gives the same bytes."""
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def sorted_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads sorted by graph, then as triples."""
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def write_triples(triples: Iterable[ox.Triple], stream: BinaryIO, fmt: ox.RdfFormat) -> None:
    """Serialise triples in a stable order."""
    prefixes = _PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML, ox.RdfFormat.TRIG) else None
    ox.serialize(sorted_triples(triples), stream, fmt, prefixes=prefixes)


def export_turtle(store: object, stream: BinaryIO) -> None:
    """The merged graph as Turtle."""
    write_triples(store.default_triples(), stream, ox.RdfFormat.TURTLE)  # type: ignore[attr-defined]


def export_ntriples(store: object, stream: BinaryIO) -> None:
    """The merged graph as N-Triples."""
    write_triples(store.default_triples(), stream, ox.RdfFormat.N_TRIPLES)  # type: ignore[attr-defined]


def export_jsonld(store: object, stream: BinaryIO) -> None:
    """The merged graph as JSON-LD."""
    write_triples(store.default_triples(), stream, ox.RdfFormat.JSON_LD)  # type: ignore[attr-defined]


def export_rdfxml(store: object, stream: BinaryIO) -> None:
    """The merged graph as RDF/XML."""
    write_triples(store.default_triples(), stream, ox.RdfFormat.RDF_XML)  # type: ignore[attr-defined]


def export_nquads(store: object, stream: BinaryIO) -> None:
    """Every document's named graph as N-Quads."""
    ox.serialize(sorted_quads(store.named_graph_quads()), stream, ox.RdfFormat.N_QUADS)  # type: ignore[attr-defined]


def export_trig(store: object, stream: BinaryIO) -> None:
    """Every document's named graph as TriG."""
    ox.serialize(sorted_quads(store.named_graph_quads()), stream, ox.RdfFormat.TRIG, prefixes=_PREFIXES)  # type: ignore[attr-defined]
