"""The RDF → networkx projection: views, attributes, weights, order, on a hand-made graph and on the seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kg.errors import UsageError
from kg.network import clean, project, scalar_attrs, words
from kg.store import GraphStore

I = "https://w3id.org/policy-kg/id/"
# the shape kg.build writes: typed entities, relation triples, evidence records, dated documents
SAMPLE = f"""
@prefix kg: <https://w3id.org/policy-kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{I}doc/a> a kg:Document ; dcterms:title "A" ; kg:sourcePath "seeds/a.txt" ; dcterms:date "2021-11-10"^^xsd:date .
<{I}doc/b> a kg:Document ; dcterms:title "B" ; kg:sourcePath "seeds/b.txt" .
<{I}actor/eu> a kg:Actor , kg:InternationalOrganisation ; rdfs:label "European Union" ; skos:altLabel "EU" ;
    owl:sameAs <http://www.wikidata.org/entity/Q458> ; kg:mentionedIn <{I}doc/a> , <{I}doc/b> .
<{I}actor/lt> a kg:Actor , kg:State ; rdfs:label "Lithuania" ; kg:mentionedIn <{I}doc/a> .
<{I}actor/by> a kg:Actor , kg:State ; rdfs:label "Belarus" ; kg:mentionedIn <{I}doc/a> .
<{I}measure/m> a kg:Measure ; rdfs:label "upgrading surveillance" ; kg:status "adopted" ; kg:mentionedIn <{I}doc/a> .
<{I}fund/f> a kg:Fund ; rdfs:label "€170 million" ; kg:amount "170000000"^^xsd:decimal ; kg:currency "EUR" ; kg:mentionedIn <{I}doc/a> .
<{I}principle/p> a kg:LegalPrinciple ; rdfs:label "right to asylum" ; kg:mentionedIn <{I}doc/b> .
<{I}actor/lt> kg:adopts <{I}measure/m> .
<{I}fund/f> kg:funds <{I}measure/m> .
<{I}fund/f> kg:providedBy <{I}actor/eu> .
<{I}actor/eu> kg:supports <{I}actor/lt> .
<{I}actor/eu> kg:adopts <{I}measure/m> .
<{I}measure/m> kg:mustRespect <{I}principle/p> .
<{I}ev/1> a kg:Evidence ; rdf:subject <{I}actor/lt> ; rdf:predicate kg:adopts ; rdf:object <{I}measure/m> ;
    kg:sentence "Lithuania upgrades surveillance." ; kg:startOffset 10 ; prov:wasDerivedFrom <{I}doc/a> .
<{I}ev/2> a kg:Evidence ; rdf:subject <{I}actor/eu> ; rdf:predicate kg:supports ; rdf:object <{I}actor/lt> ;
    kg:sentence "The Union supports Lithuania." ; kg:startOffset 5 ; prov:wasDerivedFrom <{I}doc/b> .
<{I}ev/3> a kg:Evidence ; rdf:subject <{I}actor/eu> ; rdf:predicate kg:supports ; rdf:object <{I}actor/lt> ;
    kg:sentence "The EU stands by Lithuania." ; kg:startOffset 130 ; prov:wasDerivedFrom <{I}doc/a> .
<{I}ev/4> a kg:Evidence ; rdf:subject <{I}fund/f> ; rdf:predicate kg:funds ; rdf:object <{I}measure/m> ;
    kg:sentence "€170 million will fund it." ; kg:startOffset 70 ; prov:wasDerivedFrom <{I}doc/a> .
"""


def store_from_turtle(ttl: str, path: Path) -> GraphStore:
    """An in-memory GraphStore holding `ttl` in its default graph."""
    store = ox.Store()
    store.load(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    return GraphStore(store, path)


@pytest.fixture()
def sample(tmp_path: Path) -> GraphStore:
    return store_from_turtle(SAMPLE, tmp_path)


def test_entities_view_nodes_and_attributes(sample: GraphStore) -> None:
    g = project(sample)
    assert list(g.nodes) == sorted(g.nodes)
    assert set(g.nodes) == {I + k for k in ("actor/eu", "actor/lt", "actor/by", "measure/m", "fund/f", "principle/p")}
    eu = g.nodes[I + "actor/eu"]
    assert eu["id"] == I + "actor/eu"
    assert (eu["label"], eu["class"], eu["kind"], eu["wikidata"], eu["documents"]) == ("European Union", "InternationalOrganisation", "Actor", "Q458", 2)
    assert eu["alt_labels"] == "EU"
    assert eu["degree"] == 3 and g.nodes[I + "actor/by"]["degree"] == 0
    fund = g.nodes[I + "fund/f"]
    assert (fund["amount"], fund["currency"], fund["kind"]) == (170000000.0, "EUR", "Fund")
    assert g.nodes[I + "measure/m"]["status"] == "adopted"
    assert "status" not in eu and "amount" not in eu


def test_entities_view_edges_weighted_by_evidence(sample: GraphStore) -> None:
    g = project(sample)
    assert [(u, w, k) for u, w, k in g.edges(keys=True)] == sorted(g.edges(keys=True))
    supports = g.edges[I + "actor/eu", I + "actor/lt", "supports"]
    assert (supports["relation"], supports["label"], supports["weight"], supports["documents"]) == ("supports", "supports", 2, 2)
    assert supports["evidence"] == "The EU stands by Lithuania."  # the dated document's sentence first
    assert supports["dates"] == "2021-11-10" and supports["sources"] == "a.txt; b.txt"
    adopts = g.edges[I + "actor/lt", I + "measure/m", "adopts"]
    assert adopts["status"] == "adopted" and adopts["weight"] == 1
    # a relation without an evidence record still is an edge, of weight 0
    assert g.edges[I + "actor/eu", I + "measure/m", "adopts"]["weight"] == 0
    assert g.edges[I + "fund/f", I + "actor/eu", "providedBy"]["label"] == "provided by"


def test_sentences_only_on_request(sample: GraphStore) -> None:
    plain = project(sample)
    rich = project(sample, with_sentences=True)
    edge = (I + "actor/eu", I + "actor/lt", "supports")
    assert "sentences" not in plain.edges[edge]
    assert [s["text"] for s in rich.edges[edge]["sentences"]] == ["The EU stands by Lithuania.", "The Union supports Lithuania."]
    assert scalar_attrs(rich.edges[edge]) == plain.edges[edge]


def test_actors_view_links_through_shared_things(sample: GraphStore) -> None:
    g = project(sample, "actors")
    assert set(g.nodes) == {I + "actor/eu", I + "actor/lt", I + "actor/by"}
    assert g.has_edge(I + "actor/eu", I + "actor/lt", "supports")
    shared = g.edges[I + "actor/eu", I + "actor/lt", "shares"]
    assert shared["type"] == "undirected" and shared["weight"] == 1
    assert "upgrading surveillance" in shared["explanation"]
    assert "funds via €170 million" in shared["explanation"] and "adopts" in shared["explanation"]


def test_full_view_has_documents_and_evidence(sample: GraphStore) -> None:
    g = project(sample, "full")
    assert g.nodes[I + "doc/a"]["class"] == "Document" and g.nodes[I + "doc/a"]["label"] == "A"
    assert g.nodes[I + "ev/1"]["class"] == "Evidence"
    assert g.has_edge(I + "ev/1", I + "doc/a", "wasDerivedFrom")
    assert g.has_edge(I + "actor/eu", I + "actor/lt", "supports")
    assert list(g.nodes) == sorted(g.nodes)


def test_projection_is_deterministic(sample: GraphStore) -> None:
    for view in ("entities", "actors", "full"):
        a, b = project(sample, view), project(sample, view)
        assert list(a.nodes(data=True)) == list(b.nodes(data=True))
        assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))


def test_unknown_view_is_a_usage_error(sample: GraphStore) -> None:
    with pytest.raises(UsageError, match="unknown view 'people'"):
        project(sample, "people")


def test_clean_and_words() -> None:
    assert clean("a\x00b\x1fc\ud800d\ufffee\tf\ng") == "abcde\tf\ng"
    assert clean("emoji 🚀 and RTL עברית <&>") == "emoji 🚀 and RTL עברית <&>"
    assert words("cooperatesWith") == "cooperates with" and words("mustRespect") == "must respect"


def test_seeds_projection(seeds_store: Any) -> None:
    g = project(seeds_store)
    rows = list(seeds_store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { VALUES ?k { kg:Actor kg:Measure kg:Fund kg:LegalPrinciple } ?e a ?k }"))
    assert g.number_of_nodes() == int(rows[0]["n"].value)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert "Belarus" in labels and "European Union" in labels
    for _, data in g.nodes(data=True):
        assert data["label"] and data["kind"] in ("Actor", "Measure", "Fund", "LegalPrinciple") and data["degree"] >= 0
    assert g.number_of_edges() > 0
    assert all(d["weight"] >= 1 for *_, d in g.edges(data=True))
    actors = project(seeds_store, "actors")
    assert all(d["kind"] == "Actor" for _, d in actors.nodes(data=True))
