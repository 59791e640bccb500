"""SHACL validation: hand-made graphs that keep or break the contract, the builder's own quads, the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from kg import vocab as v
from kg.build import document_quads, graph_iri
from kg.cli import cli
from kg.errors import NoGraphError
from kg.export.rdf import export_turtle
from kg.model import Document, Entity, Evidence, Extraction, Observation, Relation
from kg.resources import ontology_file
from kg.store import ONTOLOGY_GRAPH, GraphStore
from kg.validate import ValidationResult, _sparql_only_shapes, validate_graph, validate_output

PREFIXES = """\
@prefix kg: <https://w3id.org/policy-kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix doc: <https://w3id.org/policy-kg/id/doc/> .
@prefix actor: <https://w3id.org/policy-kg/id/actor/> .
@prefix measure: <https://w3id.org/policy-kg/id/measure/> .
@prefix fund: <https://w3id.org/policy-kg/id/fund/> .
@prefix principle: <https://w3id.org/policy-kg/id/principle/> .
@prefix evidence: <https://w3id.org/policy-kg/id/evidence/> .
"""

# A small graph that keeps every rule: one of each entity kind, a funds edge and its evidence.
GOOD = (
    PREFIXES
    + """
doc:d1 a kg:Document ;
    dcterms:title "Commission funds surveillance" ;
    kg:sourcePath "seeds/d1.txt" ;
    kg:contentHash "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    kg:textLayer <https://w3id.org/policy-kg/id/text/d1> ;
    dcterms:date "2024-05-01"^^xsd:date .

<https://w3id.org/policy-kg/id/text/d1> a kg:TextLayer ;
    kg:contentHash "sha256:60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752" ;
    kg:layerKind "file" ;
    prov:wasDerivedFrom doc:d1 .

actor:european-commission a kg:Actor , kg:EUInstitution ;
    rdfs:label "European Commission" ;
    skos:altLabel "the Commission" ;
    owl:sameAs <http://www.wikidata.org/entity/Q8880> ;
    kg:mentionedIn doc:d1 .

fund:eur-170-million a kg:Fund ;
    rdfs:label "EUR 170 million" ;
    kg:amount "170000000"^^xsd:decimal ;
    kg:currency "EUR" ;
    kg:mentionedIn doc:d1 .

measure:surveillance a kg:Measure ;
    rdfs:label "upgrading electronic surveillance equipment" ;
    kg:status "planned" ;
    kg:negated false ;
    kg:quality "temporary" ;
    kg:mentionedIn doc:d1 .

principle:non-refoulement a kg:LegalPrinciple ;
    rdfs:label "non-refoulement" ;
    kg:mentionedIn doc:d1 .

fund:eur-170-million kg:funds measure:surveillance .

evidence:e1 a kg:Evidence ;
    rdf:subject fund:eur-170-million ;
    rdf:predicate kg:funds ;
    rdf:object measure:surveillance ;
    kg:sentence "EUR 170 million will upgrade surveillance." ;
    kg:startOffset 10 ;
    kg:endOffset 52 ;
    kg:extractedBy "rule:funds" ;
    kg:offsetsIn doc:d1 ;
    prov:wasDerivedFrom doc:d1 .
"""
)


def graph(turtle: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=turtle, format="turtle")


def without(turtle: str, line: str) -> str:
    """The Turtle with one line taken out (it must be there)."""
    assert line in turtle
    return turtle.replace(line, "")


def messages(result: ValidationResult) -> set[str]:
    return {x.message for x in result.violations if x.severity == "Violation"}


def test_a_conforming_graph_passes() -> None:
    result = validate_graph(graph(GOOD), source="good.ttl")
    assert result.conforms, result.text
    assert result.violations == []
    assert result.text == "good.ttl conforms to the kg shapes: 0 violations"


BROKEN = {
    "two labels": (
        GOOD + 'actor:european-commission rdfs:label "EC" .\n',
        "kgi:actor/european-commission",
        "rdfs:label",
        "an entity has exactly one rdfs:label (its canonical name)",
    ),
    "no label": (
        without(GOOD, '    rdfs:label "non-refoulement" ;\n'),
        "kgi:principle/non-refoulement",
        "rdfs:label",
        "an entity has exactly one rdfs:label (its canonical name)",
    ),
    "not mentioned anywhere": (
        without(GOOD, "    kg:quality \"temporary\" ;\n    kg:mentionedIn doc:d1 .").replace(
            'kg:negated false ;\n', 'kg:negated false .\n'
        ),
        "kgi:measure/surveillance",
        "kg:mentionedIn",
        "an entity is kg:mentionedIn at least one kg:Document",
    ),
    "sameAs not Wikidata": (
        GOOD.replace("http://www.wikidata.org/entity/Q8880", "http://dbpedia.org/resource/European_Commission"),
        "kgi:actor/european-commission",
        "owl:sameAs",
        "owl:sameAs points only to a Wikidata item IRI (http://www.wikidata.org/entity/Q...)",
    ),
    "two nodes for one Wikidata item": (
        GOOD + "principle:non-refoulement owl:sameAs <http://www.wikidata.org/entity/Q8880> .\n",
        "kgi:principle/non-refoulement",
        "owl:sameAs",
        "another entity (the value) has the same owl:sameAs: one real-world thing must be one node",
    ),
    "bad currency": (
        GOOD.replace('kg:currency "EUR"', 'kg:currency "euro"'),
        "kgi:fund/eur-170-million",
        "kg:currency",
        'kg:currency is at most one ISO 4217 code (three capital letters, "EUR")',
    ),
    "amount not a decimal": (
        GOOD.replace('"170000000"^^xsd:decimal', '"170 million"'),
        "kgi:fund/eur-170-million",
        "kg:amount",
        "kg:amount is at most one non-negative xsd:decimal, in units (EUR 170 million is 170000000)",
    ),
    "bad status": (
        GOOD.replace('kg:status "planned"', 'kg:status "done"'),
        "kgi:measure/surveillance",
        "kg:status",
        'kg:status is one of "adopted", "planned", "proposed", "called-for", "permitted"',
    ),
    "two statuses": (
        GOOD.replace('kg:status "planned"', 'kg:status "planned" , "adopted"'),
        "kgi:measure/surveillance",
        "kg:status",
        "a kg:Measure has at most one kg:status",
    ),
    "fund funds a principle": (
        GOOD.replace("kg:funds measure:surveillance", "kg:funds principle:non-refoulement").replace(
            "rdf:object measure:surveillance", "rdf:object principle:non-refoulement"
        ),
        "kgi:fund/eur-170-million",
        "kg:funds",
        "kg:funds points to a kg:Measure or a kg:Fund",
    ),
    "principle adopts": (
        GOOD.replace("fund:eur-170-million kg:funds", "principle:non-refoulement kg:adopts").replace(
            "rdf:subject fund:eur-170-million ;\n    rdf:predicate kg:funds",
            "rdf:subject principle:non-refoulement ;\n    rdf:predicate kg:adopts",
        ),
        "kgi:principle/non-refoulement",
        "",
        "kg:adopts goes from a kg:Actor",
    ),
    "relation without evidence": (
        GOOD + "actor:european-commission kg:providedBy fund:eur-170-million .\n",
        "kgi:actor/european-commission",
        "kg:providedBy",
        "the relation has no kg:Evidence record (rdf:subject, rdf:predicate, rdf:object) behind it",
    ),
    "evidence for a triple that is not there": (
        without(GOOD, "fund:eur-170-million kg:funds measure:surveillance .\n"),
        "kgi:evidence/e1",
        "rdf:predicate",
        "the evidence record is for a triple the graph does not hold",
    ),
    "evidence without sentence": (
        without(GOOD, '    kg:sentence "EUR 170 million will upgrade surveillance." ;\n'),
        "kgi:evidence/e1",
        "kg:sentence",
        "an evidence record has exactly one non-empty kg:sentence",
    ),
    "offsets reversed": (
        GOOD.replace("kg:startOffset 10", "kg:startOffset 60"),
        "kgi:evidence/e1",
        "kg:startOffset",
        "kg:startOffset <= kg:endOffset",
    ),
    "offsets do not span the sentence": (
        GOOD.replace("kg:endOffset 52", "kg:endOffset 50"),
        "kgi:evidence/e1",
        "kg:sentence",
        "the length of kg:sentence is not kg:endOffset - kg:startOffset: text[start:end] must be the sentence",
    ),
    "offset not an integer": (
        GOOD.replace("kg:endOffset 52", 'kg:endOffset "52"'),
        "kgi:evidence/e1",
        "kg:endOffset",
        "an evidence record has exactly one kg:endOffset, an xsd:integer",
    ),
    "evidence without extractor": (
        without(GOOD, '    kg:extractedBy "rule:funds" ;\n'),
        "kgi:evidence/e1",
        "kg:extractedBy",
        "an evidence record has exactly one kg:extractedBy (the rule or model name)",
    ),
    "evidence derived from no document": (
        GOOD.replace("prov:wasDerivedFrom doc:d1", "prov:wasDerivedFrom <https://example.org/elsewhere>"),
        "kgi:evidence/e1",
        "prov:wasDerivedFrom",
        "an evidence record has exactly one prov:wasDerivedFrom, a kg:Document",
    ),
    "evidence without what its offsets index": (
        without(GOOD, "    kg:offsetsIn doc:d1 ;\n"),
        "kgi:evidence/e1",
        "kg:offsetsIn",
        "an evidence record or observation has exactly one kg:offsetsIn, its kg:Document or that document's kg:TextLayer",
    ),
    "text layer of no known kind": (
        GOOD.replace('kg:layerKind "file"', 'kg:layerKind "ocr"'),
        "kgi:text/d1",
        "kg:layerKind",
        "a text layer has exactly one kg:layerKind: file, markdown-blanked, html-main-text or pdf-text",
    ),
    "document without hash": (
        without(
            GOOD, '    kg:contentHash "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;\n'
        ),
        "kgi:doc/d1",
        "kg:contentHash",
        'a document has exactly one kg:contentHash, "sha256:" and 64 hex digits',
    ),
    "document without title": (
        without(GOOD, '    dcterms:title "Commission funds surveillance" ;\n'),
        "kgi:doc/d1",
        "dcterms:title",
        "a document has exactly one dcterms:title",
    ),
    "actor typed by its subclass only": (
        GOOD.replace("actor:european-commission a kg:Actor , kg:EUInstitution", "actor:european-commission a kg:EUInstitution"),
        "kgi:actor/european-commission",
        "rdf:type",
        "an actor is typed kg:Actor as well as its subclass, so that `?x a kg:Actor` finds it",
    ),
    "actor and measure at once": (
        GOOD + "actor:european-commission a kg:Measure .\n",
        "kgi:actor/european-commission",
        "rdf:type",
        "an entity is exactly one of kg:Actor, kg:Measure, kg:Fund, kg:LegalPrinciple",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_graph_fails_with_a_readable_message(case: str) -> None:
    turtle, focus, path, message = BROKEN[case]
    result = validate_graph(graph(turtle), source=case)
    assert not result.conforms
    assert message in messages(result), result.text
    hit = [x for x in result.violations if x.message == message]
    assert any(x.focus == focus and x.path == path for x in hit), result.text
    assert f"Violation: {message} ({len(hit)})" in result.text.splitlines()
    assert result.text.splitlines()[-1].startswith(f"{case} does not conform to the kg shapes: ")


def test_report_is_one_line_per_violation_grouped_with_a_count() -> None:
    turtle = GOOD.replace('kg:status "planned"', 'kg:status "done"').replace('kg:currency "EUR"', 'kg:currency "eur"')
    result = validate_graph(graph(turtle), source="graph.ttl")
    assert result.text.splitlines() == [
        'Violation: kg:currency is at most one ISO 4217 code (three capital letters, "EUR") (1)',
        '  kgi:fund/eur-170-million  kg:currency  "eur"',
        'Violation: kg:status is one of "adopted", "planned", "proposed", "called-for", "permitted" (1)',
        '  kgi:measure/surveillance  kg:status  "done"',
        "graph.ttl does not conform to the kg shapes: 2 violations",
    ]


def test_warnings_are_reported_but_do_not_fail() -> None:
    turtle = GOOD.replace(
        "owl:sameAs <http://www.wikidata.org/entity/Q8880>",
        "owl:sameAs <http://www.wikidata.org/entity/Q8880> , <http://www.wikidata.org/entity/Q458>",
    )
    result = validate_graph(graph(turtle), source="g")
    assert result.conforms
    assert [x.severity for x in result.violations] == ["Warning"]
    assert result.text.endswith("g conforms to the kg shapes: 0 violations, 1 warning")


def test_every_sparql_shape_runs_on_oxigraph_not_per_node_in_pyshacl() -> None:
    """pySHACL parses a SPARQL constraint once per focus node: on a real corpus that takes minutes."""
    shapes = rdflib.Graph().parse(ontology_file("shapes.ttl"))
    sh = rdflib.Namespace(v.SH)
    with_sparql = set(shapes.subjects(sh.sparql, None))
    assert with_sparql and with_sparql == set(_sparql_only_shapes(shapes))


def test_validates_a_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(GOOD)
    assert validate_graph(path).conforms


# -- the builder's own output ---------------------------------------------------


def builder_graph() -> rdflib.Graph:
    """What kg.build and kg.store write for hand-made records of every kind, as graph.ttl would hold it."""
    text = 'The Commission gives €170 million to Frontex. "Belarus weaponises migrants", she said. Crossings rose by 66%.'
    doc = Document("d1", "seeds/d1.txt", text, text, "ab" * 32, title="A note", date="2024-05-01", url="https://x.eu/n")

    def ev(sentence: str, speaker: str | None = None) -> Evidence:
        start = text.index(sentence)
        return Evidence(start, start + len(sentence), sentence, "test-rule", speaker)

    s1, s2, s3 = text.split(". ")[0] + ".", '"Belarus weaponises migrants", she said.', "Crossings rose by 66%."
    entities = [
        Entity("actor/european-commission", "Actor", "European Commission", "EUInstitution", "Q8880", {"Commission"}),
        Entity("actor/frontex", "Actor", "Frontex", "Agency", "Q1129383"),
        Entity("actor/belarus", "Actor", "Belarus", "State", "Q184"),
        Entity("actor/migrants", "Actor", "migrants", "Group"),
        Entity("fund/eur-170-million", "Fund", "€170 million", amount="170000000", currency="EUR"),
        Entity("measure/deployment", "Measure", "deployment", status="adopted", qualities={"temporary"}),
        Entity("principle/right-to-asylum", "LegalPrinciple", "right to asylum"),
    ]
    relations = [
        Relation("actor/european-commission", "funds", "measure/deployment", ev(s1)),
        Relation("fund/eur-170-million", "provided-by", "actor/european-commission", ev(s1)),
        Relation("fund/eur-170-million", "funds", "measure/deployment", ev(s1)),
        Relation("actor/belarus", "instrumentalises", "actor/migrants", ev(s2, "actor/european-commission")),
        Relation("measure/deployment", "must-respect", "principle/right-to-asylum", ev(s1)),
        Relation("measure/deployment", "targets", "actor/belarus", ev(s1)),
        Relation("actor/european-commission", "supports", "actor/frontex", ev(s1)),
    ]
    observations = [Observation("border crossings", "66", "percent", ev(s3), period="2024", baseline="2023")]
    store = GraphStore(ox.Store(), Path("."))
    ontology = ox.parse(ontology_file("kg.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    store.replace_graph(ONTOLOGY_GRAPH, (ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH) for t in ontology))
    store.replace_graph(graph_iri("d1"), document_quads(Extraction(doc, entities, relations, observations)))
    buffer = io.BytesIO()
    export_turtle(store, buffer)
    return rdflib.Graph().parse(data=buffer.getvalue(), format="turtle")


def test_what_the_builder_writes_conforms() -> None:
    g = builder_graph()
    assert (None, rdflib.URIRef(v.KG + "instrumentalises"), None) in g
    result = validate_graph(g, source="builder")
    assert result.conforms, result.text
    assert result.violations == []


def test_the_seeds_graph_conforms(seeds_out: Path) -> None:
    result = validate_output(seeds_out)
    assert result.conforms, result.text


# -- CLI ----------------------------------------------------------------------


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_cli_exit_0_when_it_conforms(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text(GOOD)
    result = runner.invoke(cli, ["validate", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{tmp_path / 'graph.ttl'} conforms to the kg shapes: 0 violations\n"


def test_cli_exit_1_with_the_report_when_it_does_not(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text(GOOD.replace('kg:currency "EUR"', 'kg:currency "eur"'))
    result = runner.invoke(cli, ["validate", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'Violation: kg:currency is at most one ISO 4217 code (three capital letters, "EUR") (1)',
        '  kgi:fund/eur-170-million  kg:currency  "eur"',
        f"{tmp_path / 'graph.ttl'} does not conform to the kg shapes: 1 violation",
    ]


def test_cli_without_a_graph_says_what_to_run(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--out", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: no graph in ")
    assert "run `kg build" in result.stderr


def test_library_without_a_graph_raises(tmp_path: Path) -> None:
    with pytest.raises(NoGraphError, match="run `kg build"):
        validate_output(tmp_path)
