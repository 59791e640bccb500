"""`kg serve` evaluates a repeated request once, hands out the same bytes, and never answers a new store version from an old one."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from servers import serving

import kg.serve
from kg.serve import AnswerCache, HttpError, SparqlServer

ACTORS = "SELECT ?label WHERE { ?a a kg:Actor ; rdfs:label ?label } ORDER BY ?label"


@pytest.fixture()
def server(seeds_copy: Path) -> Iterator[SparqlServer]:
    with serving(seeds_copy) as srv:
        yield srv


def test_sixteen_identical_requests_are_evaluated_once_with_the_same_bytes(server: SparqlServer, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = kg.serve.run_query

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kg.serve, "run_query", counted)
    bodies: list[bytes] = []

    def ask() -> None:
        answer = requests.post(server.url, data={"query": ACTORS}, headers={"Accept": "text/csv"}, timeout=60)
        assert answer.status_code == 200
        bodies.append(answer.content)

    threads = [threading.Thread(target=ask) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(bodies) == 16 and len(set(bodies)) == 1
    assert len(calls) == 1
    other = requests.post(server.url, data={"query": ACTORS}, headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert other.status_code == 200 and other.content != bodies[0]  # another format is another answer
    assert len(calls) == 2


def test_a_new_store_version_is_not_answered_from_the_cache(server: SparqlServer, seeds_copy: Path) -> None:
    from kg.pipeline import remove_documents
    from kg.store import open_store

    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = requests.post(server.url, data={"query": count}, headers={"Accept": "text/csv"}, timeout=60).content
    first = sorted(sorted(paths)[0] for paths in open_store(seeds_copy).document_paths().values())[0]
    remove_documents([first], seeds_copy)
    after = requests.post(server.url, data={"query": count}, headers={"Accept": "text/csv"}, timeout=60).content
    assert after != before
    assert after.decode().splitlines()[1] == str(open_store(seeds_copy).default_size())


def test_errors_are_not_kept_and_waiters_share_the_leaders_error() -> None:
    cache = AnswerCache(1000)
    with pytest.raises(HttpError):
        cache.get_or_compute(("k",), lambda: (_ for _ in ()).throw(HttpError(400, "bad")), 1)
    assert cache.get_or_compute(("k",), lambda: (b"ok", "text/plain", 1), 1) == (b"ok", "text/plain", 1)
    assert cache.get_or_compute(("k",), lambda: (b"other", "text/plain", 1), 1) == (b"ok", "text/plain", 1)
    cache.get_or_compute(("big",), lambda: (b"x" * 999, "text/plain", 1), 1)  # over the budget: the oldest goes
    assert cache.size <= 1000 and ("k",) not in cache.entries
