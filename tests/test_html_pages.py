"""Web pages as researchers save them: the article reaches the graph, the page furniture does not.

Each tests/pages/NAME.html is a page layout of its own (div-soup news sites, a government site, EU institution
pages, an NGO blog, a live blog, AMP, a page saved with "Save page as", ...); NAME.expect.json lists the furniture
strings that must not appear, the article sentences and entities that must, and the metadata the page states.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import read_document

PAGES = Path(__file__).parent / "pages"
EXPECT = {p.name.removesuffix(".expect.json"): json.loads(p.read_text(encoding="utf-8")) for p in sorted(PAGES.glob("*.expect.json"))}


def test_there_are_at_least_twelve_layouts() -> None:
    assert len(EXPECT) >= 12
    assert sorted(p.stem for p in PAGES.glob("*.html")) == sorted(EXPECT)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_the_text_layer_is_the_article(name: str) -> None:
    expect = EXPECT[name]
    document, _ = read_document(PAGES / f"{name}.html")
    leaked = [furniture for furniture in expect["furniture"] if furniture in document.text]
    lost = [sentence for sentence in expect["sentences"] if sentence not in document.text]
    assert (leaked, lost) == ([], [])


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_metadata(name: str) -> None:
    document, _ = read_document(PAGES / f"{name}.html")
    got = {"title": document.title, "date": document.date, "author": document.author, "publisher": document.publisher, "url": document.url}
    expected = EXPECT[name]["metadata"]
    assert {key: got[key] for key in expected} == expected


@pytest.fixture(scope="module")
def pages_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The graph of every page, built once with the real extractor."""
    from kg.pipeline import build_graph
    from kg.store import open_store

    out = tmp_path_factory.mktemp("pages-graph")
    report = build_graph([str(PAGES)], out, workers=1)
    assert report.skipped == []
    return open_store(out)


def _graph_of(store, name: str) -> str:  # type: ignore[no-untyped-def]
    rows = list(store.query(f'SELECT ?g WHERE {{ GRAPH ?g {{ ?d kg:sourcePath ?p FILTER(STRENDS(?p, "/{name}.html")) }} }}'))
    assert len(rows) == 1, name
    return str(rows[0]["g"].value)


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_no_furniture_in_the_graph(pages_store, name: str) -> None:  # type: ignore[no-untyped-def]
    graph = _graph_of(pages_store, name)
    literals = [str(row["o"].value) for row in pages_store.query(f"SELECT DISTINCT ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o FILTER(ISLITERAL(?o)) }} }}")]
    leaked = sorted({furniture for furniture in EXPECT[name]["furniture"] for literal in literals if furniture in literal})
    assert leaked == []


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_the_article_entities_are_in_the_graph_and_the_furniture_ones_are_not(pages_store, name: str) -> None:  # type: ignore[no-untyped-def]
    graph = _graph_of(pages_store, name)
    mentioned = {
        str(row["label"].value)
        for row in pages_store.query(f"SELECT ?label WHERE {{ GRAPH <{graph}> {{ ?e kg:mentionedIn ?d ; rdfs:label ?label }} }}")
    }
    expect = EXPECT[name]
    assert ([m for m in expect["mentions"] if m not in mentioned], [m for m in expect["not_mentioned"] if m in mentioned]) == ([], [])
