"""The shipped query library: headers, parameters, and each query's answers.

Each query runs on two graphs: the gold graph (the seeds as the gold
annotations read them, exact answers) and the seeds' graph built by the real
extractor (answers the extractor must give, asserted loosely where wording
may differ).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_query import gold_out, rows, table_rows

from kg import vocab as v
from kg.cli import cli
from kg.errors import UsageError
from kg.query.library import get_named_query, named_queries, parse_named_query, run_named_query
from kg.store import open_store

SEED_PATHS = ["seeds/000_1a9ad0cce239f248.txt", "seeds/001_3f2e04321a86e5a9.txt"]


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The gold graph's store."""
    return open_store(gold_out(tmp_path_factory.mktemp("gold") / "out"))


def test_library_has_the_research_questions() -> None:
    queries = named_queries()
    assert len(queries) >= 11
    for name in ["funding", "measures-by-actor-and-status", "principles-of-measures", "instrumentalisation", "evidence",
                 "actors-ranked", "documents-mentioning", "claims-diff", "relation-counts", "actor-profile", "documents", "observations"]:
        assert name in queries
    for q in queries.values():
        assert q.title != q.name and q.description, q.name
        for p in q.params:  # a parameter is substituted for a projected variable, so it must be one
            assert f"?{p.name}" in q.sparql.split("WHERE", 1)[0], (q.name, p.name)


def test_every_query_has_a_test_here() -> None:
    tested = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_")}
    assert set(named_queries()) <= tested


def test_header_parsing() -> None:
    q = parse_named_query("x", "# title: T\n# description: a\n# description: b\n# param: actor (label) = European Union\n# param: s =\nSELECT ?actor ?s {}")
    assert (q.title, q.description) == ("T", "a b")
    assert [(p.name, p.type, p.default) for p in q.params] == [("actor", "label", "European Union"), ("s", "string", "")]


def test_parameter_errors(gold) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="no named query 'nope'"):
        get_named_query("nope")
    with pytest.raises(UsageError, match="has no parameter 'who' \\(its parameters: actor\\)"):
        run_named_query(gold, "actor-profile", {"who": "x"})
    with pytest.raises(UsageError, match="no entity has that label or alt label"):
        run_named_query(gold, "actor-profile", {"actor": "Atlantis"})
    with pytest.raises(UsageError, match="is not a relation; choose one of adopts, proposes"):
        run_named_query(gold, "evidence", {"predicate": "likes"})
    with pytest.raises(UsageError, match="no such document"):
        run_named_query(gold, "claims-diff", {"source": "nope.txt"})


def test_label_parameters_are_substituted_not_pasted(gold) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="no entity"):
        run_named_query(gold, "actor-profile", {"actor": 'x" } UNION { ?a ?p ?o } #'})


# one test per shipped query ---------------------------------------------------------------------


def test_funding(gold) -> None:  # type: ignore[no-untyped-def]
    got = rows(gold, "funding")
    assert {"funder": "European Union", "fund": "€170 million", "amount": "170000000", "currency": "EUR",
            "measure": "upgrading electronic surveillance equipment"} in got
    assert {"funder": "European Union", "fund": "", "amount": "", "currency": "",
            "measure": "countering drone intrusions"} in got
    assert {"funder": "European Union", "fund": "targeted funding for humanitarian and logistic needs", "amount": "",
            "currency": "", "measure": ""} in got
    assert len(got) == 6


def test_measures_by_actor_and_status(gold) -> None:  # type: ignore[no-untyped-def]
    got = rows(gold, "measures-by-actor-and-status", actor="lithuanian authorities")  # an alt label, any case
    assert got == [{"actor": "Lithuania", "relation": "adopts", "measure": "reinforcing patrol capacity", "status": "planned"}]
    adopted = rows(gold, "measures-by-actor-and-status", status="adopted")
    assert [(r["actor"], r["measure"]) for r in adopted] == [("European Council", "increase immigration controls at the borders with Russia and Belarus")]
    assert len(rows(gold, "measures-by-actor-and-status")) == 5


def test_principles_of_measures(gold) -> None:  # type: ignore[no-untyped-def]
    got = rows(gold, "principles-of-measures")
    assert {"subject": "national measures which may affect fundamental rights", "relation": "restricts", "principle": "right to asylum"} in got
    assert {"subject": "EU Member States", "relation": "mustRespect", "principle": "non-refoulement"} in got
    assert len(got) == 8


def test_instrumentalisation(gold) -> None:  # type: ignore[no-untyped-def]
    got = rows(gold, "instrumentalisation")
    assert [(r["actor"], r["instrumentalises"], r["kind"]) for r in got] == [
        ("Belarus", "European values", "LegalPrinciple"), ("Belarus", "migrants", "Actor"), ("Belarus", "right to asylum", "LegalPrinciple"),
        ("Russia", "European values", "LegalPrinciple"), ("Russia", "migrants", "Actor"), ("Russia", "right to asylum", "LegalPrinciple"),
    ]


def test_evidence(gold) -> None:  # type: ignore[no-untyped-def]
    got = rows(gold, "evidence", predicate="threatens")
    assert {r["subject"] for r in got} == {"Belarus", "Russia"}
    assert all(r["predicate"] == "kg:threatens" and r["document"] == SEED_PATHS[0] for r in got)
    text = (Path(__file__).resolve().parent.parent / SEED_PATHS[0]).read_text()
    for r in got:
        assert text[int(r["start"]):int(r["end"])] == r["sentence"]
    assert len(rows(gold, "evidence")) == 37
    assert rows(gold, "evidence", predicate="must-respect") == rows(gold, "evidence", predicate="kg:mustRespect")


def test_actors_ranked(gold) -> None:  # type: ignore[no-untyped-def]
    got = rows(gold, "actors-ranked")
    assert got[:2] == [{"actor": "European Union", "relations": "11", "documents": "2"}, {"actor": "Russia", "relations": "6", "documents": "2"}]
    assert [int(r["relations"]) for r in got] == sorted((int(r["relations"]) for r in got), reverse=True)


def test_documents_mentioning(gold) -> None:  # type: ignore[no-untyped-def]
    assert [r["document"] for r in rows(gold, "documents-mentioning")] == SEED_PATHS
    assert [r["document"] for r in rows(gold, "documents-mentioning", entity="Finland")] == SEED_PATHS[1:]


def test_claims_diff(gold) -> None:  # type: ignore[no-untyped-def]
    got = rows(gold, "claims-diff", source="001_3f2e04321a86e5a9.txt", other=SEED_PATHS[0])
    claims = {(r["subject"], r["relation"], r["object"]) for r in got}
    assert ("Russia", "instrumentalises", "migrants") in claims
    assert ("European Union", "funds", "upgrading electronic surveillance equipment") in claims
    assert ("Russia", "instrumentalises", "European values") not in claims
    every_pair = rows(gold, "claims-diff")
    assert len(every_pair) == len(got) + len(rows(gold, "claims-diff", source=SEED_PATHS[0], other=SEED_PATHS[1]))


def test_relation_counts(gold) -> None:  # type: ignore[no-untyped-def]
    got = {r["relation"]: (int(r["edges"]), int(r["documents"])) for r in rows(gold, "relation-counts")}
    assert got["funds"] == (6, 2) and got["instrumentalises"] == (6, 2) and got["restricts"] == (1, 1)
    assert set(got) <= {iri[len(v.KG):] for iri in v.RELATIONS.values()}


def test_actor_profile(gold) -> None:  # type: ignore[no-untyped-def]
    got = rows(gold, "actor-profile", actor="EU")
    facts = {(r["direction"], r["property"], r["value"]) for r in got}
    assert {("", "sameAs", "http://www.wikidata.org/entity/Q458"), ("", "type", "Actor"), ("out", "funds", "countering drone intrusions"),
            ("in", "providedBy", "€170 million"), ("", "mentionedIn", SEED_PATHS[1])} <= facts
    assert {r["actor"] for r in got} == {"European Union"}


def test_documents(gold) -> None:  # type: ignore[no-untyped-def]
    got = rows(gold, "documents")
    assert [r["path"] for r in got] == SEED_PATHS
    assert got[0]["title"] == "EU Tightens Border Controls on Russia and Belarus"
    assert all(r["hash"].startswith("sha256:") for r in got)
    assert [r["relations"] for r in got] == ["19", "18"]


def test_observations(gold) -> None:  # type: ignore[no-untyped-def]
    assert rows(gold, "observations") == [{
        "about": "people entering the EU at the Belarusian border", "value": "66", "unit": "percent", "period": "2024", "baseline": "2023",
        "sentence": "In 2024, the number of people entering the EU at the Belarusian border rose by 66% compared to 2023.",
        "document": SEED_PATHS[1],
    }]


def test_entities(gold) -> None:  # type: ignore[no-untyped-def]
    got = {r["label"]: r for r in rows(gold, "entities")}
    assert got["European Union"]["class"] == "Actor" and got["European Union"]["wikidata"] == "wd:Q458"
    assert "Russian Federation" in got["Russia"]["altLabels"]
    assert got["non-refoulement"]["class"] == "LegalPrinciple"


def test_threats(gold) -> None:  # type: ignore[no-untyped-def]
    assert [(r["actor"], r["threatens"]) for r in rows(gold, "threats")] == [("Belarus", "democracy"), ("Russia", "democracy")]


# the command line ---------------------------------------------------------------------------


def test_list_shows_names_titles_and_params() -> None:
    result = CliRunner().invoke(cli, ["query", "--list"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split(None, 1) == ["actor-profile", "Everything about one actor"]
    assert lines[1].strip() == "--param actor=<label> (default: European Union)"
    assert sum(1 for line in lines if not line.startswith(" ")) == len(named_queries())


def test_named_query_from_the_cli(gold) -> None:  # type: ignore[no-untyped-def]
    out = gold.path.parent
    result = CliRunner().invoke(cli, ["query", "--out", str(out), "--named", "measures-by-actor-and-status", "--param", "actor=Lithuania", "--format", "table"])
    assert result.exit_code == 0, result.stderr
    assert table_rows(result.stdout) == [["Lithuania", "adopts", "reinforcing patrol capacity", "planned"]]


def test_claims(gold, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert rows(gold, "claims") == []  # the gold graph states everything it holds as fact
    assert {r["stance"] for r in rows(gold, "evidence")} == {"stated"}
    doc = tmp_path / "claims.txt"
    doc.write_text("Estonia is expected to close the Narva crossing.\nPoland closed the crossing at Kuznica.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(doc), "--out", str(out)]).exit_code == 0
    store = open_store(out)
    got = rows(store, "claims")
    assert [(r["subject"], r["predicate"], r["object"], r["stance"]) for r in got] == [
        ("Estonia", "kg:adopts", "close the Narva crossing", "hedged")]
    assert {(r["subject"], r["stance"]) for r in rows(store, "evidence", predicate="adopts")} == {("Estonia", "hedged"), ("Poland", "stated")}


def test_a_label_parameter_takes_an_exact_canonical_label_before_alt_labels_and_other_cases(tmp_path: Path) -> None:
    import pyoxigraph as ox

    from kg.query.library import Param, resolve
    from kg.store import GraphStore

    db = ox.Store()
    label, alt = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    eu, union = ox.NamedNode("http://example.org/eu-agency"), ox.NamedNode("http://example.org/union")
    db.extend([ox.Quad(eu, label, ox.Literal("EU")), ox.Quad(union, label, ox.Literal("European Union")), ox.Quad(union, alt, ox.Literal("EU"))])
    store = GraphStore(db, tmp_path)
    actor = Param("actor", "label")
    assert resolve(store, actor, "EU") == ox.Literal("EU")  # the canonical label, though the Union has it as alt label
    assert resolve(store, actor, "eu") == ox.Literal("EU")  # one canonical label in another case
    assert resolve(store, actor, "european union") == ox.Literal("European Union")
    assert resolve(store, actor, "the European Union") == ox.Literal("European Union")
