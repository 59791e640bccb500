"""kg.evaluate on a hand-made gold set and graph: exact counts, optional items, duplicates, normalisation."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.evaluate import (
    EvalResult,
    GoldError,
    GoldItem,
    Score,
    SysEntity,
    content_words,
    evaluate,
    format_details,
    format_table,
    load_gold,
    normalise_name,
    one_to_one,
    parse_gold,
    stem,
    words_overlap,
)

GOLD_A = {
    "document": "a.txt",
    "actors": [
        {"name": "European Union", "aliases": ["EU"], "kind": "InternationalOrganisation"},
        {"name": "Russia", "aliases": [], "kind": "State"},
        {"name": "migrants", "aliases": [], "kind": "Group"},
        {"name": "national authorities", "aliases": [], "kind": "Group", "optional": True},
    ],
    "measures": [
        {"name": "upgrading electronic surveillance equipment", "evidence": "to support upgrading electronic surveillance equipment", "by": ["European Union"], "status": "adopted"},
        {"name": "countering drone intrusions", "evidence": "countering drone intrusions", "by": ["European Union"], "status": "adopted"},
        {"name": "improve risk assessment", "evidence": "improve risk assessment", "by": [], "status": "planned", "optional": True},
    ],
    "funds": [
        {"amount": 170000000, "currency": "EUR", "surface": "€170 million", "provided_by": "European Union", "evidence": "€170 million"},
        {"amount": None, "currency": None, "surface": "targeted funding for humanitarian needs", "provided_by": "European Union", "evidence": "targeted funding"},
    ],
    "principles": [
        {"name": "right to asylum", "aliases": ["asylum"], "evidence": "asylum"},
        {"name": "non-refoulement", "aliases": [], "evidence": "non-refoulement"},
    ],
    "relations": [
        {"subject": "European Union", "predicate": "funds", "object": "upgrading electronic surveillance equipment", "evidence": "x"},
        {"subject": "European Union", "predicate": "funds", "object": "countering drone intrusions", "evidence": "x"},
        {"subject": "European Union", "predicate": "adopts", "object": "countering drone intrusions", "evidence": "x"},
        {"subject": "Russia", "predicate": "instrumentalises", "object": "migrants", "evidence": "x"},
        {"subject": "Russia", "predicate": "instrumentalises", "object": "right to asylum", "evidence": "x"},
        {"subject": "European Union", "predicate": "supports", "object": "Russia", "evidence": "x", "optional": True},
    ],
    "must_not_extract": ["Kunlun Red Star", "Next Article"],
}
GOLD_B = {"document": "b.txt", "actors": [{"name": "Belarus", "aliases": ["Minsk"], "kind": "State"}]}
GOLD_C = {"document": "c.txt", "actors": [{"name": "Poland", "aliases": [], "kind": "State"}]}

TTL = """
@prefix kg: <https://w3id.org/policy-kg/ontology#> .
@prefix i: <https://w3id.org/policy-kg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

i:doc-a a kg:Document ; kg:sourcePath "seeds/a.txt" .
i:doc-b a kg:Document ; kg:sourcePath "some/where/b.txt" .

# actors: an article, a duplicate, an optional one and furniture
i:eu a kg:Actor, kg:InternationalOrganisation ; rdfs:label "the European Union" ; kg:mentionedIn i:doc-a .
i:eu2 a kg:Actor ; rdfs:label "EU" ; kg:mentionedIn i:doc-a .
i:russia a kg:State ; rdfs:label "Russia\u2019s" ; kg:mentionedIn i:doc-a .
i:migrants a kg:Actor ; rdfs:label "Migrants" ; kg:mentionedIn i:doc-a .
i:natauth a kg:Actor ; rdfs:label "National authorities" ; kg:mentionedIn i:doc-a .
i:kunlun a kg:Actor ; rdfs:label "Kunlun Red Star" ; kg:mentionedIn i:doc-a .
i:belarus a kg:Actor ; rdfs:label "Belarusian regime" ; skos:altLabel "Minsk" ; kg:mentionedIn i:doc-b .

# measures: a stem match, an evidence match, a spurious one, one matching only an optional item
i:upgrade a kg:Measure ; rdfs:label "upgrade electronic surveillance equipment" ; kg:status "adopted" ; kg:mentionedIn i:doc-a .
i:drone a kg:Measure ; rdfs:label "drone countermeasures" ; kg:status "planned" ; kg:mentionedIn i:doc-a .
i:telecom a kg:Measure ; rdfs:label "improving telecommunication networks" ; kg:mentionedIn i:doc-a .
i:risk a kg:Measure ; rdfs:label "risk assessment improvement" ; kg:mentionedIn i:doc-a .

# funds: amount, surface, spurious
i:f170 a kg:Fund ; rdfs:label "€170 million" ; kg:amount "170000000"^^xsd:decimal ; kg:currency "EUR" ; kg:mentionedIn i:doc-a .
i:ftarget a kg:Fund ; rdfs:label "Targeted funding for humanitarian needs" ; kg:mentionedIn i:doc-a .
i:f5 a kg:Fund ; rdfs:label "€5" ; kg:amount "5"^^xsd:decimal ; kg:currency "EUR" ; kg:mentionedIn i:doc-a .

# principles
i:asylum a kg:LegalPrinciple ; rdfs:label "Asylum" ; kg:mentionedIn i:doc-a .
i:nonref a kg:LegalPrinciple ; rdfs:label "Non-Refoulement" ; kg:mentionedIn i:doc-a .
i:rol a kg:LegalPrinciple ; rdfs:label "rule of law" ; kg:mentionedIn i:doc-a .

i:russia kg:instrumentalises i:migrants, i:asylum .
i:f170 kg:funds i:upgrade ; kg:providedBy i:eu .
i:eu kg:funds i:upgrade ; kg:adopts i:drone ; kg:supports i:russia ; kg:threatens i:russia .
i:belarus kg:threatens i:eu .

i:ev1 a kg:Evidence ; rdf:subject i:russia ; rdf:predicate kg:instrumentalises ; rdf:object i:migrants ; kg:sentence "s1" ; prov:wasDerivedFrom i:doc-a .
i:ev2 a kg:Evidence ; rdf:subject i:russia ; rdf:predicate kg:instrumentalises ; rdf:object i:asylum ; kg:sentence "s2" ; prov:wasDerivedFrom i:doc-a .
i:ev3 a kg:Evidence ; rdf:subject i:f170 ; rdf:predicate kg:funds ; rdf:object i:upgrade ; kg:sentence "s3" ; prov:wasDerivedFrom i:doc-a .
i:ev4 a kg:Evidence ; rdf:subject i:f170 ; rdf:predicate kg:providedBy ; rdf:object i:eu ; kg:sentence "s3" ; prov:wasDerivedFrom i:doc-a .
i:ev5 a kg:Evidence ; rdf:subject i:eu ; rdf:predicate kg:adopts ; rdf:object i:drone ;
    kg:sentence "The EU is   Countering drone intrusions at the border." ; prov:wasDerivedFrom i:doc-a .
i:ev9 a kg:Evidence ; rdf:subject i:eu ; rdf:predicate kg:funds ; rdf:object i:upgrade ; kg:sentence "s3" ; prov:wasDerivedFrom i:doc-a .
i:ev6 a kg:Evidence ; rdf:subject i:eu ; rdf:predicate kg:supports ; rdf:object i:russia ; kg:sentence "s6" ; prov:wasDerivedFrom i:doc-a .
i:ev7 a kg:Evidence ; rdf:subject i:eu ; rdf:predicate kg:threatens ; rdf:object i:russia ; kg:sentence "s7" ; prov:wasDerivedFrom i:doc-a .
i:ev8 a kg:Evidence ; rdf:subject i:belarus ; rdf:predicate kg:threatens ; rdf:object i:eu ; kg:sentence "s8" ; prov:wasDerivedFrom i:doc-b .
"""


@pytest.fixture()
def store() -> ox.Store:
    """The hand-made graph in a memory store."""
    s = ox.Store()
    s.load(TTL.encode("utf-8"), ox.RdfFormat.TURTLE)
    return s


@pytest.fixture()
def gold_dir(tmp_path: Path) -> Path:
    """The three gold documents as files."""
    for name, gold in (("a", GOLD_A), ("b", GOLD_B), ("c", GOLD_C)):
        (tmp_path / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


@pytest.fixture()
def result(store: ox.Store, gold_dir: Path) -> EvalResult:
    """The evaluation of the hand-made graph."""
    return evaluate(gold_dir, store)


def counts(result: EvalResult, doc: str, category: str) -> tuple[int, int, int]:
    """tp, fp, fn of one category of one document."""
    score = next(d for d in result.documents if d.document == doc).scores[category]
    return score.tp, score.fp, score.fn


def test_actor_counts(result: EvalResult) -> None:
    """Article and case ignored; the duplicate EU and furniture are spurious; the optional match is neither."""
    assert counts(result, "a.txt", "actors") == (3, 2, 0)
    doc = result.documents[0]
    assert sorted(doc.spurious["actors"]) == ["EU", "Kunlun Red Star"]
    assert doc.scores["actors"].precision == pytest.approx(0.6)
    assert doc.scores["actors"].f1 == pytest.approx(0.75)


def test_measure_counts(result: EvalResult) -> None:
    """A stem match and an evidence match; the optional-only match is not spurious."""
    assert counts(result, "a.txt", "measures") == (2, 1, 0)
    assert result.documents[0].spurious["measures"] == ["improving telecommunication networks"]
    assert result.documents[0].status_agreement == (1, 2)


def test_fund_and_principle_counts(result: EvalResult) -> None:
    """Funds on amount+currency or surface text; principles on normalised names."""
    assert counts(result, "a.txt", "funds") == (2, 1, 0)
    assert counts(result, "a.txt", "principles") == (2, 1, 0)
    assert result.documents[0].spurious["principles"] == ["rule of law"]


def test_relation_counts(result: EvalResult) -> None:
    """Fund providedBy path meets `EU funds M`; providedBy itself is not scored; optional edge not spurious."""
    assert counts(result, "a.txt", "relations") == (4, 1, 1)
    doc = result.documents[0]
    assert doc.misses["relations"] == ["European Union --funds--> countering drone intrusions"]
    assert doc.spurious["relations"] == ["the European Union --threatens--> Russia\u2019s"]
    assert doc.scores["relations"].f1 == pytest.approx(0.8)


def test_document_scoping(result: EvalResult) -> None:
    """Entities count where mentioned, relations where their evidence comes from; absent documents are all misses."""
    assert counts(result, "b.txt", "actors") == (1, 0, 0)
    assert counts(result, "b.txt", "relations") == (0, 1, 0)
    assert counts(result, "b.txt", "measures") == (0, 0, 0)
    assert result.documents[1].scores["measures"].f1 is None
    c = result.documents[2]
    assert not c.in_graph and c.document == "c.txt"
    assert counts(result, "c.txt", "actors") == (0, 0, 1)


def test_micro_average(result: EvalResult) -> None:
    """Micro scores sum counts over documents."""
    micro = result.micro["actors"]
    assert (micro.tp, micro.fp, micro.fn) == (4, 2, 1)
    assert micro.f1 == pytest.approx(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5))
    rel = result.micro["relations"]
    assert (rel.tp, rel.fp, rel.fn) == (4, 2, 1)


def test_furniture_reported(result: EvalResult) -> None:
    """Must-not-extract strings found in labels are listed."""
    assert result.documents[0].furniture == ["Kunlun Red Star"]


def test_callable_and_query_object_sources(store: ox.Store, gold_dir: Path) -> None:
    """A SPARQL callable or any object with .query gives the same result as the store."""
    def run(q: str) -> object:
        return store.query(q, use_default_graph_as_union=True)

    class Wrapper:
        def query(self, sparql: str) -> object:
            return run(sparql)

    expected = evaluate(gold_dir, store).to_dict()
    assert evaluate(gold_dir, run).to_dict() == expected
    assert evaluate(gold_dir, Wrapper()).to_dict() == expected


def test_output_formats(result: EvalResult) -> None:
    """The table has a row per document and MICRO; details list misses and spurious items; JSON round-trips."""
    table = format_table(result)
    assert "a.txt" in table and "MICRO" in table and "(not in graph)" in table
    details = format_details(result)
    assert "relations missed (1):" in details and "Kunlun Red Star" in details
    data = json.loads(json.dumps(result.to_dict()))
    assert data["micro"]["actors"]["tp"] == 4


def test_normalise_name() -> None:
    """Case, leading articles, possessives, curly quotes and punctuation are ignored."""
    assert normalise_name("The European Union") == normalise_name("european union")
    assert normalise_name("Russia\u2019s") == normalise_name("Russia's") == "russia"
    assert normalise_name("An EU") == "eu"
    assert normalise_name("non-refoulement") == normalise_name("Non refoulement.")
    assert normalise_name("Theatre") == "theatre"


def test_stems_and_overlap() -> None:
    """Light stemming unifies inflections; overlap needs half the shorter label and two words."""
    assert stem("upgrading") == stem("upgraded") == stem("upgrade")
    assert stem("harmonization") == stem("harmonisation")
    assert stem("countries") == stem("country")
    a = content_words("enhance border surveillance at the borders with Russia and Belarus")
    assert words_overlap(a, content_words("border surveillance"))
    assert not words_overlap(a, content_words("border fees and visas"))
    assert words_overlap(content_words("fences"), content_words("fence"))


def test_one_to_one_prefers_required_items() -> None:
    """A system item matching a required and an optional gold item goes to the required one."""
    required = GoldItem("actors", "r", names=frozenset({"x", "y"}))
    optional = GoldItem("actors", "o", names=frozenset({"x"}), optional=True)

    def match(g: GoldItem, s: str) -> bool:
        return s in g.names

    assert one_to_one([optional, required], ["x", "y"], match) == {0: 0, 1: 1}
    assert one_to_one([optional, required], ["x"], match) == {1: 0}


def test_score_edges() -> None:
    """Empty sides count as perfect for F1; nothing at all is None."""
    assert Score().f1 is None
    assert Score(fp=2).f1 == 0.0
    assert Score(tp=1).f1 == 1.0


def test_gold_errors(tmp_path: Path) -> None:
    """Missing folder, empty folder and malformed files are GoldErrors."""
    with pytest.raises(GoldError):
        load_gold(tmp_path / "nope")
    with pytest.raises(GoldError):
        load_gold(tmp_path)
    (tmp_path / "x.gold.json").write_text("{", encoding="utf-8")
    with pytest.raises(GoldError):
        load_gold(tmp_path)
    with pytest.raises(GoldError):
        parse_gold({"document": "d.txt", "actors": [{"aliases": []}]})


def test_shared_gold_parses() -> None:
    """The shared seed gold and the devset gold load."""
    devset = load_gold(Path(__file__).parent / "devset")
    assert len(devset) >= 7
    from tests.conftest import GOLD

    assert len(load_gold(GOLD)) == 2


def test_exact_label_wins_over_alias() -> None:
    """Two system actors compete for one gold item: the one whose label is the gold name gets it."""
    gold = parse_gold({"document": "d.txt", "actors": [
        {"name": "Ministry of the Interior of Latvia", "aliases": ["Ministry of the Interior"], "kind": "NationalAuthority"}]})
    wrong = SysEntity("i:a", {"Actor"}, "Ministry of the Interior of Belarus", {"Ministry of the Interior"})
    right = SysEntity("i:b", {"Actor"}, "Ministry of the Interior of Latvia")
    from kg.evaluate import matches_entity

    assert one_to_one(gold.items["actors"], [wrong, right], matches_entity) == {0: 1}


def test_fund_path_restatement_is_not_spurious(result: EvalResult) -> None:
    """`EU funds M` and `F funds M` (F providedBy EU) together are one hit, not a hit and a spurious edge."""
    doc = result.documents[0]
    assert not any("--funds-->" in s for s in doc.spurious["relations"])


def test_instrument_named_only_in_a_gold_amount_is_optional() -> None:
    """The contract makes an instrument a Fund; a gold that names it only as an amount's instrument neither rewards
    nor penalises finding it, and a gold that lists it as a fund of its own still requires it."""
    ttl = """
@prefix kg: <https://w3id.org/policy-kg/ontology#> .
@prefix i: <https://w3id.org/policy-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
i:doc a kg:Document ; kg:sourcePath "d.txt" .
i:f85 a kg:Fund ; rdfs:label "€85m" ; kg:amount "85000000"^^xsd:decimal ; kg:currency "EUR" ; kg:mentionedIn i:doc .
i:bmvi a kg:Fund ; rdfs:label "Border Management and Visa Instrument" ; kg:mentionedIn i:doc .
i:isf a kg:Fund ; rdfs:label "Internal Security Fund" ; kg:mentionedIn i:doc .
"""
    s = ox.Store()
    s.load(ttl.encode("utf-8"), ox.RdfFormat.TURTLE)
    amount = {"amount": 85000000, "currency": "EUR", "surface": "€85m", "instrument": "Border Management and Visa Instrument"}
    only_named = parse_gold({"document": "d.txt", "funds": [amount]})
    assert [(g.name, g.optional) for g in only_named.items["funds"]] == [
        ("€85m", False), ("Border Management and Visa Instrument", True)]
    score = evaluate([only_named], s).documents[0].scores["funds"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)  # the ISF is spurious, the BMVI is neither
    listed = parse_gold({"document": "d.txt", "funds": [amount, {"amount": None, "surface": "Border Management and Visa Instrument"}]})
    assert [(g.name, g.optional) for g in listed.items["funds"]] == [
        ("€85m", False), ("Border Management and Visa Instrument", False)]
