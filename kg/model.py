"""Plain records passed between the stages: ingest → extract → build.

Nothing here imports spaCy, rdflib or pyoxigraph, so every stage after
extraction can be tested with hand-made records.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One input document, its text as read and where it came from.

    `text` is what offsets refer to, its `layer`: "file" (a .txt file as decoded),
    "markdown-blanked" (a .md file with its markup blanked to spaces: same
    positions as the file), "html-main-text" or "pdf-text" (the text extracted
    from a page or a PDF). `body` has the same length as `text`, with
    page furniture (navigation, teasers, reference lists) blanked to spaces, so
    that extraction sees only the article while offsets stay exact.
    """

    id: str  # from the content hash: the same bytes under any path are one document
    path: str  # the first of its paths in sorted order; the others are `alternates`
    text: str
    body: str
    sha256: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None  # who wrote it, where the page says so (HTML metadata or byline)
    media_type: str = "text/plain"
    references: tuple[str, ...] = ()
    layer: str = "file"  # what `text` is: file | markdown-blanked | html-main-text | pdf-text
    alternates: tuple[str, ...] = ()  # other paths with the same bytes (copies, links, the file under another name)


@dataclass(frozen=True)
class Evidence:
    """The sentence that states a fact: `document.text[start:end] == sentence`."""

    start: int
    end: int
    sentence: str
    rule: str
    speaker: str | None = None  # entity key of who is reported as saying it
    marks: tuple[str, ...] = ()  # "hedged", "conditional": a claim the sentence does not state as fact


@dataclass
class Entity:
    """An actor, measure, fund or legal principle found in one document.

    `key` is its identity across the corpus ("actor/european-union"); two
    documents that find the same thing give the same key.
    """

    key: str
    kind: str  # Actor | Measure | Fund | LegalPrinciple
    label: str
    subclass: str | None = None  # State, EUInstitution, ... for actors
    wikidata: str | None = None  # "Q458"
    alt_labels: set[str] = field(default_factory=set)
    status: str | None = None  # measures: adopted | planned | proposed | called-for | permitted
    negated: bool = False
    marks: set[str] = field(default_factory=set)  # measures: "hedged", "conditional"
    qualities: set[str] = field(default_factory=set)
    amount: str | None = None  # funds: decimal in units, as a string ("170000000")
    currency: str | None = None  # ISO 4217
    evidence: Evidence | None = None  # where it is first stated


@dataclass(frozen=True)
class Relation:
    """A typed edge between two entity keys, with its evidence.

    `predicate` is the contract's name in kebab case ("must-respect"). A relation whose evidence carries marks
    (hedged, conditional) is a claim: its evidence record is stored, the triple itself is not asserted.
    """

    subject: str
    predicate: str
    object: str
    evidence: Evidence


@dataclass(frozen=True)
class Observation:
    """A figure the text states about the world ("rose by 66% compared to 2023")."""

    about: str
    value: str
    unit: str
    evidence: Evidence
    period: str | None = None
    baseline: str | None = None


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    error: str | None = None  # set when the rules failed on this document: it is skipped, not stored or cached
