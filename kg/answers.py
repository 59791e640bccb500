"""Answers of the shipped queries as asked without parameters, computed at build time and kept beside the store version.

Oxigraph sorts a whole answer before it hands out the first row, and on the
RocksDB store every triple-pattern lookup and every string compared costs a
disk read: `evidence` (128,889 rows at 10,000 documents) took 33 s,
`documents` or `funding` 1.5 s for their first page. What a shipped query
answers when it is asked without parameters (`kg query --named NAME`: each
parameter at its default, an empty default leaving it free) depends on nothing
but the graph, so each build that leaves a store version computes it once for
every shipped query and writes it beside the store:

    store-<n>/answers/graph.sha256     digest of this version's graph.ttl
    store-<n>/answers/<query>.tsv      the answer as W3C SPARQL TSV (one row a line)
    store-<n>/answers/<query>.key      digest of the graph, of the query text and of the Oxigraph
                                       version the answer was computed with, and the parameter
                                       values it was computed for (the defaults, as RDF terms)

An answer is used only when its key matches the version's graph digest, the
query's current text and the running Oxigraph, and when the query is asked
with exactly the parameter values the answer was computed for, so a changed
graph, a changed query, another serialiser or another parameter value never
hands out a stale answer; a build recomputes exactly the answers whose key no
longer matches. A default that names nothing in the graph (an entity label
the corpus lacks) is recorded as such: no answer, and nothing recomputed on
the next build. TSV is lossless for RDF terms and Oxigraph reads it back to
the same solutions, so every writer (table, csv, tsv, json, xml) writes the
same bytes as it writes for the store's own answer (tests/test_answers.py). A
page of an answer is its lines offset+1 … offset+limit: no sort at query time.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.query.execute import QueryResult

ANSWERS_DIR = "answers"
GRAPH_DIGEST = "graph.sha256"

_TSV = ox.QueryResultsFormat.TSV


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _key(graph_digest: str, sparql: str) -> dict[str, str]:
    return {"graph": graph_digest, "query": hashlib.sha256(sparql.encode()).hexdigest(), "oxigraph": ox.__version__}


Bindings = tuple[tuple[str, str], ...]


def bindings_key(bindings: Mapping[str, object] | None) -> Bindings:
    """Parameter values as a key: (name, the term in N-Triples), sorted by name."""
    return tuple(sorted((name, str(term)) for name, term in (bindings or {}).items()))


def _read_key(path: Path) -> dict[str, object] | None:
    try:
        key = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return key if isinstance(key, dict) else None


def _matches(key: dict[str, object] | None, expected: dict[str, str]) -> bool:
    return key is not None and all(key.get(name) == value for name, value in expected.items())


# Queries whose ORDER BY covers every projected column, with this parameter's column first: the answer for one value
# is, line for line, the unbound answer's rows that hold that value (ties left in the order are rows equal in every
# column, so no order of theirs changes a byte). `evidence --param predicate=funds` is read from `evidence`'s answer.
FILTERABLE = {"evidence": "predicate"}


class Answer:
    """One precomputed answer: its TSV file, a header line then one line per row."""

    def __init__(self, name: str, path: Path, bindings: Bindings = ()) -> None:
        self.name = name
        self.path = path
        self.bindings = bindings

    def _lines(self, stream: IO[bytes], header: bytes) -> Iterator[bytes]:
        """The answer's row lines, read on from just after the header."""
        return stream

    @property
    def rows(self) -> int:
        """How many rows the whole answer has."""
        with self.path.open("rb") as stream:
            return sum(1 for _ in self._lines(stream, stream.readline()))

    def result(self, limit: int | None = None, offset: int = 0) -> QueryResult:
        """Rows offset+1 … offset+limit (limit None: to the end) as solutions, the same the store would give.

        A page reads the file only as far as its last line; the whole of an unfiltered answer is streamed from it."""
        if limit is None and not offset and type(self)._lines is Answer._lines:
            return QueryResult("select", ox.parse_query_results(path=str(self.path), format=_TSV))
        with self.path.open("rb") as stream:
            header = stream.readline()
            lines = islice(self._lines(stream, header), offset, None if limit is None else offset + limit)
            return QueryResult("select", ox.parse_query_results(b"".join([header, *lines]), _TSV))


class FilteredAnswer(Answer):
    """The rows of an unbound answer whose `param` column holds one value (see FILTERABLE)."""

    def __init__(self, base: Answer, param: str, term: str) -> None:
        super().__init__(base.name, base.path, ((param, term),))
        self._variable = f"?{param}".encode()
        self._cell = term.encode()

    def _lines(self, stream: IO[bytes], header: bytes) -> Iterator[bytes]:
        column = header.rstrip(b"\r\n").split(b"\t").index(self._variable)
        return (line for line in stream if line.rstrip(b"\r\n").split(b"\t")[column] == self._cell)


def filtered(answer: Answer | None, bindings: Bindings) -> Answer | None:
    """The answer for `bindings` read from an unbound answer of a FILTERABLE query, when they bind its one parameter."""
    param = FILTERABLE.get(answer.name) if answer is not None else None
    if answer is None or param is None or answer.bindings or len(bindings) != 1 or bindings[0][0] != param:
        return None
    return FilteredAnswer(answer, param, bindings[0][1])


def shipped_queries() -> dict[str, str]:
    """The query text of every shipped query, by name: each has its answer precomputed."""
    from kg.query.library import named_queries

    return {name: query.sparql for name, query in named_queries().items()}


def _version_digest(folder: Path) -> str | None:
    try:
        return (folder / ANSWERS_DIR / GRAPH_DIGEST).read_text().strip()
    except OSError:
        return None


def _answer(folder: Path, digest: str, name: str, sparql: str) -> Answer | None:
    key = _read_key(folder / f"{name}.key")
    if not _matches(key, _key(digest, sparql)) or not isinstance(key, dict) or not isinstance(key.get("bindings"), list):
        return None
    if not (folder / f"{name}.tsv").is_file():
        return None
    recorded: list[list[str]] = key["bindings"]  # type: ignore[assignment]
    bindings = tuple((str(param), str(term)) for param, term in recorded)
    return Answer(name, folder / f"{name}.tsv", bindings)


def load_answers(version: Path) -> dict[tuple[str, Bindings], Answer]:
    """The valid precomputed answers of a store version folder, by query text and the parameter values they answer."""
    digest = _version_digest(version)
    if digest is None:
        return {}
    found = {}
    for name, sparql in shipped_queries().items():
        answer = _answer(version / ANSWERS_DIR, digest, name, sparql)
        if answer is not None:
            found[(sparql, answer.bindings)] = answer
    return found


def answer_for(store: object, sparql: str, bindings: Mapping[str, object] | None = None) -> Answer | None:
    """The precomputed answer of `sparql` bound by `bindings` on this store version, when there is a valid one."""
    version = getattr(store, "path", None)
    if version is None:
        return None
    names = [name for name, text in shipped_queries().items() if text == sparql]
    digest = _version_digest(Path(version)) if names else None
    if digest is None:
        return None
    answer = _answer(Path(version) / ANSWERS_DIR, digest, names[0], sparql)
    wanted = bindings_key(bindings)
    return answer if answer is not None and answer.bindings == wanted else filtered(answer, wanted)


def refresh_answers(store: object, version: Path, turtle: Path) -> list[str]:
    """Bring the version's answers in step with its graph (`turtle`, the version's graph.ttl); returns the names recomputed.

    Answers whose key still matches are kept as they are. The others are
    computed on an in-memory copy of the graph loaded from `turtle` (at 1,000
    documents the load and `evidence` take 2.5 s there against 12 s on the
    RocksDB store), each with its parameters at their defaults as
    `kg query --named` binds them, and written atomically, key last.
    """
    from kg.errors import UsageError
    from kg.query.execute import run_query
    from kg.query.library import bind_params, named_queries
    from kg.store import GraphStore

    folder = version / ANSWERS_DIR
    folder.mkdir(exist_ok=True)
    digest = file_digest(turtle)
    _write_atomic(folder / GRAPH_DIGEST, (digest + "\n").encode())
    queries = named_queries()
    stale = []
    for name, query in queries.items():
        key_path = folder / f"{name}.key"
        key = _read_key(key_path)
        if _matches(key, _key(digest, query.sparql)) and isinstance(key, dict) and "bindings" in key and (key["bindings"] is None or (folder / f"{name}.tsv").is_file()):
            continue
        key_path.unlink(missing_ok=True)
        stale.append(name)
    for leftover in folder.glob("*.tsv"):  # a query no longer shipped
        if leftover.stem not in queries:
            leftover.unlink()
            leftover.with_suffix(".key").unlink(missing_ok=True)
    if not stale:
        return []
    memory = ox.Store()
    memory.bulk_load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    replica = GraphStore(memory, version)
    for name in stale:
        query = queries[name]
        key = dict(_key(digest, query.sparql))
        try:
            bindings = bind_params(replica, query, {})
        except UsageError:  # a default that names nothing in this graph: no answer to keep
            (folder / f"{name}.tsv").unlink(missing_ok=True)
            _write_atomic(folder / f"{name}.key", json.dumps({**key, "bindings": None}, sort_keys=True).encode())
            continue
        tmp = folder / f".{name}.tsv.tmp"
        with tmp.open("wb") as stream:
            run_query(replica, query.sparql, bindings).value.serialize(stream, _TSV)  # type: ignore[arg-type]
        os.replace(tmp, folder / f"{name}.tsv")
        recorded = [list(pair) for pair in bindings_key(bindings)]
        _write_atomic(folder / f"{name}.key", json.dumps({**key, "bindings": recorded}, sort_keys=True).encode())
    return stale


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def find_answer(answers: Mapping[tuple[str, Bindings], Answer], sparql: str) -> Answer | None:
    """The answer among `answers` (a version's, `load_answers`) of a request's text: a shipped query's text as such, or
    with its parameters bound by single-valued VALUES blocks opening its WHERE clause (as a client binds them
    without SEP-0007 substitutions, and as kg binds them itself); layout and comments aside."""
    from kg.query.values import canonical, opening_values

    exact = answers.get((sparql, ()))
    if exact is not None or not answers:
        return exact
    opened = opening_values(sparql)
    if opened is None:
        return None
    base, terms = opened
    shipped = {canonical(text): text for text, _ in answers}.get(canonical(base))
    if shipped is None:
        return None
    wanted = bindings_key(terms)
    return answers.get((shipped, wanted)) or filtered(answers.get((shipped, ())), wanted)
