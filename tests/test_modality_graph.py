"""Modality in the graph: hedged and conditional statements are marked claims, never asserted triples."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli

TEXT = """Finland will close the crossings on its eastern border if Russia sends more migrants.
Estonia is expected to close the Narva crossing.
Latvia has no plans to extend the state of emergency.
Poland closed the crossing at Kuznica.
"""


def test_claims_are_marked_and_not_asserted(tmp_path: Path) -> None:
    doc = tmp_path / "claims.txt"
    doc.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(doc), "--out", str(out)]).exit_code == 0

    def rows(query: str) -> list[str]:
        result = runner.invoke(cli, ["query", "--out", str(out), "--format", "csv", query])
        assert result.exit_code == 0, result.output
        return sorted(result.output.strip().splitlines()[1:])

    adopted = rows("SELECT ?a ?m WHERE { ?s kg:adopts ?o . ?s rdfs:label ?a . ?o rdfs:label ?m }")
    assert adopted == ["Poland,closed the crossing at Kuznica"]
    claims = rows("""SELECT ?a ?m ?mark WHERE { ?ev rdf:subject ?s ; rdf:predicate kg:adopts ; rdf:object ?o .
                       { ?ev kg:conditional true BIND("conditional" AS ?mark) } UNION { ?ev kg:hedged true BIND("hedged" AS ?mark) }
                       ?s rdfs:label ?a . ?o rdfs:label ?m }""")
    assert claims == ["Estonia,close the Narva crossing,hedged", "Finland,close the crossings on the eastern border,conditional"]
    measures = rows("SELECT ?m ?status WHERE { ?x a kg:Measure ; rdfs:label ?m ; kg:status ?status }")
    assert "close the Narva crossing,planned" in measures
    assert not any("state of emergency" in m for m in measures)  # "has no plans to": no measure at all
    assert runner.invoke(cli, ["validate", "--out", str(out)]).exit_code == 0
