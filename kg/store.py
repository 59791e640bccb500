"""The persistent store: one named graph per document, a merged default graph for queries.

Layout under the output folder:
    store -> store-<n>/   a symlink to the current Oxigraph (RocksDB) store
    store-<n>/graph.ttl   that version's merged default graph as Turtle
    graph.ttl             a hard link to the current version's graph.ttl
A build works on a fresh checkpoint of the current store and swaps the
symlink only when it has finished, so a killed build never damages the last
good store, and readers always open a complete one. Because each version
carries its own Turtle, `kg export --format turtle` copies bytes that are
known to match the store it opened instead of serialising it again. Readers
hold a shared lock on the store's `.readers` file, and a build removes an old
store only when no reader has it open, so a query never loses its store mid-way.

Invariant kept by `replace_graph`: a triple is in the default graph iff
some named graph holds it, except `rdfs:label`, of which the default graph
holds exactly one per entity (the label most documents use; ties go to the
alphabetically first), so that the merged view has one canonical name.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg import vocab as v
from kg.errors import NoGraphError

STORE_LINK = "store"
GRAPH_FILE = "graph.ttl"
PENDING_LIMIT = 50_000  # quads per bulk load; measured: 3.2 s for 340k quads against 9 s in one transaction per document
READERS_FILE = ".readers"  # readers hold a shared flock on it; a build removes an old store only under an exclusive one
_LABEL = ox.NamedNode(v.LABEL)
_HASH = ox.NamedNode(v.CONTENT_HASH)
_SOURCE_PATH = ox.NamedNode(v.SOURCE_PATH)
_ALTERNATE_PATH = ox.NamedNode(v.ALTERNATE_PATH)
_PIPELINE = ox.NamedNode(v.KG + "pipelineVersion")
_DEFAULT = ox.DefaultGraph()
_DOCUMENTS = v.KGI + "doc/"
_TEXTS = v.KGI + "text/"
ONTOLOGY_GRAPH = ox.NamedNode(v.KGI + "graph/ontology")


class GraphStore:
    """An opened store. Queries read the merged default graph."""

    def __init__(self, store: ox.Store, path: Path, reader_lock: object = None, turtle: Path | None = None) -> None:
        self._db = store
        self.path = path
        self.turtle = turtle  # this version's merged graph as Turtle, for a store opened read-only
        # quads of new graphs not yet written: one bulk load per PENDING_LIMIT quads costs a third of
        # a transaction per document, and a build's store is invisible to readers until it is committed
        self._pending: list[ox.Quad] = []
        self._pending_graphs: set[ox.NamedNode] = set()
        self._reader_lock = reader_lock  # held while this object lives, so no build removes the folder under it
        # subject → (label counts, default labels); labels are kept as terms so language tags survive
        self._labels: dict[object, tuple[dict[ox.Literal, int], list[ox.Literal]]] = {}
        self.touched: set[ox.NamedNode | ox.BlankNode] = set()  # subjects whose triples changed: the Turtle blocks to rewrite

    @property
    def store(self) -> ox.Store:
        """The Oxigraph store, with every pending write in it."""
        self.write_pending()
        return self._db

    @store.setter
    def store(self, value: ox.Store) -> None:
        self._db = value

    def write_pending(self) -> None:
        """Bulk-load the quads queued by `replace_graph`."""
        if self._pending:
            self._db.bulk_extend(self._pending)
            self._pending = []
            self._pending_graphs.clear()

    @property
    def changed(self) -> bool:
        """Whether any write changed a quad."""
        return bool(self.touched)

    # reading -----------------------------------------------------------
    def query(self, sparql: str, **options: object) -> object:
        """Run a SPARQL query with the ontology's prefixes predeclared."""
        return self.store.query(sparql, prefixes=v.PREFIXES, **options)  # type: ignore[arg-type]

    def document_graphs(self) -> dict[str, tuple[str, str]]:
        """Every built document: graph IRI → (content hash, pipeline version)."""
        db = self.store
        versions = {(q.subject, q.graph_name): q.object.value for q in db.quads_for_pattern(None, _PIPELINE, None, None)}
        return {
            q.graph_name.value: (q.object.value, versions.get((q.subject, q.graph_name), ""))
            for q in db.quads_for_pattern(None, _HASH, None, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.subject.value.startswith(_DOCUMENTS)
        }

    def text_hashes(self) -> dict[str, str]:
        """Every built document's text layer: graph IRI → its content hash ("sha256:…")."""
        return {
            q.graph_name.value: q.object.value
            for q in self.store.quads_for_pattern(None, _HASH, None, None)
            if isinstance(q.graph_name, ox.NamedNode) and q.subject.value.startswith(_TEXTS)
        }

    def document_paths(self) -> dict[str, set[str]]:
        """Every built document: graph IRI → the paths it was found at (kg:sourcePath and kg:alternatePath)."""
        paths: dict[str, set[str]] = {}
        for predicate in (_SOURCE_PATH, _ALTERNATE_PATH):
            for q in self.store.quads_for_pattern(None, predicate, None, None):
                if isinstance(q.graph_name, ox.NamedNode):
                    paths.setdefault(q.graph_name.value, set()).add(q.object.value)
        return paths

    def document_paths_of(self, graph: str) -> list[str]:
        """One document's kg:sourcePath, then its kg:alternatePath values in sorted order."""
        g = ox.NamedNode(graph)
        source = [q.object.value for q in self.store.quads_for_pattern(None, _SOURCE_PATH, None, g)]
        return source + sorted(q.object.value for q in self.store.quads_for_pattern(None, _ALTERNATE_PATH, None, g))

    def find_documents(self, name: str) -> list[str]:
        """The ids of the documents `name` names: one of their paths, a path's file name, or the id itself."""
        found = []
        for graph, paths in sorted(self.document_paths().items()):
            doc_id = graph.rsplit("/", 1)[-1]
            if name == doc_id or any(name in (path, path.rsplit("/", 1)[-1]) for path in paths):
                found.append(doc_id)
        return found

    def default_triples(self) -> Iterator[ox.Triple]:
        """The merged default graph."""
        for q in self.store.quads_for_pattern(None, None, None, _DEFAULT):
            yield q.triple

    def named_graph_quads(self) -> Iterator[ox.Quad]:
        """Every quad of every named graph (the per-document provenance view)."""
        for graph in sorted(self.store.named_graphs(), key=lambda g: g.value):
            yield from self.store.quads_for_pattern(None, None, None, graph)

    def default_size(self) -> int:
        """How many triples the merged default graph holds (counted in Oxigraph, not in Python)."""
        rows = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(rows))["n"].value)  # type: ignore[index,call-overload]

    def __len__(self) -> int:
        return len(self.store)

    # writing -----------------------------------------------------------
    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Make `graph` hold exactly `quads`, keeping the default graph in step."""
        if graph in self._pending_graphs:
            self.write_pending()
        old = {q.triple for q in self._db.quads_for_pattern(None, None, None, graph)}
        new = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
        removed, added = old - new, new - old
        if not removed and not added:
            return
        self.touched.update(t.subject for t in removed | added)  # type: ignore[misc]
        relabelled = {t.subject for t in removed | added if t.predicate == _LABEL}
        for s in relabelled:
            self._label_counts(s)  # read before the change, then kept in step below
        if removed:
            self.write_pending()  # removal asks which other graphs hold a triple: they must all be written
        self._pending.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in added)
        self._pending.extend(ox.Quad(t.subject, t.predicate, t.object, _DEFAULT) for t in added if t.predicate != _LABEL)
        self._pending_graphs.add(graph)
        for t in removed:
            self._db.remove(ox.Quad(t.subject, t.predicate, t.object, graph))
        for t in removed:
            if t.predicate != _LABEL and not self._held_elsewhere(t):
                self._db.remove(ox.Quad(t.subject, t.predicate, t.object, _DEFAULT))
        for t in removed:
            if t.predicate == _LABEL:
                counts = self._labels[t.subject][0]
                counts[t.object] -= 1  # type: ignore[index]
                if not counts[t.object]:  # type: ignore[index]
                    del counts[t.object]  # type: ignore[arg-type]
        for t in added:
            if t.predicate == _LABEL:
                counts = self._labels[t.subject][0]
                counts[t.object] = counts.get(t.object, 0) + 1  # type: ignore[call-overload,index]
        self._relabel(relabelled)
        if len(self._pending) >= PENDING_LIMIT:
            self.write_pending()

    def remove_graph(self, graph: ox.NamedNode) -> None:
        """Take one document's graph out."""
        self.replace_graph(graph, [])
        if self.store.contains_named_graph(graph):
            self.store.remove_graph(graph)

    def _held_elsewhere(self, t: ox.Triple) -> bool:
        return any(
            isinstance(q.graph_name, ox.NamedNode) for q in self._db.quads_for_pattern(t.subject, t.predicate, t.object, None)
        )

    def _label_counts(self, s: object) -> tuple[dict[ox.Literal, int], list[ox.Literal]]:
        """How many named graphs give `s` each label, and its labels in the default graph; read once, then kept in memory.

        Counting afresh on every document made a build quadratic: an actor named by
        thousands of documents was rescanned for each of them.
        """
        if s not in self._labels:
            counts: dict[ox.Literal, int] = {}
            current: list[ox.Literal] = []
            for q in self._db.quads_for_pattern(s, _LABEL, None, None):  # type: ignore[arg-type]
                if isinstance(q.graph_name, ox.NamedNode):
                    counts[q.object] = counts.get(q.object, 0) + 1  # type: ignore[call-overload,index]
                elif isinstance(q.graph_name, ox.DefaultGraph):
                    current.append(q.object)  # type: ignore[arg-type]
            self._labels[s] = (counts, current)
        return self._labels[s]

    def _relabel(self, subjects: set[object]) -> None:
        for s in subjects:
            counts, current = self._label_counts(s)
            best = [min(counts, key=lambda label: (-counts[label], label.value, str(label)))] if counts else []
            if current == best:
                continue
            for label in current:
                self._db.remove(ox.Quad(s, _LABEL, label, _DEFAULT))  # type: ignore[arg-type]
            for label in best:
                self._db.add(ox.Quad(s, _LABEL, label, _DEFAULT))  # type: ignore[arg-type]
            current[:] = best


def store_path(out_dir: Path) -> Path:
    """The current store folder behind the `store` symlink."""
    return out_dir / STORE_LINK


def open_store(out_dir: str | os.PathLike[str]) -> GraphStore:
    """Open the built store read-only; NoGraphError says what to run when there is none."""
    out = Path(out_dir)
    link = store_path(out)
    if not out.exists():
        raise NoGraphError(f"no output folder '{out}': run `kg build [PATH ...] --out {out}` first")
    if not link.exists():
        raise NoGraphError(f"no graph in '{out}': run `kg build [PATH ...] --out {out}` first")
    for _ in range(10):  # a build may swap and remove the store between resolving the link and opening it
        path = link.resolve()
        reader_lock = _share(path)
        if reader_lock is False:
            continue
        try:
            store = ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as err:
            raise NoGraphError(f"cannot open the store in '{out}' ({err}); run `kg build` again") from None
        turtle = path / GRAPH_FILE
        return GraphStore(store, path, reader_lock, turtle if turtle.is_file() else None)
    raise NoGraphError(f"the store in '{out}' kept changing while it was opened; try again")


def _share(path: Path) -> object:
    """A shared lock on a store folder's reader file: the open file, None for a store without one, False if it is gone."""
    try:
        lock = open(path / READERS_FILE, "rb")  # noqa: SIM115 - held open for the reader's lifetime
    except FileNotFoundError:
        return None if path.is_dir() else False  # stores written before reader locks have no such file
    fcntl.flock(lock.fileno(), fcntl.LOCK_SH)  # waits only while a build is removing this very folder
    if not (path / READERS_FILE).exists():
        lock.close()
        return False
    return lock


def _remove_store(path: Path) -> None:
    """Remove an old store folder unless a reader still has it open (the next build tries again)."""
    try:
        fd = os.open(path / READERS_FILE, os.O_RDONLY)
    except FileNotFoundError:
        fd = None
    except OSError:
        return
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
        shutil.rmtree(path, ignore_errors=True)
    finally:
        if fd is not None:
            os.close(fd)


class StoreWriter:
    """A new version of the store, made from a checkpoint of the current one and swapped in on commit."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self._clean_leftovers()
        current = store_path(out_dir)
        self.new_path = out_dir / f"store-{_next_generation(out_dir)}"
        if current.exists():
            ox.Store.read_only(str(current.resolve())).backup(str(self.new_path))
            _link_or_copy(current.resolve() / GRAPH_FILE, self.turtle_path)  # still right if the build changes nothing
            _carry_answers(current.resolve(), self.new_path)
        self.graph_store = GraphStore(ox.Store(str(self.new_path)), self.new_path)
        (self.new_path / READERS_FILE).touch()

    @property
    def turtle_path(self) -> Path:
        """Where this version's Turtle goes; `commit` publishes it as the output folder's graph.ttl."""
        return self.new_path / GRAPH_FILE

    def commit(self) -> None:
        """Flush and atomically make this version the current store."""
        self.graph_store.store.flush()
        self._close()  # RocksDB compacts in the background while open: readers must only ever see a closed store
        link = store_path(self.out_dir)
        old = link.resolve() if link.exists() else None
        tmp = self.out_dir / f".{STORE_LINK}.tmp"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        tmp.symlink_to(self.new_path.name)
        os.replace(tmp, link)
        publish_turtle(self.out_dir)
        if old is not None and old != self.new_path.resolve():
            _remove_store(old)

    def abandon(self) -> None:
        """Drop this unfinished version."""
        self._close()
        shutil.rmtree(self.new_path, ignore_errors=True)

    def _close(self) -> None:
        """Close the database now, even while callers still hold the GraphStore (its last reference is here)."""
        if self.graph_store is not None:
            self.graph_store.store = None  # type: ignore[assignment]
        self.graph_store = None  # type: ignore[assignment]

    def _clean_leftovers(self) -> None:
        link = store_path(self.out_dir)
        current = link.resolve().name if link.exists() else None
        for child in self.out_dir.glob("store-*"):
            if child.name != current:
                _remove_store(child)


def publish_turtle(out_dir: Path) -> None:
    """Make the output folder's graph.ttl the current store version's (a no-op when it already is)."""
    source = store_path(out_dir).resolve() / GRAPH_FILE
    target = out_dir / GRAPH_FILE
    if not source.is_file() or (target.exists() and os.path.samefile(source, target)):
        return
    tmp = out_dir / f".{GRAPH_FILE}.publish.tmp"
    tmp.unlink(missing_ok=True)
    _link_or_copy(source, tmp)
    os.replace(tmp, target)


def _link_or_copy(source: Path, target: Path) -> None:
    """Hard-link `source` to `target` (a copy where links are not allowed); nothing when there is no source."""
    if not source.is_file():
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _carry_answers(old: Path, new: Path) -> None:
    """Link the precomputed answers (kg.answers) into a new version; not the graph digest they are checked against,
    which only `refresh_answers` writes once the new version's graph.ttl is final, so no other writer can make them look valid."""
    from kg.answers import ANSWERS_DIR, GRAPH_DIGEST

    source = old / ANSWERS_DIR
    if not source.is_dir():
        return
    (new / ANSWERS_DIR).mkdir(exist_ok=True)
    for path in source.iterdir():
        if path.name != GRAPH_DIGEST and not path.name.startswith("."):
            _link_or_copy(path, new / ANSWERS_DIR / path.name)


def _next_generation(out_dir: Path) -> int:
    numbers = [int(p.name.split("-", 1)[1]) for p in out_dir.glob("store-*") if p.name.split("-", 1)[1].isdigit()]
    return max(numbers, default=0) + 1
