"""Extraction on several processes, streaming in bounded windows, results in input order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from itertools import islice

from kg.model import Document, Extraction

WINDOW_PER_WORKER = 64  # documents in flight per worker: bounds memory on any corpus size
CHUNK = 8


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def extract_parallel(documents: Iterable[Document], workers: int) -> Iterator[Extraction]:
    """Extract with `workers` processes (1: in this process), yielding in input order."""
    from kg.extract import extract

    if workers <= 1:
        yield from extract(documents)
        return
    context = multiprocessing.get_context("forkserver" if "fork" not in multiprocessing.get_all_start_methods() else "fork")
    iterator = iter(documents)
    with context.Pool(workers, initializer=_warm_up) as pool:
        while window := list(islice(iterator, workers * WINDOW_PER_WORKER)):
            chunks = [window[i : i + CHUNK] for i in range(0, len(window), CHUNK)]
            for chunk, results in zip(chunks, pool.imap(_extract_chunk, chunks)):
                for document, extraction in zip(chunk, results):
                    extraction.document = document  # the text came back stripped; re-attach ours
                    yield extraction


def _warm_up() -> None:
    from kg.extract import load_pipeline

    load_pipeline()


def _extract_chunk(chunk: list[Document]) -> list[Extraction]:
    from dataclasses import replace

    from kg.extract import extract

    out = []
    for extraction in extract(chunk):
        light = replace(extraction.document, text="", body="")
        out.append(Extraction(light, extraction.entities, extraction.relations, extraction.observations))
    return out
