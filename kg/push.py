"""Load the graph into a SPARQL 1.1 Graph Store HTTP Protocol endpoint, one named graph per document.

Each graph is sent with HTTP PUT to `<graph-store>?graph=<graph IRI>`, which
replaces what the remote store held under that name, so pushing again never
duplicates. Bodies are N-Triples, sent as text/turtle (N-Triples is Turtle),
which every Graph Store implementation reads. Works with Oxigraph server
(`/store`), Apache Jena Fuseki (`/DATASET/data`), GraphDB
(`/repositories/REPO/rdf-graphs/service`) and Virtuoso (`/sparql-graph-crud-auth`).

`--user/--password` are sent with HTTP Basic; a server that refuses them with a
401 that offers Digest or no scheme at all (Virtuoso's `/sparql-graph-crud-auth`
answers Basic so) gets HTTP Digest from then on. Virtuoso writes `?default` into
the graph its `DB.DBA.SYS_SPARQL_HOST` row names, which its `/sparql` endpoint
also reads as the default graph (the README shows the one statement that sets it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from kg.errors import KgError, UsageError
from kg.progress import ProgressCallback, Tracker
from kg.store import ONTOLOGY_GRAPH, GraphStore

DEFAULT_GRAPH = "default"  # the name PushedGraph uses for the merged default graph


@dataclass(frozen=True)
class PushedGraph:
    """One graph sent: its IRI (or 'default'), how many triples, and the server's status code."""

    graph: str
    triples: int
    status: int


@dataclass
class PushReport:
    """Every graph sent, with totals."""

    url: str
    graphs: list[PushedGraph] = field(default_factory=list)

    @property
    def triples(self) -> int:
        """Triples sent over all graphs."""
        return sum(g.triples for g in self.graphs)


def graph_store_url(endpoint: str | None, graph_store: str | None) -> str:
    """The Graph Store Protocol URL: given explicitly, or derived from an Oxigraph endpoint (`/store`)."""
    if graph_store:
        url = graph_store
    elif endpoint:
        parts = urlsplit(endpoint)
        path = parts.path.rstrip("/")
        for suffix in ("/query", "/sparql", "/update"):
            if path.endswith(suffix):
                path = path[: -len(suffix)]
        url = urlunsplit((parts.scheme, parts.netloc, path + "/store", "", ""))
    else:
        raise UsageError("give --endpoint URL (an Oxigraph server) or --graph-store URL (Fuseki, GraphDB, Virtuoso ...)")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"'{url}' is not an http(s) URL")
    return url


def graphs_to_push(store: GraphStore) -> list[str]:
    """Every document graph, then the ontology and summary graphs (kg/summaries.py), by IRI."""
    from kg.summaries import SUMMARY_GRAPH

    documents = sorted(store.document_graphs())
    extra = [g.value for g in (ONTOLOGY_GRAPH, SUMMARY_GRAPH) if store.store.contains_named_graph(g)]
    return documents + extra


def _ntriples(store: GraphStore, graph: str) -> tuple[bytes, int]:
    if graph == DEFAULT_GRAPH:
        triples = list(store.default_triples())
    else:
        triples = [q.triple for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    return body, len(triples)


def push(
    store: GraphStore,
    url: str,
    *,
    auth: tuple[str, str] | None = None,
    token: str | None = None,
    include_default: bool = True,
    timeout: float = 60.0,
    on_graph: Callable[[PushedGraph], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> PushReport:
    """PUT every document graph, the ontology graph and (unless `include_default` is false) the merged default graph to `url`.

    `on_progress` receives a `kg.progress.Counts` snapshot (unit "graphs") after each graph the server accepted.
    """
    import requests

    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    report = PushReport(url)
    tracker = Tracker(on_progress, unit="graphs")
    targets = list(_targets(store, include_default))
    tracker.start(len(targets))
    tracker.stage("pushing")
    with requests.Session() as session:
        session.auth = auth
        for graph, params in targets:
            body, count = _ntriples(store, graph)
            try:
                response = session.put(url, params=params, data=body, headers=headers, timeout=timeout)
                if auth and _asks_for_digest(response, session):
                    session.auth = requests.auth.HTTPDigestAuth(*auth)
                    response = session.put(url, params=params, data=body, headers=headers, timeout=timeout)
            except requests.RequestException as err:
                raise KgError(f"cannot reach the graph store at {url}: {_reason(err)}; is the server running?") from None
            if response.status_code >= 400:
                raise KgError(_refusal(url, graph, response, authenticated=bool(auth or token)))
            pushed = PushedGraph(graph, count, response.status_code)
            report.graphs.append(pushed)
            tracker.add(stored=1, done=1)
            if on_graph:
                on_graph(pushed)
    return report


def _targets(store: GraphStore, include_default: bool) -> Iterator[tuple[str, dict[str, str]]]:
    for graph in graphs_to_push(store):
        yield graph, {"graph": graph}
    if include_default:
        yield DEFAULT_GRAPH, {"default": ""}


def _asks_for_digest(response: object, session: object) -> bool:
    """True when the server refused Basic credentials and may take Digest: its 401 offers Digest, or (as Virtuoso
    does when it gets Basic) offers nothing at all. Only once: not when Digest is already in use."""
    import requests

    challenge = response.headers.get("WWW-Authenticate", "").strip().lower()  # type: ignore[attr-defined]
    return (response.status_code == 401 and (not challenge or challenge.startswith("digest"))  # type: ignore[attr-defined]
            and not isinstance(session.auth, requests.auth.HTTPDigestAuth))  # type: ignore[attr-defined]


def _reason(err: Exception) -> str:
    import requests

    if isinstance(err, requests.ConnectionError) and not isinstance(err, requests.Timeout):
        return "connection refused or host unreachable"
    text = str(err)
    return text if len(text) < 200 else text[:200] + "…"


def _refusal(url: str, graph: str, response: object, *, authenticated: bool) -> str:
    status = response.status_code  # type: ignore[attr-defined]
    text = _plain(response.text or "")[:200]  # type: ignore[attr-defined]
    said = f"HTTP {status} {text}" if text else f"HTTP {status}"
    if "not configured to have default graph" in text:  # Virtuoso without a SYS_SPARQL_HOST default graph
        return (f"the graph store at {url} has no default graph for the merged view: {said}; "
                "give it one (README: pushing to Virtuoso) or push with --no-default-graph")
    hint = {
        401: "; check --user/--password or --token" if authenticated else "; give --user/--password or --token",
        403: "; the account may not write to this store",
        404: "; check the --graph-store URL (Fuseki: /DATASET/data, GraphDB: /repositories/REPO/rdf-graphs/service, "
             "Virtuoso: /sparql-graph-crud-auth)",
        405: "; this URL does not accept PUT: is it the Graph Store Protocol URL?",
    }.get(status, "")
    return f"the graph store at {url} refused graph <{graph}>: {said}{hint}"


def _plain(text: str) -> str:
    """A server's answer on one line; of an HTML error page (Virtuoso's), the text after its title."""
    import html
    import re

    if re.match(r"\s*<(!DOCTYPE|html)", text, re.IGNORECASE):
        text = re.sub(r"(?is)<head>.*?</head>|<h1>.*?</h1>", " ", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())
