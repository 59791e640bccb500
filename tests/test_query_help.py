"""`kg query` says why an answer is empty: `0 rows`, closed parameter values, ambiguous labels, undefined kg: terms, `*` in text order."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest_query import gold_out
from rdflib.query import Result

from kg import vocab as v
from kg.cli import cli
from kg.store import StoreWriter

NOTHING = "SELECT ?s ?o WHERE { ?s kg:funds ?o FILTER(false) }"
STATUSES = "adopted, planned, proposed, called-for, permitted"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' gold graph, plus one extra graph in which two authorities share the alt label 'the authorities'."""
    folder = gold_out(tmp_path_factory.mktemp("gold") / "out")
    writer = StoreWriter(folder)
    extra = ox.NamedNode(v.KGI + "graph/extra")
    alt = ox.NamedNode(v.ALT_LABEL)
    shared = [ox.Quad(ox.NamedNode(v.KGI + f"actor/{key}"), alt, ox.Literal("the authorities"), extra)
              for key in ("ministry-of-the-interior-of-lithuania", "state-border-guard-service-of-lithuania")]
    writer.graph_store.replace_graph(extra, shared)
    writer.commit()
    return folder


def run(out: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["query", "--out", str(out), *args])


# 0 rows ---------------------------------------------------------------------------------------------------


def test_an_empty_table_says_0_rows_under_its_header(out: Path) -> None:
    result = run(out, NOTHING, "--format", "table")
    assert result.exit_code == 0
    assert result.stdout == "s  o\n-  -\n0 rows\n"
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_an_empty_answer_in_a_machine_format_says_0_rows_on_stderr(out: Path, fmt: str) -> None:
    result = run(out, NOTHING, "--format", fmt)
    assert result.exit_code == 0
    assert result.stderr == "0 rows\n"
    if fmt != "tsv":  # stdout is still the bare W3C document
        parsed = Result.parse(io.BytesIO(result.stdout_bytes), format=fmt)
        assert [str(x) for x in parsed.vars] == ["s", "o"] and list(parsed) == []


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_an_answer_with_rows_says_nothing_of_rows(out: Path, fmt: str) -> None:
    result = run(out, "SELECT ?s ?o WHERE { ?s kg:funds ?o }", "--format", fmt)
    assert result.exit_code == 0
    assert "0 rows" not in result.stdout and result.stderr == ""


def test_an_empty_answer_written_to_a_file_says_0_rows(out: Path, tmp_path: Path) -> None:
    target = tmp_path / "answer.json"
    result = run(out, NOTHING, "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {target} (json)\n0 rows\n"
    assert json.loads(target.read_text())["results"]["bindings"] == []


# closed sets of values -------------------------------------------------------------------------------------


def test_list_shows_the_values_of_closed_parameters(out: Path) -> None:
    result = run(out, "--list")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert f"--param status=<string> (default: all); one of: {STATUSES}" in lines
    relations = ", ".join(iri[len(v.KG):] for iri in v.RELATIONS.values())
    assert f"--param predicate=<relation> (default: all); one of: {relations}" in lines
    assert "--param actor=<label> (default: all)" in lines  # labels are an open set: no values listed


def test_a_status_outside_the_closed_set_fails_with_the_choices(out: Path) -> None:
    result = run(out, "--named", "measures-by-actor-and-status", "--param", "status=approved")
    assert result.exit_code == 2
    assert result.stderr == f"Error: --param status='approved' is not one of {STATUSES}\n"
    planned = run(out, "--named", "measures-by-actor-and-status", "--param", "status=planned", "--format", "csv").stdout.splitlines()[1:]
    assert len(planned) == 4 and all(row.endswith(",planned") for row in planned)


# ambiguous labels ------------------------------------------------------------------------------------------


def test_an_ambiguous_label_fails_with_the_candidates(out: Path) -> None:
    result = run(out, "--named", "actor-profile", "--param", "actor=The Authorities")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --param actor='The Authorities' is ambiguous: it names 2 entities "
        "('Ministry of the Interior of Lithuania'; 'State Border Guard Service of Lithuania'); give one of their labels\n"
    )


def test_a_canonical_label_in_another_case_is_not_ambiguous(out: Path) -> None:
    result = run(out, "--named", "measures-by-actor-and-status", "--param", "actor=lithuania", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["Lithuania,adopts,reinforcing patrol capacity,planned"]


# undefined kg: terms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "warning"), [
    ("SELECT ?a WHERE { ?a a kg:Actr }", "warning: kg:Actr is not defined by the ontology, so it matches nothing; did you mean kg:Actor?\n"),
    ("SELECT ?a WHERE { ?a kg:fundz ?b }", "warning: kg:fundz is not defined by the ontology, so it matches nothing; did you mean kg:funds?\n"),
    (f"SELECT ?a WHERE {{ ?a <{v.KG}adopt> ?b }}", "warning: kg:adopt is not defined by the ontology, so it matches nothing; did you mean kg:adopts?\n"),
    ("SELECT ?a WHERE { ?a kg:zzqqxx ?b }", "warning: kg:zzqqxx is not defined by the ontology, so it matches nothing\n"),
])
def test_an_undefined_kg_term_warns_with_the_closest_defined_one(out: Path, query: str, warning: str) -> None:
    result = run(out, query, "--format", "csv")
    assert result.exit_code == 0
    assert result.stderr == warning + "0 rows\n"


@pytest.mark.parametrize("query", [
    "SELECT ?a WHERE { ?a a kg:Actor ; kg:adopts ?m }",
    'SELECT ?a WHERE { ?a a kg:Actor ; rdfs:label ?l FILTER(?l != "kg:Actr") }  # kg:fundz in a comment',
    "PREFIX kg: <http://example.org/other#> SELECT ?a WHERE { OPTIONAL { ?a kg:Actr ?b } }",
])
def test_defined_terms_strings_comments_and_other_prefixes_do_not_warn(out: Path, query: str) -> None:
    result = run(out, query, "--format", "csv")
    assert result.exit_code == 0
    assert "warning" not in result.stderr


# SELECT * --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "header"), [
    ("SELECT * WHERE { ?s kg:funds ?o . ?s rdfs:label ?label }", "s,o,label"),
    ("select distinct * WHERE { ?subject ?p ?object FILTER(?p = kg:funds) }", "subject,p,object"),
    ("SELECT ?o ?s WHERE { { SELECT * WHERE { ?s kg:funds ?o } } }", "o,s"),  # an explicit outer projection is kept
])
def test_select_star_keeps_the_order_of_the_query_text(out: Path, query: str, header: str) -> None:
    result = run(out, query, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == header
