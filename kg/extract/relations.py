"""Relation rules from ontology/patterns.json, run over the dependency parse of a sentence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.mentions import Mention
from kg.extract.resources import Resources
from kg.extract.syntax import TokenIndex, collect, follow, is_passive


@dataclass(frozen=True)
class Rule:
    """One compiled relation rule."""

    name: str
    predicate: str
    lemmas: frozenset[str]
    pos: frozenset[str]
    requires: tuple[tuple[str, frozenset[str] | None, frozenset[str] | None], ...]
    subject: str
    object_paths: tuple[str, ...]
    passive_paths: tuple[str, ...]
    subject_kinds: frozenset[str]
    object_kinds: frozenset[str]
    keep_modal_negation: bool
    narrow_to_examples: bool = False
    head_words: frozenset[str] = frozenset()
    subject_from: str = ""
    subject_outside_eu: bool = False  # only actors outside the EU (third states and their authorities)
    direction_preps: frozenset[str] = frozenset()  # the trigger or its object must head one of these prepositions
    exclude_particles: frozenset[str] = frozenset()  # "push back": a particle or adverb that turns the act around
    object_eu_member: bool = False  # only objects that are EU member states


@dataclass
class RelationHit:
    """A rule that fired: subject strategy, trigger token and the object mentions."""

    rule: Rule
    trigger: Token
    objects: list[Mention]


def compile_rules(res: Resources) -> tuple[list[Rule], dict[str, list[Rule]]]:
    """Rules from patterns.json, indexed by trigger lemma."""
    pats = res.patterns

    def words(spec: object) -> frozenset[str]:
        if isinstance(spec, str) and spec.startswith("@"):
            name = spec[1:]
            if name in pats:
                return frozenset(pats[name])
            if name.endswith("-nouns"):
                return frozenset(res.relation_nouns(name[: -len("-nouns")]))
            if name in res.wordlists:
                return frozenset(res.wordlists[name])
            return frozenset(res.relation_lemmas(name))
        return frozenset(spec or [])  # type: ignore[arg-type]

    rules = []
    for r in pats["relation_rules"]:
        trig = r["trigger"]
        requires = tuple(
            (q["path"], words(q["lemmas"]) if "lemmas" in q else None, frozenset(q["words"]) if "words" in q else None)
            for q in trig.get("requires", [])
        )
        rules.append(
            Rule(
                name=r["name"], predicate=r["predicate"], lemmas=words(trig["lemmas"]), pos=frozenset(trig.get("pos", [])),
                requires=requires, subject=r["subject"], object_paths=tuple(r.get("object", [])),
                passive_paths=tuple(r.get("passive_object", [])), subject_kinds=frozenset(r.get("subject_kinds", [])),
                object_kinds=frozenset(r.get("object_kinds", [])), keep_modal_negation=bool(r.get("keep_modal_negation")),
                narrow_to_examples=bool(r.get("narrow_to_examples")), head_words=frozenset(trig.get("head_words", [])),
                subject_from=r.get("subject_from", ""), subject_outside_eu=bool(r.get("subject_outside_eu")),
                direction_preps=frozenset(r.get("direction_preps", [])), exclude_particles=frozenset(r.get("exclude_particles", [])),
                object_eu_member=bool(r.get("object_eu_member")),
            )
        )
    by_lemma: dict[str, list[Rule]] = {}
    for rule in rules:
        for lemma in rule.lemmas:
            by_lemma.setdefault(lemma, []).append(rule)
    return rules, by_lemma


def kind_ok(m: Mention, kinds: frozenset[str]) -> bool:
    """Whether a mention is of one of the kinds ('Actor', 'LegalPrinciple', 'Actor:Group', 'State' ...)."""
    if not kinds:
        return True
    return m.kind in kinds or (m.subclass or "") in kinds or f"{m.kind}:{m.subclass}" in kinds


def _requirements_met(rule: Rule, tok: Token) -> bool:
    for path, lemmas, wordset in rule.requires:
        reached = follow(tok, path) if not path.startswith("prep:") else follow(tok, path)
        if path.startswith("prep:") and not reached:
            return False
        if path == "prep" and wordset is not None:
            if not any(c.dep_ == "prep" and c.lower_ in wordset for c in tok.children):
                return False
            continue
        if lemmas is not None and not any(t.lemma_.lower() in lemmas for t in reached):
            return False
    return True


def _directed(rule: Rule, tok: Token) -> bool:
    """'push migrants towards the border', 'steer people to the frontier': a direction on the verb or its object, and
    no particle turning the act around ('push them back')."""
    if any(c.dep_ in ("prt", "advmod") and c.lower_ in rule.exclude_particles for c in tok.children):
        return False
    heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))]
    return any(c.dep_ in ("prep", "dative") and c.lower_ in rule.direction_preps for h in heads for c in h.children)


def _negated(tok: Token) -> tuple[bool, bool]:
    neg = any(c.dep_ == "neg" for c in tok.children)
    modal = any(c.tag_ == "MD" for c in tok.children)
    if not neg and tok.dep_ in ("xcomp", "conj", "relcl", "acl") and tok.head.pos_ in ("VERB", "AUX"):
        neg = any(c.dep_ == "neg" for c in tok.head.children) and tok.dep_ != "relcl"
        modal = modal or any(c.tag_ == "MD" for c in tok.head.children)
    return neg, modal


def examples(index: TokenIndex, tok: Token) -> list[Mention]:
    """The mentions a general term is narrowed to: "fundamental rights, such as the right to asylum" → right to asylum."""
    out: list[Mention] = []
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ in ("including", "like") or (c.lower_ == "as" and c.i > 0 and c.doc[c.i - 1].lower_ == "such")):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.extend(collect(index, p))
    return out


def find_relations(sent: Span, index: TokenIndex, by_lemma: dict[str, list[Rule]],
                   skip: Callable[[Token], bool] = lambda t: False) -> list[RelationHit]:
    """Every rule that fires in a sentence, with its objects (subjects are resolved by the caller)."""
    hits = []
    for tok in sent:
        rules = by_lemma.get(tok.lemma_.lower())
        if not rules:
            continue
        for rule in rules:
            if rule.pos and tok.pos_ not in rule.pos:
                continue
            if rule.head_words and not (tok.dep_ == "pobj" and tok.head.lower_ in rule.head_words):
                continue
            if rule.requires and not _requirements_met(rule, tok):
                continue
            if rule.direction_preps and not _directed(rule, tok):
                continue
            neg, modal = _negated(tok)
            if neg and not (modal and rule.keep_modal_negation):
                continue
            paths = rule.passive_paths if (rule.passive_paths and is_passive(tok)) else rule.object_paths
            objects: list[Mention] = []
            for path in paths:
                for t in follow(tok, path):
                    found = collect(index, t)
                    if rule.narrow_to_examples:
                        found = examples(index, t) or found
                    for m in found:
                        if kind_ok(m, rule.object_kinds) and m not in objects:
                            objects.append(m)
            if objects:
                hits.append(RelationHit(rule, tok, objects))
    return hits
