"""The store's merged default graph under random document updates equals the one recomputed from scratch."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import vocab as v
from kg.store import GraphStore

LABEL = ox.NamedNode(v.LABEL)
P = ox.NamedNode("http://example.org/p")
SUBJECTS = [ox.NamedNode(f"http://example.org/s{i}") for i in range(4)]


def _expected(store: ox.Store) -> set[tuple[object, object, object]]:
    """The invariant, by brute force: every named-graph triple but labels, plus each subject's most used label."""
    triples, counts = set(), {}  # type: ignore[var-annotated]
    for q in store:
        if isinstance(q.graph_name, ox.NamedNode):
            if q.predicate == LABEL:
                counts.setdefault(q.subject, {}).setdefault(q.object.value, 0)
                counts[q.subject][q.object.value] += 1
            else:
                triples.add((q.subject, q.predicate, q.object))
    for s, c in counts.items():
        triples.add((s, LABEL, ox.Literal(min(c, key=lambda label: (-c[label], label)))))
    return triples


@pytest.mark.parametrize("pending_limit", [1, 7, 10**6])  # new graphs are bulk-loaded in batches: batch edges must not matter
@pytest.mark.parametrize("seed", range(10))
def test_default_graph_and_labels_stay_consistent(seed: int, pending_limit: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.store.PENDING_LIMIT", pending_limit)
    rng = random.Random(seed)
    store = GraphStore(ox.Store(str(tmp_path / "store")), tmp_path / "store")
    graphs = [ox.NamedNode(f"http://example.org/g{i}") for i in range(12)]
    for step in range(40):
        g = rng.choice(graphs)
        if rng.random() < 0.2:
            store.remove_graph(g)
        else:
            quads = [ox.Quad(rng.choice(SUBJECTS), LABEL, ox.Literal(rng.choice("abc")), g) for _ in range(rng.randint(0, 3))]
            quads += [ox.Quad(rng.choice(SUBJECTS), P, ox.Literal(str(rng.randint(0, 3))), g) for _ in range(rng.randint(0, 3))]
            store.replace_graph(g, quads)
        if rng.random() < 0.7 and step < 39:
            continue  # let writes queue up between reads
        default = {(q.subject, q.predicate, q.object) for q in store.store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
        assert default == _expected(store.store)
