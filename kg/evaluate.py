"""Score a built graph against gold annotations (rules in tests/gold/README.md, a copy of the shared gold format).

Categories: actors, measures, funds, principles, relations; precision, recall
and F1 per document and micro-averaged over all documents. Matching is
one-to-one (each gold item is met at most once, so duplicates are spurious);
optional gold items are neither rewarded nor penalised. No click and no spaCy
here: the command in kg/commands/evaluate.py is a thin layer over `evaluate`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kg import vocab as v
from kg.errors import UsageError

CATEGORIES = ("actors", "measures", "funds", "principles", "relations")
_KIND_OF_CATEGORY = {"actors": "Actor", "measures": "Measure", "funds": "Fund", "principles": "LegalPrinciple"}
_PREDICATE_NAMES = {iri: name for name, iri in v.RELATIONS.items()}
# providedBy edges are how a Fund meets `A funds M`; the gold has no relation of its own for them
_UNSCORED_PREDICATES = {"provided-by"}

Source = Any  # a pyoxigraph Store, an object with .query(sparql), or a callable(sparql) -> rows


class GoldError(UsageError):
    """The gold annotations could not be read."""


# --------------------------------------------------------------------- text normalisation
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_POSSESSIVE = re.compile(r"(\w)'s\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")
STOPWORDS = frozenset(
    """a an the and or nor but of to in on at by for with from into onto over under as via per than
    its it their they them this that these those which who whom whose what where when while such
    is are was were be been being has have had will would shall should may might can could must do does did
    not no all any each other some more most also only so very further whether between among across along
    up out off about against within without through towards toward until upon""".split()
)


def fold(text: str) -> str:
    """Lowercase ASCII text with curly quotes straightened and accents dropped."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    return text.encode("ascii", "ignore").decode("ascii").lower()


def normalise_name(text: str) -> str:
    """A name compared ignoring case, a leading article, possessive 's and punctuation."""
    text = _POSSESSIVE.sub(r"\1", fold(text))
    text = _NON_WORD.sub(" ", text).strip()
    return _ARTICLE.sub("", text)


def stem(word: str) -> str:
    """A light suffix-stripping stem: 'upgrading', 'upgraded', 'upgrade' → 'upgrad'."""
    w = word.replace("iz", "is")
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "i"
    elif w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    changed = True
    while changed:
        changed = False
        for suffix in ("isations", "isation", "ations", "ation", "ments", "ment", "ings", "ing", "ised", "ises",
                       "ise", "edly", "ed", "es", "ly", "s", "e"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
                w = w[: -len(suffix)]
                changed = True
                break
    return w


def content_words(text: str) -> frozenset[str]:
    """The stemmed content words of a label."""
    words = _NON_WORD.sub(" ", _POSSESSIVE.sub(r"\1", fold(text))).split()
    return frozenset(stem(w) for w in words if w not in STOPWORDS and not w.isdigit())


def words_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two labels share most content words: at least half of the shorter's, and two unless it has one."""
    if not a or not b:
        return False
    shared = len(a & b)
    shorter = min(len(a), len(b))
    return shared * 2 >= shorter and shared >= min(2, shorter)


def _squash(text: str) -> str:
    return " ".join(fold(text).split())


# --------------------------------------------------------------------- gold
@dataclass
class GoldItem:
    """One gold actor, measure, fund, principle or relation."""

    category: str
    name: str
    names: frozenset[str] = frozenset()  # normalised name and aliases (actors, principles, fund surface)
    words: frozenset[str] = frozenset()  # content words (measures, funds without an amount)
    evidence: str = ""
    optional: bool = False
    status: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    subject: str | None = None  # relations: names of the ends
    predicate: str | None = None
    object: str | None = None
    provided_by: str | None = None


@dataclass
class GoldDocument:
    """The gold annotation of one document."""

    document: str
    path: str
    items: dict[str, list[GoldItem]]
    must_not_extract: list[str] = field(default_factory=list)

    def find(self, name: str) -> GoldItem | None:
        """The actor, measure, principle or fund a relation end names."""
        for category in ("actors", "measures", "principles", "funds"):
            for item in self.items[category]:
                if item.name == name:
                    return item
        return None


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def parse_gold(data: Mapping[str, Any], path: str = "<gold>") -> GoldDocument:
    """A gold document from its parsed JSON."""
    if "document" not in data:
        raise GoldError(f"{path}: no \"document\" field naming the annotated file")
    items: dict[str, list[GoldItem]] = {c: [] for c in CATEGORIES}
    try:
        for a in data.get("actors", []):
            names = frozenset(normalise_name(n) for n in [a["name"], *a.get("aliases", [])]) - {""}
            items["actors"].append(GoldItem("actors", a["name"], names=names, optional=bool(a.get("optional"))))
        for p in data.get("principles", []):
            names = frozenset(normalise_name(n) for n in [p["name"], *p.get("aliases", [])]) - {""}
            items["principles"].append(
                GoldItem("principles", p["name"], names=names, evidence=p.get("evidence", ""), optional=bool(p.get("optional")))
            )
        for m in data.get("measures", []):
            items["measures"].append(
                GoldItem("measures", m["name"], words=content_words(m["name"]), evidence=m.get("evidence", ""),
                         optional=bool(m.get("optional")), status=m.get("status"))
            )
        for f in data.get("funds", []):
            surface = f.get("surface") or f.get("instrument") or ""
            items["funds"].append(
                GoldItem("funds", surface, names=frozenset({normalise_name(surface)}) - {""}, words=content_words(surface),
                         evidence=f.get("evidence", ""), optional=bool(f.get("optional")), amount=_decimal(f.get("amount")),
                         currency=(f.get("currency") or None), provided_by=f.get("provided_by"))
            )
        items["funds"] += _named_instruments(data.get("funds", []))
        for r in data.get("relations", []):
            name = f"{r['subject']} --{r['predicate']}--> {r['object']}"
            items["relations"].append(
                GoldItem("relations", name, evidence=r.get("evidence", ""), optional=bool(r.get("optional")),
                         subject=r["subject"], predicate=r["predicate"], object=r["object"])
            )
    except (KeyError, TypeError) as err:
        raise GoldError(f"{path}: malformed gold item ({err}); see the gold README for the format") from None
    return GoldDocument(str(data["document"]), path, items, list(data.get("must_not_extract", [])))


def _named_instruments(funds: list[Mapping[str, Any]]) -> list[GoldItem]:
    """The graph contract makes a funding instrument a Fund of its own; the gold format may name it only as the
    `instrument` of an amount. Such an instrument is an optional fund: finding it is neither rewarded nor penalised."""
    listed = {normalise_name(f.get("surface") or "") for f in funds}
    named = sorted({f["instrument"] for f in funds if f.get("instrument")} - {""})
    return [GoldItem("funds", n, names=frozenset({normalise_name(n)}), words=content_words(n), optional=True)
            for n in named if normalise_name(n) not in listed]


def load_gold(gold_dir: str | Path) -> list[GoldDocument]:
    """Every *.gold.json in a folder, sorted by document name."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise GoldError(f"no gold folder '{folder}': give --gold a folder of *.gold.json files")
    docs = []
    for path in sorted(folder.glob("*.gold.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise GoldError(f"{path}: cannot read gold annotations ({err})") from None
        docs.append(parse_gold(data, str(path)))
    if not docs:
        raise GoldError(f"no *.gold.json files in '{folder}'")
    return docs


# --------------------------------------------------------------------- system graph
@dataclass
class SysEntity:
    """An entity of the built graph, with what matching needs."""

    iri: str
    kinds: set[str] = field(default_factory=set)  # Actor, Measure, Fund, LegalPrinciple
    label: str = ""
    alt_labels: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)  # basenames of kg:sourcePath
    status: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    sentences: dict[str, set[str]] = field(default_factory=dict)  # document → evidence sentences
    provided_by: set[str] = field(default_factory=set)

    @property
    def names(self) -> frozenset[str]:
        """Normalised label and alt labels."""
        return frozenset(normalise_name(n) for n in [self.label, *self.alt_labels]) - {""}

    @property
    def words(self) -> frozenset[str]:
        """Content words of the label."""
        return content_words(self.label)

    def display(self) -> str:
        """A short human-readable form."""
        if self.amount is not None:
            return f"{self.label} [{self.amount} {self.currency or ''}]".replace(" ]", "]")
        return self.label or self.iri


@dataclass(frozen=True)
class SysRelation:
    """A relation triple of the built graph."""

    subject: str
    predicate: str  # kebab case
    object: str


@dataclass
class SystemGraph:
    """What the scorer reads from a built graph."""

    entities: dict[str, SysEntity]
    relations: dict[SysRelation, dict[str, set[str]]]  # relation → document → sentences
    documents: set[str]


def _run(source: Source, sparql: str) -> list[dict[str, str | None]]:
    """Rows of a SELECT query as dicts of plain strings, from any SPARQL-capable source."""
    variables = re.findall(r"\?(\w+)", sparql.split("WHERE", 1)[0])
    query = v.SPARQL_PREFIXES + sparql
    try:
        import pyoxigraph

        if isinstance(source, pyoxigraph.Store):
            results = source.query(query, use_default_graph_as_union=True)
        elif callable(source):
            results = source(query)
        else:
            results = source.query(query)
    except ImportError:  # pragma: no cover - pyoxigraph is a dependency
        results = source(query) if callable(source) else source.query(query)
    rows = []
    for row in results:
        out: dict[str, str | None] = {}
        for name in variables:
            try:
                value = row[name]
            except (KeyError, IndexError, TypeError):
                value = None
            out[name] = None if value is None else str(getattr(value, "value", value))
        rows.append(out)
    return rows


def _basename(path: str | None) -> str:
    return (path or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def read_graph(source: Source) -> SystemGraph:
    """Read entities, relations and their evidence from a store or SPARQL callable."""
    kg_classes = {v.KG + local: kind for kind, iri in v.ENTITY_CLASSES.items() for local in [iri[len(v.KG):]]}
    kg_classes.update({v.KG + sub: "Actor" for sub in v.ACTOR_KINDS})
    for row in _run(source, "SELECT ?c ?top WHERE { ?c rdfs:subClassOf+ ?top }"):
        if row["top"] in (v.ACTOR, v.MEASURE, v.FUND, v.LEGAL_PRINCIPLE) and row["c"]:
            kg_classes.setdefault(row["c"], kg_classes[row["top"]])  # type: ignore[index]

    entities: dict[str, SysEntity] = {}
    for row in _run(source, "SELECT ?e ?t WHERE { ?e a ?t }"):
        kind = kg_classes.get(row["t"] or "")
        if kind and row["e"]:
            entities.setdefault(row["e"], SysEntity(row["e"])).kinds.add(kind)

    def each(sparql: str) -> Iterable[tuple[SysEntity, dict[str, str | None]]]:
        for row in _run(source, sparql):
            entity = entities.get(row["e"] or "")
            if entity is not None:
                yield entity, row

    for entity, row in each("SELECT ?e ?l WHERE { ?e rdfs:label ?l }"):
        label = row["l"] or ""
        if not entity.label or label < entity.label:  # deterministic when a union of graphs has several
            entity.alt_labels.add(entity.label)
            entity.label = label
        else:
            entity.alt_labels.add(label)
    for entity, row in each("SELECT ?e ?l WHERE { ?e skos:altLabel ?l }"):
        entity.alt_labels.add(row["l"] or "")
    for entity in entities.values():
        entity.alt_labels.discard("")
    documents: set[str] = set()
    for row in _run(source, "SELECT ?d ?path WHERE { ?d a kg:Document . OPTIONAL { ?d kg:sourcePath ?path } }"):
        documents.add(_basename(row["path"] or row["d"]))
    for entity, row in each("SELECT ?e ?path ?d WHERE { ?e kg:mentionedIn ?d . OPTIONAL { ?d kg:sourcePath ?path } }"):
        entity.documents.add(_basename(row["path"] or row["d"]))
    for entity, row in each("SELECT ?e ?s WHERE { ?e kg:status ?s }"):
        entity.status = row["s"]
    for entity, row in each("SELECT ?e ?a WHERE { ?e kg:amount ?a }"):
        entity.amount = _decimal(row["a"])
    for entity, row in each("SELECT ?e ?c WHERE { ?e kg:currency ?c }"):
        entity.currency = row["c"]

    relations: dict[SysRelation, dict[str, set[str]]] = {}
    values = " ".join(f"<{iri}>" for iri in v.RELATIONS.values())
    for row in _run(source, f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }}"):
        if row["s"] and row["o"]:
            relations.setdefault(SysRelation(row["s"], _PREDICATE_NAMES[row["p"] or ""], row["o"]), {})
    evidence_query = (
        "SELECT ?s ?p ?o ?sentence ?path ?d WHERE { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; "
        "prov:wasDerivedFrom ?d . OPTIONAL { ?ev kg:sentence ?sentence } OPTIONAL { ?d kg:sourcePath ?path } }"
    )
    for row in _run(source, evidence_query):
        name = _PREDICATE_NAMES.get(row["p"] or "")
        if name is None or not row["s"] or not row["o"]:
            continue
        doc = _basename(row["path"] or row["d"])
        sentence = row["sentence"] or ""
        rel = SysRelation(row["s"], name, row["o"])
        if rel not in relations:
            continue  # a hedged or conditional claim: its record is kept, but the graph does not assert it
        relations[rel].setdefault(doc, set()).add(sentence)
        for end in (row["s"], row["o"]):
            if end in entities:
                entities[end].sentences.setdefault(doc, set()).add(sentence)
    for rel in relations:
        if rel.predicate == "provided-by" and rel.subject in entities:
            entities[rel.subject].provided_by.add(rel.object)
    return SystemGraph(entities, relations, documents)


# --------------------------------------------------------------------- matching
def matches_name(item: GoldItem, entity: SysEntity) -> bool:
    """Actors and principles: a label or alt label equals the gold name or an alias."""
    return bool(item.names & entity.names)


def matches_measure(item: GoldItem, entity: SysEntity, document: str | None = None) -> bool:
    """Measures: most content words shared, or evidence contains the gold quote and the labels overlap."""
    if words_overlap(item.words, entity.words):
        return True
    if item.evidence and item.words & entity.words:
        quote = _squash(item.evidence)
        pools = [entity.sentences.get(document, set())] if document else list(entity.sentences.values())
        return any(quote in _squash(s) for pool in pools for s in pool)
    return False


def matches_fund(item: GoldItem, entity: SysEntity) -> bool:
    """Funds: amount and currency; a gold fund without an amount on its surface text."""
    if item.amount is not None:
        if entity.amount is None or entity.amount != item.amount:
            return False
        return item.currency is None or (entity.currency or "").upper() == item.currency.upper()
    if item.names & entity.names:
        return True
    return words_overlap(item.words, content_words(" ".join([entity.label, *entity.alt_labels]))) and bool(
        item.words & entity.words
    )


def matches_entity(item: GoldItem, entity: SysEntity, document: str | None = None) -> bool:
    """Match a gold item against a system entity with the matcher of the item's category."""
    if item.category == "measures":
        return matches_measure(item, entity, document)
    if item.category == "funds":
        return matches_fund(item, entity)
    return matches_name(item, entity)


def _match_end(gold: GoldDocument, name: str, iri: str, graph: SystemGraph, document: str) -> bool:
    item = gold.find(name)
    entity = graph.entities.get(iri)
    if item is None or entity is None:
        return False
    return matches_entity(item, entity, document)


def matches_relation(item: GoldItem, rel: SysRelation, gold: GoldDocument, graph: SystemGraph, document: str) -> bool:
    """Same predicate and both ends match; `A funds M` is also met by a Fund providedBy A that funds M."""
    if rel.predicate != item.predicate or item.subject is None or item.object is None:
        return False
    if not _match_end(gold, item.object, rel.object, graph, document):
        return False
    if _match_end(gold, item.subject, rel.subject, graph, document):
        return True
    subject = graph.entities.get(rel.subject)
    if rel.predicate == "funds" and subject is not None and "Fund" in subject.kinds:
        return any(_match_end(gold, item.subject, provider, graph, document) for provider in subject.provided_by)
    return False


def match_quality(item: GoldItem, system: Any) -> float:
    """How closely a matching system item fits, to prefer the best candidate: label = name beats alias matches."""
    if not isinstance(system, SysEntity):
        return 0.0
    label = normalise_name(system.label)
    if label == normalise_name(item.name):
        return 3.0
    if label in item.names:
        return 2.0
    if item.words and system.words:
        shared = len(item.words & system.words)
        return shared / len(item.words | system.words)
    return 0.0


def one_to_one(
    golds: list[GoldItem],
    systems: list[Any],
    match: Callable[[GoldItem, Any], bool],
    quality: Callable[[GoldItem, Any], float] = match_quality,
) -> dict[int, int]:
    """A maximum matching gold index → system index, as many required items met as possible first.

    Each gold item tries its closest candidates first, so that an exact label
    wins over an alt-label match when both compete for it.
    """
    edges = []
    for g in golds:
        candidates = [j for j, s in enumerate(systems) if match(g, s)]
        edges.append(sorted(candidates, key=lambda j: -quality(g, systems[j])))
    owner: dict[int, int] = {}  # system index → gold index

    def augment(g: int, seen: set[int]) -> bool:
        for j in edges[g]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = g
                return True
        return False

    # required items first: augmenting paths never unmatch a matched gold item
    order = [i for i, g in enumerate(golds) if not g.optional] + [i for i, g in enumerate(golds) if g.optional]
    for g in order:
        augment(g, set())
    return {g: j for j, g in owner.items()}


# --------------------------------------------------------------------- scores
@dataclass
class Score:
    """True positives, spurious and missed items of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp), or None when nothing was extracted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn), or None when the gold has nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (an empty side counts as perfect); None when both are empty."""
        if self.tp + self.fp + self.fn == 0:
            return None
        p = 1.0 if self.precision is None else self.precision
        r = 1.0 if self.recall is None else self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Accumulate another score (for micro averages)."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        """Counts and rates, rounded for output."""
        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 4)

        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": r(self.precision), "recall": r(self.recall), "f1": r(self.f1)}


@dataclass
class DocumentResult:
    """Scores, misses and spurious items of one document."""

    document: str
    in_graph: bool
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    misses: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    spurious: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in CATEGORIES})
    furniture: list[str] = field(default_factory=list)  # must-not-extract strings found in the graph
    status_agreement: tuple[int, int] = (0, 0)  # matched measures with the gold status, matched measures

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "document": self.document,
            "in_graph": self.in_graph,
            "scores": {c: s.to_dict() for c, s in self.scores.items()},
            "misses": self.misses,
            "spurious": self.spurious,
            "furniture": self.furniture,
            "status_agreement": {"same": self.status_agreement[0], "matched": self.status_agreement[1]},
        }


@dataclass
class EvalResult:
    """Scores of every gold document and their micro average."""

    documents: list[DocumentResult]

    @property
    def micro(self) -> dict[str, Score]:
        """Counts summed over documents, per category."""
        total = {c: Score() for c in CATEGORIES}
        for doc in self.documents:
            for c in CATEGORIES:
                total[c].add(doc.scores[c])
        return total

    @property
    def micro_f1(self) -> float:
        """Micro F1 over all categories together."""
        total = Score()
        for score in self.micro.values():
            total.add(score)
        return total.f1 or 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "documents": [d.to_dict() for d in self.documents],
            "micro": {c: s.to_dict() for c, s in self.micro.items()},
            "micro_f1_all": round(self.micro_f1, 4),
        }


def score_document(gold: GoldDocument, graph: SystemGraph) -> DocumentResult:
    """Score one document's part of the graph against its gold."""
    doc = _basename(gold.document)
    result = DocumentResult(doc, in_graph=doc in graph.documents)
    for category, kind in _KIND_OF_CATEGORY.items():
        systems = sorted((e for e in graph.entities.values() if kind in e.kinds and doc in e.documents), key=lambda e: e.iri)
        _score(result, category, gold.items[category], systems, lambda g, s: matches_entity(g, s, doc), SysEntity.display)
        if category == "measures":
            pairs = one_to_one(gold.items[category], systems, lambda g, s: matches_entity(g, s, doc))
            required = {g: j for g, j in pairs.items() if not gold.items[category][g].optional}
            same = sum(1 for g, j in required.items() if systems[j].status == gold.items[category][g].status)
            result.status_agreement = (same, len(required))
    rels = sorted(
        (r for r, docs in graph.relations.items() if doc in docs and r.predicate not in _UNSCORED_PREDICATES),
        key=lambda r: (r.subject, r.predicate, r.object),
    )

    def show(rel: SysRelation) -> str:
        def name(iri: str) -> str:
            e = graph.entities.get(iri)
            return e.display() if e else iri

        return f"{name(rel.subject)} --{rel.predicate}--> {name(rel.object)}"

    def restates(rel: SysRelation) -> bool:
        # `F funds M` with F providedBy A restates a gold `A funds M`: the contract's two ways of saying it
        subject = graph.entities.get(rel.subject)
        return (
            rel.predicate == "funds"
            and subject is not None
            and "Fund" in subject.kinds
            and any(matches_relation(g, rel, gold, graph, doc) for g in gold.items["relations"])
        )

    _score(
        result, "relations", gold.items["relations"], rels, lambda g, r: matches_relation(g, r, gold, graph, doc), show,
        not_spurious=restates, quality=lambda g, r: 0.0 if "Fund" in graph.entities.get(r.subject, SysEntity("")).kinds else 1.0,
    )
    result.furniture = _furniture_found(gold, graph, doc)
    return result


def _score(
    result: DocumentResult,
    category: str,
    golds: list[GoldItem],
    systems: list[Any],
    match: Callable[[GoldItem, Any], bool],
    show: Callable[[Any], str],
    not_spurious: Callable[[Any], bool] | None = None,
    quality: Callable[[GoldItem, Any], float] = match_quality,
) -> None:
    pairs = one_to_one(golds, systems, match, quality)
    used = set(pairs.values())
    score = result.scores[category]
    for g, item in enumerate(golds):
        if item.optional:
            continue
        if g in pairs:
            score.tp += 1
        else:
            score.fn += 1
            result.misses[category].append(item.name)
    for j, system in enumerate(systems):
        if j not in used and not (not_spurious and not_spurious(system)):
            score.fp += 1
            result.spurious[category].append(show(system))
    # a system item matched to an optional gold item is neither a hit nor spurious (already not counted)


def _furniture_found(gold: GoldDocument, graph: SystemGraph, doc: str) -> list[str]:
    texts = [t for e in graph.entities.values() if doc in e.documents for t in [e.label, *e.alt_labels]]
    texts += [s for docs in graph.relations.values() for s in docs.get(doc, ())]
    folded = [fold(t) for t in texts]
    return [bad for bad in gold.must_not_extract if any(fold(bad) in t for t in folded)]


def evaluate(gold: str | Path | list[GoldDocument], source: Source) -> EvalResult:
    """Score the graph in `source` (a store or SPARQL callable) against a gold folder or gold documents."""
    golds = load_gold(gold) if isinstance(gold, (str, Path)) else gold
    graph = read_graph(source)
    return EvalResult([score_document(g, graph) for g in golds])


def format_table(result: EvalResult) -> str:
    """A plain-text table: one row per document and MICRO, P/R/F1 per category."""
    heads = {"actors": "actors", "measures": "measures", "funds": "funds", "principles": "principles", "relations": "relations"}
    name_width = max([len("MICRO"), *(len(d.document) for d in result.documents)])
    name_width = min(name_width, 40)

    def cell(score: Score) -> str:
        def pct(x: float | None) -> str:
            return "   -" if x is None else f"{x * 100:4.0f}"

        return f"{pct(score.precision)} {pct(score.recall)} {pct(score.f1)}"

    col = len(cell(Score()))
    lines = [
        " " * name_width + "  " + "  ".join(heads[c].center(col) for c in CATEGORIES),
        " " * name_width + "  " + "  ".join("   P    R   F1".rjust(col) for _ in CATEGORIES),
    ]
    for doc in result.documents:
        name = doc.document if len(doc.document) <= name_width else doc.document[: name_width - 1] + "…"
        mark = "" if doc.in_graph else "  (not in graph)"
        lines.append(name.ljust(name_width) + "  " + "  ".join(cell(doc.scores[c]) for c in CATEGORIES) + mark)
    lines.append("-" * len(lines[0]))
    micro = result.micro
    lines.append("MICRO".ljust(name_width) + "  " + "  ".join(cell(micro[c]) for c in CATEGORIES))
    lines.append(f"micro F1 over all categories: {result.micro_f1 * 100:.1f}")
    return "\n".join(lines)


def format_details(result: EvalResult) -> str:
    """Misses and spurious items per document and category."""
    lines: list[str] = []
    for doc in result.documents:
        lines.append(f"\n== {doc.document}")
        same, matched = doc.status_agreement
        if matched:
            lines.append(f"  measure status agrees with gold: {same}/{matched}")
        if doc.furniture:
            lines.append(f"  page furniture in the graph: {', '.join(doc.furniture)}")
        for category in CATEGORIES:
            for label, items in (("missed", doc.misses[category]), ("spurious", doc.spurious[category])):
                if items:
                    lines.append(f"  {category} {label} ({len(items)}):")
                    lines.extend(f"    - {item}" for item in items)
    return "\n".join(lines)
