"""A registry of exporters: name → (module, function), imported on first use.

To add a format, add an entry. Every exporter has the signature
`export(store: GraphStore, stream: BinaryIO) -> None`; tests loop over the
registry, so a new format is tested automatically.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from kg.errors import UsageError


@dataclass(frozen=True)
class Exporter:
    name: str
    suffixes: tuple[str, ...]
    target: str  # "module:function"
    description: str
    media_type: str = "application/octet-stream"
    # formats written as several files beside the output (csv) also get its file name as `filename=`
    wants_filename: bool = False

    def load(self) -> Callable[..., None]:
        module, _, func = self.target.partition(":")
        return getattr(importlib.import_module(module), func)  # type: ignore[no-any-return]


EXPORTERS: dict[str, Exporter] = {
    e.name: e
    for e in [
        Exporter("turtle", (".ttl",), "kg.export.rdf:export_turtle", "Turtle, the merged graph with readable prefixes", "text/turtle"),
        Exporter("nt", (".nt",), "kg.export.rdf:export_ntriples", "N-Triples, the merged graph, one triple a line", "application/n-triples"),
        Exporter("nquads", (".nq",), "kg.export.rdf:export_nquads", "N-Quads, one named graph per document", "application/n-quads"),
        Exporter("trig", (".trig",), "kg.export.rdf:export_trig", "TriG, one named graph per document", "application/trig"),
        Exporter("jsonld", (".jsonld", ".json-ld"), "kg.export.rdf:export_jsonld", "JSON-LD, the merged graph", "application/ld+json"),
        Exporter("xml", (".rdf", ".owl", ".xml"), "kg.export.rdf:export_rdfxml", "RDF/XML, the merged graph", "application/rdf+xml"),
        # citable evidence: one row per evidence record, and the documents as citations (before csv: suffixes are tried in order)
        Exporter("evidence-csv", (".evidence.csv",), "kg.export.evidence:export_evidence_csv", "one row per evidence record: the edge, its sentence, offsets and document", "text/csv"),
        Exporter("evidence-jsonl", (".jsonl", ".ndjson"), "kg.export.evidence:export_evidence_jsonl", "the evidence rows as JSON Lines", "application/x-ndjson"),
        Exporter("csl-json", (".csl.json",), "kg.export.evidence:export_csl_json", "the documents as CSL-JSON citations (Zotero, Pandoc)", "application/vnd.citationstyles.csl+json"),
        # graph tools: the entity network (kg.network), not RDF
        Exporter("graphml", (".graphml",), "kg.export.graphtools:export_graphml", "GraphML entity network for yEd, Cytoscape and Gephi", "application/graphml+xml"),
        Exporter("gexf", (".gexf",), "kg.export.graphtools:export_gexf", "GEXF 1.2 entity network for Gephi, dated for its timeline", "application/gexf+xml"),
        Exporter("cyjs", (".cyjs",), "kg.export.graphtools:export_cyjs", "Cytoscape.js JSON entity network (Cytoscape desktop imports it too)", "application/json"),
        Exporter("csv", (".csv",), "kg.export.graphtools:export_csv", "Gephi spreadsheet CSV: FILE.nodes.csv and FILE.edges.csv", "text/csv", wants_filename=True),
        Exporter("dot", (".dot", ".gv"), "kg.export.graphtools:export_dot", "Graphviz DOT entity network", "text/vnd.graphviz"),
    ]
}


def register(exporter: Exporter) -> None:
    """Add an exporter to the registry."""
    EXPORTERS[exporter.name] = exporter


def exporter_for(name: str | None, filename: str | None) -> Exporter:
    """The exporter named, or the one whose suffix the file name has."""
    if name:
        try:
            return EXPORTERS[name]
        except KeyError:
            raise UsageError(f"unknown format '{name}'; choose one of: {', '.join(EXPORTERS)}") from None
    if filename and filename != "-":
        lower = filename.lower()
        for exporter in EXPORTERS.values():
            if lower.endswith(exporter.suffixes):
                return exporter
        raise UsageError(f"cannot guess the format of '{filename}'; give --format ({', '.join(EXPORTERS)})")
    return EXPORTERS["turtle"]


def export(store: object, name: str | None, stream: BinaryIO, filename: str | None = None) -> Exporter:
    """Write the store to `stream` in the chosen format."""
    exporter = exporter_for(name, filename)
    if exporter.wants_filename:
        exporter.load()(store, stream, filename=filename)
    else:
        exporter.load()(store, stream)
    return exporter
