"""Curation (merges and rejections) changes what an extraction emits."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.curation import apply_curation, load_curation
from kg.model import Document


@pytest.fixture(scope="session")
def extraction():  # type: ignore[no-untyped-def]
    from kg.extract import load_pipeline

    text = "The European Commission will support Latvia. Frontex supports Lithuania."
    return load_pipeline().extract_one(Document(id="c", path="c.txt", text=text, body=text, sha256="0"))


def test_merge_and_rejection_change_output(extraction, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    keys = {e.key for e in extraction.entities}
    assert {"actor/frontex", "actor/european-commission", "actor/latvia"} <= keys
    cur = tmp_path / "curation.ttl"
    cur.write_text(
        "@prefix cur: <https://w3id.org/policy-kg/curation#> .\n"
        "@prefix actor: <https://w3id.org/policy-kg/id/actor/> .\n"
        "@prefix kg: <https://w3id.org/policy-kg/ontology#> .\n"
        "[] a cur:Merge ; cur:from actor:frontex ; cur:into actor:european-commission .\n"
        "[] a cur:RejectRelation ; cur:subject actor:european-commission ; cur:predicate kg:supports ; cur:object actor:latvia .\n",
        encoding="utf-8",
    )
    out = apply_curation(extraction, load_curation(cur))
    keys_after = {e.key for e in out.entities}
    assert "actor/frontex" not in keys_after
    triples = {(r.subject, r.predicate, r.object) for r in out.relations}
    assert ("actor/european-commission", "supports", "actor/lithuania") in triples  # merged subject
    assert ("actor/european-commission", "supports", "actor/latvia") not in triples  # rejected edge
