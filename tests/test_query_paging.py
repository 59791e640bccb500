"""Pages of a large answer: `kg query --limit/--offset/--all`, and LIMIT/OFFSET put into a query's text."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_query import gold_out

from kg.cli import cli
from kg.errors import UsageError
from kg.query.paging import paged_sparql

ENTITIES = "SELECT ?label WHERE { ?e a kg:Actor ; rdfs:label ?label } ORDER BY ?label"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return gold_out(tmp_path_factory.mktemp("gold") / "out")


def run(out: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["query", "--out", str(out), *args])
    return result.exit_code, result.stdout, result.stderr


def labels(out: Path, *args: str) -> list[str]:
    code, stdout, stderr = run(out, ENTITIES, "--format", "csv", *args)
    assert code == 0, stderr
    return [row[0] for row in list(csv.reader(io.StringIO(stdout)))[1:]]


def test_paged_sparql_appends_or_narrows_the_query_s_own_limit_and_offset() -> None:
    assert paged_sparql("SELECT * { ?s ?p ?o }", 10, 20) == "SELECT * { ?s ?p ?o }\nLIMIT 10\nOFFSET 20\n"
    assert paged_sparql("SELECT * { ?s ?p ?o } # the end", 10) == "SELECT * { ?s ?p ?o }\nLIMIT 10\n"
    assert paged_sparql("SELECT * { ?s ?p ?o } LIMIT 25 OFFSET 5", 10, 20) == "SELECT * { ?s ?p ?o }\nLIMIT 5\nOFFSET 25\n"
    assert paged_sparql("SELECT * { ?s ?p ?o } offset 5 limit 8", None, 10) == "SELECT * { ?s ?p ?o }\nLIMIT 0\nOFFSET 15\n"
    assert paged_sparql('SELECT * { ?s ?p "LIMIT 3" }', 2) == 'SELECT * { ?s ?p "LIMIT 3" }\nLIMIT 2\n'
    assert paged_sparql("SELECT * { ?s ?p ?o }", None, 0) == "SELECT * { ?s ?p ?o }"
    with pytest.raises(UsageError, match="ends with a VALUES block"):
        paged_sparql("SELECT * { ?s ?p ?o } VALUES ?s { <http://x> }", 10)


def test_limit_and_offset_give_consecutive_pages_of_the_whole_answer(out: Path) -> None:
    every = labels(out)
    assert len(every) > 6
    assert labels(out, "--limit", "3") + labels(out, "--limit", "3", "--offset", "3") + labels(out, "--offset", "6") == every


def test_a_table_page_says_how_many_rows_there_are_and_how_to_get_the_others(out: Path) -> None:
    every = labels(out)
    code, stdout, stderr = run(out, ENTITIES, "--format", "table", "--limit", "2", "--offset", "1")
    assert code == 0
    assert [line.strip() for line in stdout.splitlines()[2:]] == every[1:3]
    assert stderr == f"rows 2–3 of {len(every)}; --offset 3 for the next page, --all (or --format csv/json/tsv/xml) for every row\n"
    code, stdout, stderr = run(out, ENTITIES, "--format", "table", "--all")
    assert code == 0 and stderr == "" and [line.strip() for line in stdout.splitlines()[2:]] == every


def test_a_named_query_pages_with_its_parameters(out: Path) -> None:
    code, whole, _ = run(out, "--named", "evidence", "--param", "predicate=funds", "--format", "csv")
    code, page, _ = run(out, "--named", "evidence", "--param", "predicate=funds", "--format", "csv", "--limit", "2", "--offset", "1")
    assert code == 0
    assert page.splitlines() == whole.splitlines()[:1] + whole.splitlines()[2:4]


def test_all_and_limit_together_are_a_usage_error(out: Path) -> None:
    code, _, stderr = run(out, ENTITIES, "--all", "--limit", "3")
    assert code == 2 and "give --all or --limit, not both" in stderr
