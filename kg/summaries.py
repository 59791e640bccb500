"""Counts over the whole corpus, computed at build time into their own named graph (kgi:graph/summary).

A shipped query that counts evidence or mentions across the corpus (documents,
actors-ranked, relation-counts, instrumentalisation, claims-diff) would touch
every evidence record on every run: about eight index lookups per record, 20 s
at 10,000 documents. The build counts them once, from sequential scans of the
merged graph's predicates, and writes:

    ?d kg:evidenceCount n                  every document: its evidence records
    ?a kg:relationCount n ; kg:documentCount m
                                           every actor: distinct asserted relation edges
                                           it is subject or object of; documents mentioning it
    ?p kg:edgeCount n ; kg:documentCount m every contract relation with asserted edges: those
                                           edges, and the documents giving evidence for them
    ?e a kg:EdgeSummary ; kg:edgeSubject s ; kg:edgePredicate p ; kg:edgeObject o ;
       kg:evidenceCount n ; kg:documentCount m
                                           every triple some evidence record names (asserted
                                           or only claimed)

Every build recomputes them in full and `GraphStore.replace_graph` writes only
what changed, so they stay in step with any update (added, changed or removed
documents, curation) at the cost of one scan: about a second at 10,000 documents.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from kg import vocab as v
from kg.ids import short_hash

SUMMARY_GRAPH = ox.NamedNode(v.KGI + "graph/summary")
EDGE_SUMMARY = ox.NamedNode(v.KG + "EdgeSummary")
EDGE_SUBJECT = ox.NamedNode(v.KG + "edgeSubject")
EDGE_PREDICATE = ox.NamedNode(v.KG + "edgePredicate")
EDGE_OBJECT = ox.NamedNode(v.KG + "edgeObject")
EVIDENCE_COUNT = ox.NamedNode(v.KG + "evidenceCount")
DOCUMENT_COUNT = ox.NamedNode(v.KG + "documentCount")
RELATION_COUNT = ox.NamedNode(v.KG + "relationCount")
EDGE_COUNT = ox.NamedNode(v.KG + "edgeCount")

_DEFAULT = ox.DefaultGraph()
_TYPE = ox.NamedNode(v.TYPE)
_INTEGER = ox.NamedNode(v.XSD + "integer")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Subject = ox.NamedNode | ox.BlankNode | ox.Triple
Edge = tuple[Term, Term, Term]  # subject, predicate, object


def _objects(db: ox.Store, predicate: str) -> dict[Term, Term]:
    """subject → object of one predicate in the merged graph (one sequential scan)."""
    return {q.subject: q.object for q in db.quads_for_pattern(None, ox.NamedNode(predicate), None, _DEFAULT)}


def _typed(db: ox.Store, cls: str) -> list[Subject]:
    return [q.subject for q in db.quads_for_pattern(None, _TYPE, ox.NamedNode(cls), _DEFAULT)]


def _count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_INTEGER)


def edge_iri(edge: Edge) -> ox.NamedNode:
    """The summary node of one triple (deterministic: same triple, same IRI)."""
    return ox.NamedNode(v.KGI + "edge/" + short_hash(" ".join(str(t) for t in edge), 16))


def summary_triples(db: ox.Store) -> Iterator[ox.Triple]:
    """Every summary triple of the store's merged graph."""
    subjects, predicates, objects = _objects(db, v.RDF_SUBJECT), _objects(db, v.RDF_PREDICATE), _objects(db, v.RDF_OBJECT)
    sources: dict[Term, list[Term]] = defaultdict(list)
    for q in db.quads_for_pattern(None, ox.NamedNode(v.DERIVED_FROM), None, _DEFAULT):
        sources[q.subject].append(q.object)
    evidence_of: Counter[Term] = Counter()
    edge_evidence: Counter[Edge] = Counter()
    edge_documents: dict[Edge, set[Term]] = defaultdict(set)
    for ev in _typed(db, v.EVIDENCE):
        documents = sources.get(ev, [])
        evidence_of.update(documents)
        if ev in subjects and ev in predicates and ev in objects:
            edge = (subjects[ev], predicates[ev], objects[ev])
            edge_evidence[edge] += 1
            edge_documents[edge].update(documents)

    for document in _typed(db, v.DOCUMENT):
        yield ox.Triple(document, EVIDENCE_COUNT, _count(evidence_of[document]))

    degree: dict[Term, set[Edge]] = defaultdict(set)
    for iri in v.RELATIONS.values():
        p = ox.NamedNode(iri)
        asserted: list[Edge] = [(q.subject, p, q.object) for q in db.quads_for_pattern(None, p, None, _DEFAULT)]
        for edge in asserted:
            degree[edge[0]].add(edge)
            degree[edge[2]].add(edge)
        if asserted:
            covered: set[Term] = set().union(*(edge_documents.get(edge, set()) for edge in asserted))
            yield ox.Triple(p, EDGE_COUNT, _count(len(asserted)))
            yield ox.Triple(p, DOCUMENT_COUNT, _count(len(covered)))

    mentions: Counter[Term] = Counter(q.subject for q in db.quads_for_pattern(None, ox.NamedNode(v.MENTIONED_IN), None, _DEFAULT))
    for actor in _typed(db, v.ACTOR):
        yield ox.Triple(actor, RELATION_COUNT, _count(len(degree.get(actor, ()))))
        yield ox.Triple(actor, DOCUMENT_COUNT, _count(mentions[actor]))

    for edge, evidence in edge_evidence.items():
        node = edge_iri(edge)
        yield ox.Triple(node, _TYPE, EDGE_SUMMARY)
        yield ox.Triple(node, EDGE_SUBJECT, edge[0])
        yield ox.Triple(node, EDGE_PREDICATE, edge[1])
        yield ox.Triple(node, EDGE_OBJECT, edge[2])
        yield ox.Triple(node, EVIDENCE_COUNT, _count(evidence))
        yield ox.Triple(node, DOCUMENT_COUNT, _count(len(edge_documents[edge])))


def refresh_summaries(store: object) -> None:
    """Recompute the summary graph of a GraphStore being built; only the triples that changed are written."""
    db = store.store  # type: ignore[attr-defined]  # writes what is pending, so the scans see every document
    quads = [ox.Quad(t.subject, t.predicate, t.object, SUMMARY_GRAPH) for t in summary_triples(db)]
    store.replace_graph(SUMMARY_GRAPH, quads)  # type: ignore[attr-defined]
