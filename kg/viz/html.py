"""The entity network as one self-contained, offline HTML page drawn by vis-network.

vis-network (a maintained graph-drawing library) arrives inside PyPI's
`pyvis` wheel; its minified script is read from site-packages at run time and
inlined, so the page loads nothing from anywhere and nothing of it is copied
into this repository. The layout is computed here (kg.viz.layout: components
side by side, the same every time), so the page opens without a physics run
and stays responsive with thousands of nodes. The graph travels as JSON in a
`<script type="application/json">` block with `<`, `>`, `&` and U+2028/9
escaped; the page's own script (page.js) sets text only through
`textContent`, and a Content-Security-Policy allows exactly the two scripts
(by hash) and no network at all, as a second wall.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.network import color_of, scalar_attrs

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# one colour per relation, in the order relations are sorted (Tableau 10, then greys)
RELATION_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
                   "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
SCALE = 1000.0  # layout units per unit square: vis-network's coordinates, in CSS pixels at zoom 1


def json_for_html(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>', '&' or JS line separators left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _JSON_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


@lru_cache(maxsize=1)
def vis_network_script() -> str:
    """vis-network's standalone script, as the installed `pyvis` wheel ships it (the newest version it holds)."""
    spec = find_spec("pyvis")
    folders = list(spec.submodule_search_locations or []) if spec else []
    found = sorted(
        (path for folder in folders for path in Path(folder, "lib").glob("vis-*/vis-network.min.js")),
        key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)),
    )
    if not found:
        raise KgError("kg viz draws with vis-network from the `pyvis` package, which is not installed: pip install pyvis")
    # a source-map comment would have DevTools ask for a file beside the page
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", found[-1].read_text(encoding="utf-8"))


def page_data(graph: Any) -> dict[str, Any]:
    """What the page draws: nodes with positions, edges with evidence, classes, relations and documents."""
    from kg.viz.layout import positions

    pos = positions(graph)
    index = {node: i for i, node in enumerate(graph.nodes)}
    nodes = []
    for node, data in graph.nodes(data=True):
        attrs = scalar_attrs(data)
        x, y = pos.get(node, (0.5, 0.5))
        nodes.append(
            {
                "id": str(node),
                "label": str(attrs.get("label", node)),
                "cls": str(attrs.get("class", "")),
                "degree": int(attrs.get("degree", 0)),
                "x": round(x * SCALE, 2),
                "y": round((1.0 - y) * SCALE, 2),  # the canvas's y axis points down
                "attrs": attrs,
            }
        )
    relations = Counter(str(data.get("relation", key)) for _, _, key, data in graph.edges(keys=True, data=True))
    colors = {r: RELATION_COLORS[i % len(RELATION_COLORS)] for i, r in enumerate(sorted(relations))}
    edges = []
    for u, w, key, data in graph.edges(keys=True, data=True):
        attrs = scalar_attrs(data)
        edges.append(
            {
                "s": index[u],
                "t": index[w],
                "relation": str(attrs.get("relation", key)),
                "label": str(attrs.get("label", key)),
                "weight": float(attrs.get("weight", 1)),
                "directed": attrs.get("type") != "undirected",
                "attrs": attrs,
                "sentences": list(data.get("sentences", [])),
            }
        )
    classes = Counter(n["cls"] for n in nodes)
    documents = graph.graph.get("documents", {})
    return {
        "view": str(graph.graph.get("view", "entities")),
        "nodes": nodes,
        "edges": edges,
        "classes": [{"name": c, "color": color_of(c), "count": classes[c]} for c in sorted(classes)],
        "relations": [{"name": r, "color": colors[r], "count": relations[r]} for r in sorted(relations)],
        "documents": [{"name": name, **documents[name]} for name in sorted(documents)],
    }


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8")


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(graph: Any, title: str = "kg entity network") -> str:
    """The whole page as a string."""
    library = vis_network_script()
    script = _asset("page.js")
    csp = f"default-src 'none'; script-src {_hash(library)} {_hash(script)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    parts = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(title, quote=True),
        "CSS": _asset("page.css"),
        "LIBRARY": library,
        "JS": script,
        "DATA": json_for_html(page_data(graph)),
    }
    # one pass over the template only, so no inserted text is ever scanned for markers
    return re.sub(r"@@([A-Z]+)@@", lambda m: parts[m.group(1)], _asset("page.html"))
