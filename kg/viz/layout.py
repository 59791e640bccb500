"""A deterministic 2-D layout of a network, shared by the HTML page and the static picture."""

from __future__ import annotations

import math
from typing import Any

SEED = 7
GAP = 0.35  # space between packed components, in units of a one-node component
SINGLE = 0.3  # grid step for unconnected nodes


def positions(graph: Any) -> dict[Any, tuple[float, float]]:
    """Node → (x, y) in [0, 1]², the same for the same graph: each component a seeded spring layout, packed in rows."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes, key=str))
    for u, w, data in graph.edges(data=True):
        if u != w:
            old = simple.get_edge_data(u, w, {}).get("weight", 0.0)
            simple.add_edge(u, w, weight=old + 1.0 + math.log1p(float(data.get("weight", 1))))
    if len(simple) == 0:
        return {}
    components = sorted((sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0])))
    boxes = [(_component_layout(simple.subgraph(c)), 1.2 * math.sqrt(len(c))) for c in components if len(c) > 1]
    placed = _pack(boxes) if boxes else {}
    _add_singletons(placed, [c[0] for c in components if len(c) == 1])
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    # centre the shorter side, y upwards (the largest component on top)
    dx = (span - (max(xs) - min(xs))) / 2
    dy = (span - (max(ys) - min(ys))) / 2
    return {n: ((placed[n][0] - min(xs) + dx) / span, 1.0 - (placed[n][1] - min(ys) + dy) / span) for n in graph.nodes}


def _add_singletons(placed: dict[Any, tuple[float, float]], nodes: list[Any]) -> None:
    """Unconnected nodes in a compact grid under the components."""
    if not nodes:
        return
    xs = [p[0] for p in placed.values()] or [0.0]
    top = max((p[1] for p in placed.values()), default=-GAP) + GAP * 2
    width = max(max(xs) - min(xs), math.sqrt(len(nodes)) * SINGLE)
    per_row = max(1, int(width / SINGLE) + 1)
    for i, node in enumerate(nodes):
        placed[node] = (min(xs) + (i % per_row) * SINGLE, top + (i // per_row) * SINGLE)


def _component_layout(component: Any) -> dict[Any, tuple[float, float]]:
    """One connected component in the unit square."""
    import networkx as nx

    nodes = sorted(component.nodes, key=str)
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    if len(nodes) == 2:
        return {nodes[0]: (0.0, 0.5), nodes[1]: (1.0, 0.5)}
    try:
        raw = nx.spring_layout(component, k=2.0 / math.sqrt(len(nodes)), seed=SEED, iterations=200, weight="weight")
    except ImportError:  # very large components need scipy; fall back to a circle
        raw = nx.circular_layout(component)
    xs = [float(raw[n][0]) for n in nodes]
    ys = [float(raw[n][1]) for n in nodes]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return {n: ((float(raw[n][0]) - min(xs)) / span, (float(raw[n][1]) - min(ys)) / span) for n in nodes}


def _pack(boxes: list[tuple[dict[Any, tuple[float, float]], float]]) -> dict[Any, tuple[float, float]]:
    """Shelf packing: boxes (largest first) left to right in rows about as wide as the whole is tall; y grows downwards."""
    width = max(max(size for _, size in boxes), math.sqrt(sum((size + GAP) ** 2 for _, size in boxes)) * 1.3)
    out: dict[Any, tuple[float, float]] = {}
    x = y = row = 0.0
    for layout, size in boxes:
        if x > 0 and x + size > width:
            x, y, row = 0.0, y + row + GAP, 0.0
        for node, (px, py) in layout.items():
            out[node] = (x + px * size, y + (1.0 - py) * size)
        x += size + GAP
        row = max(row, size)
    return out
