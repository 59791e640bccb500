"""Extraction on an existing Dask distributed cluster, streamed back in input order.

Chunks of documents go out as tasks with a bounded number in flight; results
come back as they finish and wait in a small reordering buffer, so the store
receives them in input order and memory stays bounded on any corpus. Each
worker loads the spaCy model once (a worker plugin warms it up; the
extractor caches it per process).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator

from distributed import Client, Worker, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from kg.errors import UsageError
from kg.model import Document, Extraction
from kg.parallel import CHUNK, chunked, extract_chunk, reattach

IN_FLIGHT_PER_THREAD = 4  # chunks queued per worker thread: enough to hide network latency, small enough to bound memory
CONNECT_TIMEOUT = "10s"


class ModelPlugin(WorkerPlugin):
    """Loads the extraction pipeline once when a worker joins, not in the first task."""

    name = "kg-model"

    def setup(self, worker: Worker) -> None:
        """Load the model into this worker process."""
        from kg.extract import load_pipeline

        load_pipeline()


def connect(address: str) -> Client:
    """A client of the cluster at `address`; UsageError says what to do when there is none."""
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise UsageError(
            f"cannot reach a Dask scheduler at '{address}' ({err}); start one with `dask scheduler` and "
            "`dask worker ADDRESS`, or build without --scheduler"
        ) from None


def extract_distributed(
    documents: Iterable[Document], address: str, chunk: int = CHUNK, *, on_done: Callable[[int], None] | None = None
) -> Iterator[Extraction]:
    """Extract `documents` on the cluster at `address`, yielding in input order.

    `on_done(n)` is told each time the cluster has finished a chunk of `n`
    documents, in the order they finish.
    """
    with connect(address) as client:
        client.register_plugin(ModelPlugin(), name=ModelPlugin.name)
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values())
        yield from _stream(client, chunked(documents, chunk), max(1, threads) * IN_FLIGHT_PER_THREAD, on_done)


def _stream(
    client: Client, chunks: Iterator[list[Document]], limit: int, on_done: Callable[[int], None] | None = None
) -> Iterator[Extraction]:
    """Keep at most `limit` chunks between submission and the caller; reorder what finishes early."""
    run = uuid.uuid4().hex[:8]
    pending = as_completed(loop=client.loop)
    sent: dict[int, list[Document]] = {}  # index → the chunk's documents, until yielded
    index_of: dict[str, int] = {}
    finished: dict[int, list[Extraction]] = {}
    submitted = yielded = 0

    def submit() -> None:
        nonlocal submitted
        while submitted - yielded < limit:
            chunk = next(chunks, None)
            if chunk is None:
                return
            future = client.submit(extract_chunk, chunk, key=f"kg-extract-{run}-{submitted}", pure=False, retries=1)
            sent[submitted] = chunk
            index_of[future.key] = submitted
            pending.add(future)
            submitted += 1

    submit()
    while yielded < submitted:
        future = next(pending)
        index = index_of.pop(future.key)
        finished[index] = future.result()
        future.release()
        if on_done:
            on_done(len(finished[index]))
        while yielded in finished:
            yield from reattach(sent.pop(yielded), finished.pop(yielded))
            yielded += 1
        submit()
