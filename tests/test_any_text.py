"""Any text makes valid output: hostile names, sentences and paths through every exporter, parsed back.

Hypothesis writes extraction records whose every free-text field mixes quotes,
backslashes, newlines, markup, control characters, emoji, right-to-left text,
lone surrogates and very long runs. They go through kg.build.document_quads into
a store, and every format in kg.export.EXPORTERS (looped over, so formats added
later are covered) must parse back with an independent reader.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from collections.abc import Callable
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import vocab as v
from kg.build import _clean, document_quads, graph_iri
from kg.export import EXPORTERS, export
from kg.ids import document_id, entity_key
from kg.model import Document, Entity, Evidence, Extraction, Observation, Relation
from kg.store import GraphStore
from tests.dot_reader import read_dot

NASTY = [
    '"', "'", '"""', "'''", "\\", "\\\\", '\\"', "\\u0041", "\n", "\r", "\r\n", "\t", "\f", "\v",
    "<", ">", "&", "&amp;", "&#0;", "]]>", "<!--", "-->", "<![CDATA[", "<?xml?>",
    "<script>alert(1)</script>", "</script>", '<img src=x onerror="alert(1)">', "javascript:alert(1)",
    "\x00", "\x01", "\x08", "\x1b[31m", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff",
    "\ud800", "\udfff", "\udc80", "\ud83d",  # lone surrogates, as from file names that are not UTF-8
    "😀", "🇪🇺", "👩\u200d👩\u200d👧", "\U0010ffff",
    "שלום", "مرحبا", "\u202e", "\u202dabc\u202c", "\u200f",
    "@prefix", "_:b0", "<http://x>", "^^", "@en", "#", "%", "%2F", "/", "?", " ", "{", "}", "[", "]", ";", ",", ".", "--", "=", "|",
]


@st.composite
def nasty_text(draw: st.DrawFn, min_size: int = 0) -> str:
    """A string built from hostile pieces and arbitrary code points, sometimes very long."""
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(NASTY),
                st.text(st.characters(exclude_categories=()), max_size=8),  # any code point, surrogates included
                st.text(max_size=12),
            ),
            min_size=min_size,
            max_size=5,
        )
    )
    text = "".join(pieces)
    if draw(st.integers(0, 29)) == 0:
        text = text * 1 + draw(st.sampled_from(["x", "é", "😀", "\\", '"', "<&>"])) * 5_000
    return text


def decimal() -> st.SearchStrategy[str]:
    """An xsd:decimal lexical form (amounts and figures are numbers by the time they are records)."""
    return st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12).map(str)


@st.composite
def extractions(draw: st.DrawFn) -> Extraction:
    """One document's records with hostile text in every free-text field."""
    text = draw(nasty_text(min_size=1))
    path = draw(nasty_text(min_size=1))
    document = Document(
        id=document_id("0" * 64),
        path=path,
        text=text,
        body=text,
        sha256="0" * 64,
        title=draw(st.none() | nasty_text()),
        date=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        url=draw(st.none() | nasty_text()),
        publisher=draw(st.none() | nasty_text()),
        references=tuple(draw(st.lists(nasty_text(), max_size=2))),
    )

    def evidence() -> Evidence:
        start = draw(st.integers(0, 10**6))
        return Evidence(start, start + draw(st.integers(0, 500)), draw(nasty_text()), draw(nasty_text()), draw(st.none() | nasty_text().map(lambda t: f"actor/{t}")))

    entities = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(sorted(v.ENTITY_CLASSES)))
        name = draw(nasty_text())
        key = draw(st.sampled_from([entity_key(kind, name), f"{entity_key(kind, 'x').split('/')[0]}/{name}"]))  # slugged, or raw text
        entities.append(
            Entity(
                key=key,
                kind=kind,
                label=name,
                subclass=draw(st.none() | st.sampled_from(v.ACTOR_KINDS)) if kind == "Actor" else None,
                wikidata=draw(st.none() | st.integers(1, 10**8).map(lambda n: f"Q{n}")),
                alt_labels=set(draw(st.lists(nasty_text(), max_size=2))),
                status=draw(st.none() | nasty_text()),
                negated=draw(st.booleans()),
                qualities=set(draw(st.lists(nasty_text(), max_size=2))),
                amount=draw(st.none() | decimal()) if kind == "Fund" else None,
                currency=draw(st.none() | nasty_text()) if kind == "Fund" else None,
                evidence=evidence(),
            )
        )
    keys = [e.key for e in entities]
    relations = [
        Relation(draw(st.sampled_from(keys)), draw(st.sampled_from(sorted(v.RELATIONS))), draw(st.sampled_from(keys)), evidence())
        for _ in range(draw(st.integers(0, 3)))
    ]
    observations = [
        Observation(draw(nasty_text()), draw(decimal()), draw(nasty_text()), evidence(), draw(st.none() | nasty_text()), draw(st.none() | nasty_text()))
        for _ in range(draw(st.integers(0, 2)))
    ]
    return Extraction(document, entities, relations, observations)


def make_store(records: list[Extraction], folder: Path) -> GraphStore:
    """An in-memory store built from the records the way a build stores them."""
    store = GraphStore(ox.Store(), folder)
    for extraction in records:
        store.replace_graph(graph_iri(extraction.document.id), list(document_quads(extraction)))
    return store


# independent readers -----------------------------------------------------------

RDF_FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    "nquads": (ox.RdfFormat.N_QUADS, "nquads"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
    "xml": (ox.RdfFormat.RDF_XML, "xml"),
}


def check_rdf(name: str, data: bytes, store: GraphStore, path: Path) -> None:
    """Oxigraph and rdflib both read it, and it holds exactly the store's triples (or quads)."""
    import rdflib

    ox_format, rdflib_format = RDF_FORMATS[name]
    parsed = list(ox.parse(data, ox_format))
    if name in ("nquads", "trig"):
        assert {(q.subject, q.predicate, q.object, q.graph_name) for q in parsed} == {
            (q.subject, q.predicate, q.object, q.graph_name) for q in store.named_graph_quads()
        }
        rdflib.Dataset().parse(data=data, format=rdflib_format)
    else:
        assert {(q.subject, q.predicate, q.object) for q in parsed} == {(t.subject, t.predicate, t.object) for t in store.default_triples()}
        rdflib.Graph().parse(data=data, format=rdflib_format)


def check_graphml(name: str, data: bytes, store: GraphStore, path: Path) -> None:
    """networkx reads it back."""
    import networkx as nx

    nx.read_graphml(io.BytesIO(data))


def check_gexf(name: str, data: bytes, store: GraphStore, path: Path) -> None:
    """networkx reads it back."""
    import networkx as nx

    nx.read_gexf(io.BytesIO(data))


def check_json(name: str, data: bytes, store: GraphStore, path: Path) -> None:
    """Strict JSON (no NaN, no lone surrogates in the bytes)."""
    json.loads(data.decode("utf-8"), parse_constant=lambda c: pytest.fail(f"{name}: non-JSON constant {c}"))


def check_csv(name: str, data: bytes, store: GraphStore, path: Path) -> None:
    """Both tables read back with csv, every row as wide as its header; the files equal the stream."""
    from kg.export.graphtools import csv_paths

    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    blank = rows.index([])
    for table in (rows[:blank], rows[blank + 1 :]):
        assert table and all(len(row) == len(table[0]) for row in table), table
    nodes, edges = csv_paths(path)
    assert nodes.read_bytes() + b"\r\n" + edges.read_bytes() == data


def check_dot(name: str, data: bytes, store: GraphStore, path: Path) -> None:
    """Graphviz's parser reads it (gc counts nodes and edges, no layout); so does tests/dot_reader.py, which needs no Graphviz.

    The reader follows Graphviz's grammar and scanner and builds the same
    nodes and edges, so without Graphviz the check is as strict; with it, the
    two readers must agree.
    """
    from kg.network import project

    graph = project(store, "entities")
    expected = [graph.number_of_nodes(), graph.number_of_edges()]
    parsed = read_dot(data.decode("utf-8"))
    assert [len(parsed.nodes), len(parsed.edges)] == expected
    from kg.export.graphtools import node_ids

    assert set(parsed.nodes) == set(node_ids(list(graph.nodes)).values())  # ids hold no quote or backslash to escape
    gc = shutil.which("gc")
    if gc:
        result = subprocess.run([gc, "-n", "-e"], input=data, capture_output=True, timeout=60)
        assert result.stderr == b"", result.stderr.decode(errors="replace")[:500]
        assert [int(n) for n in result.stdout.split()[:2]] == expected


def check_evidence_csv(name: str, data: bytes, store: GraphStore, path: Path) -> None:
    """csv reads it back under the header, one row per evidence record, the same rows as the JSON Lines."""
    from kg.export.evidence import COLUMNS, evidence_rows

    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    rows = list(reader)
    assert rows == [{k: "" if v is None else str(v) for k, v in row.items()} for row in evidence_rows(store)]


def check_evidence_jsonl(name: str, data: bytes, store: GraphStore, path: Path) -> None:
    """One strict JSON object per line."""
    from kg.export.evidence import COLUMNS

    for line in data.decode("utf-8").splitlines():
        assert list(json.loads(line, parse_constant=lambda c: pytest.fail(f"{name}: non-JSON constant {c}"))) == list(COLUMNS)


class _Tags(HTMLParser):
    """The sequence of start tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs)))


def html_tags(page: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    """Start tags with their attributes, as html.parser sees them."""
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


def check_html(name: str, data: bytes, store: GraphStore, path: Path) -> None:
    """The page has exactly the elements and attributes of a page about harmless text: no text became markup."""
    assert html_tags(data.decode("utf-8")) == html_tags(_benign_page())


# name → reader; a format without one fails the test below, so a new exporter gets a reader too
CHECKERS: dict[str, Callable[[str, bytes, GraphStore, Path], None]] = {
    **dict.fromkeys(RDF_FORMATS, check_rdf),
    "graphml": check_graphml,
    "gexf": check_gexf,
    "cyjs": check_json,
    "csv": check_csv,
    "dot": check_dot,
    "evidence-csv": check_evidence_csv,
    "evidence-jsonl": check_evidence_jsonl,
    "csl-json": check_json,
}
BY_MEDIA_TYPE: dict[str, Callable[[str, bytes, GraphStore, Path], None]] = {
    "application/json": check_json,
    "text/html": check_html,
}


def checker_for(name: str) -> Callable[[str, bytes, GraphStore, Path], None]:
    """The reader for an exporter, by name, else by media type."""
    exporter = EXPORTERS[name]
    checker = CHECKERS.get(name) or BY_MEDIA_TYPE.get(exporter.media_type) or BY_MEDIA_TYPE.get(exporter.media_type.split("+")[-1])
    assert checker, f"no reader for export format '{name}' ({exporter.media_type}): add one to CHECKERS in {__file__}"
    return checker


def _html_page(store: GraphStore) -> str | None:
    """The offline HTML view of the store, when kg.viz is there."""
    try:
        from kg.network import project
        from kg.viz.html import render_html
    except ImportError:  # pragma: no cover - viz not installed
        return None
    return render_html(project(store, with_sentences=True))


@lru_cache(maxsize=1)
def _benign_page() -> str:
    document = Document(id="plain", path="plain.txt", text="The EU adopts controls.", body="The EU adopts controls.", sha256="0" * 64)
    ev = Evidence(0, 23, "The EU adopts controls.", "rule")
    extraction = Extraction(
        document,
        [Entity("actor/eu", "Actor", "EU", evidence=ev), Entity("measure/controls", "Measure", "controls", evidence=ev)],
        [Relation("actor/eu", "adopts", "measure/controls", ev)],
    )
    page = _html_page(make_store([extraction], Path(".")))
    assert page is not None
    return page


# the properties ------------------------------------------------------------------

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])


def test_every_exporter_has_a_reader() -> None:
    for name in EXPORTERS:
        checker_for(name)


@SETTINGS
@given(records=st.lists(extractions(), min_size=1, max_size=2))
def test_any_text_exports_and_parses_back_in_every_format(records: list[Extraction], tmp_path: Path) -> None:
    store = make_store(records, tmp_path)
    for name, exporter in sorted(EXPORTERS.items()):  # one store, every format: generating the text is the costly part
        path = tmp_path / f"graph{exporter.suffixes[0]}"
        stream = io.BytesIO()
        try:
            export(store, name, stream, str(path))
            checker_for(name)(name, stream.getvalue(), store, path)
        except Exception as err:
            raise AssertionError(f"format '{name}': {type(err).__name__}: {str(err)[:2000]}") from err


@SETTINGS
@given(records=st.lists(extractions(), min_size=1, max_size=2))
def test_any_text_html_view_adds_no_markup(records: list[Extraction], tmp_path: Path) -> None:
    page = _html_page(make_store(records, tmp_path))
    if page is None:  # pragma: no cover
        pytest.skip("kg.viz is not available")
    check_html("html", page.encode("utf-8"), GraphStore(ox.Store(), tmp_path), tmp_path)


@SETTINGS
@given(text=nasty_text())
def test_literals_keep_every_character_rdf_can_carry(text: str) -> None:
    cleaned = _clean(text)
    assert all(c in "\t\n\r" or c >= " " for c in cleaned)
    assert not any("\ud800" <= c <= "\udfff" for c in cleaned)
    # nothing printable is lost: only C0 controls, surrogates and the two non-characters go
    kept = [c for c in text if (c >= " " or c in "\t\n\r") and not "\ud800" <= c <= "\udfff" and c not in "\ufffe\uffff"]
    assert cleaned == "".join(kept)
