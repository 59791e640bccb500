"""The seeds' graph holds what the backbone issue promises (built once with the real extractor)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import GOLD, ROOT

WD = "http://www.wikidata.org/entity/"


def _rows(store, sparql: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    result = store.query(sparql)
    names = [variable.value for variable in result.variables]
    return [{name: solution[name].value for name in names if solution[name] is not None} for solution in result]


def _actor(store, label: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    return _rows(
        store,
        f"""SELECT ?a ?same WHERE {{ ?a a/rdfs:subClassOf* kg:Actor ; rdfs:label "{label}" .
            OPTIONAL {{ ?a owl:sameAs ?same }} }}""",
    )


@pytest.mark.parametrize(
    ("label", "qid"),
    [
        ("European Union", "Q458"),
        ("European Commission", "Q8880"),
        ("European Council", "Q8886"),
        ("Russia", "Q159"),
        ("Belarus", "Q184"),
        ("Finland", "Q33"),
        ("Latvia", "Q211"),
        ("Lithuania", "Q37"),
        ("Poland", "Q36"),
    ],
)
def test_known_actors_with_wikidata(seeds_store, label: str, qid: str) -> None:  # type: ignore[no-untyped-def]
    rows = _actor(seeds_store, label)
    assert len({r["a"] for r in rows}) == 1, f"{label} should be exactly one node"
    assert {r.get("same") for r in rows} == {WD + qid}


@pytest.mark.parametrize(("canonical", "aliases"), [("European Union", {"EU", "union"}), ("Russia", {"Russian Federation"})])
def test_one_node_for_every_name_of_a_thing(seeds_store, canonical: str, aliases: set[str]) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(
        seeds_store,
        f"""SELECT ?alt WHERE {{ ?a rdfs:label "{canonical}" ; skos:altLabel ?alt }}""",
    )
    names = {r["alt"].lower() for r in rows}
    assert {a.lower() for a in aliases} <= names
    for alias in aliases:
        others = _rows(seeds_store, f"""SELECT ?a WHERE {{ ?a a kg:Actor ; rdfs:label ?l FILTER(LCASE(?l) = "{alias.lower()}") }}""")
        assert others == [], f"'{alias}' must not be a node of its own"


def test_the_170_million_fund_funds_surveillance_measures(seeds_store) -> None:  # type: ignore[no-untyped-def]
    rows = _rows(
        seeds_store,
        """SELECT ?fund ?label WHERE { ?fund a kg:Fund ; kg:amount ?amount ; kg:currency "EUR" ; kg:funds ?m .
             FILTER(?amount = 170000000) ?m a kg:Measure ; rdfs:label ?label }""",
    )
    assert len({r["fund"] for r in rows}) == 1
    measures = " | ".join(sorted(r["label"] for r in rows))
    assert "surveillance" in measures, measures


@pytest.mark.parametrize("principle", ["right to asylum", "non-refoulement", "fundamental rights", "proportionality"])
def test_legal_principles(seeds_store, principle: str) -> None:  # type: ignore[no-untyped-def]
    assert _rows(seeds_store, f"""SELECT ?p WHERE {{ ?p a kg:LegalPrinciple ; rdfs:label "{principle}" }}""")


def test_every_relation_has_evidence_that_slices_its_sentence_from_the_file(seeds_store) -> None:  # type: ignore[no-untyped-def]
    from kg import vocab

    predicates = " ".join(f"<{p}>" for p in vocab.RELATIONS.values())
    missing = _rows(
        seeds_store,
        f"""SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {predicates} }} ?s ?p ?o .
            FILTER NOT EXISTS {{ ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?t }} }}""",
    )
    assert missing == []
    evidence = _rows(
        seeds_store,
        """SELECT ?sentence ?start ?end ?path ?rule WHERE { ?ev a kg:Evidence ; kg:sentence ?sentence ; kg:startOffset ?start ;
             kg:endOffset ?end ; kg:extractedBy ?rule ; prov:wasDerivedFrom ?doc . ?doc kg:sourcePath ?path }""",
    )
    assert len(evidence) >= 10
    texts: dict[str, str] = {}
    for row in evidence:
        text = texts.setdefault(row["path"], (ROOT / row["path"]).read_text(encoding="utf-8"))
        assert text[int(row["start"]) : int(row["end"])] == row["sentence"]
        assert row["rule"]


def test_nothing_from_page_furniture_reaches_the_graph(seeds_out: Path) -> None:
    gold = json.loads((GOLD / "000_1a9ad0cce239f248.gold.json").read_text(encoding="utf-8"))
    graph = (seeds_out / "graph.ttl").read_text(encoding="utf-8")
    for furniture in gold["must_not_extract"]:
        assert furniture not in graph, furniture


def test_the_seeds_graph_conforms_to_the_shapes(seeds_out: Path) -> None:
    from kg.validate import validate_output

    result = validate_output(seeds_out)
    assert result.conforms, result.text


def test_building_twice_gives_the_same_bytes(seeds_out: Path, tmp_path: Path) -> None:
    from kg.pipeline import build_graph

    build_graph([str(ROOT / "seeds")], tmp_path / "again", workers=1)
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == (seeds_out / "graph.ttl").read_bytes()


def test_changing_one_seed_reparses_only_it_and_duplicates_nothing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from kg.pipeline import build_graph
    from kg.store import open_store

    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "seeds", "seeds")
    build_graph(["seeds"], "out", workers=1, use_cache=False)
    changed = Path("seeds/001_3f2e04321a86e5a9.txt")
    changed.write_text(changed.read_text(encoding="utf-8") + "\nFrontex will deploy 50 officers to Latvia.\n", encoding="utf-8")
    report = build_graph(["seeds"], "out", workers=1, use_cache=False)
    assert report.built == ["seeds/001_3f2e04321a86e5a9.txt"]
    assert report.unchanged == ["seeds/000_1a9ad0cce239f248.txt"]
    store = open_store("out")
    quads = [(q.subject, q.predicate, q.object, q.graph_name) for q in store.store]
    assert len(quads) == len(set(quads))
    # every triple of the merged view is stated by some document (or the ontology), none is left over from the old version
    orphans = _rows(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p != rdfs:label) FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } }")
    assert orphans == []
