"""Domain data for extraction, read from ontology/ (gazetteer, lexicon, patterns)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.extract.rules import RuleBook, load_rulebook, load_validated
from kg.resources import ontology_file

KG_NS = "https://w3id.org/policy-kg/ontology#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass
class ActorEntry:
    """One gazetteer actor or authority type."""

    iri: str
    label: str
    kind: str
    wikidata: str | None = None
    aliases: set[str] = field(default_factory=set)
    metonyms: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)
    qualified: set[str] = field(default_factory=set)  # authority types: words that name one only after a state
    eu_member: bool = False
    authority_type: str | None = None  # iri of a kg:AuthorityType (for specific authorities)
    state: str | None = None  # iri of the state of a national authority
    template: str | None = None  # for authority types
    requires_state: bool = False


@dataclass
class PrincipleEntry:
    """One legal principle (or named funding instrument)."""

    iri: str
    label: str
    kind: str
    wikidata: str | None = None
    aliases: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)
    provided_by: str | None = None


@dataclass
class TriggerSet:
    """Lemmas that signal a relation or a measure status."""

    predicate: str | None
    status: str | None
    name: str = ""  # the lexicon entry's local name (lx:threatens → "threatens")
    lemmas: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    nouns: set[str] = field(default_factory=set)
    modals: set[str] = field(default_factory=set)


@dataclass
class Resources:
    """Everything the extractor knows about the domain."""

    actors: dict[str, ActorEntry]
    authority_types: dict[str, ActorEntry]
    principles: dict[str, PrincipleEntry]
    instruments: dict[str, PrincipleEntry]
    triggers: list[TriggerSet]
    wordlists: dict[str, set[str]]
    patterns: dict
    rules: RuleBook | None = None  # ontology/frame-rules.json, validated

    def relation_lemmas(self, predicate: str) -> set[str]:
        """Verb lemmas of a relation predicate."""
        return set().union(*(t.lemmas for t in self.triggers if t.predicate == predicate))

    def relation_nouns(self, predicate: str) -> set[str]:
        """Noun lemmas of a relation predicate."""
        return set().union(*(t.nouns for t in self.triggers if t.predicate == predicate))

    def word_class(self, name: str) -> set[str] | None:
        """The words of a lexicon class by its local name: a kg:WordList's lemmas, or a kg:TriggerSet's lemmas and
        noun lemmas; None when the lexicon has no such entry."""
        if name in self.wordlists:
            return self.wordlists[name]
        found = [t for t in self.triggers if t.name == name]
        if not found:
            return None
        return set().union(*(t.lemmas | t.nouns for t in found))

    def status_of(self, kind: str) -> dict[str, str]:
        """Map lemma (kind=lemmas|nouns|modals) → measure status."""
        out: dict[str, str] = {}
        for t in self.triggers:
            if t.status:
                for w in getattr(t, kind):
                    out.setdefault(w, t.status)
        return out


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _wikidata(g, s) -> str | None:  # type: ignore[no-untyped-def]
    from rdflib import URIRef

    for o in g.objects(s, URIRef(OWL_SAME_AS)):
        if "wikidata.org" in str(o):
            return _local(str(o))
    return None


def _strs(g, s, prop: str) -> set[str]:  # type: ignore[no-untyped-def]
    from rdflib import URIRef

    return {str(o) for o in g.objects(s, URIRef(prop))}


@lru_cache(maxsize=4)
def load_resources(directory: str | None = None) -> Resources:
    """Parse gazetteer.ttl, lexicon.ttl and patterns.json once."""
    from rdflib import Graph, URIRef

    def path(name: str) -> Path:
        return Path(directory) / name if directory else ontology_file(name)

    g = Graph()
    g.parse(path("gazetteer.ttl"), format="turtle")
    g.parse(path("lexicon.ttl"), format="turtle")
    actors: dict[str, ActorEntry] = {}
    types: dict[str, ActorEntry] = {}
    principles: dict[str, PrincipleEntry] = {}
    instruments: dict[str, PrincipleEntry] = {}
    triggers: list[TriggerSet] = []
    wordlists: dict[str, set[str]] = {}
    pref = SKOS_NS + "prefLabel"
    alt = SKOS_NS + "altLabel"
    for s, o in g.subject_objects(URIRef(RDF_TYPE)):
        kind = _local(str(o))
        iri = str(s)
        labels = _strs(g, s, pref)
        label = sorted(labels)[0] if labels else _local(iri)
        if kind in ("State", "EUInstitution", "Agency", "NationalAuthority", "InternationalOrganisation", "Group", "Person", "Organisation", "AuthorityType"):
            entry = ActorEntry(
                iri=iri,
                label=label,
                kind=kind,
                wikidata=_wikidata(g, s),
                aliases=_strs(g, s, alt) | {label},
                metonyms=_strs(g, s, KG_NS + "metonym"),
                demonyms=_strs(g, s, KG_NS + "demonym"),
                weak=_strs(g, s, KG_NS + "weakAlias"),
                qualified=_strs(g, s, KG_NS + "stateQualifiedAlias"),
                eu_member=bool(_strs(g, s, KG_NS + "memberOf")),
                authority_type=next(iter(_strs(g, s, KG_NS + "authorityType")), None),
                state=next(iter(_strs(g, s, KG_NS + "ofState")), None),
                template=next(iter(_strs(g, s, KG_NS + "labelTemplate")), None),
                requires_state=bool(_strs(g, s, KG_NS + "requiresState")),
            )
            (types if kind == "AuthorityType" else actors)[iri] = entry
        elif kind in ("LegalPrinciple", "FundingInstrument"):
            p = PrincipleEntry(
                iri=iri,
                label=label,
                kind=kind,
                wikidata=_wikidata(g, s),
                aliases=_strs(g, s, alt) | {label},
                weak=_strs(g, s, KG_NS + "weakAlias"),
                provided_by=next(iter(_strs(g, s, KG_NS + "providedBy")), None),
            )
            (principles if kind == "LegalPrinciple" else instruments)[iri] = p
        elif kind == "TriggerSet":
            pred = next(iter(_strs(g, s, KG_NS + "predicate")), None)
            status = next(iter(_strs(g, s, KG_NS + "status")), None)
            triggers.append(
                TriggerSet(
                    predicate=pred,
                    status=status,
                    name=_local(iri),
                    lemmas=_strs(g, s, KG_NS + "lemma"),
                    phrases=sorted(tuple(p.split()) for p in _strs(g, s, KG_NS + "phrase")),
                    nouns=_strs(g, s, KG_NS + "nounLemma"),
                    modals=_strs(g, s, KG_NS + "modal"),
                )
            )
        elif kind == "WordList":
            wordlists[_local(iri)] = _strs(g, s, KG_NS + "lemma")
    triggers.sort(key=lambda t: (t.predicate or "", t.status or ""))
    patterns = load_validated(path("patterns.json"), path("patterns.schema.json"), "relation_rules", "name")
    res = Resources(actors, types, principles, instruments, triggers, wordlists, patterns)
    res.rules = load_rulebook(path("frame-rules.json").parent, res.word_class)
    return res
