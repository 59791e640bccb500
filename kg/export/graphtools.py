"""The entity network for graph tools: GraphML (yEd, Cytoscape), GEXF (Gephi), Cytoscape.js JSON, CSV, DOT.

Each exporter writes `kg.network.project(store)` (the `entities` view), whose
text is already cleaned of characters XML cannot carry; each format then
escapes what it must (XML by lxml, JSON by json, CSV by csv, DOT by `dot_quote`).

Every format names a node by the same id (`node_ids`: `actor:belarus`, the
IRI's path, which GraphML's NMTOKEN ids can hold) and carries the full IRI as
the attribute `iri`; edges are `e0`, `e1`, ... in the same order everywhere,
so a node or edge found in one tool is found by the same name in another.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from kg.network import clean, color_of, project, scalar_attrs

if TYPE_CHECKING:
    import networkx as nx

GEXF_NS = "http://www.gexf.net/1.2draft"
GEXF_VIZ_NS = "http://www.gexf.net/1.2draft/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NODE_COLUMNS = ("class", "kind", "wikidata", "degree", "documents", "status", "amount", "currency", "alt_labels", "qualities", "first_date", "dates")
EDGE_COLUMNS = ("relation", "documents", "status", "evidence", "sources", "first_date", "dates", "explanation", "evidence_sentences")


def _graph(store: Any) -> nx.MultiDiGraph:
    return project(store, "entities")


def _columns(rows: list[dict[str, Any]], preferred: tuple[str, ...], skip: set[str]) -> list[str]:
    """Attribute names in a stable order: the preferred ones first, then any others sorted."""
    seen = {k for row in rows for k in row} - skip
    return [c for c in preferred if c in seen] + sorted(seen - set(preferred))


def _type_of(values: list[Any]) -> str:
    if values and all(isinstance(x, int) for x in values):
        return "integer"
    if values and all(isinstance(x, (int, float)) for x in values):
        return "double"
    return "string"


def _text(value: Any) -> str:
    return repr(value) if isinstance(value, float) else clean(value)


# GraphML ---------------------------------------------------------------------


def node_ids(nodes: list[str]) -> dict[str, str]:
    """The node id every format uses (an XML NMTOKEN, so no '/' or '%'): the IRI's path with '/' as ':', unique."""
    from kg import vocab as v

    ids: dict[str, str] = {}
    taken: set[str] = set()
    for iri in nodes:
        path = iri[len(v.KGI) :] if iri.startswith(v.KGI) else iri
        base = re.sub(r"[^A-Za-z0-9._:-]", "_", path.replace("/", ":")) or "node"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}_{n}"
        ids[iri] = candidate
        taken.add(candidate)
    return ids


def node_attrs(iri: str, data: dict[str, Any]) -> dict[str, str | int | float]:
    """A node's attributes for a graph format: its IRI as `iri`, then the scalar attributes (the id is the node's name)."""
    return {"iri": clean(iri), **{k: val for k, val in scalar_attrs(data).items() if k != "id"}}


def _network(store: Any) -> tuple[nx.MultiDiGraph, dict[str, str]]:
    graph = _graph(store)
    return graph, node_ids(list(graph.nodes))


def export_graphml(store: Any, stream: BinaryIO) -> None:
    """The entity network as GraphML, which yEd, Cytoscape and Gephi open."""
    import networkx as nx

    graph, ids = _network(store)
    plain = nx.MultiDiGraph(**graph.graph)
    plain.add_nodes_from((ids[n], node_attrs(n, d)) for n, d in graph.nodes(data=True))
    for i, (u, w, _, d) in enumerate(graph.edges(keys=True, data=True)):
        plain.add_edge(ids[u], ids[w], key=f"e{i}", **scalar_attrs(d))
    nx.write_graphml(plain, stream, encoding="utf-8", prettyprint=True)


# GEXF ------------------------------------------------------------------------


def export_gexf(store: Any, stream: BinaryIO) -> None:
    """The entity network as GEXF 1.2 for Gephi, with document dates as node and edge start times."""
    from lxml import etree

    graph, ids = _network(store)
    root = etree.Element(
        f"{{{GEXF_NS}}}gexf",
        nsmap={None: GEXF_NS, "viz": GEXF_VIZ_NS, "xsi": XSI_NS},
        attrib={f"{{{XSI_NS}}}schemaLocation": f"{GEXF_NS} http://www.gexf.net/1.2draft/gexf.xsd", "version": "1.2"},
    )
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta")
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "kg"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = f"kg {graph.graph.get('view', 'entities')} network"
    dated = any("first_date" in d for _, d in graph.nodes(data=True))
    g = etree.SubElement(root, f"{{{GEXF_NS}}}graph", defaultedgetype="directed", mode="dynamic" if dated else "static")
    if dated:
        g.set("timeformat", "date")
    nodes = [node_attrs(n, d) for n, d in graph.nodes(data=True)]
    edges = [scalar_attrs(d) for *_, d in graph.edges(keys=True, data=True)]
    node_columns = _gexf_attributes(g, "node", nodes, _columns(nodes, ("iri", *NODE_COLUMNS), {"label"}))
    edge_columns = _gexf_attributes(g, "edge", edges, _columns(edges, EDGE_COLUMNS, {"id", "label", "weight", "type"}))
    nodes_el = etree.SubElement(g, f"{{{GEXF_NS}}}nodes")
    for (node, data), attrs in zip(graph.nodes(data=True), nodes, strict=True):
        el = etree.SubElement(nodes_el, f"{{{GEXF_NS}}}node", id=ids[node], label=clean(data.get("label", node)))
        if "first_date" in data:
            el.set("start", data["first_date"])
        _gexf_values(el, attrs, node_columns)
        color = color_of(str(data.get("class", "")))
        etree.SubElement(el, f"{{{GEXF_VIZ_NS}}}color", r=str(int(color[1:3], 16)), g=str(int(color[3:5], 16)), b=str(int(color[5:7], 16)))
        etree.SubElement(el, f"{{{GEXF_VIZ_NS}}}size", value=f"{4 + 2 * int(data.get('degree', 0)):.1f}")
    edges_el = etree.SubElement(g, f"{{{GEXF_NS}}}edges")
    for i, (u, w, key, data) in enumerate(graph.edges(keys=True, data=True)):
        el = etree.SubElement(edges_el, f"{{{GEXF_NS}}}edge", id=f"e{i}", source=ids[u], target=ids[w])
        el.set("label", clean(data.get("label", key)))
        el.set("weight", f"{float(data.get('weight', 1)):.1f}")
        if data.get("type") == "undirected":
            el.set("type", "undirected")
        if "first_date" in data:
            el.set("start", data["first_date"])
        _gexf_values(el, scalar_attrs(data), edge_columns)
    stream.write(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _gexf_attributes(graph_el: Any, cls: str, rows: list[dict[str, Any]], columns: list[str]) -> dict[str, str]:
    from lxml import etree

    ids: dict[str, str] = {}
    attributes = etree.SubElement(graph_el, f"{{{GEXF_NS}}}attributes", attrib={"class": cls, "mode": "static"})
    for i, name in enumerate(columns):
        ids[name] = str(i)
        kind = _type_of([row[name] for row in rows if name in row])
        etree.SubElement(attributes, f"{{{GEXF_NS}}}attribute", id=str(i), title=name, type=kind)
    return ids


def _gexf_values(el: Any, data: dict[str, Any], ids: dict[str, str]) -> None:
    from lxml import etree

    present = [name for name in ids if name in data]
    if present:
        values = etree.SubElement(el, f"{{{GEXF_NS}}}attvalues")
        for name in present:
            etree.SubElement(values, f"{{{GEXF_NS}}}attvalue", attrib={"for": ids[name], "value": _text(data[name])})


# Cytoscape.js JSON ------------------------------------------------------------


def cyjs_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as Cytoscape.js elements JSON (also what Cytoscape desktop imports as .cyjs, and networkx's cytoscape_graph reads)."""
    ids = node_ids(list(graph.nodes))
    nodes = []
    for node, data in graph.nodes(data=True):
        attrs = node_attrs(node, data)
        nodes.append({"data": {**attrs, "id": ids[node], "value": ids[node], "name": attrs.get("label", ids[node]), "color": color_of(str(data.get("class", "")))}})
    edges = []
    for i, (u, w, key, data) in enumerate(graph.edges(keys=True, data=True)):
        attrs = scalar_attrs(data)
        edges.append({"data": {**attrs, "id": f"e{i}", "source": ids[u], "target": ids[w], "key": clean(key), "interaction": attrs.get("relation", clean(key))}})
    return {
        "format_version": "1.0",
        "generated_by": "kg",
        "target_cytoscapejs_version": "~3.0",
        "data": {"name": f"kg {graph.graph.get('view', 'entities')} network", **scalar_attrs(graph.graph)},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }


def export_cyjs(store: Any, stream: BinaryIO) -> None:
    """The entity network as Cytoscape.js JSON."""
    text = json.dumps(cyjs_data(_graph(store)), ensure_ascii=False, indent=1, sort_keys=False)
    stream.write(text.encode("utf-8") + b"\n")


# CSV (Gephi spreadsheet import) ----------------------------------------------


def csv_tables(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """The nodes table (Id, Label, ...) and the edges table (Source, Target, Type, Id, Label, Weight, ...)."""
    ids = node_ids(list(graph.nodes))
    nodes = [node_attrs(n, d) for n, d in graph.nodes(data=True)]
    node_cols = _columns(nodes, ("iri", *NODE_COLUMNS), {"label"})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Id", "Label", *node_cols])
    for node, data in zip(graph.nodes, nodes, strict=True):
        writer.writerow([ids[node], data.get("label", ""), *(_cell(data.get(c)) for c in node_cols)])
    node_text = out.getvalue()
    edges = [scalar_attrs(d) for *_, d in graph.edges(keys=True, data=True)]
    edge_cols = _columns(edges, EDGE_COLUMNS, {"label", "weight", "type"})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", *edge_cols])
    for i, ((u, w, _), data) in enumerate(zip(graph.edges(keys=True), edges, strict=True)):
        kind = "Undirected" if data.get("type") == "undirected" else "Directed"
        writer.writerow([ids[u], ids[w], kind, f"e{i}", data.get("label", ""), data.get("weight", 1), *(_cell(data.get(c)) for c in edge_cols)])
    return node_text, out.getvalue()


def _cell(value: Any) -> str:
    return "" if value is None else _text(value)


def csv_paths(filename: str | Path) -> tuple[Path, Path]:
    """FILE.csv → (FILE.nodes.csv, FILE.edges.csv)."""
    path = Path(filename)
    stem = path.name[: -len(".csv")] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(f"{stem}.nodes.csv"), path.with_name(f"{stem}.edges.csv")


def export_csv(store: Any, stream: BinaryIO, filename: str | None = None) -> None:
    """Gephi spreadsheet CSV: with a file name, FILE.nodes.csv and FILE.edges.csv; always nodes, a blank line, edges to `stream`."""
    from kg.atomic import atomic_write

    node_text, edge_text = csv_tables(_graph(store))
    if filename and filename != "-":
        for path, text in zip(csv_paths(filename), (node_text, edge_text), strict=True):
            with atomic_write(path) as out:
                out.write(text.encode("utf-8"))
    stream.write(node_text.encode("utf-8") + b"\r\n" + edge_text.encode("utf-8"))


# Graphviz DOT -----------------------------------------------------------------


DOT_CHUNK = 2000  # characters; Graphviz refuses a quoted string over 16384 bytes, so long text is joined with +


def dot_quote(value: Any) -> str:
    """A DOT double-quoted string for any text (long text as "..." + "...", which Graphviz concatenates)."""
    text = _text(value).replace("\r\n", "\n").replace("\r", "\n")
    chunks = [text[i : i + DOT_CHUNK] for i in range(0, len(text), DOT_CHUNK)] or [""]
    return " + ".join('"' + c.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"' for c in chunks)


def _dot_attrs(data: dict[str, Any]) -> str:
    return ", ".join(f"{name}={dot_quote(value)}" for name, value in data.items())


def export_dot(store: Any, stream: BinaryIO) -> None:
    """The entity network as Graphviz DOT (`dot -Tsvg`, or `sfdp` for large graphs)."""
    graph, ids = _network(store)
    lines = ['digraph "kg" {', '  graph [overlap=false, splines=true, fontname="Helvetica"];', '  node [shape=ellipse, style=filled, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=9];']
    for node, data in graph.nodes(data=True):
        attrs = {k: val for k, val in node_attrs(node, data).items() if k != "class"}
        attrs = {"label": attrs.pop("label", node), "kg_class": data.get("class", ""), "fillcolor": color_of(str(data.get("class", ""))), **attrs}
        lines.append(f"  {dot_quote(ids[node])} [{_dot_attrs(attrs)}];")
    for i, (u, w, key, data) in enumerate(graph.edges(keys=True, data=True)):
        attrs = {"id": f"e{i}", "key": key, **{k: val for k, val in scalar_attrs(data).items() if k != "type"}}
        if data.get("type") == "undirected":
            attrs["dir"] = "none"
        lines.append(f"  {dot_quote(ids[u])} -> {dot_quote(ids[w])} [{_dot_attrs(attrs)}];")
    lines.append("}")
    stream.write(("\n".join(lines) + "\n").encode("utf-8"))
