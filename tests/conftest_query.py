"""A model-free graph for the query, serve and push tests: the seeds' gold annotations as records.

`gold_out(folder)` writes a real store (out/store → store-1, one named graph
per document plus the ontology) from tests' own Extraction records, built
with kg.build and kg.store, so these tests need neither spaCy nor the
extractor. The seeds' graph from the real extractor is the lead's
`seeds_out` fixture in conftest.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.ids import entity_key
from kg.model import Document, Entity, Evidence, Extraction, Observation, Relation

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


def _evidence(document: Document, quote: str | None, rule: str = "gold") -> Evidence:
    """The sentence holding `quote` (or the document's first line when the quote is not found verbatim)."""
    text = document.text
    start = text.find(quote) if quote else -1
    if start < 0 and quote:
        start = text.find(quote.replace("'", "\u2019"))
    if start < 0:
        start, end = 0, text.find("\n") if "\n" in text else len(text)
    else:
        end = start + len(quote or "")
        left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
        start = left + 2 if left >= 0 and text[left] == "." else left + 1
        stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
        end = (min(stops) + (1 if text[min(stops)] == "." else 0)) if stops else len(text)
    return Evidence(start, end, text[start:end], rule)


def gold_extraction(document: Document, gold: dict) -> Extraction:  # type: ignore[type-arg]
    """An Extraction holding what the gold annotation of one seed says."""
    ex = Extraction(document)
    keys: dict[str, str] = {}

    def add(kind: str, name: str, **kw: object) -> Entity:
        key = entity_key(kind, name)
        keys[name] = key
        entity = Entity(key, kind, name, **kw)  # type: ignore[arg-type]
        ex.entities.append(entity)
        return entity

    for a in gold["actors"]:
        add("Actor", a["name"], subclass=a["kind"], wikidata=a.get("wikidata"), alt_labels=set(a["aliases"]))
    for m in gold["measures"]:
        add("Measure", m["name"], status=m["status"], evidence=_evidence(document, m.get("evidence")))
    for q in gold.get("qualifiers", []):
        for e in ex.entities:
            if e.label == q["measure"]:
                e.qualities |= set(q["qualities"])
    for p in gold["principles"]:
        add("LegalPrinciple", p["name"], alt_labels=set(p["aliases"]))
    for f in gold["funds"]:
        amount = str(f["amount"]) if f["amount"] is not None else None
        add("Fund", f["surface"], amount=amount, currency=f["currency"])
        if f.get("provided_by"):
            ev = _evidence(document, f.get("evidence"))
            ex.relations.append(Relation(keys[f["surface"]], "provided-by", keys[f["provided_by"]], ev))
    for r in gold["relations"]:
        if r["subject"] in keys and r["object"] in keys:
            ex.relations.append(Relation(keys[r["subject"]], r["predicate"], keys[r["object"]], _evidence(document, r.get("evidence"))))
    if "€170 million" in keys and "upgrading electronic surveillance equipment" in keys:
        ev = _evidence(document, "€170 million to support upgrading electronic surveillance equipment")
        ex.relations.append(Relation(keys["€170 million"], "funds", keys["upgrading electronic surveillance equipment"], ev))
    for s in gold.get("statistics", []):
        ev = _evidence(document, "rose by 66%")
        ex.observations.append(Observation(s["what"], str(s["change_percent"]), "percent", ev, s.get("period"), s.get("baseline")))
    return ex


def gold_extractions() -> list[Extraction]:
    """The seeds as the gold annotations read them."""
    from kg.ingest import read_document

    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        document, _ = read_document(Path("seeds") / path.name)
        gold = json.loads((GOLD / f"{path.stem}.gold.json").read_text())
        out.append(gold_extraction(document, gold))
    return out


def gold_out(out: Path) -> Path:
    """Write the gold graph as a built output folder (store symlink, named graphs, ontology)."""
    import os

    import pyoxigraph as ox

    from kg.build import document_quads, graph_iri
    from kg.resources import ontology_file
    from kg.store import ONTOLOGY_GRAPH, StoreWriter
    from kg.summaries import refresh_summaries

    cwd = os.getcwd()
    os.chdir(ROOT)  # documents are read as seeds/NAME, as `kg build seeds` names them
    try:
        extractions = gold_extractions()
    finally:
        os.chdir(cwd)
    writer = StoreWriter(out)
    store = writer.graph_store
    ontology = ox.parse(ontology_file("kg.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    store.replace_graph(ONTOLOGY_GRAPH, (ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH) for t in ontology))
    for ex in extractions:
        store.replace_graph(graph_iri(ex.document.id), document_quads(ex))
    refresh_summaries(store)
    writer.commit()
    return out


def table_rows(text: str) -> list[list[str]]:
    """The rows of a `table` output, split on runs of two or more spaces."""
    return [re.split(r"\s{2,}", line.strip()) for line in text.splitlines()[2:] if line.strip()]


def rows(store: object, name: str, **params: str) -> list[dict[str, str]]:
    """A named query's answer as dicts of display strings ('' for unbound)."""
    from kg.query.library import run_named_query
    from kg.query.results import cell

    result = run_named_query(store, name, params)
    return [{k: cell(s[k]) for k in result.variables} for s in result.value]  # type: ignore[union-attr]
