"""The frame-rule registry: validation with one clear message, priorities instead of order, vocabulary as data."""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.extract.resources import load_resources
from kg.extract.rules import RuleError, load_rulebook
from kg.model import Document
from kg.resources import ontology_dir


@pytest.fixture()
def ontology_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), folder)
    return folder


def _rules(folder: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((folder / "frame-rules.json").read_text(encoding="utf-8"))


def _write(folder: Path, data: dict) -> None:  # type: ignore[type-arg]
    (folder / "frame-rules.json").write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_every_rule_has_a_versioned_id_and_a_known_relation() -> None:
    book = load_resources().rules
    assert book is not None and len(book.rules) >= 15
    assert all(re.fullmatch(r"[a-z-]+\.[a-z0-9-]+\.v\d+", r.id) for r in book.rules)


def test_rules_that_can_meet_have_different_priorities() -> None:
    book = load_resources().rules
    assert book is not None
    by_id = {r.id: r for r in book.rules}
    clashes = [(a, b) for a, b in book.conflicts() if by_id[a].priority == by_id[b].priority]
    assert clashes == []
    # the known meetings, e.g. 'violate' reads as restricts (a measure's) and threatens (an actor's)
    assert ("restricts.verb.v1", "threatens.verb.v1") in book.conflicts()


def test_an_unknown_key_names_the_file_and_the_rule(ontology_copy: Path) -> None:
    data = _rules(ontology_copy)
    data["rules"][3]["trigger"]["lemma"] = ["oops"]
    _write(ontology_copy, data)
    with pytest.raises(RuleError) as err:
        load_rulebook(ontology_copy, load_resources().word_class)
    message = str(err.value)
    assert str(ontology_copy / "frame-rules.json") in message
    assert repr(data["rules"][3]["id"]) in message
    assert "'lemma' was unexpected" in message


def test_an_unknown_class_is_one_message(ontology_copy: Path) -> None:
    data = _rules(ontology_copy)
    data["rules"][0]["trigger"]["classes"] = ["no-such-class"]
    _write(ontology_copy, data)
    with pytest.raises(RuleError, match=r"rule '[a-z.-]+v1' names the class 'no-such-class', which the lexicon does not define"):
        load_rulebook(ontology_copy, load_resources().word_class)


def test_a_broken_rule_file_stops_a_build_with_one_line(ontology_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (ontology_copy / "frame-rules.json").write_text('{"rules": [', encoding="utf-8")
    from kg.extract import load_pipeline

    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(ontology_copy))
    load_resources.cache_clear()
    load_pipeline.cache_clear()
    doc = tmp_path / "a.txt"
    doc.write_text("Finland closed the border.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["explain", str(doc)])
    load_resources.cache_clear()
    load_pipeline.cache_clear()
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {ontology_copy / 'frame-rules.json'}: not valid JSON (line 1, column 12: Expecting value)"


def test_the_order_rules_are_listed_in_changes_nothing(ontology_copy: Path) -> None:
    from kg.extract import load_pipeline
    from kg.extract.pipeline import Extractor

    text = ("Belarus poses a threat to Lithuania. The Council adopted sanctions against Belarus, which must respect "
            "fundamental rights. Frontex supports Latvia and cooperates with Poland.")
    nlp = load_pipeline().nlp

    def edges(folder: Path) -> set[tuple[str, str, str, str]]:
        ex = Extractor(nlp, load_resources(str(folder))).extract_one(Document("t.txt", "t.txt", text, text, "0"))
        return {(r.subject, r.predicate, r.object, r.evidence.rule) for r in ex.relations}

    before = edges(ontology_copy)
    data = _rules(ontology_copy)
    random.Random(7).shuffle(data["rules"])
    shuffled = ontology_copy.parent / "shuffled"
    shutil.copytree(ontology_copy, shuffled)
    _write(shuffled, data)
    assert edges(shuffled) == before
    assert any(rule.endswith(".v1") for *_, rule in before)


def test_a_word_added_to_a_lexicon_class_changes_the_next_extraction(ontology_copy: Path) -> None:
    from kg.extract import load_pipeline
    from kg.extract.pipeline import Extractor

    text = "Belarus imperils Lithuania."
    nlp = load_pipeline().nlp

    def edges(folder: Path) -> set[tuple[str, str, str]]:
        ex = Extractor(nlp, load_resources(str(folder))).extract_one(Document("t.txt", "t.txt", text, text, "0"))
        return {(r.subject, r.predicate, r.object) for r in ex.relations}

    assert ("actor/belarus", "threatens", "actor/lithuania") not in edges(ontology_copy)
    lexicon = ontology_copy / "lexicon.ttl"
    text_ttl = lexicon.read_text(encoding="utf-8")
    lexicon.write_text(text_ttl.replace('kg:lemma "undermine", "threaten",', 'kg:lemma "imperil", "undermine", "threaten",'), encoding="utf-8")
    grown = ontology_copy.parent / "grown"
    shutil.copytree(ontology_copy, grown)
    assert ("actor/belarus", "threatens", "actor/lithuania") in edges(grown)


def test_explain_shows_frames_rules_and_why(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Minsk's instrumentalisation of migrants continues.\nLatvia has no plans to extend the state of emergency.\n",
                   encoding="utf-8")
    result = CliRunner().invoke(cli, ["explain", str(doc)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "[1] Minsk's instrumentalisation of migrants continues."
    assert "  instrumentalisation (instrumentalisation, nominal, active; asserted) agent=Minsk; theme=migrants; obl:of=migrants" in lines
    assert "      FIRED  instrumentalises.nominal.v1: actor/belarus -> actor/migrants (stated as a fact)" in lines
    assert "  => Belarus --instrumentalises--> migrants  (instrumentalises.nominal.v1)" in lines
    assert "  extend (extend, verbal, active; planned, negated) theme=state" in lines
    one = CliRunner().invoke(cli, ["explain", str(doc), "--sentence", "2"])
    assert one.output.startswith("[2] Latvia has no plans to extend the state of emergency.\n")
    assert "[1]" not in one.output
    bad = CliRunner().invoke(cli, ["explain", str(doc), "--sentence", "3"])
    assert bad.exit_code == 2
    assert bad.output.strip() == f"Error: {doc} has 2 sentences; --sentence must be between 1 and 2"
