"""Scale-out: extraction on a Dask cluster gives the same graph as one machine; streaming keeps input order."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.model import Document, Extraction
from tests.conftest import SEEDS

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes, one thread each, on loopback; always closed."""
    local = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    try:
        yield local.scheduler_address
    finally:
        local.close()


@pytest.mark.slow
def test_cluster_build_equals_single_machine_build_byte_for_byte(cluster: str, seeds_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "--out", str(out), "--scheduler", cluster, "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "graph.ttl").read_bytes() == (seeds_out / "graph.ttl").read_bytes()


@pytest.mark.slow
def test_cluster_stream_keeps_input_order_across_many_chunks(cluster: str) -> None:
    from kg.distributed import extract_distributed

    texts = ["The European Commission adopted border controls.", "Frontex deployed drones.", "Nothing here."]
    documents = [Document(f"d{i}", f"d{i}.txt", texts[i % 3], texts[i % 3], f"{i:064x}") for i in range(40)]
    reported: list[int] = []
    out = []
    for extraction in extract_distributed(documents, cluster, chunk=3, on_done=reported.append):
        out.append(extraction)
        assert sum(reported) >= len(out)  # progress counts a chunk when it has finished, before it is handed over
    assert [e.document.id for e in out] == [d.id for d in documents]
    assert all(e.document.text == d.text for e, d in zip(out, documents, strict=True))
    assert sorted(reported) == [1] + [3] * 13  # each chunk once, when it finished: 40 documents in chunks of 3


class _Cache:
    """A parse cache holding a chosen set of document ids."""

    def __init__(self, ids: set[str]) -> None:
        self.ids, self.stored = ids, []  # type: ignore[var-annotated]

    def get(self, document: Document) -> Extraction | None:
        return Extraction(document) if document.id in self.ids else None

    def put(self, extraction: Extraction) -> None:
        self.stored.append(extraction.document.id)


@pytest.mark.parametrize("seed", range(30))
def test_cache_hits_and_parsed_documents_come_out_in_input_order(seed: int) -> None:
    from kg.pipeline import _through_cache

    rng = random.Random(seed)
    documents = [Document(str(i), f"{i}.txt", "", "", f"{i:064x}") for i in range(rng.randint(0, 40))]
    cache = _Cache({d.id for d in documents if rng.random() < 0.5})
    streams: list[int] = []

    def extractor(docs: Iterable[Document]) -> Iterator[Extraction]:
        streams.append(1)
        for document in docs:
            yield Extraction(document)

    out = [e.document.id for e in _through_cache(documents, extractor, cache)]  # type: ignore[arg-type]
    assert out == [d.id for d in documents]
    assert cache.stored == [d.id for d in documents if d.id not in cache.ids]
    assert len(streams) == (1 if cache.stored else 0)  # one stream, and none at all when everything is cached
