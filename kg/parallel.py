"""Extraction on several processes, streaming with a bounded number of chunks in flight, results in input order."""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import islice

from kg.model import Document, Extraction

CHUNK = 8  # documents per task: large enough to amortise pickling, small enough to balance two workers
IN_FLIGHT_PER_WORKER = 4  # chunks queued per worker: keeps every core busy while bounding memory on any corpus


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def chunked(documents: Iterable[Document], size: int = CHUNK) -> Iterator[list[Document]]:
    """Consecutive lists of `size` documents (the last may be shorter)."""
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_parallel(
    documents: Iterable[Document], workers: int, *, on_done: Callable[[int], None] | None = None
) -> Iterator[Extraction]:
    """Extract with `workers` processes (1: in this process), yielding in input order.

    `on_done(n)` is told each time a worker has finished a chunk of `n`
    documents, in whatever order they finish (from the pool's result thread).
    """
    from kg.extract import extract

    if workers <= 1:
        for extraction in extract(documents):
            if on_done:
                on_done(1)
            yield extraction
        return
    finished = _finished_callback(on_done)
    # fork shares the already imported spaCy with the workers; each loads the model once, in _warm_up
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunks = chunked(documents)
    in_flight: deque[tuple[list[Document], multiprocessing.pool.AsyncResult[list[Extraction]]]] = deque()
    with context.Pool(workers, initializer=_warm_up) as pool:
        for chunk in islice(chunks, workers * IN_FLIGHT_PER_WORKER):
            in_flight.append((chunk, pool.apply_async(extract_chunk, (chunk,), callback=finished)))
        while in_flight:
            chunk, result = in_flight.popleft()
            extractions = result.get()
            for more in islice(chunks, 1):  # one chunk out, one chunk in: the pipeline never drains between windows
                in_flight.append((more, pool.apply_async(extract_chunk, (more,), callback=finished)))
            yield from reattach(chunk, extractions)


def _finished_callback(on_done: Callable[[int], None] | None) -> Callable[[list[Extraction]], None] | None:
    """A pool callback that reports a finished chunk's size; it never raises (that would kill the pool's result thread)."""
    if on_done is None:
        return None

    def finished(extractions: list[Extraction]) -> None:
        try:
            on_done(len(extractions))
        except Exception:  # noqa: BLE001 - progress is a view of the work, never part of it
            pass

    return finished


def reattach(chunk: list[Document], extractions: list[Extraction]) -> Iterator[Extraction]:
    """Give extractions that came back without their text the caller's documents again."""
    for document, extraction in zip(chunk, extractions, strict=True):
        extraction.document = document
        yield extraction


def _warm_up() -> None:
    from kg.extract import load_pipeline

    load_pipeline()


def extract_chunk(chunk: list[Document]) -> list[Extraction]:
    """Extract a chunk in a worker; the documents' texts are left out of the result (the caller has them)."""
    from kg.extract import extract

    out = []
    for extraction in extract(chunk):
        light = replace(extraction.document, text="", body="")
        out.append(Extraction(light, extraction.entities, extraction.relations, extraction.observations))
    return out
