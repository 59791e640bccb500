"""The shipped library of research questions: `kg/query/queries/*.rq`, each with a comment header.

Header lines at the top of a file:

    # title: Who funds which measure, and how much
    # description: One row per funding edge ...
    # param: actor (label) = European Union

A parameter NAME binds the query variable ?NAME, which the query projects.
Values are never pasted into the query text as text: they become RDF terms,
which Oxigraph substitutes for the variable (SEP-0007 `substitutions`) and
which a `VALUES` block opening the WHERE clause also binds, written from the
terms, so that filters see them (`kg.query.execute.with_inline_values`). Types:
`string` (a plain literal, the default), `label` (the canonical
rdfs:label of the entity whose label or alt label matches, ignoring case),
`relation` (a contract relation such as `funds` or `must-respect`, as its
kg: IRI), `document` (a built document by path, file name or id, as its
IRI). An empty value leaves the variable free, which means "all".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

import pyoxigraph as ox

from kg import vocab as v
from kg.errors import UsageError
from kg.query.execute import QueryResult, Term, run_query

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_]\w*)\s*(?:\((\w+)\))?\s*(?:=\s*(.*))?$")
PARAM_TYPES = ("string", "label", "relation", "document")
# string parameters whose values form a closed set, by parameter name
CLOSED_STRINGS: dict[str, tuple[str, ...]] = {"status": v.STATUSES}


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: the variable it binds, its type and default ('' = all)."""

    name: str
    type: str = "string"
    default: str = ""

    @property
    def allowed(self) -> tuple[str, ...]:
        """The values this parameter accepts when they are a closed set (statuses, relations), else ()."""
        if self.type == "relation":
            return tuple(iri[len(v.KG) :] for iri in v.RELATIONS.values())
        if self.type == "string":
            return CLOSED_STRINGS.get(self.name, ())
        return ()


@dataclass(frozen=True)
class NamedQuery:
    """One shipped query: name (file stem), title, description, parameters and SPARQL text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sparql: str = field(repr=False)


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the comment header of a `.rq` file."""
    title, description, params = name, "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "title":
            title = value
        elif key == "description":
            description = f"{description} {value}".strip()
        else:
            pm = _PARAM.match(value)
            if pm is None or (pm.group(2) or "string") not in PARAM_TYPES:
                raise ValueError(f"{name}.rq: bad param line '{value}'")
            params.append(Param(pm.group(1), pm.group(2) or "string", (pm.group(3) or "").strip()))
    return NamedQuery(name, title, description, tuple(params), text)


def _query_files() -> dict[str, str]:
    folder = resources.files("kg.query") / "queries"
    return {entry.name[:-3]: entry.read_text(encoding="utf-8") for entry in folder.iterdir() if entry.name.endswith(".rq")}


def named_queries() -> dict[str, NamedQuery]:
    """Every shipped query by name, sorted."""
    return {name: parse_named_query(name, text) for name, text in sorted(_query_files().items())}


def get_named_query(name: str) -> NamedQuery:
    """One shipped query; UsageError listing the names if there is none such."""
    queries = named_queries()
    if name not in queries:
        raise UsageError(f"no named query '{name}'; `kg query --list` shows them ({', '.join(queries)})")
    return queries[name]


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """`k=v` strings into a dict; UsageError for a pair without '='."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param '{pair}' is not NAME=VALUE")
        out[key.strip()] = value.strip()
    return out


def bind_params(store: object, query: NamedQuery, given: Mapping[str, str]) -> dict[str, Term]:
    """The substitutions for a named query: given values over defaults, each resolved to an RDF term."""
    known = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(known))
    if unknown:
        names = ", ".join(known) or "none"
        raise UsageError(f"query '{query.name}' has no parameter '{unknown[0]}' (its parameters: {names})")
    out: dict[str, Term] = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value:
            out[param.name] = resolve(store, param, value)
    return out


def resolve(store: object, param: Param, value: str) -> Term:
    """One parameter value as the RDF term its type asks for."""
    if param.type == "label":
        return ox.Literal(_canonical_label(store, param.name, value))
    if param.type == "relation":
        return ox.NamedNode(_relation_iri(param.name, value))
    if param.type == "document":
        return _document_iri(store, param.name, value)
    if param.allowed and value not in param.allowed:
        raise UsageError(f"--param {param.name}='{value}' is not one of {', '.join(param.allowed)}")
    return ox.Literal(value)


_LABEL_LOOKUP = """
SELECT ?label ?name WHERE {
  { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }
  FILTER(LCASE(STR(?l)) = LCASE(STR(?name)))
  ?e rdfs:label ?label .
  FILTER NOT EXISTS { ?e a owl:Class } FILTER NOT EXISTS { ?e a owl:ObjectProperty }
}"""


_EXACT_LABEL = """
ASK {
  ?e rdfs:label ?name .
  FILTER NOT EXISTS { ?e a owl:Class } FILTER NOT EXISTS { ?e a owl:ObjectProperty }
}"""


def _canonical_label(store: object, param: str, value: str) -> str:
    # an exact canonical label wins (below) whatever else matches: one index lookup instead of comparing every label
    # in lower case (2 s at 10,000 documents on the store)
    if run_query(store, _EXACT_LABEL, {"name": ox.Literal(value)}).value:
        return value
    rows = list(run_query(store, _LABEL_LOOKUP, {"name": ox.Literal(value)}).value)  # type: ignore[call-overload]
    bare = re.sub(r"^(the|a|an)\s+", "", value.strip(), flags=re.IGNORECASE)
    if not rows and bare != value:  # "the Union" is the Union
        rows = list(run_query(store, _LABEL_LOOKUP, {"name": ox.Literal(bare)}).value)  # type: ignore[call-overload]
    labels: list[str] = sorted({row["label"].value for row in rows})  # type: ignore[union-attr]
    if not labels:
        raise UsageError(
            f"--param {param}='{value}': no entity has that label or alt label; "
            "`kg query --named entities` lists them"
        )
    # an exact canonical label wins over entities that only share an alt label, then one in another case
    if value in labels:
        return value
    same = [label for label in labels if label.casefold() in (value.casefold(), bare.casefold())]
    if len(same) == 1:
        return same[0]
    if len(labels) > 1:
        candidates = "; ".join(f"'{label}'" for label in labels)
        raise UsageError(f"--param {param}='{value}' is ambiguous: it names {len(labels)} entities ({candidates}); give one of their labels")
    return labels[0]


def _relation_iri(param: str, value: str) -> str:
    name = value.removeprefix("kg:").removeprefix(v.KG)
    for kebab, iri in v.RELATIONS.items():
        if name in (kebab, iri[len(v.KG):]):
            return iri
    choices = ", ".join(Param(param, "relation").allowed)
    raise UsageError(f"--param {param}='{value}' is not a relation; choose one of {choices}")


_DOCUMENTS = "SELECT ?d ?path WHERE { ?d a kg:Document ; kg:sourcePath ?path }"


def _document_iri(store: object, param: str, value: str) -> ox.NamedNode:
    rows = list(run_query(store, _DOCUMENTS).value)  # type: ignore[call-overload]
    for row in rows:
        path, iri = row["path"].value, row["d"].value
        if value in (path, path.rsplit("/", 1)[-1], iri, iri.rsplit("/", 1)[-1], iri.rsplit("/", 1)[-1].rsplit("-", 1)[0]):
            return row["d"]  # type: ignore[no-any-return]
    raise UsageError(f"--param {param}='{value}': no such document; `kg query --named documents` lists them")


def run_named_query(store: object, name: str, given: Mapping[str, str] | None = None) -> QueryResult:
    """Run a shipped query with its parameters bound."""
    query = get_named_query(name)
    return run_query(store, query.sparql, bind_params(store, query, given or {}))
