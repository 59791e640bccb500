"""Counts per class and relation, and the most connected actors."""

from __future__ import annotations

from dataclasses import dataclass

from kg import vocab as v
from kg.store import GraphStore


@dataclass(frozen=True)
class GraphStats:
    documents: int
    triples: int
    classes: list[tuple[str, int]]
    relations: list[tuple[str, int]]
    top_actors: list[tuple[str, int]]


_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?class { kg:Actor kg:Measure kg:Fund kg:LegalPrinciple kg:Document kg:Evidence kg:Observation }
  ?x a ?class }
GROUP BY ?class"""

_TOP_ACTORS = """
SELECT ?label (COUNT(*) AS ?n) WHERE {
  ?a a kg:Actor ; rdfs:label ?label .
  { ?a ?p ?o } UNION { ?o ?p ?a }
  FILTER(?p IN (%s))
}
GROUP BY ?a ?label ORDER BY DESC(?n) ?label LIMIT %d"""


def graph_stats(store: GraphStore, top: int = 10) -> GraphStats:
    """Compute the figures `kg stats` prints."""
    classes = {row["class"].value: int(row["n"].value) for row in store.query(_CLASS_COUNTS)}  # type: ignore[attr-defined]
    relations = []
    for name, term in v.RELATIONS.items():
        n = int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{term}> ?o }}")))["n"].value)  # type: ignore[call-overload]
        relations.append((name, n))
    predicate_list = ", ".join(f"<{t}>" for t in v.RELATIONS.values())
    top_actors = [
        (row["label"].value, int(row["n"].value))
        for row in store.query(_TOP_ACTORS % (predicate_list, top))  # type: ignore[attr-defined]
    ]
    return GraphStats(
        documents=classes.get(v.DOCUMENT, 0),
        triples=store.default_size(),
        classes=[(name, classes.get(term, 0)) for name, term in [
            ("Actor", v.ACTOR), ("Measure", v.MEASURE), ("Fund", v.FUND), ("LegalPrinciple", v.LEGAL_PRINCIPLE),
            ("Document", v.DOCUMENT), ("Evidence", v.EVIDENCE), ("Observation", v.OBSERVATION)]],
        relations=sorted(relations, key=lambda r: (-r[1], r[0])),
        top_actors=top_actors,
    )


def format_stats(stats: GraphStats) -> str:
    """The figures as aligned text."""
    lines = [f"{stats.documents} documents, {stats.triples} triples", "", "class            count"]
    lines += [f"{name:<16} {n:>5}" for name, n in stats.classes]
    lines += ["", "relation         count"]
    lines += [f"{name:<16} {n:>5}" for name, n in stats.relations]
    lines += ["", "most connected actors"]
    lines += [f"{n:>5}  {label}" for label, n in stats.top_actors]
    return "\n".join(lines)
