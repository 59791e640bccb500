"""`kg query`: every output format (the W3C ones parsed back), defaults, errors, and no spaCy on import."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_query import gold_out, table_rows
from rdflib import Graph
from rdflib.query import Result

from kg.cli import cli
from kg.query.results import WRITERS, format_table, shorten, writer_for

FUNDS = "SELECT ?label ?amount WHERE { ?f a kg:Fund ; rdfs:label ?label . OPTIONAL { ?f kg:amount ?amount } } ORDER BY ?label"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built output folder holding the gold graph of the seeds (no model needed)."""
    return gold_out(tmp_path_factory.mktemp("gold") / "out")


def run(out: Path, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["query", "--out", str(out), *args], input=input)


@pytest.mark.parametrize("fmt", ["csv", "json", "xml"])
def test_select_in_w3c_formats_parses_back(out: Path, fmt: str) -> None:
    result = run(out, FUNDS, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    parsed = Result.parse(io.BytesIO(result.stdout_bytes), format=fmt)
    rows = [(str(r[0]), None if r[1] is None else int(r[1])) for r in parsed]
    assert rows == [("targeted funding for humanitarian and logistic needs", None), ("€170 million", 170000000)]
    assert [str(v) for v in parsed.vars] == ["label", "amount"]


def test_tsv_is_w3c_tsv(out: Path) -> None:
    result = run(out, FUNDS, "--format", "tsv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "?label\t?amount",
        '"targeted funding for humanitarian and logistic needs"\t',
        '"€170 million"\t"170000000"^^<http://www.w3.org/2001/XMLSchema#decimal>',
    ]


def test_table_is_aligned_with_prefixed_names(out: Path) -> None:
    q = 'SELECT ?p ?amount WHERE { ?f a kg:Fund ; ?p ?amount FILTER(?p IN (kg:amount, kg:currency)) } ORDER BY ?p'
    result = run(out, q, "--format", "table")
    assert result.exit_code == 0
    assert result.stdout == "p            amount\n-----------  ---------\nkg:amount    170000000\nkg:currency  EUR\n"


def test_format_table_aligns_columns() -> None:
    assert format_table(["a", "bb"], [["xyz", "1"], ["", "22"]]) == "a    bb\n---  --\nxyz  1\n     22\n"
    assert shorten("https://w3id.org/policy-kg/ontology#adopts") == "kg:adopts"
    assert shorten("http://example.org/x") == "<http://example.org/x>"


def test_ask_prints_true_or_false(out: Path) -> None:
    assert run(out, "ASK { ?f a kg:Fund }").stdout == "true\n"
    assert run(out, "ASK { ?f a kg:Nothing }").stdout == "false\n"
    assert json.loads(run(out, "ASK { ?f a kg:Fund }", "--format", "json").stdout) == {"head": {}, "boolean": True}


@pytest.mark.parametrize("fmt,rdflib_format", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_construct_in_rdf_formats(out: Path, fmt: str, rdflib_format: str) -> None:
    q = "CONSTRUCT { ?f kg:amount ?a } WHERE { ?f kg:amount ?a }"
    result = run(out, q, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format=rdflib_format)
    assert [int(o) for o in graph.objects()] == [170000000]


def test_construct_defaults_to_turtle_and_select_to_csv_when_piped(out: Path) -> None:
    assert run(out, "CONSTRUCT WHERE { ?f kg:amount ?a }").stdout.startswith("@prefix")
    assert run(out, "SELECT ?a WHERE { ?f kg:amount ?a }").stdout == "a\n170000000\n"


def test_every_writer_is_reachable_and_refuses_the_wrong_kind() -> None:
    for name, writer in WRITERS.items():
        for kind in ("select", "ask", "graph"):
            if kind in writer.kinds:
                assert writer_for(name, kind).name == name  # type: ignore[arg-type]
    result = writer_for(None, "select", "answers.json")
    assert result.name == "json"
    assert writer_for(None, "select", interactive=True).name == "table"


def test_wrong_format_for_kind_is_a_usage_error(out: Path) -> None:
    result = run(out, "CONSTRUCT WHERE { ?s ?p ?o }", "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr == "Error: format 'csv' cannot hold CONSTRUCT/DESCRIBE results; use one of turtle, nt, jsonld\n"


def test_query_from_file_stdin_and_output_file(out: Path, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text("SELECT ?a WHERE { ?f kg:amount ?a }")
    assert run(out, "-f", str(q)).stdout == "a\n170000000\n"
    assert run(out, input="SELECT ?a WHERE { ?f kg:amount ?a }").stdout == "a\n170000000\n"
    target = tmp_path / "answers.json"
    result = run(out, "-f", str(q), "-o", str(target))
    assert result.exit_code == 0
    assert result.stderr == f"wrote {target} (json)\n"
    assert json.loads(target.read_text())["results"]["bindings"][0]["a"]["value"] == "170000000"


def test_param_on_an_ad_hoc_query_is_a_literal(out: Path) -> None:
    q = "SELECT ?e ?name WHERE { ?e rdfs:label ?name }"
    result = run(out, q, "--param", "name=Belarus", "--format", "table")
    assert table_rows(result.stdout) == [["kgi:actor/belarus", "Belarus"]]
    injected = run(out, q, "--param", 'name=x" } ?a ?b ?c { "', "--format", "table")
    assert injected.exit_code == 0 and table_rows(injected.stdout) == [["0 rows"]]


def test_malformed_query_exits_2_with_line_and_column(out: Path) -> None:
    result = run(out, "SELECT ?x WHERE {\n  ?x a kg:Actor .")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: malformed SPARQL query at line 2, column 18: expected one of")
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_unknown_prefix_names_it_and_the_predeclared_ones(out: Path) -> None:
    result = run(out, "SELECT ?x WHERE { ?x a ex:Thing }")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown prefix 'ex:' at line 1, column 24; declare it with PREFIX ex: <...> or use one of the "
        "predeclared prefixes: kg, kgi, rdf, rdfs, owl, xsd, skos, prov, dcterms, foaf, org, wd\n"
    )
    declared = run(out, "PREFIX ex: <http://example.org/>\nSELECT ?x WHERE { ?x a ex:Thing }")
    assert declared.exit_code == 0


def test_missing_output_and_empty_folder_say_what_to_run(tmp_path: Path) -> None:
    missing = run(tmp_path / "nope", "ASK {}")
    assert missing.exit_code == 2
    assert missing.stderr == f"Error: no output folder '{tmp_path / 'nope'}': run `kg build [PATH ...] --out {tmp_path / 'nope'}` first\n"
    empty = run(tmp_path, "ASK {}")
    assert empty.exit_code == 2
    assert empty.stderr == f"Error: no graph in '{tmp_path}': run `kg build [PATH ...] --out {tmp_path}` first\n"


def test_usage_errors(out: Path) -> None:
    both = run(out, "ASK {}", "--named", "funding")
    assert (both.exit_code, both.stderr) == (2, "Error: give one query: an argument, -f FILE or --named NAME\n")
    bad = run(out, "--named", "funding", "--param", "oops")
    assert (bad.exit_code, bad.stderr) == (2, "Error: --param 'oops' is not NAME=VALUE\n")


def test_query_command_does_not_import_spacy() -> None:
    code = "import kg.cli, sys; from kg.commands import query; import kg.query.library, kg.serve, kg.push; assert 'spacy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_help_has_an_example() -> None:
    for name in ("query", "serve", "push"):
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.stdout
