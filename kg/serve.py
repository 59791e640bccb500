"""A read-only SPARQL 1.1 Protocol endpoint over the built store, on the standard library's HTTP server.

Queries run in a small pool of worker threads (Oxigraph releases the GIL
while it evaluates), so one slow query does not block the others. Each
answer is serialised into memory under a size limit and a time limit: the
client gets a 503 when either is exceeded, and the worker stops at its next
write. (A query still computing its first row, a large ORDER BY say, cannot
be interrupted inside Oxigraph; it is abandoned and its thread finishes in
the background.) The store is reopened when `kg build` swaps in a new one.
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from kg.answers import Answer, find_answer, load_answers
from kg.errors import KgError, QuerySyntaxError
from kg.query.execute import Kind, QueryResult, blank_out, run_query
from kg.query.results import WRITERS, Writer
from kg.query.values import move_values_in
from kg.store import GraphStore, open_store, store_path

ENDPOINT_PATHS = ("/", "/sparql", "/query")
MAX_REQUEST_BYTES = 1_000_000
CACHE_BYTES = 256_000_000  # written answers kept for repeated requests, least recently used dropped first
# media type → writer name, in order of preference for */*
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/plain": "table",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
}


@dataclass(frozen=True)
class Limits:
    """How long a query may run and how large its answer may be."""

    timeout: float = 10.0
    max_bytes: int = 50_000_000


class Cancelled(Exception):
    """The query ran out of time or its answer out of room."""


class CappedBuffer(io.RawIOBase):
    """An in-memory sink that refuses to grow past `max_bytes` or to be written after `deadline`."""

    def __init__(self, max_bytes: int, deadline: float) -> None:
        self.buffer = io.BytesIO()
        self.max_bytes = max_bytes
        self.deadline = deadline
        self.cancelled: str | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.cancelled is None and time.monotonic() > self.deadline:
            self.cancelled = "time"
        if self.cancelled is None and self.buffer.tell() + len(data) > self.max_bytes:
            self.cancelled = "size"
        if self.cancelled:
            raise Cancelled(self.cancelled)
        return self.buffer.write(data)


class StoreHolder:
    """The current read-only store, reopened when a build has swapped the `store` symlink.

    With `replica`, a thread also loads the store version's merged graph
    (its graph.ttl) into an in-memory Oxigraph store, and queries that read
    only the default graph go there once it is loaded: each triple-pattern
    lookup then costs a hash-map probe instead of a RocksDB read, and ORDER BY
    compares strings without reading them back from disk. Queries that name
    graphs (GRAPH, FROM, default-graph-uri, named-graph-uri) read the store.
    """

    def __init__(self, out_dir: Path, replica: bool = False) -> None:
        self.out_dir = out_dir
        self.lock = threading.Lock()
        self.replica = replica
        self.store = open_store(out_dir)
        self.target = store_path(out_dir).resolve()
        self.memory: GraphStore | None = None
        self.answers = load_answers(self.target)
        self._load_replica()

    def get(self, default_graph_only: bool = False) -> GraphStore:
        """The store to query now: the in-memory replica where it is loaded and fits the query."""
        with self.lock:
            self._follow()
            if default_graph_only and self.memory is not None:
                return self.memory
            return self.store

    def version(self) -> Path:
        """The store version folder queries read now."""
        with self.lock:
            self._follow()
            return self.target

    def answer(self, sparql: str) -> Answer | None:
        """The current store version's precomputed answer of this query text, bound or not (kg.answers.find_answer), if it has one."""
        with self.lock:
            self._follow()
            answers = self.answers
        return find_answer(answers, sparql)

    def _follow(self) -> None:
        """Reopen the store (and its answers and replica) when a build has swapped in a new version; under the lock."""
        target = store_path(self.out_dir).resolve()
        if target != self.target and target.exists():
            self.store = open_store(self.out_dir)
            self.target = target
            self.memory = None
            self.answers = load_answers(target)
            self._load_replica()

    def wait_for_replica(self, timeout: float | None = None) -> bool:
        """Block until the replica of the current store is loaded; False if there is none (or not within `timeout`)."""
        self._loaded.wait(timeout)
        with self.lock:
            return self.memory is not None

    def _load_replica(self) -> None:
        self._loaded = threading.Event()
        if not self.replica:
            self._loaded.set()
            return
        store, target = self.store, self.target

        def load() -> None:
            import tempfile

            import pyoxigraph as ox

            memory = ox.Store()
            try:
                if store.turtle is not None:
                    memory.bulk_load(path=str(store.turtle), format=ox.RdfFormat.TURTLE)
                else:  # a store written without its Turtle: dump the merged graph (slower, in Rust all the same)
                    with tempfile.TemporaryDirectory(prefix="kg-replica-") as tmp:
                        dump = Path(tmp) / "graph.nt"
                        store.store.dump(str(dump), ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
                        memory.bulk_load(path=str(dump), format=ox.RdfFormat.N_TRIPLES)
            except (OSError, SyntaxError, ValueError):
                return  # the store still answers every query
            finally:
                loaded.set()
            with self.lock:
                if self.target == target:
                    self.memory = GraphStore(memory, target, None, store.turtle)

        loaded = self._loaded
        threading.Thread(target=load, name="kg-replica", daemon=True).start()


_NAMES_GRAPHS = re.compile(r"\b(GRAPH|FROM)\b", re.IGNORECASE)


def reads_default_graph_only(sparql: str, graphs: dict[str, list[str]]) -> bool:
    """Whether a query reads nothing but the default graph (no GRAPH, FROM or dataset parameters)."""
    if graphs.get("default-graph-uri") or graphs.get("named-graph-uri"):
        return False
    return not _NAMES_GRAPHS.search(blank_out(sparql))


class HttpError(Exception):
    """An HTTP error answer with a plain-text message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def negotiate(accept: str, kind: Kind, fmt: str | None = None) -> Writer:
    """The writer for a result kind from a `format=` name or the Accept header (q-values honoured)."""
    if fmt:
        writer = WRITERS.get(fmt)
        if writer is None or kind not in writer.kinds:
            fits = ", ".join(w.name for w in WRITERS.values() if kind in w.kinds and w.name != "table")
            raise HttpError(406, f"format '{fmt}' does not fit this query; use one of {fits}")
        return writer
    table = GRAPH_TYPES if kind == "graph" else RESULT_TYPES
    default = "turtle" if kind == "graph" else "json"
    ranges = []
    for index, part in enumerate(accept.split(",") if accept else ["*/*"]):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((-q, index, media))
    for _, _, media in sorted(ranges):
        if media in table:
            return WRITERS[table[media]]
        if media in ("*/*", "application/*", "text/*", "text/html"):
            return WRITERS[default]
    offered = ", ".join(sorted({m for m in table}))
    raise HttpError(406, f"cannot answer in any of the accepted types ({accept}); offered: {offered}")


class QueryRunner:
    """Runs queries on daemon threads, at most `workers` at a time, each under the time and size limits.

    Daemon threads, not a ThreadPoolExecutor: the interpreter joins an
    executor's threads at exit, so a runaway query would keep a stopped
    server alive.
    """

    def __init__(self, holder: StoreHolder, limits: Limits, workers: int = 4, cache_bytes: int = CACHE_BYTES) -> None:
        self.holder = holder
        self.limits = limits
        self.slots = threading.BoundedSemaphore(workers)
        self.cache = AnswerCache(cache_bytes)

    def busy(self) -> bool:
        """Whether some query thread is still running."""
        return any(t.name == "kg-query" and t.is_alive() for t in threading.enumerate())

    def run(
        self, sparql: str, accept: str, fmt: str | None, graphs: dict[str, list[str]], answer: tuple[Answer, int | None, int] | None = None
    ) -> tuple[bytes, str, int]:
        """The answer's bytes, media type and rows (solutions or triples), or HttpError (400 malformed, 503 over a limit or busy).

        `answer`: a precomputed answer with the page to take of it (limit, offset), written instead of running `sparql`.
        An answer written before for the same store version and request is handed out again, and requests
        identical to one being evaluated wait for its answer instead of evaluating it again (AnswerCache).
        """
        version = answer[0].path.parent.parent if answer is not None else self.holder.version()  # the version the bytes come from
        key = (version, sparql, accept, fmt, tuple(tuple(graphs.get(k, [])) for k in ("default-graph-uri", "named-graph-uri")))
        return self.cache.get_or_compute(key, lambda: self._evaluate(sparql, accept, fmt, graphs, answer), self.limits.timeout)

    def _evaluate(
        self, sparql: str, accept: str, fmt: str | None, graphs: dict[str, list[str]], answer: tuple[Answer, int | None, int] | None
    ) -> tuple[bytes, str, int]:
        limits = self.limits
        deadline = time.monotonic() + limits.timeout
        if not self.slots.acquire(timeout=limits.timeout):
            raise HttpError(503, "the server is busy with other queries; try again")
        sink = CappedBuffer(limits.max_bytes, deadline)
        outcome: dict[str, object] = {}
        done = threading.Event()

        def work() -> None:
            try:
                result: QueryResult = answer[0].result(answer[1], answer[2]) if answer is not None else run_query(
                    self.holder.get(reads_default_graph_only(sparql, graphs)),
                    sparql,
                    default_graphs=graphs.get("default-graph-uri", []),
                    named_graphs=graphs.get("named-graph-uri", []),
                )
                writer = negotiate(accept, result.kind, fmt)
                triples = None
                if result.kind == "graph":  # triples are counted as they stream into the writer
                    triples = Counted(result.value)  # type: ignore[arg-type]
                    result = QueryResult("graph", triples)  # type: ignore[arg-type]
                writer.write(result, sink)  # type: ignore[arg-type]
                body = sink.buffer.getvalue()
                rows = triples.count if triples is not None else count_rows(body, writer.name, result.kind)
                outcome["answer"] = (body, writer.media_type, rows)
            except BaseException as err:  # handed to the request thread
                # without its traceback: the frames hold Oxigraph results, which must be dropped on this thread
                outcome["error"] = err.with_traceback(None)
            finally:
                self.slots.release()
                done.set()

        threading.Thread(target=work, name="kg-query", daemon=True).start()
        if not done.wait(max(deadline - time.monotonic(), 0.001)):
            sink.cancelled = "time"  # the worker stops at its next write
            raise HttpError(503, _TOO_SLOW.format(limits.timeout))
        if "answer" in outcome:
            return outcome["answer"]  # type: ignore[return-value]
        raise _http_error(outcome["error"], limits)  # type: ignore[arg-type]


_TOO_SLOW = "query exceeded the time limit of {:g} s; narrow it or add LIMIT"


class _Flight:
    """One evaluation that identical requests wait for."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: tuple[bytes, str, int] | None = None
        self.error: BaseException | None = None


class AnswerCache:
    """Written answers by (store version, query, Accept, format, dataset), least recently used dropped beyond `max_bytes`.

    Sixteen notebooks asking the same question get one evaluation: the first
    request evaluates, identical ones arriving meanwhile wait for it (each
    within its own time limit), and later ones get the same bytes without
    evaluating. The store version is part of the key, so a build's new version
    is never answered from the old one's answers. Errors are not kept.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.lock = threading.Lock()
        self.entries: OrderedDict[tuple[object, ...], tuple[bytes, str, int]] = OrderedDict()
        self.size = 0
        self.flights: dict[tuple[object, ...], _Flight] = {}
        self.evaluations = 0  # how many answers were evaluated rather than handed out again

    def get_or_compute(self, key: tuple[object, ...], compute: Callable[[], tuple[bytes, str, int]], timeout: float) -> tuple[bytes, str, int]:
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
            flight = self.flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self.flights[key] = _Flight()
                self.evaluations += 1
        if not leader:
            if not flight.done.wait(timeout):
                raise HttpError(503, _TOO_SLOW.format(timeout))
            if flight.answer is None:
                raise flight.error if flight.error is not None else HttpError(503, _TOO_SLOW.format(timeout))
            return flight.answer
        try:
            flight.answer = compute()
        except BaseException as err:
            flight.error = err
            raise
        finally:
            with self.lock:
                del self.flights[key]
                if flight.answer is not None and len(flight.answer[0]) <= self.max_bytes:
                    self.entries[key] = flight.answer
                    self.size += len(flight.answer[0])
                    while self.size > self.max_bytes:
                        _, dropped = self.entries.popitem(last=False)
                        self.size -= len(dropped[0])
            flight.done.set()
        return flight.answer


class Counted:
    """An iterable of triples that counts what it hands out."""

    def __init__(self, items: Iterable[object]) -> None:
        self.items = items
        self.count = 0

    def __iter__(self) -> Iterator[object]:
        for item in self.items:
            self.count += 1
            yield item


def count_rows(body: bytes, writer: str, kind: Kind) -> int:
    """How many solutions a serialised SELECT answer holds (ASK: 1), read from the bytes already written."""
    if kind == "ask":
        return 1
    if writer == "json":
        return len(json.loads(body)["results"]["bindings"])
    if writer == "xml":
        return body.count(b"<result>")  # markup inside values is escaped (&lt;)
    if writer == "tsv":
        return body.count(b"\n") - 1  # newlines inside values are escaped; the first line is the header
    if writer == "csv":
        return max(0, sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1)
    return max(0, body.count(b"\n") - 2)  # table: a header and a rule, then one line per row


def _http_error(err: BaseException, limits: Limits) -> HttpError:
    if isinstance(err, HttpError):
        return err
    if isinstance(err, Cancelled):
        if str(err) == "size":
            return HttpError(503, f"the answer is larger than the limit of {limits.max_bytes:,} bytes; add LIMIT or narrow the query")
        return HttpError(503, _TOO_SLOW.format(limits.timeout))
    if isinstance(err, QuerySyntaxError):
        return HttpError(400, str(err))
    if isinstance(err, KgError):
        return HttpError(500, str(err))
    if isinstance(err, OSError):
        return HttpError(500, f"the store could not be read: {err}")
    return HttpError(500, f"internal error: {type(err).__name__}: {err}")


def _page_params(params: dict[str, list[str]]) -> tuple[int | None, int] | None:
    """`limit=` and `offset=` of a request (None when it asks for neither); HttpError 400 for anything but a count."""
    if "limit" not in params and "offset" not in params:
        return None
    try:
        limit = int(params["limit"][0]) if "limit" in params else None
        offset = int(params.get("offset", ["0"])[0])
    except ValueError:
        raise HttpError(400, "limit= and offset= take a number of rows") from None
    if (limit is not None and limit < 0) or offset < 0:
        raise HttpError(400, "limit= and offset= take a number of rows, 0 or more")
    return limit, offset


def _paged(sparql: str, limit: int | None, offset: int) -> str:
    from kg.query.paging import paged_sparql

    try:
        return paged_sparql(sparql, limit, offset)
    except KgError as err:
        raise HttpError(400, str(err)) from None


class Handler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol, query operation only."""

    server: SparqlServer
    server_version = "kg-sparql/1"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802
        """A query in the URL, or the query page."""
        self._guard(self._get)

    def do_HEAD(self) -> None:  # noqa: N802
        """Headers of the query page."""
        self._guard(self._get)

    def do_POST(self) -> None:  # noqa: N802
        """A query in the body (form-encoded or application/sparql-query); updates refused."""
        self._guard(self._post)

    def do_OPTIONS(self) -> None:  # noqa: N802
        """CORS preflight, so that web clients such as YASGUI may query."""
        self._send(204, b"", "text/plain", {"Allow": "GET, HEAD, POST, OPTIONS", "Access-Control-Allow-Methods": "GET, POST, OPTIONS", "Access-Control-Allow-Headers": "Content-Type, Accept"})

    def do_PUT(self) -> None:  # noqa: N802
        """Graph Store writes are refused."""
        self._refuse_write()

    do_DELETE = do_PUT  # noqa: N815
    do_PATCH = do_PUT  # noqa: N815

    def _refuse_write(self) -> None:
        self._discard_body()
        self._send_error(HttpError(405, "this endpoint is read-only: updates and graph writes are refused (use `kg build` / `kg remove`)", {"Allow": "GET, HEAD, POST, OPTIONS"}))

    def parse_request(self) -> bool:
        """Start the request's clock (for the log line) as its request line is read."""
        self.started = time.monotonic()
        self.rows: int | None = None
        self.problem = ""
        return super().parse_request()

    def _guard(self, handler: object) -> None:
        try:
            handler()  # type: ignore[operator]
        except HttpError as err:
            self._send_error(err)
        except Exception as err:  # a server must answer, whatever went wrong
            self._send_error(HttpError(500, f"internal error: {type(err).__name__}: {err}"))

    def _get(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ENDPOINT_PATHS:
            raise HttpError(404, f"no such page: {url.path}; the endpoint is /sparql")
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            raise HttpError(403, "updates are refused: this endpoint is read-only")
        if "query" not in params:
            self._page()
            return
        self._query(params)

    def _post(self) -> None:
        url = urlsplit(self.path)
        if url.path not in ENDPOINT_PATHS:
            self._discard_body()
            raise HttpError(404, f"no such page: {url.path}; the endpoint is /sparql")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._read_body()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            raise HttpError(403, "updates are refused: this endpoint is read-only")
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                raise HttpError(403, "updates are refused: this endpoint is read-only")
            params.update(form)
        elif ctype == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        else:
            raise HttpError(415, "send the query as application/sparql-query or as form field query= (application/x-www-form-urlencoded)")
        if "query" not in params:
            raise HttpError(400, "no query: send query=...")
        self._query(params)

    def _query(self, params: dict[str, list[str]]) -> None:
        queries = params["query"]
        if len(queries) != 1 or not queries[0].strip():
            raise HttpError(400, "give exactly one non-empty query")
        fmt = (params.get("format") or [None])[0]
        # a trailing VALUES that binds only the outer group's triple patterns opens the WHERE clause instead: the same
        # answer, but Oxigraph starts from it instead of filtering every solution (kg.query.values)
        sparql, page = move_values_in(queries[0]), _page_params(params)
        known = self.server.runner.holder.answer(sparql) if reads_default_graph_only(sparql, params) else None
        answer = (known, *(page or (None, 0))) if known is not None else None
        if page is not None:
            sparql = _paged(sparql, *page)
        body, media, self.rows = self.server.runner.run(sparql, self.headers.get("Accept", ""), fmt, params, answer)
        headers = {}
        if page is not None and page[0] is not None and self.rows >= page[0] > 0:  # a full page: there may be more
            following = {**params, "offset": [str(page[1] + page[0])]}
            headers["Link"] = f'<{urlsplit(self.path).path}?{urlencode(following, doseq=True)}>; rel="next"'
        self._send(200, body, media, headers)

    def _page(self) -> None:
        from kg.query.library import named_queries
        from kg.query.page import render_page

        queries = [{"name": q.name, "title": q.title, "sparql": q.sparql} for q in named_queries().values()]
        page = render_page("/sparql", self.server.limits.timeout, queries)
        csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'"
        self._send(200, page, "text/html; charset=utf-8", {"Content-Security-Policy": csp})

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True
            raise HttpError(413, f"request body over {MAX_REQUEST_BYTES:,} bytes")
        return self.rfile.read(length) if length > 0 else b""

    def _discard_body(self) -> None:
        try:
            self._read_body()
        except HttpError:
            pass

    def _send_error(self, err: HttpError) -> None:
        self.problem = err.message
        self._send(err.status, (err.message + "\n").encode("utf-8"), "text/plain; charset=utf-8", err.headers)

    def _send(self, status: int, body: bytes, media: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if not media.startswith("text/html") and "charset" not in media and media.startswith("text/"):
            media += "; charset=utf-8"
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Vary", "Accept")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self._log(status)  # before the body: a client that has its answer finds the line logged
        if self.command != "HEAD":
            self.wfile.write(body)

    def _log(self, status: int) -> None:
        """One line per request: '2025-05-01 12:03:44 200 GET /sparql 0.012 s 14 rows' (errors: their message)."""
        seconds = time.monotonic() - getattr(self, "started", time.monotonic())
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {status} {self.command} {urlsplit(self.path).path} {seconds:.3f} s"
        rows = getattr(self, "rows", None)
        if rows is not None:
            line += f" {rows} row{'' if rows == 1 else 's'}"
        if getattr(self, "problem", ""):
            line += f": {self.problem}"
        self.server.log(line)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: the server logs one line per query itself."""


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server with its store, limits and query runner."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], holder: StoreHolder, limits: Limits, workers: int = 4, log: object = None) -> None:
        super().__init__(address, Handler)
        self.limits = limits
        self.runner = QueryRunner(holder, limits, workers)
        self._log = log

    def log(self, line: str) -> None:
        """One line to the logger, if any."""
        if callable(self._log):
            self._log(line)

    @property
    def url(self) -> str:
        """The endpoint URL."""
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/sparql"


def make_server(
    out_dir: str | Path, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None, log: object = None, replica: bool = False
) -> SparqlServer:
    """A ready, bound server over the store in `out_dir` (port 0 picks a free port); `replica`: see StoreHolder."""
    holder = StoreHolder(Path(out_dir), replica)
    try:
        return SparqlServer((host, port), holder, limits or Limits(), log=log)
    except OSError as err:
        from kg.errors import UsageError

        raise UsageError(f"cannot listen on {host}:{port} ({err.strerror or err}); choose another --port") from None

