"""Counts over the whole corpus, computed at build time into their own named graph (kgi:graph/summary).

A shipped query that counts evidence or mentions across the corpus (documents,
actors-ranked, relation-counts, claims-diff) would touch
every evidence record on every run: about eight index lookups per record, 20 s
at 10,000 documents. The build counts them once, with the CONSTRUCT queries
below, and writes:

    ?d kg:evidenceCount n                  every document: its evidence records
    ?a kg:relationCount n ; kg:documentCount m
                                           every actor: distinct asserted relation edges
                                           it is subject or object of; documents mentioning it
    ?p kg:edgeCount n ; kg:documentCount m every contract relation with asserted edges: those
                                           edges, and the documents giving evidence for them
    ?e a kg:EdgeSummary ; kg:edgeSubject s ; kg:edgePredicate p ; kg:edgeObject o ; kg:documentCount m
                                           every triple some evidence record names (asserted
                                           or only claimed), and the documents giving evidence for it
    ?ev kg:edge ?e                         every evidence record: the summary of its triple

Every build recomputes them in full and `GraphStore.replace_graph` writes only
what changed, so they stay in step with any update (added, changed or removed
documents, curation). The cost is a pass over the evidence per build that
changes the graph (about 3.5 s at 1,000 documents on a loaded 2-core machine;
the README's Performance section has the 10,000-document figure).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pyoxigraph as ox

from kg import vocab as v

SUMMARY_GRAPH = ox.NamedNode(v.KGI + "graph/summary")
# Each summary is one CONSTRUCT, so that Oxigraph joins, groups and counts on its own term ids and
# Python decodes only the answers: scanning the evidence into Python dicts took 3.5 s at 1,000 documents.
SUMMARIES = (
    # every document: its evidence records
    """CONSTRUCT { ?d kg:evidenceCount ?n } WHERE {
      { SELECT ?d (COUNT(DISTINCT ?ev) AS ?n) WHERE { ?d a kg:Document OPTIONAL { ?ev prov:wasDerivedFrom ?d ; a kg:Evidence } } GROUP BY ?d }
    }""",
    # every triple an evidence record names; its node's IRI is a digest of the triple
    """CONSTRUCT { ?e a kg:EdgeSummary ; kg:edgeSubject ?s ; kg:edgePredicate ?p ; kg:edgeObject ?o ; kg:documentCount ?m } WHERE {
      { SELECT ?s ?p ?o (COUNT(DISTINCT ?d) AS ?m) WHERE {
          ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . OPTIONAL { ?ev prov:wasDerivedFrom ?d }
        } GROUP BY ?s ?p ?o }
      BIND(IRI(CONCAT(STR(kgi:), "edge/", SUBSTR(SHA256(CONCAT(STR(?s), " ", STR(?p), " ", STR(?o))), 1, 16))) AS ?e)
    }""",
    # every evidence record: the summary of the triple it names (a record reaches its triple's counts in one lookup,
    # where matching subject, predicate and object walks every summary that shares the object: quadratic in a corpus)
    """CONSTRUCT { ?ev kg:edge ?e } WHERE {
      ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
      BIND(IRI(CONCAT(STR(kgi:), "edge/", SUBSTR(SHA256(CONCAT(STR(?s), " ", STR(?p), " ", STR(?o))), 1, 16))) AS ?e)
    }""",
    # every contract relation with asserted edges: those edges, and the documents with evidence for them
    """CONSTRUCT { ?p kg:edgeCount ?edges ; kg:documentCount ?documents } WHERE {
      { SELECT ?p (COUNT(*) AS ?edges) WHERE { VALUES ?p { RELATIONS } ?s ?p ?o } GROUP BY ?p }
      OPTIONAL { SELECT ?p (COUNT(DISTINCT ?d) AS ?evidenced) WHERE {
          VALUES ?p { RELATIONS }
          ?ev rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o ; prov:wasDerivedFrom ?d .
          ?s ?p ?o .
        } GROUP BY ?p }
      BIND(COALESCE(?evidenced, 0) AS ?documents)
    }""",
    # every actor: distinct asserted relation edges it is subject or object of, and the documents mentioning it
    """CONSTRUCT { ?a kg:relationCount ?relations ; kg:documentCount ?documents } WHERE {
      { SELECT ?a (COUNT(DISTINCT ?edge) AS ?relations) WHERE {
          ?a a kg:Actor .
          OPTIONAL {
            { ?a ?p ?o BIND(CONCAT(STR(?a), " ", STR(?p), " ", STR(?o)) AS ?edge) }
            UNION
            { ?o ?p ?a BIND(CONCAT(STR(?o), " ", STR(?p), " ", STR(?a)) AS ?edge) }
            VALUES ?p { RELATIONS }
          }
        } GROUP BY ?a }
      { SELECT ?a (COUNT(DISTINCT ?d) AS ?documents) WHERE { ?a a kg:Actor . OPTIONAL { ?a kg:mentionedIn ?d } } GROUP BY ?a }
    }""",
)
_RELATIONS = " ".join(f"<{iri}>" for iri in v.RELATIONS.values())
SUMMARY_VERSION = ox.NamedNode(v.SUMMARY_VERSION)
# a digest of the definitions above: a store summarised by other definitions is summarised again
VERSION = ox.Literal(hashlib.sha256("\n".join(SUMMARIES).encode()).hexdigest()[:16])


def up_to_date(db: ox.Store) -> bool:
    """Whether the store holds summaries made by these definitions."""
    return any(True for _ in db.quads_for_pattern(SUMMARY_GRAPH, SUMMARY_VERSION, VERSION, SUMMARY_GRAPH))


def summary_triples(db: ox.Store) -> Iterator[ox.Triple]:
    """Every summary triple of the store's merged graph."""
    yield ox.Triple(SUMMARY_GRAPH, SUMMARY_VERSION, VERSION)
    for sparql in SUMMARIES:
        yield from db.query(sparql.replace("RELATIONS", _RELATIONS), prefixes=v.PREFIXES)  # type: ignore[misc]


def refresh_summaries(store: object) -> None:
    """Recompute the summary graph of a GraphStore being built; only the triples that changed are written."""
    db = store.store  # type: ignore[attr-defined]  # writes what is pending, so the scans see every document
    quads = [ox.Quad(t.subject, t.predicate, t.object, SUMMARY_GRAPH) for t in summary_triples(db)]
    store.replace_graph(SUMMARY_GRAPH, quads)  # type: ignore[attr-defined]
