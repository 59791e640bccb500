"""The entity network as one self-contained, offline HTML page.

The layout is computed here (kg.viz.layout); the page's own small script
(page.js) draws it as SVG, so the page loads nothing from anywhere. The graph
travels as JSON in a `<script type="application/json">` block with `<`, `>`,
`&` and U+2028/9 escaped, and the script sets text only through
`textContent`; a Content-Security-Policy allows that one script (by hash) and
no network at all, as a second wall.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from importlib import resources
from typing import Any

from kg.network import color_of, scalar_attrs

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_html(data: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>', '&' or JS line separators left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _JSON_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def page_data(graph: Any) -> dict[str, Any]:
    """What the page draws: nodes with positions, edges with evidence, classes and relations."""
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
                "x": round(x, 5),
                "y": round(1.0 - y, 5),  # SVG's y axis points down
                "attrs": attrs,
            }
        )
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
    relations = Counter(e["relation"] for e in edges)
    return {
        "view": str(graph.graph.get("view", "entities")),
        "nodes": nodes,
        "edges": edges,
        "classes": [{"name": c, "color": color_of(c), "count": classes[c]} for c in sorted(classes)],
        "relations": [{"name": r, "count": relations[r]} for r in sorted(relations)],
    }


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8")


def render_html(graph: Any, title: str = "kg entity network") -> str:
    """The whole page as a string."""
    script = _asset("page.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    parts = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(title, quote=True),
        "CSS": _asset("page.css"),
        "JS": script,
        "DATA": json_for_html(page_data(graph)),
    }
    # one pass over the template only, so no inserted text is ever scanned for markers
    page = re.sub(r"@@([A-Z]+)@@", lambda m: parts[m.group(1)], _asset("page.html"))
    return page
