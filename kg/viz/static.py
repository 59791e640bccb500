"""A static picture of the network (PNG or SVG) with matplotlib: readable at a glance, the same every time."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.network import color_of

LABEL_MAX = 38  # characters of a label before it is shortened with "…"
NO_ROOM = "no room for their label without overlap"
PLOT_WIDTH = 0.8  # share of the picture's width for the network; the legend has the rest


@dataclass(frozen=True)
class Box:
    """A rectangle in the picture's pixels (origin bottom left), as matplotlib measured it."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        """True when the two rectangles share some area (touching edges do not count)."""
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: Box) -> bool:
        """True when this rectangle lies wholly within `other`."""
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1


@dataclass
class Picture:
    """What was drawn: each drawn node's box, each label's box and text by node, and the nodes left unlabelled."""

    nodes: dict[Any, Box] = field(default_factory=dict)
    labels: dict[Any, tuple[str, Box]] = field(default_factory=dict)
    unlabelled: list[Any] = field(default_factory=list)
    unconnected: int = 0
    title: str = ""


def draw_picture(graph: Any, path: str | Path, *, title: str = "", fmt: str | None = None) -> Picture:
    """Write a PNG or SVG (by `fmt`, else by the suffix) of the network: coloured by class, sized by degree, labelled.

    Every drawn node gets a label, most connected first, on the first side
    where it covers no other label and no node; a node with no such place
    stays unlabelled, and the title says how many. The same graph gives the
    same bytes.
    """
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
    sizes = {n: 40 + 460 * math.sqrt(degrees[n] / top) for n in nodes}  # marker areas in points²
    picture = Picture(unconnected=len(unconnected))
    with plt.rc_context({"svg.hashsalt": "kg", "font.size": 9}):
        fig, ax = plt.subplots(figsize=(13, 9.5), dpi=110)
        for u, w, data in shown.edges(data=True):
            (x1, y1), (x2, y2) = pos[u], pos[w]
            ax.annotate(
                "",
                xy=(x2, y2),
                xytext=(x1, y1),
                arrowprops={"arrowstyle": "-|>" if data.get("type") != "undirected" else "-", "color": "#999999", "alpha": 0.5,
                            "lw": 0.6 + 0.4 * math.log1p(float(data.get("weight", 1))),
                            "shrinkA": math.sqrt(sizes[u]) / 2, "shrinkB": math.sqrt(sizes[w]) / 2 + 1, "mutation_scale": 8},
                zorder=1,
            )
        classes = sorted({str(graph.nodes[n].get("class", "")) for n in nodes})
        for cls in classes:
            members = [n for n in nodes if str(graph.nodes[n].get("class", "")) == cls]
            ax.scatter([pos[n][0] for n in members], [pos[n][1] for n in members], s=[sizes[n] for n in members],
                       c=color_of(cls), edgecolors="none", zorder=2)
        handles = [Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=color_of(c), markeredgecolor="none", label=c or "other")
                   for c in classes]
        fig.legend(handles=handles, loc="upper right", frameon=False, title="class")
        ax.set_axis_off()
        ax.margins(0.08)
        ax.set_title(" \n ")  # room for the title's two lines, written once the labels are placed
        fig.tight_layout(rect=(0, 0, PLOT_WIDTH, 1))
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has one (matplotlib.use above)
        scale = fig.dpi / 72.0
        for n in nodes:
            cx, cy = ax.transData.transform(pos[n])
            r = math.sqrt(sizes[n]) / 2 * scale
            picture.nodes[n] = Box(cx - r, cy - r, cx + r, cy + r)
        # labels stay left of the legend's column and below the title
        frame = Box(0.0, 0.0, fig.bbox.x1 * PLOT_WIDTH, ax.bbox.y1)
        order = sorted(nodes, key=lambda n: (-degrees[n], str(graph.nodes[n].get("label", n)), str(n)))
        _place_labels(ax, renderer, picture, frame, [(n, pos[n], str(graph.nodes[n].get("label", n)), degrees[n] / top, sizes[n]) for n in order])
        notes = []
        if unconnected:
            notes.append(f"{len(unconnected)} unconnected nodes not drawn")
        if picture.unlabelled:
            notes.append(f"{len(picture.unlabelled)} nodes unlabelled: {NO_ROOM}")
        picture.title = (title or f"kg {graph.graph.get('view', 'entities')} network: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges") + (
            f"\n({'; '.join(notes)})" if notes else "")
        ax.set_title(picture.title)
        metadata = {"Date": None} if fmt == "svg" else {"Software": "kg"}
        with atomic_write(Path(path)) as stream:
            fig.savefig(stream, format=fmt, metadata=metadata)
        plt.close(fig)
    return picture


def _place_labels(ax: Any, renderer: Any, picture: Picture, frame: Box, items: list[tuple[Any, tuple[float, float], str, float, float]]) -> None:
    """Label each node, in the order given, on the first side where the label covers no label, no node and stays in the picture."""
    import matplotlib.patheffects as effects

    halo = [effects.withStroke(linewidth=2.5, foreground="white")]
    for node, xy, label, share, size in items:
        label = label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"
        gap = math.sqrt(size) / 2 + 2  # points from the node's centre to its label
        slant = gap * 0.75
        sides = ((gap, 0, "left", "center"), (-gap, 0, "right", "center"), (0, gap, "center", "bottom"), (0, -gap, "center", "top"),
                 (slant, slant, "left", "bottom"), (-slant, slant, "right", "bottom"), (slant, -slant, "left", "top"), (-slant, -slant, "right", "top"))
        for dx, dy, ha, va in sides:
            text = ax.annotate(label, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, fontsize=7.5 + 2.5 * math.sqrt(share),
                               zorder=3, path_effects=halo)
            extent = text.get_window_extent(renderer)
            box = Box(extent.x0, extent.y0, extent.x1, extent.y1)
            free = box.inside(frame) and not any(box.overlaps(b) for _, b in picture.labels.values())
            if free and not any(box.overlaps(b) for other, b in picture.nodes.items() if other != node):
                picture.labels[node] = (label, box)
                break
            text.remove()
        else:
            picture.unlabelled.append(node)
