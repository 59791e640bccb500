"""A static picture of the network (PNG or SVG) with matplotlib: readable at a glance, the same every time."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from kg.network import color_of

LABELLED = 22  # how many of the most connected nodes carry a label


def draw_picture(graph: Any, path: str | Path, *, title: str = "", fmt: str | None = None) -> None:
    """Write a PNG or SVG (by `fmt`, else by the suffix) of the network: coloured by class, sized by degree, main nodes labelled."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from kg.atomic import atomic_write
    from kg.viz.layout import positions

    fmt = (fmt or Path(path).suffix.lstrip(".") or "png").lower()
    unconnected = [n for n in graph.nodes if graph.degree(n) == 0] if graph.number_of_edges() else []
    shown = graph.subgraph([n for n in graph.nodes if n not in set(unconnected)])
    pos = positions(shown)
    nodes = list(shown.nodes)
    degrees = {n: int(graph.nodes[n].get("degree", graph.degree(n))) for n in nodes}
    top = max(degrees.values(), default=1) or 1
    with plt.rc_context({"svg.hashsalt": "kg", "font.size": 9}):
        fig, ax = plt.subplots(figsize=(12, 9), dpi=110)
        for u, w, data in shown.edges(data=True):
            (x1, y1), (x2, y2) = pos[u], pos[w]
            ax.annotate(
                "",
                xy=(x2, y2),
                xytext=(x1, y1),
                arrowprops={"arrowstyle": "-|>" if data.get("type") != "undirected" else "-", "color": "#999999", "alpha": 0.5,
                            "lw": 0.6 + 0.4 * math.log1p(float(data.get("weight", 1))), "shrinkA": 4, "shrinkB": 6, "mutation_scale": 8},
                zorder=1,
            )
        classes = sorted({str(graph.nodes[n].get("class", "")) for n in nodes})
        for cls in classes:
            members = [n for n in nodes if str(graph.nodes[n].get("class", "")) == cls]
            ax.scatter(
                [pos[n][0] for n in members],
                [pos[n][1] for n in members],
                s=[40 + 460 * math.sqrt(degrees[n] / top) for n in members],
                c=color_of(cls),
                edgecolors="white",
                linewidths=0.8,
                zorder=2,
            )
        main = sorted(nodes, key=lambda n: (-degrees[n], str(graph.nodes[n].get("label", n))))[:LABELLED]
        _place_labels(fig, ax, [(n, pos[n], str(graph.nodes[n].get("label", n)), degrees[n] / top) for n in main])
        handles = [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=color_of(c), markeredgecolor="white", label=c or "other")
                   for c in classes]
        fig.legend(handles=handles, loc="upper right", frameon=False, title="class")
        note = f"\n({len(unconnected)} unconnected nodes not drawn)" if unconnected else ""
        ax.set_title(title or f"kg {graph.graph.get('view', 'entities')} network: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges{note}")
        ax.set_axis_off()
        ax.margins(0.08)
        fig.tight_layout(rect=(0, 0, 0.82, 1))
        metadata = {"Date": None} if fmt == "svg" else {"Software": "kg"}
        with atomic_write(Path(path)) as stream:
            fig.savefig(stream, format=fmt, metadata=metadata)
        plt.close(fig)


_OFFSETS = ((6, 4, "left", "bottom"), (-6, 4, "right", "bottom"), (6, -4, "left", "top"), (-6, -4, "right", "top"))


def _place_labels(fig: Any, ax: Any, items: list[tuple[Any, tuple[float, float], str, float]]) -> None:
    """Label the main nodes, most connected first, on the first side where the label overlaps none placed before; else leave it out."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    taken: list[Any] = []
    for _, xy, label, share in items:
        label = label if len(label) <= 38 else label[:37] + "…"
        for dx, dy, ha, va in _OFFSETS:
            text = ax.annotate(label, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, fontsize=8 + 3 * math.sqrt(share),
                               zorder=3, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75})
            box = text.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in taken):
                taken.append(box)
                break
            text.remove()
