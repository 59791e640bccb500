"""Answers of the slowest shipped queries, computed at build time and kept beside the store version.

`evidence` and `measures-by-actor-and-status` list the whole corpus in a
sorted order: Oxigraph must find and sort every row (128,889 rows of
`evidence` at 10,000 documents) before it hands out the first, so neither a
page nor the in-memory replica answers them interactively. Their answer with
every parameter left free ("all") depends on nothing but the graph, so each
build that leaves a store version computes it once and writes it beside the
store:

    store-<n>/answers/graph.sha256     digest of this version's graph.ttl
    store-<n>/answers/<query>.tsv      the answer as W3C SPARQL TSV (one row a line)
    store-<n>/answers/<query>.key      digest of the graph, of the query text and of
                                       the Oxigraph version the answer was computed with

An answer is used only when its key matches the version's graph digest, the
query's current text and the running Oxigraph, so a changed graph, a changed
query or another serialiser never hands out a stale answer; a build
recomputes exactly the answers whose key no longer matches. TSV is lossless for
RDF terms and Oxigraph reads it back to the same solutions, so every writer
(table, csv, tsv, json, xml) writes the same bytes as it writes for the
store's own answer (tests/test_answers.py). A page of an answer is its lines
offset+1 … offset+limit: no sort at query time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.query.execute import QueryResult

ANSWERS_DIR = "answers"
GRAPH_DIGEST = "graph.sha256"
PRECOMPUTED = ("evidence", "measures-by-actor-and-status")  # the shipped queries that sort ~100k rows at 10,000 documents
_TSV = ox.QueryResultsFormat.TSV


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _key(graph_digest: str, sparql: str) -> str:
    return json.dumps({"graph": graph_digest, "query": hashlib.sha256(sparql.encode()).hexdigest(), "oxigraph": ox.__version__}, sort_keys=True)


class Answer:
    """One precomputed answer: its TSV file, a header line then one line per row."""

    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path

    @property
    def rows(self) -> int:
        """How many rows the whole answer has."""
        with self.path.open("rb") as stream:
            return sum(1 for _ in stream) - 1

    def result(self, limit: int | None = None, offset: int = 0) -> QueryResult:
        """Rows offset+1 … offset+limit (limit None: to the end) as solutions, the same the store would give.

        A page reads the file only as far as its last line."""
        if limit is None and not offset:
            return QueryResult("select", ox.parse_query_results(path=str(self.path), format=_TSV))
        with self.path.open("rb") as stream:
            header = stream.readline()
            lines = islice(stream, offset, None if limit is None else offset + limit)
            return QueryResult("select", ox.parse_query_results(b"".join([header, *lines]), _TSV))


def _version_digest(folder: Path) -> str | None:
    try:
        return (folder / ANSWERS_DIR / GRAPH_DIGEST).read_text().strip()
    except OSError:
        return None


def load_answers(version: Path) -> dict[str, Answer]:
    """The valid precomputed answers of a store version folder, by query text."""
    from kg.query.library import named_queries

    digest = _version_digest(version)
    if digest is None:
        return {}
    folder = version / ANSWERS_DIR
    found = {}
    queries = named_queries()
    for name in PRECOMPUTED:
        query = queries.get(name)
        if query is None:
            continue
        try:
            key = (folder / f"{name}.key").read_text()
        except OSError:
            continue
        if key == _key(digest, query.sparql) and (folder / f"{name}.tsv").is_file():
            found[query.sparql] = Answer(name, folder / f"{name}.tsv")
    return found


def answer_for(store: object, sparql: str, bindings: Mapping[str, object] | None = None) -> Answer | None:
    """The precomputed answer of `sparql` on this store version, when there is a valid one and nothing is bound."""
    if bindings:
        return None
    version = getattr(store, "path", None)
    if version is None:
        return None
    return load_answers(Path(version)).get(sparql)


def refresh_answers(store: object, version: Path, turtle: Path) -> list[str]:
    """Bring the version's answers in step with its graph (`turtle`, the version's graph.ttl); returns the names recomputed.

    Answers whose key still matches are kept as they are. The others are
    computed on an in-memory copy of the graph loaded from `turtle` (at 1,000
    documents the load and `evidence` take 2.5 s there against 12 s on the
    RocksDB store) and written atomically, key last.
    """
    from kg.query.execute import run_query
    from kg.query.library import named_queries
    from kg.store import GraphStore

    folder = version / ANSWERS_DIR
    folder.mkdir(exist_ok=True)
    digest = file_digest(turtle)
    _write_atomic(folder / GRAPH_DIGEST, (digest + "\n").encode())
    queries = named_queries()
    stale = []
    for name in PRECOMPUTED:
        key_path = folder / f"{name}.key"
        key = _key(digest, queries[name].sparql)
        if not (key_path.is_file() and key_path.read_text() == key and (folder / f"{name}.tsv").is_file()):
            key_path.unlink(missing_ok=True)
            stale.append(name)
    if not stale:
        return []
    memory = ox.Store()
    memory.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    replica = GraphStore(memory, version)
    for name in stale:
        tmp = folder / f".{name}.tsv.tmp"
        with tmp.open("wb") as stream:
            run_query(replica, queries[name].sparql).value.serialize(stream, _TSV)  # type: ignore[arg-type]
        os.replace(tmp, folder / f"{name}.tsv")
        _write_atomic(folder / f"{name}.key", _key(digest, queries[name].sparql).encode())
    return stale


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
