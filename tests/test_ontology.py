"""ontology/kg.ttl: it parses, documents every term, and declares every term the code emits."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import BNode, Node

from kg import vocab as v
from kg.resources import ontology_file

KG = Namespace(v.KG)
PROV = Namespace(v.PROV)
FOAF = Namespace(v.FOAF)
ORG = Namespace(v.ORG)
DCTERMS = Namespace(v.DCTERMS)
ONTOLOGY = URIRef("https://w3id.org/policy-kg/ontology")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_file("kg.ttl"), format="turtle")


def declared_terms(g: Graph) -> set[URIRef]:
    """Every IRI in the kg namespace declared as a class or property."""
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef) and str(s).startswith(v.KG)}


def emitted_terms() -> set[str]:
    """Every IRI in the kg namespace that kg.vocab names, directly or in its tables."""
    values: list[object] = []
    for name, value in vars(v).items():
        if name.startswith("_") or name == "KG":
            continue
        values.extend(value.values() if isinstance(value, dict) else [value])
    terms = {x for x in values if isinstance(x, str) and x.startswith(v.KG) and x != v.KG}
    terms |= {v.KG + kind for kind in v.ACTOR_KINDS}
    terms.add(v.KG + "pipelineVersion")  # written by kg.pipeline and read by kg.store
    return terms


def test_parses_with_rdflib_and_oxigraph(onto: Graph) -> None:
    triples = list(ox.parse(ontology_file("kg.ttl").read_bytes(), ox.RdfFormat.TURTLE))
    assert len(triples) == len(onto) > 100


def test_parsing_twice_gives_the_same_triples_so_graph_ttl_is_stable() -> None:
    data = ontology_file("kg.ttl").read_bytes()
    first, second = (set(ox.parse(data, ox.RdfFormat.TURTLE)) for _ in range(2))
    assert first == second


def test_header(onto: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, DCTERMS.license):
        assert onto.value(ONTOLOGY, prop) is not None, prop


def test_every_class_and_property_has_label_and_comment(onto: Graph) -> None:
    missing = [
        f"{term} lacks {prop.n3(onto.namespace_manager)}"
        for term in sorted(declared_terms(onto))
        for prop in (RDFS.label, RDFS.comment)
        if not isinstance(onto.value(term, prop), Literal)
    ]
    assert missing == []
    assert {KG.Actor, KG.adopts, KG.status} <= declared_terms(onto)  # so that the check is not vacuous


def test_every_term_the_code_emits_is_declared(onto: Graph) -> None:
    undeclared = sorted(emitted_terms() - {str(t) for t in declared_terms(onto)})
    assert undeclared == []


def test_every_declared_term_is_used_or_named_by_the_code(onto: Graph) -> None:
    """The reverse: kg.ttl does not declare terms the code has never heard of."""
    assert sorted({str(t) for t in declared_terms(onto)} - emitted_terms()) == []


def test_actor_subclasses_are_found_by_the_contract_query(onto: Graph) -> None:
    rows = onto.query("SELECT ?c WHERE { ?c rdfs:subClassOf+ kg:Actor }", initNs={"kg": KG, "rdfs": RDFS})
    assert {str(r[0]) for r in rows} == {v.KG + kind for kind in v.ACTOR_KINDS}


@pytest.mark.parametrize(
    ("cls", "parent"),
    [
        (KG.Actor, PROV.Agent),
        (KG.Actor, FOAF.Agent),
        (KG.Person, FOAF.Person),
        (KG.Organisation, ORG.Organization),
        (KG.Measure, PROV.Plan),
        (KG.LegalPrinciple, SKOS.Concept),
        (KG.Document, PROV.Entity),
        (KG.Document, FOAF.Document),
        (KG.Evidence, PROV.Entity),
        (KG.Evidence, RDF.Statement),
    ],
)
def test_alignment(onto: Graph, cls: URIRef, parent: URIRef) -> None:
    assert (cls, RDFS.subClassOf, parent) in onto


def _classes(onto: Graph, node: Node | None) -> set[str]:
    """The local names of a class or an owl:unionOf of classes."""
    assert node is not None
    if isinstance(node, BNode):
        return {str(c).removeprefix(v.KG) for c in Collection(onto, onto.value(node, OWL.unionOf))}
    return {str(node).removeprefix(v.KG)}


# the contract's table of relations: property → (from, to)
CONTRACT = {
    "adopts": ({"Actor"}, {"Measure"}),
    "proposes": ({"Actor"}, {"Measure"}),
    "funds": ({"Actor", "Fund"}, {"Measure", "Fund"}),
    "providedBy": ({"Fund"}, {"Actor"}),
    "supports": ({"Actor"}, {"Actor"}),
    "cooperatesWith": ({"Actor"}, {"Actor"}),
    "instrumentalises": ({"Actor"}, {"LegalPrinciple", "Actor"}),
    "threatens": ({"Actor"}, {"LegalPrinciple", "Actor"}),
    "mustRespect": ({"Measure", "Actor"}, {"LegalPrinciple"}),
    "restricts": ({"Measure"}, {"LegalPrinciple"}),
    "targets": ({"Measure", "Actor"}, {"Actor"}),
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_relation_domain_and_range_follow_the_contract(onto: Graph, name: str) -> None:
    prop = KG[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert (_classes(onto, onto.value(prop, RDFS.domain)), _classes(onto, onto.value(prop, RDFS.range))) == CONTRACT[name]


def test_relations_in_vocab_are_the_contract() -> None:
    assert {iri.removeprefix(v.KG) for iri in v.RELATIONS.values()} == set(CONTRACT)


def test_amount_and_offsets_have_numeric_ranges(onto: Graph) -> None:
    xsd = Namespace(v.XSD)
    assert onto.value(KG.amount, RDFS.range) == xsd.decimal
    assert onto.value(KG.startOffset, RDFS.range) == xsd.integer
    assert onto.value(KG.endOffset, RDFS.range) == xsd.integer


def test_status_scheme_defines_every_status(onto: Graph) -> None:
    scheme = KG.MeasureStatusScheme
    concepts = set(onto.objects(scheme, SKOS.hasTopConcept))
    assert {str(onto.value(c, SKOS.notation)) for c in concepts} == set(v.STATUSES)
    for concept in concepts:
        assert (concept, SKOS.inScheme, scheme) in onto
        assert isinstance(onto.value(concept, SKOS.definition), Literal)
        assert isinstance(onto.value(concept, SKOS.prefLabel), Literal)
