"""The RDF graph projected to a networkx graph for graph tools: entity, actor and full views.

Every view is a `networkx.MultiDiGraph` whose node keys are IRIs and whose
edge keys name the relation, built in sorted order so that the same graph
always gives the same file. Attribute values are plain str/int/float, with
characters that XML cannot carry removed (see `clean`), so that every
exporter can write any text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg import vocab as v
from kg.errors import UsageError

if TYPE_CHECKING:  # networkx is imported inside the functions that need it
    import networkx as nx

VIEWS = ("entities", "actors", "full")
KINDS = ("Actor", "Measure", "Fund", "LegalPrinciple")
SHARES = "shares"
_KIND_OF = {v.KG + kind: kind for kind in KINDS}
_RELATION_NAMES = {iri: iri[len(v.KG) :] for iri in v.RELATIONS.values()}
# XML 1.0 Char minus the discouraged C1 controls; U+FFFE/FFFF and lone surrogates are never valid
_INVALID = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# one colour per class, shared by every picture and by the GEXF/DOT exports
CLASS_COLORS: dict[str, str] = {
    "State": "#4e79a7",
    "EUInstitution": "#76b7b2",
    "NationalAuthority": "#59a14f",
    "Agency": "#8cd17d",
    "InternationalOrganisation": "#a0cbe8",
    "Group": "#b07aa1",
    "Person": "#ff9da7",
    "Organisation": "#9c755f",
    "Actor": "#86bcb6",
    "Measure": "#f28e2b",
    "Fund": "#edc948",
    "LegalPrinciple": "#e15759",
}
OTHER_COLOR = "#bab0ac"


def color_of(cls: str) -> str:
    """The colour of a node class (grey for classes outside the contract)."""
    return CLASS_COLORS.get(cls, OTHER_COLOR)


def clean(text: object) -> str:
    """Text safe for XML 1.0, JSON, CSV and DOT: control characters and lone surrogates dropped."""
    return _INVALID.sub("", str(text))


def words(name: str) -> str:
    """A camelCase local name as words ('cooperatesWith' → 'cooperates with')."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower()


@dataclass(order=True)
class Sentence:
    """One evidence sentence behind an edge, ordered by date, document and offset."""

    date: str
    document: str
    start: int
    text: str


@dataclass
class _Edge:
    source: str
    relation: str
    target: str
    sentences: list[Sentence] = field(default_factory=list)


def project(store: Any, view: str = "entities", *, with_sentences: bool = False) -> nx.MultiDiGraph:
    """The store's merged graph as a networkx MultiDiGraph in the chosen view."""
    if view not in VIEWS:
        raise UsageError(f"unknown view '{view}'; choose one of: {', '.join(VIEWS)}")
    facts = _Facts.read(store)
    if view == "entities":
        graph = _entities_graph(facts, with_sentences)
    elif view == "actors":
        graph = _actors_graph(facts, with_sentences)
    else:
        graph = _full_graph(store, facts, with_sentences)
    graph.graph["view"] = view
    if with_sentences:  # what the page shows of each document a sentence names (not for the exports: a dict is no graph attribute)
        graph.graph["documents"] = {d["name"]: {k: d[k] for k in ("title", "date", "path", "url")} for d in facts.documents.values()}
    for node in graph.nodes:
        graph.nodes[node]["degree"] = int(graph.degree(node))
    return graph


# reading the store ------------------------------------------------------------


@dataclass
class _Facts:
    """What the views need from the store, read with a handful of SPARQL queries."""

    entities: dict[str, dict[str, Any]]
    documents: dict[str, dict[str, str]]
    edges: list[_Edge]

    @classmethod
    def read(cls, store: Any) -> _Facts:
        """Read entities, documents, relations and their evidence."""
        documents = _documents(store)
        entities = _entities(store, documents)
        edges = _relation_edges(store, entities, documents)
        return cls(entities, documents, edges)


def _rows(store: Any, sparql: str) -> Iterable[dict[str, str | None]]:
    solutions = store.query(sparql)
    names = [var.value for var in solutions.variables]
    for row in solutions:
        yield {name: (row[name].value if row[name] is not None else None) for name in names}


def _documents(store: Any) -> dict[str, dict[str, str]]:
    rows = _rows(
        store,
        """SELECT ?d ?title ?date ?path ?url WHERE { ?d a kg:Document .
             OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d dcterms:date ?date } OPTIONAL { ?d kg:sourcePath ?path } OPTIONAL { ?d kg:url ?url } }""",
    )
    docs: dict[str, dict[str, str]] = {}
    for row in rows:
        d = docs.setdefault(str(row["d"]), {"title": "", "date": "", "path": "", "url": ""})
        for key in ("title", "date", "path", "url"):
            value = row[key]
            if value and (not d[key] or value < d[key]):
                d[key] = clean(value)
    for iri, d in docs.items():
        d["name"] = d["path"].rsplit("/", 1)[-1] or d["title"] or iri.rsplit("/", 1)[-1]
    return docs


def _entities(store: Any, documents: dict[str, dict[str, str]]) -> dict[str, dict[str, Any]]:
    types: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "SELECT ?e ?t WHERE { ?e a ?t FILTER(isIRI(?e)) }"):
        types[str(row["e"])].add(str(row["t"]))
    entities: dict[str, dict[str, Any]] = {}
    for iri in sorted(types):
        kinds = sorted(_KIND_OF[t] for t in types[iri] if t in _KIND_OF)
        if not kinds:
            continue
        subclasses = sorted(t[len(v.KG) :] for t in types[iri] if t.startswith(v.KG) and t not in _KIND_OF)
        entities[iri] = {"id": clean(iri), "label": "", "class": subclasses[0] if subclasses else kinds[0], "kind": kinds[0]}
    props: dict[tuple[str, str], list[str]] = defaultdict(list)
    predicates = [v.LABEL, v.ALT_LABEL, v.SAME_AS, v.MENTIONED_IN, v.STATUS, v.AMOUNT, v.CURRENCY, v.QUALITY]
    values = " ".join(f"<{p}>" for p in predicates)
    for row in _rows(store, f"SELECT ?e ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?e ?p ?o }}"):
        if row["e"] in entities:
            props[(str(row["e"]), str(row["p"]))].append(str(row["o"]))
    for iri, node in entities.items():
        node["label"] = clean(min(props[(iri, v.LABEL)], default="") or iri.rsplit("/", 1)[-1])
        alts = sorted({clean(a) for a in props[(iri, v.ALT_LABEL)]} - {node["label"]})
        if alts:
            node["alt_labels"] = "; ".join(alts)
        wikidata = sorted(o[len(v.WD) :] for o in props[(iri, v.SAME_AS)] if o.startswith(v.WD))
        if wikidata:
            node["wikidata"] = clean(wikidata[0])
        docs = sorted(set(props[(iri, v.MENTIONED_IN)]))
        node["documents"] = len(docs)
        _set_dates(node, (documents.get(d, {}).get("date", "") for d in docs))
        if node["kind"] == "Measure" and props[(iri, v.STATUS)]:
            node["status"] = clean(min(props[(iri, v.STATUS)]))
        if props[(iri, v.QUALITY)]:
            node["qualities"] = "; ".join(sorted({clean(q) for q in props[(iri, v.QUALITY)]}))
        if node["kind"] == "Fund" and props[(iri, v.AMOUNT)]:
            node["amount"] = float(min(props[(iri, v.AMOUNT)], key=float))
        if node["kind"] == "Fund" and props[(iri, v.CURRENCY)]:
            node["currency"] = clean(min(props[(iri, v.CURRENCY)]))
    return entities


def _set_dates(attrs: dict[str, Any], dates: Iterable[str]) -> None:
    known = sorted({d for d in dates if d})
    if known:
        attrs["first_date"] = known[0]
        attrs["dates"] = "; ".join(known)


def _relation_edges(store: Any, entities: dict[str, dict[str, Any]], documents: dict[str, dict[str, str]]) -> list[_Edge]:
    values = " ".join(f"<{p}>" for p in sorted(_RELATION_NAMES))
    edges: dict[tuple[str, str, str], _Edge] = {}
    for row in _rows(store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"):
        s, p, o = str(row["s"]), str(row["p"]), str(row["o"])
        if s in entities and o in entities:
            edges[(s, p, o)] = _Edge(s, _RELATION_NAMES[p], o)
    rows = _rows(
        store,
        """SELECT ?s ?p ?o ?text ?doc ?start WHERE { ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ;
             rdf:object ?o ; kg:sentence ?text . OPTIONAL { ?ev prov:wasDerivedFrom ?doc } OPTIONAL { ?ev kg:startOffset ?start } }""",
    )
    for row in rows:
        edge = edges.get((str(row["s"]), str(row["p"]), str(row["o"])))
        if edge is None:
            continue
        doc = documents.get(str(row["doc"]), {})
        start = int(row["start"]) if row["start"] and str(row["start"]).lstrip("-").isdigit() else 0
        sentence = Sentence(doc.get("date", ""), doc.get("name", ""), start, clean(row["text"]))
        if sentence not in edge.sentences:
            edge.sentences.append(sentence)
    for edge in edges.values():
        # dated sentences first, oldest first; undated ones after them
        edge.sentences.sort(key=lambda s: (s.date == "", s.date, s.document, s.start, s.text))
    return [edges[key] for key in sorted(edges)]


# building the views -----------------------------------------------------------


def _new_graph() -> nx.MultiDiGraph:
    import networkx as nx

    return nx.MultiDiGraph()


def _edge_attrs(relation: str, sentences: list[Sentence], with_sentences: bool) -> dict[str, Any]:
    attrs: dict[str, Any] = {"relation": relation, "label": words(relation), "weight": len(sentences), "type": "directed"}
    attrs["documents"] = len({s.document for s in sentences})
    if sentences:
        attrs["sources"] = "; ".join(sorted({s.document for s in sentences}))
        attrs["evidence"] = sentences[0].text
    _set_dates(attrs, (s.date for s in sentences))
    if with_sentences:
        attrs["sentences"] = [{"text": s.text, "document": s.document, "date": s.date} for s in sentences]
    return attrs


def _add_nodes(graph: nx.MultiDiGraph, nodes: dict[str, dict[str, Any]]) -> None:
    for iri in sorted(nodes):
        graph.add_node(iri, **nodes[iri])


def _entities_graph(facts: _Facts, with_sentences: bool) -> nx.MultiDiGraph:
    graph = _new_graph()
    _add_nodes(graph, facts.entities)
    for edge in sorted(facts.edges, key=lambda e: (e.source, e.target, e.relation)):
        attrs = _edge_attrs(edge.relation, edge.sentences, with_sentences)
        status = _edge_status(facts.entities[edge.source], facts.entities[edge.target])
        if status:
            attrs["status"] = status
        graph.add_edge(edge.source, edge.target, key=edge.relation, **attrs)
    return graph


def _edge_status(source: dict[str, Any], target: dict[str, Any]) -> str:
    """A relation to or from a measure carries that measure's status."""
    for end in (target, source):
        if end["kind"] == "Measure" and end.get("status"):
            return str(end["status"])
    return ""


def _actors_graph(facts: _Facts, with_sentences: bool) -> nx.MultiDiGraph:
    graph = _new_graph()
    actors = {iri: node for iri, node in facts.entities.items() if node["kind"] == "Actor"}
    _add_nodes(graph, actors)
    links: dict[str, list[tuple[str, str, list[Sentence]]]] = defaultdict(list)
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    for edge in facts.edges:
        if edge.source in actors and edge.target in actors:
            edges.append((edge.source, edge.target, edge.relation, _edge_attrs(edge.relation, edge.sentences, with_sentences)))
        elif edge.source in actors:
            links[edge.target].append((edge.source, edge.relation, edge.sentences))
        elif edge.target in actors:
            links[edge.source].append((edge.target, _inverse(edge.relation), edge.sentences))
    # the actor who provides a fund also funds what the fund pays for
    kinds = {iri: node["kind"] for iri, node in facts.entities.items()}
    for paid in facts.edges:
        if paid.relation == "funds" and kinds[paid.source] == "Fund" and kinds[paid.target] != "Actor":
            for provider, relation, found in links.get(paid.source, []):
                if relation == "provides":
                    via = f"funds via {facts.entities[paid.source]['label']}"
                    links[paid.target].append((provider, via, found + paid.sentences))
    shared: dict[tuple[str, str], list[tuple[str, str, str, list[Sentence]]]] = defaultdict(list)
    for thing in sorted(links):
        roles: dict[str, set[str]] = defaultdict(set)
        sentences: dict[str, list[Sentence]] = defaultdict(list)
        for actor, relation, found in links[thing]:
            roles[actor].add(relation)
            sentences[actor].extend(found)
        ordered = sorted(roles)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                why = f"{facts.entities[thing]['label']} ({', '.join(sorted(roles[a]))} / {', '.join(sorted(roles[b]))})"
                shared[(a, b)].append((thing, why, facts.entities[thing]["kind"], sentences[a] + sentences[b]))
    for (a, b), things in sorted(shared.items()):
        found = sorted({s for *_, ss in things for s in _as_tuples(ss)})
        sentences = [Sentence(*t) for t in found]
        sentences.sort(key=lambda s: (s.date == "", s.date, s.document, s.start, s.text))
        attrs = _edge_attrs(SHARES, sentences, with_sentences)
        attrs["label"] = "shared links"
        attrs.update(weight=len(things), type="undirected", evidence_sentences=len(sentences))
        attrs["explanation"] = clean(f"{facts.entities[a]['label']} and {facts.entities[b]['label']} are both linked to: " + "; ".join(w for _, w, _, _ in things))
        edges.append((a, b, SHARES, attrs))
    for u, w, k, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        graph.add_edge(u, w, key=k, **attrs)
    return graph


def _as_tuples(sentences: list[Sentence]) -> list[tuple[str, str, int, str]]:
    return [(s.date, s.document, s.start, s.text) for s in sentences]


def _inverse(relation: str) -> str:
    return f"{words(relation)} (by)" if relation != "providedBy" else "provides"


def _full_graph(store: Any, facts: _Facts, with_sentences: bool) -> nx.MultiDiGraph:
    """Every instance IRI a node (entities, documents, evidence, observations), every IRI-to-IRI triple an edge."""
    entities = _entities_graph(facts, with_sentences)
    nodes: dict[str, dict[str, Any]] = {iri: dict(attrs) for iri, attrs in entities.nodes(data=True)}
    edges = [(u, w, k, dict(attrs)) for u, w, k, attrs in entities.edges(keys=True, data=True)]
    others: dict[str, dict[str, Any]] = defaultdict(dict)
    literals: dict[tuple[str, str], list[str]] = defaultdict(list)
    links: set[tuple[str, str, str]] = set()
    query = f'SELECT ?s ?p ?o ?t WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{v.KGI}")) BIND(isIRI(?o) AS ?t) }}'
    for row in _rows(store, query):
        s, p, o = str(row["s"]), str(row["p"]), str(row["o"])
        if s in facts.entities:
            continue
        name = _local(p)
        if p == v.TYPE:
            others[s]["class"] = min(others[s].get("class", _local(o)), _local(o))
        elif row["t"] == "true" and o.startswith(v.KGI):
            links.add((s, name, o))
            others[s].setdefault("class", "Resource")
        else:
            literals[(s, name)].append(clean(o))
    for (s, name), found in literals.items():
        others[s][name] = "; ".join(sorted(set(found)))
    for iri, attrs in others.items():
        attrs.setdefault("class", "Resource")
        attrs["kind"] = attrs["class"]
        attrs["id"] = clean(iri)
        attrs["label"] = clean((attrs.get("title") or attrs.get("label") or attrs.get("sentence") or iri.rsplit("/", 1)[-1])[:120])
        nodes[iri] = attrs
    for s, name, o in sorted(links):
        if s in nodes and o in nodes:
            edges.append((s, o, name, {"relation": name, "label": words(name), "weight": 1, "type": "directed"}))
    graph = _new_graph()
    _add_nodes(graph, nodes)
    for u, w, k, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        graph.add_edge(u, w, key=k, **attrs)
    return graph


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1] or iri


def scalar_attrs(attrs: dict[str, Any]) -> dict[str, str | int | float]:
    """The attributes that graph formats can hold (drops the HTML page's sentence lists)."""
    return {k: val for k, val in attrs.items() if isinstance(val, (str, int, float)) and not isinstance(val, bool)}
