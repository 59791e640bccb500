"""Extraction on the seeds and on short texts of our own (model loaded once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ids import entity_key
from kg.ingest import read_document
from kg.model import Document, Extraction

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from kg.extract import load_pipeline

    return load_pipeline()


def make_doc(text: str, name: str = "t.txt") -> Document:
    """A Document from a string (no furniture)."""
    return Document(id=name, path=name, text=text, body=text, sha256="0")


def run(pipeline, text: str) -> Extraction:  # type: ignore[no-untyped-def]
    return pipeline.extract_one(make_doc(text))


def labels(ex: Extraction, kind: str) -> set[str]:
    return {e.label for e in ex.entities if e.kind == kind}


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject, r.predicate, r.object) for r in ex.relations}


def test_evidence_offsets_point_into_text(pipeline) -> None:  # type: ignore[no-untyped-def]
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc, _ = read_document(path)
        ex = pipeline.extract_one(doc)
        assert ex.entities and ex.relations
        for r in ex.relations:
            ev = r.evidence
            assert doc.text[ev.start:ev.end] == ev.sentence
            assert ev.sentence == ev.sentence.strip() and ev.rule


def test_extract_streams_in_input_order(pipeline) -> None:  # type: ignore[no-untyped-def]
    from kg.extract import extract

    docs = [make_doc("Poland closed its border.", "a"), make_doc("Frontex supports Latvia.", "b")]
    assert [ex.document.id for ex in extract(docs, batch_size=1)] == ["a", "b"]


def test_seed_funds_and_instrumentalisation(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc, _ = read_document(ROOT / "seeds" / "001_3f2e04321a86e5a9.txt")
    ex = pipeline.extract_one(doc)
    funds = [e for e in ex.entities if e.kind == "Fund" and e.amount]
    assert [(f.amount, f.currency) for f in funds] == [("170000000", "EUR")]
    t = triples(ex)
    assert ("actor/russia", "instrumentalises", "actor/migrants") in t
    assert ("actor/belarus", "instrumentalises", "principle/right-to-asylum") in t


def test_nothing_from_page_furniture(pipeline) -> None:  # type: ignore[no-untyped-def]
    doc, _ = read_document(ROOT / "seeds" / "000_1a9ad0cce239f248.txt")
    ex = pipeline.extract_one(doc)
    text = " ".join(e.label + " " + " ".join(e.alt_labels) for e in ex.entities)
    for bad in ("Yakupov", "Kunlun", "KHL", "BRICS", "NSR", "Tightens"):
        assert bad not in text
    assert entity_key("Actor", "European Union") in {e.key for e in ex.entities}


# --- short texts of our own, worded unlike the seeds ---------------------------------


def test_metonyms_money_and_purpose(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Brussels will allocate EUR 1.5 billion to help Poland reinforce its border. Minsk continues to weaponise migrants.")
    funds = [e for e in ex.entities if e.kind == "Fund"]
    assert [(f.amount, f.currency) for f in funds] == [("1500000000", "EUR")]
    t = triples(ex)
    assert (funds[0].key, "provided-by", "actor/european-commission") in t
    assert ("actor/belarus", "instrumentalises", "actor/migrants") in t
    assert "Poland" not in labels(ex, "Measure")
    assert any("reinforce" in m for m in labels(ex, "Measure"))


def test_passive_and_negation(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Temporary border controls were introduced by Finland in 2023. "
                       "The Council did not approve the plan to suspend the right to asylum.")
    measures = {e.label: e for e in ex.entities if e.kind == "Measure"}
    assert measures["Temporary border controls"].status == "adopted"
    suspend = next(m for label, m in measures.items() if label.startswith("suspend"))
    assert suspend.negated and suspend.status != "adopted"
    assert not any(r.predicate == "adopts" and r.object == suspend.key for r in ex.relations)


def test_coordinated_list_of_measures(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "The Commission decided to deploy drones, increase staffing at crossing points and upgrade thermal cameras.")
    assert labels(ex, "Measure") == {"deploy drones", "increase staffing at crossing points", "upgrade thermal cameras"}
    adopts = {r.object for r in ex.relations if r.subject == "actor/european-commission" and r.predicate == "adopts"}
    assert len(adopts) == 3


def test_national_authority_in_context(pipeline) -> None:  # type: ignore[no-untyped-def]
    ex = run(pipeline, "Lithuanian border guards are cooperating with Frontex.")
    assert ("actor/state-border-guard-service-of-lithuania", "cooperates-with", "actor/frontex") in triples(ex)


@pytest.mark.parametrize(("text", "label", "alt"), [
    ("The Polish Ombudsman criticised the buffer zone.", "Ombudsman of Poland", "Polish Ombudsman"),
    ("Lithuania's interior ministry defended the law.", "Ministry of the Interior of Lithuania", "Lithuania's interior ministry"),
    ("Poland's Ministry of the Interior and Administration defended the zone.", "Ministry of the Interior and Administration of Poland",
     "Ministry of the Interior and Administration"),
])
def test_authority_keeps_the_state_it_is_named_with(pipeline, text: str, label: str, alt: str) -> None:  # type: ignore[no-untyped-def]
    actor = next(e for e in run(pipeline, text).entities if e.label == label)
    assert alt in actor.alt_labels


@pytest.mark.parametrize("text", [
    "The parliamentary secretary of the Ministry of the Interior, Edgars Bērziņš, said Latvia would extend the fence.",
    "Edgars Bērziņš, the parliamentary secretary of the Ministry of the Interior, said Latvia would extend the fence.",
    "Edgars Bērziņš, deputy secretary-general for internal security, said Latvia would extend the fence.",
    '"Latvia will extend the fence," said Edgars Bērziņš.',
    "Edgars Bērziņš, the parliamentary secretary, spoke first. Later, Mr Bērziņš said Latvia would extend the fence.",
])
def test_a_name_with_a_role_or_a_voice_is_a_person(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    people = {e.label for e in run(pipeline, text).entities if e.kind == "Actor" and e.subclass == "Person"}
    assert people == {"Edgars Bērziņš"}


@pytest.mark.parametrize("text", ["Karelia News reported that Latvia would extend the fence.",
                                  '"Latvia will extend the fence," said Migrant Rights Forum.'])
def test_a_body_that_speaks_is_no_person(pipeline, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in run(pipeline, text).entities if e.subclass == "Person"]


@pytest.mark.parametrize(("text", "amounts"), [
    ("Poland has committed PLN 10 billion (about €2.3bn) to its East Shield programme.", {("10000000000", "PLN")}),
    ("Norway will spend NOK 40 million, roughly $3.7 million, on the fence at Storskog.", {("40000000", "NOK")}),
    ("Poland will spend PLN 400 million (€94 million) on the fence.", {("400000000", "PLN")}),
    ("The Commission gave EUR 20 million, PLN 5 million and NOK 3 million to the three states.",
     {("20000000", "EUR"), ("5000000", "PLN"), ("3000000", "NOK")}),
])
def test_an_amount_restated_in_another_currency_is_one_fund(pipeline, text: str, amounts: set) -> None:  # type: ignore[no-untyped-def,type-arg]
    assert {(e.amount, e.currency) for e in run(pipeline, text).entities if e.kind == "Fund" and e.amount} == amounts


def test_money_formats() -> None:
    from kg.extract.money import find_money

    cases = {"€170 million": "170000000", "EUR 1.5 billion": "1500000000", "€ 250m": "250000000", "170 000 000 euros": "170000000",
             "$2bn": "2000000000", "£30 million": "30000000", "1,2 Mrd EUR": "1200000000", "410 million zlotys": "410000000",
             "forty million euros": "40000000", "forty-five million euro": "45000000",
             "one hundred and twenty million zlotys": "120000000", "a hundred million euros": "100000000"}
    for text, amount in cases.items():
        assert [m.amount for m in find_money(text)] == [amount], text
    assert find_money("In 2024, 1.2 million people arrived.") == []
    assert find_money("Some forty million people live there.") == []
