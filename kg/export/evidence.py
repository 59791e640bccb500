"""Citable evidence: one row per evidence record of an edge (CSV or JSON Lines), and the documents as CSL-JSON.

A row names the edge (subject, predicate, object: labels and IRIs), the
measure's status, the modality of the sentence (`stated`, or `hedged` /
`conditional` for a claim the graph records but does not assert), the
sentence with its character offsets in the document's text, and the document
(title, publisher, date, URL, path) with `citation`, the id of its CSL-JSON
item, so that a reference manager can cite what a row quotes.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from kg import vocab as v

COLUMNS = (
    "subject", "predicate", "object", "status", "modality", "sentence",
    "title", "publisher", "date", "url", "path", "start", "end",
    "subject_iri", "predicate_iri", "object_iri", "document_iri", "citation", "rule",
)

_EVIDENCE = """
SELECT ?ev ?s ?p ?o ?sentence ?start ?end ?doc ?rule ?hedged ?conditional WHERE {
  ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence .
  OPTIONAL { ?ev kg:startOffset ?start } OPTIONAL { ?ev kg:endOffset ?end }
  OPTIONAL { ?ev prov:wasDerivedFrom ?doc } OPTIONAL { ?ev kg:extractedBy ?rule }
  OPTIONAL { ?ev kg:hedged ?hedged } OPTIONAL { ?ev kg:conditional ?conditional }
}"""
_DOCUMENTS = """
SELECT ?d ?title ?publisher ?date ?url ?path WHERE { ?d a kg:Document .
  OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:publisher ?publisher } OPTIONAL { ?d dcterms:date ?date }
  OPTIONAL { ?d kg:url ?url } OPTIONAL { ?d kg:sourcePath ?path } }"""
_LABELS = "SELECT ?e ?label WHERE { ?e rdfs:label ?label FILTER(isIRI(?e)) }"
_STATUSES = "SELECT ?e ?status WHERE { ?e a kg:Measure ; kg:status ?status }"


def _rows(store: Any, sparql: str) -> Iterator[dict[str, str]]:
    solutions = store.query(sparql)
    names = [var.value for var in solutions.variables]
    for row in solutions:
        yield {name: row[name].value for name in names if row[name] is not None}


def _first(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """key → the smallest value given for it (a deterministic pick where a store holds several)."""
    out: dict[str, str] = {}
    for key, value in pairs:
        if key not in out or value < out[key]:
            out[key] = value
    return out


def documents(store: Any) -> dict[str, dict[str, str]]:
    """Document IRI → title, publisher, date, url, path (each '' when unknown) and `citation`, its CSL-JSON id."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _rows(store, _DOCUMENTS):
        doc = found[row["d"]]
        for key in ("title", "publisher", "date", "url", "path"):
            if key in row and (key not in doc or row[key] < doc[key]):
                doc[key] = row[key]
    out = {}
    for iri in sorted(found):
        doc = {key: found[iri].get(key, "") for key in ("title", "publisher", "date", "url", "path")}
        doc["citation"] = iri.rsplit("/", 1)[-1]
        out[iri] = doc
    return out


def evidence_rows(store: Any) -> list[dict[str, Any]]:
    """One dict per evidence record (keys: COLUMNS), ordered by document path, offset, then edge."""
    labels = _first((r["e"], r["label"]) for r in _rows(store, _LABELS))
    statuses = _first((r["e"], r["status"]) for r in _rows(store, _STATUSES))
    docs = documents(store)
    out: list[dict[str, Any]] = []
    for r in _rows(store, _EVIDENCE):
        doc = docs.get(r.get("doc", ""), {})
        marks = [mark for mark in ("hedged", "conditional") if r.get(mark) == "true"]
        out.append({
            "subject": labels.get(r["s"], ""),
            "predicate": r["p"][len(v.KG) :] if r["p"].startswith(v.KG) else r["p"],
            "object": labels.get(r["o"], ""),
            "status": statuses.get(r["o"]) or statuses.get(r["s"]) or "",
            "modality": " ".join(marks) or "stated",
            "sentence": r["sentence"],
            "title": doc.get("title", ""),
            "publisher": doc.get("publisher", ""),
            "date": doc.get("date", ""),
            "url": doc.get("url", ""),
            "path": doc.get("path", ""),
            "start": _offset(r.get("start")),
            "end": _offset(r.get("end")),
            "subject_iri": r["s"],
            "predicate_iri": r["p"],
            "object_iri": r["o"],
            "document_iri": r.get("doc", ""),
            "citation": doc.get("citation", ""),
            "rule": r.get("rule", ""),
        })
    out.sort(key=lambda row: (row["path"], row["document_iri"], _sortable(row["start"]), row["subject_iri"], row["predicate_iri"], row["object_iri"], row["rule"]))
    return out


def _offset(value: str | None) -> int | None:
    return int(value) if value is not None and value.lstrip("-").isdigit() else None


def _sortable(offset: int | None) -> int:
    return -1 if offset is None else offset


def export_evidence_csv(store: Any, stream: BinaryIO) -> None:
    """The evidence rows as CSV (RFC 4180, a header row; an unknown offset is an empty cell)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in evidence_rows(store):
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    stream.write(out.getvalue().encode("utf-8"))


def export_evidence_jsonl(store: Any, stream: BinaryIO) -> None:
    """The evidence rows as JSON Lines: one object per line, keys in COLUMNS order, offsets as numbers (or null)."""
    for row in evidence_rows(store):
        line = json.dumps(row, ensure_ascii=False)
        # characters that some readers (Python's splitlines, JavaScript) take for line ends are escaped, as JSON allows
        line = line.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        stream.write(line.encode("utf-8") + b"\n")


def csl_item(doc: dict[str, str]) -> dict[str, Any]:
    """One document as a CSL-JSON item: a web page where it has a URL, else a document."""
    item: dict[str, Any] = {"id": doc["citation"], "type": "webpage" if doc["url"] else "document", "title": doc["title"] or doc["path"]}
    if doc["publisher"]:
        item["publisher"] = doc["publisher"]
    parts = [int(p) for p in doc["date"][:10].split("-") if p.isdigit()]
    if parts:
        item["issued"] = {"date-parts": [parts]}
    if doc["url"]:
        item["URL"] = doc["url"]
    elif doc["path"]:
        item["archive_location"] = doc["path"]
    return item


def export_csl_json(store: Any, stream: BinaryIO) -> None:
    """Every built document as a CSL-JSON citation (Zotero, Pandoc, citeproc), ids matching the evidence rows' `citation`."""
    items = [csl_item(doc) for doc in documents(store).values()]
    stream.write(json.dumps(items, ensure_ascii=False, indent=1).encode("utf-8") + b"\n")
