"""SHACL validation of a built graph against ontology/shapes.ttl, with a readable report."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from kg import vocab as v
from kg.errors import KgError, NoGraphError, UsageError
from kg.resources import ontology_file
from kg.store import GRAPH_FILE

SH = rdflib.Namespace(v.SH)
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
_MAX_VALUE_CHARS = 60


@dataclass(frozen=True)
class Violation:
    """One SHACL result, its terms written as prefixed names."""

    focus: str
    path: str
    message: str
    severity: str  # Violation | Warning | Info
    value: str = ""

    def line(self) -> str:
        """The result as one report line."""
        parts = [self.focus, self.path, self.value]
        return "  " + "  ".join(p for p in parts if p)


@dataclass
class ValidationResult:
    """Whether a graph conforms, every result, and the report as text."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""


def validate_graph(data: rdflib.Graph | str | os.PathLike[str], *, source: str = "") -> ValidationResult:
    """Validate a graph (or an RDF file) against the contract's shapes; warnings do not fail it."""
    from pyshacl import validate

    graph = _with_ontology(_load(data) if not isinstance(data, rdflib.Graph) else data)
    shapes = rdflib.Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    fast = _sparql_only_shapes(shapes)
    for shape in fast:
        shapes.add((shape, SH.deactivated, Literal(True)))
    # no inference: every actor is typed kg:Actor explicitly, and sh:class follows
    # rdfs:subClassOf in the data graph, which holds the ontology (measured on 10k
    # triples: inference="rdfs" took 2.2 times as long)
    conforms, report, text = validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True)
    if not isinstance(report, rdflib.Graph):  # pyshacl hands back a failure when the shapes are broken
        raise KgError(f"ontology/shapes.ttl cannot be used: {text}")
    violations = _violations(report) + _sparql_violations(graph, shapes, fast)
    violations.sort(key=lambda x: (_SEVERITY_ORDER.get(x.severity, 9), x.message, x.focus, x.path, x.value))
    ok = bool(conforms) and not any(x.severity == "Violation" for x in violations)
    name = source or (str(data) if not isinstance(data, rdflib.Graph) else "the graph")
    return ValidationResult(ok, violations, format_report(violations, ok, name))


def validate_output(out_dir: str | os.PathLike[str]) -> ValidationResult:
    """Validate `out_dir/graph.ttl`, the merged graph a build writes."""
    path = Path(out_dir) / GRAPH_FILE
    if not path.is_file():
        raise NoGraphError(f"no graph in '{path}': run `kg build [PATH ...] --out {Path(out_dir)}` first")
    return validate_graph(path)


def _load(path: str | os.PathLike[str]) -> rdflib.Graph:
    fmt = rdflib.util.guess_format(str(path)) or "turtle"
    try:
        return rdflib.Graph().parse(str(path), format=fmt)
    except FileNotFoundError:
        raise UsageError(f"no such file: '{path}'") from None
    except Exception as err:  # rdflib raises many parser-specific types
        raise UsageError(f"cannot read '{path}' as {fmt}: {err}") from None


def _with_ontology(graph: rdflib.Graph) -> rdflib.Graph:
    """The graph with ontology/kg.ttl in it (graph.ttl has it already), without changing the caller's graph."""
    if (URIRef(v.ACTOR), rdflib.RDF.type, rdflib.OWL.Class) in graph:
        return graph
    merged = rdflib.Graph()
    merged += graph
    merged.parse(ontology_file("kg.ttl"), format="turtle")
    return merged


# -- shapes evaluated with Oxigraph --------------------------------------------
# pySHACL parses a SPARQL constraint's query once per focus node with rdflib's
# slow parser; shapes whose targets and constraints are all SPARQL run here
# instead, with the same semantics: the target query selects the focus nodes,
# and each constraint runs with $this pre-bound to one of them.


def _sparql_only_shapes(shapes: rdflib.Graph) -> list[Node]:
    """Shapes with SPARQL targets and SPARQL constraints only."""
    out = []
    for shape in set(shapes.subjects(SH.target, None)):
        targets = list(shapes.objects(shape, SH.target))
        if not all((t, rdflib.RDF.type, SH.SPARQLTarget) in shapes for t in targets):
            continue
        own = {p for p in shapes.predicates(shape, None) if str(p).startswith(v.SH)}
        if own <= {SH.target, SH.sparql, SH.severity, SH.message, SH.deactivated, SH.name, SH.description}:
            if (shape, SH.deactivated, Literal(True)) not in shapes:
                out.append(shape)
    return out


def _prefixes(shapes: rdflib.Graph, node: Node) -> dict[str, str]:
    out = {}
    for holder in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(holder, SH.declare):
            out[str(shapes.value(declaration, SH.prefix))] = str(shapes.value(declaration, SH.namespace))
    return out


def _sparql_violations(graph: rdflib.Graph, shapes: rdflib.Graph, fast: list[Node]) -> list[Violation]:
    if not fast:
        return []
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
    out: list[Violation] = []
    for shape in fast:
        severity = str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        focus_nodes = []
        for target in shapes.objects(shape, SH.target):
            rows = store.query(str(shapes.value(target, SH.select)), prefixes=_prefixes(shapes, target))
            focus_nodes += [row["this"] for row in rows]  # type: ignore[union-attr]
        for constraint in shapes.objects(shape, SH.sparql):
            query = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
            message = str(shapes.value(constraint, SH.message) or shapes.value(shape, SH.message) or "constraint not met")
            for focus in dict.fromkeys(focus_nodes):
                rows = store.query(query, prefixes=_prefixes(shapes, constraint), substitutions={ox.Variable("this"): focus})
                for row in rows:  # type: ignore[union-attr]
                    out.append(_sparql_violation(row, focus, message, severity))
    return list(dict.fromkeys(out))


def _sparql_violation(row: object, focus: object, message: str, severity: str) -> Violation:
    def term(name: str) -> Node | None:
        try:
            value = row[name]  # type: ignore[index]
        except (KeyError, IndexError):
            return None
        return _to_rdflib(value) if value is not None else None

    for name in re.findall(r"\{[?$](\w+)\}", message):
        message = message.replace(f"{{?{name}}}", shorten(term(name))).replace(f"{{${name}}}", shorten(term(name)))
    path, value = term("path"), term("value")
    return Violation(shorten(_to_rdflib(focus)), shorten(path) if path is not None else "", message, severity, shorten(value))


def _to_rdflib(term: object) -> Node:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _violations(report: rdflib.Graph) -> list[Violation]:
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        out.append(
            Violation(
                focus=shorten(report.value(result, SH.focusNode)),
                path=shorten(path, report) if path is not None else "",
                message=str(report.value(result, SH.resultMessage) or _component(report, result)),
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                value=shorten(value) if value is not None else "",
            )
        )
    return out


def _component(report: rdflib.Graph, result: Node) -> str:
    component = report.value(result, SH.sourceConstraintComponent)
    return shorten(component) if component is not None else "constraint not met"


def shorten(term: Node | None, graph: rdflib.Graph | None = None) -> str:
    """A term as a prefixed name (kg:..., kgi:...), a quoted literal or a SHACL path."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        for prefix, ns in sorted(v.PREFIXES.items(), key=lambda item: -len(item[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(term, Literal):
        text = str(term).replace("\n", " ")
        if len(text) > _MAX_VALUE_CHARS:
            text = text[: _MAX_VALUE_CHARS - 1] + "…"
        quoted = '"' + text.replace('"', '\\"') + '"'
        if term.datatype is not None and str(term.datatype) != v.XSD + "string":
            return f"{quoted}^^{shorten(term.datatype)}"
        return f"{quoted}@{term.language}" if term.language else quoted
    if isinstance(term, BNode) and graph is not None:
        inverse = graph.value(term, SH.inversePath)
        if inverse is not None:
            return "^" + shorten(inverse, graph)
    return f"_:{term}"


def format_report(violations: Iterable[Violation], conforms: bool, source: str) -> str:
    """One line per result, grouped under its message, with counts at the end."""
    lines: list[str] = []
    groups: dict[tuple[str, str], list[Violation]] = {}
    for violation in violations:
        groups.setdefault((violation.severity, violation.message), []).append(violation)
    for (severity, message), members in groups.items():
        lines.append(f"{severity}: {message} ({len(members)})")
        lines.extend(member.line() for member in members)
    counts: dict[str, int] = {}
    for (severity, _), members in groups.items():
        counts[severity] = counts.get(severity, 0) + len(members)
    errors = counts.get("Violation", 0)
    summary = f"{errors} violation{'s' if errors != 1 else ''}"
    for severity in ("Warning", "Info"):
        if counts.get(severity):
            summary += f", {counts[severity]} {severity.lower()}{'s' if counts[severity] != 1 else ''}"
    verdict = "conforms" if conforms else "does not conform"
    lines.append(f"{source} {verdict} to the kg shapes: {summary}")
    return "\n".join(lines)
