"""Every shipped query, and every output format, on the seeds' graph built by the real extractor.

Answers are what the seeds state (see ../shared/gold); wording the extractor
may choose differently is matched loosely, facts exactly.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_query import rows
from rdflib import Graph
from rdflib.query import Result

from kg import vocab as v
from kg.cli import cli
from kg.query.library import named_queries
from kg.query.results import WRITERS

ROOT = Path(__file__).resolve().parent.parent
SEED_PATHS = ["seeds/000_1a9ad0cce239f248.txt", "seeds/001_3f2e04321a86e5a9.txt"]
RELATION_NAMES = {iri[len(v.KG):] for iri in v.RELATIONS.values()}


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_runs_in_every_fitting_format(seeds_out: Path, name: str) -> None:
    for fmt, writer in WRITERS.items():
        if "select" not in writer.kinds:
            continue
        result = CliRunner().invoke(cli, ["query", "--out", str(seeds_out), "--named", name, "--format", fmt])
        assert result.exit_code == 0, (fmt, result.stderr)
        if fmt in ("csv", "json", "xml"):
            parsed = Result.parse(io.BytesIO(result.stdout_bytes), format=fmt)
            # the seeds state nothing hedged or conditional, so `claims` is empty there (tests/test_query_library.py
            # checks its rows on a text that has claims)
            assert len(list(parsed)) >= (0 if name == "claims" else 1), (name, fmt)


@pytest.mark.parametrize("fmt,rdflib_format", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_construct_on_the_seeds_in_rdf_formats(seeds_out: Path, fmt: str, rdflib_format: str) -> None:
    q = "CONSTRUCT { ?f kg:amount ?a ; kg:currency ?c } WHERE { ?f a kg:Fund ; kg:amount ?a ; kg:currency ?c }"
    result = CliRunner().invoke(cli, ["query", "--out", str(seeds_out), q, "--format", fmt])
    assert result.exit_code == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format=rdflib_format)
    assert 170000000 in {o.toPython() for o in graph.objects() if hasattr(o, "toPython")}


def test_funding(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "funding")
    assert any(r["funder"] == "European Union" and r["amount"] == "170000000" and r["currency"] == "EUR"
               and r["measure"] == "upgrading electronic surveillance equipment" for r in got)
    assert {r["funder"] for r in got} == {"European Union"}


def test_measures_by_actor_and_status(seeds_store) -> None:  # type: ignore[no-untyped-def]
    council = rows(seeds_store, "measures-by-actor-and-status", actor="EU leaders")
    assert {r["actor"] for r in council} == {"European Council"}
    assert {"actor": "European Council", "relation": "adopts",
            "measure": "increase immigration controls at the borders with Russia and Belarus", "status": "adopted"} in council
    adopted = rows(seeds_store, "measures-by-actor-and-status", status="adopted")
    assert adopted and {r["status"] for r in adopted} == {"adopted"}


def test_principles_of_measures(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "principles-of-measures")
    assert {"subject": "increase immigration controls at the borders with Russia and Belarus", "relation": "mustRespect",
            "principle": "proportionality"} in got
    assert {r["relation"] for r in got} <= {"mustRespect", "restricts"}


def test_instrumentalisation(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = {(r["actor"], r["instrumentalises"]) for r in rows(seeds_store, "instrumentalisation")}
    assert {("Russia", "migrants"), ("Belarus", "migrants"), ("Russia", "right to asylum"), ("Belarus", "right to asylum")} <= got


def test_evidence(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "evidence", predicate="funds")
    assert got and {r["predicate"] for r in got} == {"kg:funds"}
    assert any("€170 million" in r["sentence"] and r["object"] == "upgrading electronic surveillance equipment" for r in got)
    for r in rows(seeds_store, "evidence"):
        text = (ROOT / r["document"]).read_text(encoding="utf-8")
        assert " ".join(text[int(r["start"]):int(r["end"])].split()) == r["sentence"]


def test_actors_ranked(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "actors-ranked")
    assert got[0]["actor"] == "European Union" and got[0]["documents"] == "2"
    assert [int(r["relations"]) for r in got] == sorted((int(r["relations"]) for r in got), reverse=True)


def test_documents_mentioning(seeds_store) -> None:  # type: ignore[no-untyped-def]
    assert [r["document"] for r in rows(seeds_store, "documents-mentioning")] == SEED_PATHS
    assert [r["document"] for r in rows(seeds_store, "documents-mentioning", entity="Finland")] == SEED_PATHS[1:]


def test_claims_diff(seeds_store) -> None:  # type: ignore[no-untyped-def]
    only_in_001 = {(r["subject"], r["relation"], r["object"]) for r in rows(seeds_store, "claims-diff", source=SEED_PATHS[1], other=SEED_PATHS[0])}
    only_in_000 = {(r["subject"], r["relation"], r["object"]) for r in rows(seeds_store, "claims-diff", source=SEED_PATHS[0], other=SEED_PATHS[1])}
    assert ("Russia", "instrumentalises", "migrants") in only_in_001
    assert ("European Union", "funds", "upgrading electronic surveillance equipment") in only_in_001
    assert ("Russia", "instrumentalises", "European values") in only_in_000
    assert not only_in_000 & only_in_001


def test_relation_counts(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = {r["relation"]: int(r["edges"]) for r in rows(seeds_store, "relation-counts")}
    assert set(got) <= RELATION_NAMES
    assert got["funds"] >= 4 and got["instrumentalises"] >= 4


def test_actor_profile(seeds_store) -> None:  # type: ignore[no-untyped-def]
    facts = {(r["direction"], r["property"], r["value"]) for r in rows(seeds_store, "actor-profile", actor="the Union")}
    assert ("", "sameAs", "http://www.wikidata.org/entity/Q458") in facts
    assert ("out", "funds", "upgrading electronic surveillance equipment") in facts
    assert {("", "mentionedIn", p) for p in SEED_PATHS} <= facts


def test_documents(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "documents")
    assert [r["path"] for r in got] == SEED_PATHS
    assert got[0]["title"] == "EU Tightens Border Controls on Russia and Belarus"
    assert all(r["hash"].startswith("sha256:") and int(r["relations"]) > 0 for r in got)


def test_observations(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = rows(seeds_store, "observations")
    assert [(r["value"], r["unit"], r["period"], r["baseline"], r["document"]) for r in got] == [("66", "percent", "2024", "2023", SEED_PATHS[1])]
    assert "Belarusian border" in got[0]["about"]


def test_entities(seeds_store) -> None:  # type: ignore[no-untyped-def]
    got = {r["label"]: r for r in rows(seeds_store, "entities")}
    assert got["European Union"]["wikidata"] == "wd:Q458" and got["European Union"]["class"] == "Actor"
    assert got["non-refoulement"]["class"] == "LegalPrinciple"
    assert got["€170 million"]["class"] == "Fund"


def test_threats(seeds_store) -> None:  # type: ignore[no-untyped-def]
    assert {(r["actor"], r["threatens"]) for r in rows(seeds_store, "threats")} >= {("Russia", "democracy"), ("Belarus", "democracy")}
