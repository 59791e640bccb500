"""Shared fixtures: the seeds' graph built once per session, and a model-free extractor."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from kg.model import Document, Entity, Evidence, Extraction, Relation

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"  # a copy of ../shared/gold, so the suite runs wherever the repository is


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder holding the seeds' graph, built once with the real extractor. Do not modify it."""
    from kg.pipeline import build_graph

    out = tmp_path_factory.mktemp("seeds-graph")
    report = build_graph([str(SEEDS)], out, workers=1)
    assert report.skipped == []
    return out


@pytest.fixture(scope="session")
def corpus_1000_out(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The graph of benchmarks/generate.py's 1,000-document corpus (seed 7), built once with the real extractor. Do not modify it.

    Extracting 1,000 documents takes minutes on two cores; the parses are kept
    in pytest's cache folder (.pytest_cache/d/kg-parse-cache), keyed as kg's
    parse cache keys them (pipeline version and content hash), so a later
    session only stores them again. Delete that folder, or run pytest with
    --cache-clear, to parse from scratch.
    """
    import importlib.util

    from kg.pipeline import build_graph

    spec = importlib.util.spec_from_file_location("kg_benchmark_generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    corpus = tmp_path_factory.mktemp("corpus-1000")
    generate.generate(1000, corpus)
    cache = request.config.cache.mkdir("kg-parse-cache") if getattr(request.config, "cache", None) else tmp_path_factory.mktemp("parse-cache")
    out = tmp_path_factory.mktemp("corpus-1000-graph")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("KG_CACHE_DIR", str(cache))
        report = build_graph([str(corpus)], out, workers=2)
    assert report.skipped == []
    return out


@pytest.fixture()
def seeds_copy(seeds_out: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds' output folder that a test may change."""
    target = tmp_path / "out"
    shutil.copytree(seeds_out, target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def seeds_store(seeds_out: Path):  # type: ignore[no-untyped-def]
    """The seeds' store, opened read-only."""
    from kg.store import open_store

    return open_store(seeds_out)


def sentence_evidence(document: Document, needle: str, rule: str = "test") -> Evidence:
    """Evidence for the first occurrence of `needle`, widened to its line."""
    start = document.text.index(needle)
    end = start + len(needle)
    return Evidence(start, end, document.text[start:end], rule)


def keyword_extractor(documents: Iterable[Document]) -> Iterator[Extraction]:
    """A model-free stand-in for the extractor: 'EU' adopts a measure in every document that names the EU."""
    for document in documents:
        extraction = Extraction(document)
        if "EU" in document.body:
            ev = sentence_evidence(document, "EU")
            extraction.entities += [
                Entity("actor/european-union", "Actor", "European Union", "InternationalOrganisation", "Q458", {"EU"}, evidence=ev),
                Entity("measure/border-controls", "Measure", "border controls", status="adopted", evidence=ev),
            ]
            extraction.relations.append(Relation("actor/european-union", "adopts", "measure/border-controls", ev))
        yield extraction


@pytest.fixture()
def fake_extractor():  # type: ignore[no-untyped-def]
    """The model-free extractor, for pipeline and store tests."""
    return keyword_extractor


@pytest.fixture()
def model_free(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds (also through the CLI) use the keyword extractor instead of spaCy."""
    import kg.parallel

    monkeypatch.setattr(kg.parallel, "extract_parallel", lambda docs, workers, **_: keyword_extractor(docs))


def progress_lines(stderr: str) -> list[str]:
    """The plain progress lines of stderr, rate and time left masked, a repeated line (a 30-second tick) once."""
    import re

    lines: list[str] = []
    for line in stderr.splitlines():
        if re.match(r"\d+/(\d+|\?) \w+(, |$)", line):
            line = re.sub(r"\d+\.\d/s", "R/s", line)
            line = re.sub(r"about [\dhmins ]+ left", "about T left", line)
            if not lines or lines[-1] != line:
                lines.append(line)
    return lines


@pytest.fixture(scope="session")
def formats_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One graph of documents in every format, built once with the real extractor: the seeds (.txt), tests/formats
    (.md), a devset Markdown file, the page layouts of tests/pages (.html) and PDFs made from our own texts."""
    from kg.pipeline import build_graph

    out = tmp_path_factory.mktemp("formats-graph")
    inputs = [SEEDS, ROOT / "tests" / "formats", ROOT / "tests" / "devset" / "ngo_statement_fences.md", ROOT / "tests" / "pages"]
    try:
        from tests.pdf_fixtures import write_pdfs
    except ImportError:  # until PDFs are made
        pass
    else:
        inputs.append(write_pdfs(tmp_path_factory.mktemp("pdfs")))
    report = build_graph([str(p) for p in inputs], out, workers=1)
    assert report.skipped == []
    return out
