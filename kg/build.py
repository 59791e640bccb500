"""Extraction records → RDF quads: the one place that mints IRIs.

Each document's facts go into its own named graph (its provenance). The
store's default graph is the merged corpus view that queries read; see
kg/store.py for how it is kept in step.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab as v
from kg.ids import short_hash
from kg.model import Document, Entity, Evidence, Extraction, Observation, Relation

XSD_DECIMAL = NamedNode(v.XSD + "decimal")
XSD_INTEGER = NamedNode(v.XSD + "integer")
XSD_DATE = NamedNode(v.XSD + "date")
XSD_BOOLEAN = NamedNode(v.XSD + "boolean")


def iri(path: str) -> NamedNode:
    """An instance IRI under the kgi: namespace, safe for any text."""
    local = quote(path, safe="/-._~", errors="surrogatepass")  # lone surrogates (non-UTF-8 file names) too
    if local.endswith("."):  # Turtle writes a final '.' as '\.', which rdflib cannot read
        local = local[:-1] + "%2E"
    return NamedNode(v.KGI + local)


def entity_iri(key: str) -> NamedNode:
    """The IRI of an entity key ('actor/european-union')."""
    return iri(key)


def document_iri(doc_id: str) -> NamedNode:
    """The IRI of a document."""
    return iri(f"doc/{doc_id}")


def text_iri(doc_id: str) -> NamedNode:
    """The text layer of a document: the characters its evidence offsets index."""
    return iri(f"text/{doc_id}")


def text_sha256(text: str) -> str:
    """The SHA-256 of a text layer, as `kg text` prints it (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def offsets_target(doc: Document) -> NamedNode:
    """What a document's evidence offsets index: the source file itself for plain text, else its text layer."""
    return document_iri(doc.id) if doc.layer == "file" else text_iri(doc.id)


def graph_iri(doc_id: str) -> NamedNode:
    """The named graph that holds one document's facts."""
    return iri(f"graph/{doc_id}")


@functools.cache
def _n(term: str) -> NamedNode:
    return NamedNode(term)  # the vocabulary is small: one node per term, not one per quad


_TYPE = _n(v.TYPE)
_LABEL = _n(v.LABEL)
_ALT = _n(v.ALT_LABEL)
_TRUE = Literal("true", datatype=XSD_BOOLEAN)


def _lit(text: str) -> Literal:
    return Literal(_clean(text))


_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Drop characters that no RDF syntax can carry (C0 controls but tab/newline, lone surrogates)."""
    return _UNWRITABLE.sub("", text)


def document_quads(extraction: Extraction) -> Iterator[Quad]:
    """Every quad one document contributes, in its own named graph."""
    doc = extraction.document
    g = graph_iri(doc.id)
    d = document_iri(doc.id)
    yield Quad(d, _TYPE, _n(v.DOCUMENT), g)
    yield Quad(d, _n(v.TITLE), _lit(doc.title or doc.path), g)
    yield Quad(d, _n(v.SOURCE_PATH), _lit(doc.path), g)
    for alternate in doc.alternates:
        yield Quad(d, _n(v.ALTERNATE_PATH), _lit(alternate), g)
    yield Quad(d, _n(v.CONTENT_HASH), _lit(f"sha256:{doc.sha256}"), g)
    yield Quad(d, _n(v.DCTERMS + "format"), _lit(doc.media_type), g)
    if doc.date:
        yield Quad(d, _n(v.DATE), Literal(doc.date, datatype=XSD_DATE), g)
    if doc.url:
        yield Quad(d, _n(v.URL), _lit(doc.url), g)
    if doc.publisher:
        yield Quad(d, _n(v.PUBLISHER), _lit(doc.publisher), g)
    if doc.author:
        yield Quad(d, _n(v.CREATOR), _lit(doc.author), g)
    for ref in doc.references:
        yield Quad(d, _n(v.REFERENCES), _lit(ref), g)
    t = text_iri(doc.id)
    yield Quad(d, _n(v.HAS_TEXT), t, g)
    yield Quad(t, _TYPE, _n(v.TEXT_LAYER), g)
    yield Quad(t, _n(v.DERIVED_FROM), d, g)
    yield Quad(t, _n(v.CONTENT_HASH), _lit(f"sha256:{text_sha256(doc.text)}"), g)
    yield Quad(t, _n(v.LAYER_KIND), _lit(doc.layer), g)
    offsets_in = offsets_target(doc)
    for entity in extraction.entities:
        yield from _entity_quads(entity, d, g)
    for relation in extraction.relations:
        yield from _relation_quads(relation, doc.id, d, g, source_of(doc), offsets_in)
    for observation in extraction.observations:
        yield from _observation_quads(observation, doc.id, d, g, source_of(doc), offsets_in)


def source_of(doc: Document) -> str | None:
    """Who publishes a document: as it says, else the host of its URL."""
    if doc.publisher:
        return doc.publisher
    if doc.url:
        from urllib.parse import urlsplit

        host = urlsplit(doc.url).hostname
        return host.removeprefix("www.") if host else None
    return None


def _entity_quads(e: Entity, doc: NamedNode, g: NamedNode) -> Iterator[Quad]:
    s = entity_iri(e.key)
    yield Quad(s, _TYPE, _n(v.ENTITY_CLASSES[e.kind]), g)
    if e.subclass:
        yield Quad(s, _TYPE, _n(v.KG + e.subclass), g)
    yield Quad(s, _LABEL, _lit(e.label), g)
    for alt in sorted(e.alt_labels):
        yield Quad(s, _ALT, _lit(alt), g)
    if e.wikidata:
        yield Quad(s, _n(v.SAME_AS), _n(v.WD + e.wikidata), g)
    yield Quad(s, _n(v.MENTIONED_IN), doc, g)
    if e.status:
        yield Quad(s, _n(v.STATUS), _lit(e.status), g)
    if e.kind == "Measure":
        yield Quad(s, _n(v.NEGATED), Literal("true" if e.negated else "false", datatype=XSD_BOOLEAN), g)
        for mark in sorted(e.marks):
            yield Quad(s, _n(v.MARKS[mark]), _TRUE, g)
    for quality in sorted(e.qualities):
        yield Quad(s, _n(v.QUALITY), _lit(quality), g)
    if e.amount is not None:
        yield Quad(s, _n(v.AMOUNT), Literal(e.amount, datatype=XSD_DECIMAL), g)
    if e.currency:
        yield Quad(s, _n(v.CURRENCY), _lit(e.currency), g)


def evidence_iri(doc_id: str, kind: str, *parts: object) -> NamedNode:
    """A deterministic IRI for an evidence or observation record."""
    return iri(f"{kind}/{doc_id}-{short_hash('|'.join(map(str, parts)), 16)}")


def _evidence_quads(ev: Evidence, node: NamedNode, doc: NamedNode, g: NamedNode, publisher: str | None, offsets_in: NamedNode) -> Iterator[Quad]:
    yield Quad(node, _n(v.DERIVED_FROM), doc, g)
    yield Quad(node, _n(v.OFFSETS_IN), offsets_in, g)
    yield Quad(node, _n(v.SENTENCE), _lit(ev.sentence), g)
    yield Quad(node, _n(v.START), Literal(str(ev.start), datatype=XSD_INTEGER), g)
    yield Quad(node, _n(v.END), Literal(str(ev.end), datatype=XSD_INTEGER), g)
    yield Quad(node, _n(v.RULE), _lit(ev.rule), g)
    if ev.speaker:
        yield Quad(node, _n(v.SPEAKER), entity_iri(ev.speaker), g)
    for mark in ev.marks:
        yield Quad(node, _n(v.MARKS[mark]), _TRUE, g)
    if publisher:  # who says it: the source, so a query can separate the Commission's claims from an NGO's
        yield Quad(node, _n(v.PUBLISHER), _lit(publisher), g)


def _relation_quads(r: Relation, doc_id: str, doc: NamedNode, g: NamedNode, publisher: str | None, offsets_in: NamedNode) -> Iterator[Quad]:
    s, p, o = entity_iri(r.subject), _n(v.RELATIONS[r.predicate]), entity_iri(r.object)
    if not r.evidence.marks:  # a hedged or conditional claim keeps its evidence record but is not asserted
        yield Quad(s, p, o, g)
    ev = evidence_iri(doc_id, "evidence", r.subject, r.predicate, r.object, r.evidence.start, r.evidence.end, r.evidence.rule)
    yield Quad(ev, _TYPE, _n(v.EVIDENCE), g)
    yield Quad(ev, _n(v.RDF_SUBJECT), s, g)
    yield Quad(ev, _n(v.RDF_PREDICATE), p, g)
    yield Quad(ev, _n(v.RDF_OBJECT), o, g)
    yield from _evidence_quads(r.evidence, ev, doc, g, publisher, offsets_in)


def _observation_quads(ob: Observation, doc_id: str, doc: NamedNode, g: NamedNode, publisher: str | None, offsets_in: NamedNode) -> Iterator[Quad]:
    node = evidence_iri(doc_id, "observation", ob.about, ob.value, ob.unit, ob.evidence.start)
    yield Quad(node, _TYPE, _n(v.OBSERVATION), g)
    yield Quad(node, _LABEL, _lit(ob.about), g)
    yield Quad(node, _n(v.ABOUT), _lit(ob.about), g)
    yield Quad(node, _n(v.VALUE), Literal(ob.value, datatype=XSD_DECIMAL), g)
    yield Quad(node, _n(v.UNIT), _lit(ob.unit), g)
    if ob.period:
        yield Quad(node, _n(v.PERIOD), _lit(ob.period), g)
    if ob.baseline:
        yield Quad(node, _n(v.BASELINE), _lit(ob.baseline), g)
    yield from _evidence_quads(ob.evidence, node, doc, g, publisher, offsets_in)
