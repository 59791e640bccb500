"""A build: files → documents → extractions → the store and graph.ttl, incrementally.

A document whose content hash and pipeline version are unchanged is not
parsed again; a changed one replaces its named graph; documents built before
and not named this time stay (take one out with `remove_documents`).
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pyoxigraph import NamedNode

from kg.atomic import atomic_write
from kg.cache import ExtractionCache, default_cache_dir
from kg.curation import CURATION_FILE, Curation, Entry, apply_curation, curation_path, load_curation, matched_entries
from kg.errors import DocumentError, UsageError
from kg.ids import document_id
from kg.ingest import DEFAULT_MAX_BYTES, Skipped, content_hash, display_path, find_files, read_document
from kg.lock import build_lock
from kg.model import Document, Extraction
from kg.progress import ProgressCallback, Tracker
from kg.resources import ontology_file, ontology_files
from kg.store import ONTOLOGY_GRAPH, GraphStore, StoreWriter
from kg.texts import prune_texts, save_text


@dataclass
class BuildReport:
    """What a build did: documents parsed, kept, skipped (with reasons) and warnings."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    documents: int = 0
    triples: int = 0

    @property
    def exit_code(self) -> int:
        """0 when every document was built, 1 when some were skipped."""
        return 1 if self.skipped else 0


Extractor = Callable[[Iterable[Document]], Iterator[Extraction]]


def build_graph(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    extractor: Extractor | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    use_cache: bool = True,
    curation: str | os.PathLike[str] | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
    on_warning: Callable[[str, str], None] | None = None,
    on_progress: ProgressCallback | None = None,
) -> BuildReport:
    """Build (or update) the graph of `paths` in `out_dir` (extraction on a Dask cluster when `scheduler` is given).

    `on_progress` receives a `kg.progress.Counts` snapshot after each document
    read, found unchanged, parsed, stored or skipped, and at each stage.

    `curation` is the curation file (default: curation.ttl beside `out_dir`,
    else the ontology folder's; see kg.curation). When the build curates every
    document of the graph, each entry that names nothing in it is reported
    through `on_warning(curation file, message)` and in `report.warnings`.
    """
    out = Path(out_dir)
    inputs = list(paths)
    report = BuildReport()
    tracker = Tracker(on_progress)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out '{out}' is a file, not a folder")
    _check_paths_exist(inputs)
    corrections_file = curation_path(out, curation)
    corrections = load_curation(corrections_file)  # a bad file fails before the lock and the store
    version = pipeline_version(curation=corrections_file)
    matched: set[Entry] = set()
    if scheduler and extractor is None:
        from kg.extras import require_extra

        require_extra("distributed")  # before the lock and the store: nothing to undo
    with build_lock(out):
        writer = StoreWriter(out)
        try:
            store = writer.graph_store
            tracker.stage("listing")
            found = list(find_files(inputs))  # a folder is listed whole anyway; the total comes for free
            tracker.start(len(found))
            tracker.stage("reading")
            _load_ontology(store)
            groups = _group_by_content(found, max_bytes)
            built = store.document_graphs()  # read once: at 10,000 documents each read costs a second
            book = _PathBook(store.document_paths(), groups)
            graphs = set(built)
            documents = (book.place(d) for d in _read_documents(groups, max_bytes, report, on_skip, on_warning, tracker))
            todo = _changed_documents(built, store.text_hashes(), documents, report, tracker, version, store, out)
            # the cache holds extractions before curation, so a curation edit re-curates without re-parsing
            cache = ExtractionCache(default_cache_dir(out), pipeline_version(with_curation=False)) if use_cache else None
            for extraction in _extract(todo, extractor, workers, cache, scheduler, tracker, corrections, matched):
                if extraction.error:
                    _skip(report, Skipped(extraction.document.path, extraction.error), on_skip)
                    tracker.add(skipped=1, done=1)
                    continue
                waiting = tracker.counts.stage  # what the stream was doing: reading or parsing
                tracker.stage("storing")
                graphs.add(_store_extraction(store, extraction, version))
                save_text(out, extraction.document.id, extraction.document.text)
                report.built.append(extraction.document.path)
                tracker.add(stored=1, done=1)
                tracker.stage(waiting)
            for graph, kept in book.moved_away():  # a file whose bytes changed no longer holds its old version
                if kept:
                    _set_paths(store, graph, kept)
                else:
                    store.remove_graph(NamedNode(graph))
                    graphs.discard(graph)
            report.documents = len(graphs)
            if report.built and len(report.built) == len(graphs):  # else unmatched may match a graph not curated now
                _warn_unmatched(corrections, matched, corrections_file, report, on_warning)
            _summarise(store)
            if store.changed or not writer.turtle_path.exists():  # rewriting an unchanged graph is O(corpus) for nothing
                tracker.stage("writing Turtle")
                _write_graph_file(store, writer.turtle_path)
            tracker.stage("precomputing answers")
            _refresh_answers(store, writer)
            tracker.stage("saving")
            report.triples = store.default_size()
            writer.commit()
            tracker.stage("done")
        except BaseException:
            writer.abandon()
            raise
        prune_texts(out, (graph.rsplit("/", 1)[-1] for graph in graphs))  # after the commit: a failed build keeps them
    return report


def _check_paths_exist(paths: list[str | os.PathLike[str]]) -> None:
    """A path named on the command line that does not exist is a usage error, raised before the output folder is touched.

    A symbolic link that exists but points nowhere is not: it is a document that cannot be read, skipped like one
    found inside a folder."""
    missing = [os.fspath(p) for p in paths if not os.path.lexists(p)]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        raise UsageError(f"no such file or folder: {names}")


def remove_documents(names: Iterable[str], out_dir: str | os.PathLike[str]) -> list[str]:
    """Take documents (by path, file name or id) out of the store; returns the paths removed."""
    from kg.build import graph_iri

    out = Path(out_dir)
    wanted = list(names)
    with build_lock(out):
        writer = StoreWriter(out)
        try:
            store = writer.graph_store
            removed: list[str] = []
            for name in wanted:
                matches = store.find_documents(name)
                if not matches:
                    raise UsageError(f"no document '{name}' in the graph; `kg query --named documents` lists them")
                for doc_id in matches:
                    removed.append(store.document_paths_of(graph_iri(doc_id).value)[0])
                    store.remove_graph(graph_iri(doc_id))
            _summarise(store)
            _write_graph_file(store, writer.turtle_path)
            _refresh_answers(store, writer)
            kept = [graph.rsplit("/", 1)[-1] for graph in store.document_graphs()]
            writer.commit()
        except BaseException:
            writer.abandon()
            raise
        prune_texts(out, kept)
    return removed


def _warn_unmatched(
    curation: Curation, matched: set[Entry], path: Path, report: BuildReport, on_warning: Callable[[str, str], None] | None
) -> None:
    """One warning per curation entry that named nothing in any document of the graph."""
    for entry in curation.entries():
        if entry not in matched:
            message = f"{curation.describe_entry(entry)} matches nothing in the graph"
            report.warnings.append((str(path), message))
            if on_warning:
                on_warning(str(path), message)


def _skip(report: BuildReport, skipped: Skipped, on_skip: Callable[[Skipped], None] | None) -> None:
    report.skipped.append(skipped)
    if on_skip:
        on_skip(skipped)


@dataclass(frozen=True)
class _SameContent:
    """The paths found in this build that hold the same bytes (`sha256`), or one path that could not be hashed."""

    sha256: str | None
    paths: tuple[Path, ...]


def _group_by_content(found: Iterable[Path | Skipped], max_bytes: int) -> list[_SameContent | Skipped]:
    """Found files grouped by content hash, each group where its first path was found; a file that cannot be
    hashed stays alone, for read_document to say why."""
    order: list[str | Skipped] = []
    members: dict[str, list[Path]] = {}
    for item in found:
        if isinstance(item, Skipped):
            order.append(item)
            continue
        key = content_hash(item, max_bytes) or f"path:{display_path(item)}"
        if key not in members:
            members[key] = []
            order.append(key)
        if display_path(item) not in map(display_path, members[key]):
            members[key].append(item)
    return [key if isinstance(key, Skipped) else _SameContent(None if key.startswith("path:") else key, tuple(members[key])) for key in order]


class _PathBook:
    """Which paths each document holds: those stored before, less any this build found with other bytes, plus
    those this build found with its bytes."""

    def __init__(self, stored: dict[str, set[str]], groups: list[_SameContent | Skipped]) -> None:
        from kg.build import graph_iri

        self.stored = stored
        self.found: dict[str, str] = {}  # display path → graph of the bytes this build found there
        for group in groups:
            if isinstance(group, _SameContent) and group.sha256:
                graph = graph_iri(document_id(group.sha256)).value
                self.found.update((display_path(p), graph) for p in group.paths)

    def paths_of(self, graph: str) -> list[str]:
        """Every path of `graph`'s document, in sorted order (the first is its kg:sourcePath)."""
        kept = {p for p in self.stored.get(graph, ()) if self.found.get(p, graph) == graph}
        return sorted(kept | {p for p, g in self.found.items() if g == graph})

    def place(self, document: Document) -> Document:
        """The document with every path it is known by."""
        from kg.build import graph_iri

        names = self.paths_of(graph_iri(document.id).value) or [document.path, *document.alternates]
        return replace(document, path=names[0], alternates=tuple(names[1:]))

    def moved_away(self) -> Iterator[tuple[str, list[str]]]:
        """(graph, the paths it keeps) for each stored document that lost a path to other bytes."""
        for graph in sorted(self.stored):
            if any(self.found.get(p, graph) != graph for p in self.stored[graph]):
                yield graph, self.paths_of(graph)


def _set_paths(store: GraphStore, graph: str, names: list[str]) -> None:
    """Give a stored document these paths without parsing it again."""
    import pyoxigraph as ox

    from kg import vocab as v

    g = ox.NamedNode(graph)
    path_predicates = {v.SOURCE_PATH, v.ALTERNATE_PATH}
    quads = [q for q in store.store.quads_for_pattern(None, None, None, g) if q.predicate.value not in path_predicates]
    document = next(q.subject for q in quads if q.predicate.value == v.TYPE and q.object == ox.NamedNode(v.DOCUMENT))
    quads.append(ox.Quad(document, ox.NamedNode(v.SOURCE_PATH), ox.Literal(names[0]), g))
    quads.extend(ox.Quad(document, ox.NamedNode(v.ALTERNATE_PATH), ox.Literal(name), g) for name in names[1:])
    store.replace_graph(g, quads)


def _read_documents(
    found: Iterable[_SameContent | Skipped],
    max_bytes: int,
    report: BuildReport,
    on_skip: Callable[[Skipped], None] | None,
    on_warning: Callable[[str, str], None] | None,
    tracker: Tracker,
) -> Iterator[Document]:
    for item in found:
        if isinstance(item, Skipped):
            _skip(report, item, on_skip)
            tracker.add(skipped=1, done=1)
            continue
        first, *others = item.paths
        try:
            document, warning = read_document(first, max_bytes=max_bytes, alternates=others)
        except DocumentError as err:
            _skip(report, Skipped(err.path, err.reason), on_skip)
            tracker.add(read=len(item.paths), skipped=1, done=len(item.paths))
            continue
        if others:  # the same bytes again (a copy, a link, another spelling of the path): read once
            tracker.add(read=len(others), done=len(others))
        tracker.add(read=1)
        if warning:
            report.warnings.append((document.path, warning))
            if on_warning:
                on_warning(document.path, warning)
        yield document


def _changed_documents(
    built: dict[str, tuple[str, str]],
    texts: dict[str, str],
    documents: Iterable[Document],
    report: BuildReport,
    tracker: Tracker,
    version: str,
    store: GraphStore,
    out: Path,
) -> Iterator[Document]:
    """The documents whose content, text layer (`texts`; a new trafilatura may read a page otherwise) or pipeline
    `version` differ from what the store holds (`built`); an unchanged one found under a new path only gets that
    path, and its text layer is saved if it is missing."""
    from kg.build import graph_iri, text_sha256

    for document in documents:
        graph = graph_iri(document.id).value
        same_text = texts.get(graph) == f"sha256:{text_sha256(document.text)}"
        if same_text and built.get(graph) == (f"sha256:{document.sha256}", version):
            save_text(out, document.id, document.text)
            names = [document.path, *document.alternates]
            if store.document_paths_of(graph) != names:
                _set_paths(store, graph, names)
            report.unchanged.append(document.path)
            tracker.add(unchanged=1, done=1)
        else:
            yield document


def _extract(
    documents: Iterable[Document],
    extractor: Extractor | None,
    workers: int | None,
    cache: ExtractionCache | None,
    scheduler: str | None = None,
    tracker: Tracker | None = None,
    curation: Curation | None = None,
    matched: set[Entry] | None = None,
) -> Iterator[Extraction]:
    """Cached extractions where the cache has them, parsed ones otherwise, curated, in input order.

    The curation entries that name something in an extraction are added to `matched`.
    """
    tracker = tracker or Tracker(None)
    finished = tracker.finished_parsing  # workers report chunks as they finish, ahead of the in-order stream
    if extractor is None and scheduler:
        from kg.distributed import extract_distributed

        def extractor(docs: Iterable[Document]) -> Iterator[Extraction]:
            return extract_distributed(docs, scheduler, on_done=finished)

    if extractor is None:
        from kg.parallel import default_workers, extract_parallel

        n = workers or default_workers()

        def extractor(docs: Iterable[Document]) -> Iterator[Extraction]:
            return extract_parallel(docs, n, on_done=finished)

    if curation is None:
        curation = load_curation()
    for extraction in _through_cache(documents, extractor, cache, tracker):
        if extraction.error:
            yield extraction
            continue
        if matched is not None:
            matched |= matched_entries(extraction, curation)
        yield apply_curation(extraction, curation)


def _through_cache(
    documents: Iterable[Document], extractor: Extractor, cache: ExtractionCache | None, tracker: Tracker | None = None
) -> Iterator[Extraction]:
    """Parse only what the cache lacks, in input order, through one extractor stream started at the first miss.

    One stream (not one per window) keeps worker processes and their models alive for
    the whole build; starting it lazily means a build of cached documents never imports spaCy.
    """
    from collections import deque

    tracker = tracker or Tracker(None)
    queue: deque[tuple[Document, Extraction | None]] = deque()  # read but not yet yielded, in input order
    source = iter(documents)

    def lookup(document: Document) -> Extraction | None:
        return cache.get(document) if cache else None

    for document in source:  # leading hits go straight out
        hit = lookup(document)
        if hit is None:
            queue.append((document, None))
            break
        tracker.add(cached=1)
        yield hit
    else:
        return

    first = queue[0][0]

    def misses() -> Iterator[Document]:
        yield first
        for document in source:
            hit = lookup(document)
            queue.append((document, hit))
            if hit is None:
                yield document
            else:
                tracker.add(cached=1)

    tracker.stage("parsing")
    for extraction in extractor(misses()):
        while queue[0][1] is not None:
            yield queue.popleft()[1]  # type: ignore[misc]
        queue.popleft()
        tracker.yielded_parsed()
        if cache and extraction.error is None:
            cache.put(extraction)
        yield extraction
    while queue:  # trailing hits
        yield queue.popleft()[1]  # type: ignore[misc]


def _store_extraction(store: GraphStore, extraction: Extraction, version: str | None = None) -> str:
    """Replace the document's named graph, stamped with the pipeline `version`; returns the graph's IRI."""
    import pyoxigraph as ox

    from kg import vocab as v
    from kg.build import document_iri, document_quads, graph_iri

    g = graph_iri(extraction.document.id)
    quads = list(document_quads(extraction))
    quads.append(ox.Quad(document_iri(extraction.document.id), ox.NamedNode(v.KG + "pipelineVersion"), ox.Literal(version or pipeline_version()), g))
    store.replace_graph(g, quads)
    return g.value


def _summarise(store: GraphStore) -> None:
    """Bring the summary graph in step with the documents (a store summarised by other definitions, or never, is summarised now)."""
    from kg.summaries import refresh_summaries, up_to_date

    if store.changed or not up_to_date(store.store):
        refresh_summaries(store)


def _load_ontology(store: GraphStore) -> None:
    import pyoxigraph as ox

    path = ontology_file("kg.ttl")
    triples = ox.parse(path.read_bytes(), ox.RdfFormat.TURTLE)
    store.replace_graph(ONTOLOGY_GRAPH, (ox.Quad(t.subject, t.predicate, t.object, ONTOLOGY_GRAPH) for t in triples))


def _refresh_answers(store: GraphStore, writer: StoreWriter) -> None:
    """The version's precomputed answers (kg.answers), in step with the graph.ttl just written."""
    from kg.answers import refresh_answers

    if writer.turtle_path.is_file():
        refresh_answers(store, writer.new_path, writer.turtle_path)


def _write_graph_file(store: GraphStore, path: Path) -> None:
    """This version's Turtle: the previous version's (carried in `path`) patched where subjects changed, else serialised."""
    from kg.export.rdf import patch_turtle, serialise_turtle

    previous = path if path.exists() else None
    with atomic_write(path) as stream:
        if previous is None or not patch_turtle(store, previous, store.touched, stream):
            serialise_turtle(store, stream)


def pipeline_version(with_curation: bool = True, curation: Path | None = None) -> str:
    """The extraction pipeline's version plus a digest of the data files it reads and, `with_curation`, of the
    curation file (`curation`, default the ontology folder's), so that a changed curation file re-applies."""
    files = tuple(
        (name, ontology_file(name).stat().st_mtime_ns, ontology_file(name).stat().st_size)
        for name in ontology_files((".ttl", ".json", ".txt", ".csv"))  # subfolders too: a new rules/*.json counts
        if name not in {"kg.ttl", "shapes.ttl", CURATION_FILE}
    )
    corrections = None
    if with_curation:
        path = (curation or ontology_file(CURATION_FILE)).absolute()
        if path.is_file():
            corrections = (str(path), path.stat().st_mtime_ns, path.stat().st_size)
    return _pipeline_version(files, corrections)


@functools.lru_cache(maxsize=8)
def _pipeline_version(files: tuple[tuple[str, int, int], ...], curation: tuple[str, int, int] | None = None) -> str:
    """Hash the data files once per (name, mtime, size) state: a build asks for every document. The digest also
    covers the extraction code and the spaCy and model versions, so no version string is bumped by hand."""
    from kg.extract.version import PIPELINE_VERSION, code_and_model_fingerprint

    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    digest.update(code_and_model_fingerprint().encode())
    for name, _, _ in files:
        digest.update(name.encode())
        digest.update(ontology_file(name).read_bytes())
    if curation is not None:  # its content, not its place: the same corrections moved beside the output are no change
        digest.update(CURATION_FILE.encode())
        digest.update(Path(curation[0]).read_bytes())
    return f"{PIPELINE_VERSION}+{digest.hexdigest()[:12]}"
