"""Dependency-tree helpers: logical subjects, object paths and the mentions under a token."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from kg.extract.mentions import Mention

CLIMB_DEPS = {"xcomp", "advcl", "conj", "pcomp", "acl", "relcl", "prep", "pobj", "dobj", "acomp", "oprd", "attr", "npadvmod", "advmod"}
ACCUSING = {"accuse", "blame", "suspect", "charge", "condemn", "criticise", "criticize", "convict"}
FINITE = {"VBZ", "VBD", "VBP"}
INSTRUMENT_VERBS = {"make", "use", "employ", "mobilise", "mobilize", "take"}
PRONOUNS = {"it", "they", "this", "these", "which", "that", "we", "he", "she", "its", "their"}


class TokenIndex:
    """Which mention covers which token."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)

    def cover(self, tok: Token) -> Mention | None:
        """The mention a token belongs to."""
        return self.by_token.get(tok.i)


def prep_objects(prep: Token) -> list[Token]:
    """Objects of a preposition, including coordinated prepositions ("to Russia and to X")."""
    out = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    for c in prep.children:
        if c.dep_ == "conj" and c.pos_ == "ADP":
            out.extend(prep_objects(c))
    return out


def follow(tok: Token, path: str) -> list[Token]:
    """Tokens reached from `tok` by a path such as 'dobj/prep:of'."""
    current = [tok]
    for step in path.split("/"):
        nxt: list[Token] = []
        for t in current:
            if step.startswith("prep:"):
                words = step[5:].split("|")
                for c in t.children:
                    if c.dep_ in ("prep", "agent", "dative") and c.lower_ in words:
                        nxt.extend(prep_objects(c))
            elif step == "verb":
                nxt.extend(a for a in [next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)] if a is not None)
            elif step == "subj":
                nxt.extend(x for x in [logical_subject(t)] if x is not None)
            elif step == "^":
                nxt.append(t.head)  # up to the head ("in full respect of X, including Y": 'including' hangs on the verb)
            elif step == "prep":
                for c in t.children:
                    if c.dep_ == "prep":
                        nxt.extend(prep_objects(c))
            else:
                nxt.extend(c for c in t.children if c.dep_ == step)
        current = nxt
    return current


def collect(index: TokenIndex, tok: Token, depth: int = 0) -> list[Mention]:
    """Mentions a noun phrase names: its own, its conjuncts', 'principle of X', 'such as X'."""
    out: list[Mention] = []
    m = index.cover(tok)
    if m is not None:
        out.append(m)
        if depth < 4 and m.end - m.start > 1:
            # "the principle of non-refoulement and the right to asylum": the conjunct hangs on the mention's last word
            for t in tok.doc[m.start:m.end]:
                if t is not tok:
                    out.extend(x for c in t.children if c.dep_ == "conj" and c.i >= m.end for x in collect(index, c, depth + 1))
    elif depth < 3:
        for c in tok.children:
            if c.dep_ == "poss":
                out.extend(collect(index, c, depth + 1))
            if c.dep_ == "prep" and c.lower_ in ("of", "for"):
                for p in prep_objects(c):
                    out.extend(collect(index, p, depth + 1))
    if depth < 4:
        for c in tok.children:
            # "the Belarusian and Russian authorities": coordinated modifiers each name an actor
            if c.dep_ == "amod" and c.i < tok.i and any(x.dep_ == "conj" for x in c.children):
                for x in [c, *(x for x in c.children if x.dep_ == "conj")]:
                    mx = index.cover(x)
                    if mx is not None and mx.kind == "Actor":
                        out.append(mx)
            if c.dep_ in ("conj", "appos"):
                out.extend(collect(index, c, depth + 1))
            elif c.dep_ == "prep" and (c.lower_ in ("including", "like") or (c.lower_ == "as" and c.i > 0 and c.doc[c.i - 1].lower_ == "such")):
                for p in prep_objects(c):
                    out.extend(collect(index, p, depth + 1))
    seen: set[int] = set()
    uniq = []
    for m in out:
        if id(m) not in seen:
            seen.add(id(m))
            uniq.append(m)
    return uniq


def subject_token(verb: Token) -> Token | None:
    """The grammatical subject child of a verb or adjective, active or passive; of two (a misparse such as a dateline
    read as a subject: "HELSINKI (AP) — Finland's parliament approved"), the one nearest before the verb."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    before = [c for c in subjects if c.i < verb.i]
    if not subjects and _main_verb_read_as_modifier(verb):
        return verb.head
    return before[-1] if len(subjects) > 1 and before else (subjects[0] if subjects else None)


def _main_verb_read_as_modifier(verb: Token) -> bool:
    """"X, which runs two clinics, called on Y": the parser often hangs a finite main verb after a comma-delimited
    relative clause or apposition on the subject noun (as `acl` of a root noun). Such a verb's subject is that noun."""
    head = verb.head
    return verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ", "VBP") and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN") \
        and head.i < verb.i and verb.i > 0 and verb.doc[verb.i - 1].text == "," and agent_token(verb) is None


def agent_token(verb: Token) -> Token | None:
    """The 'by' agent of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def is_passive(verb: Token) -> bool:
    """True when a verb has a passive subject or auxiliary."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def logical_subject(tok: Token, is_actor: Callable[[Token], bool] = lambda t: True, max_depth: int = 8) -> Token | None:
    """The token that is the doer of `tok`: its subject, passive agent, controller or possessor."""
    cur = tok
    came_from_infinitive = False  # whether the walk reached a noun from the infinitive that completes it
    for _ in range(max_depth):
        if cur.pos_ in ("VERB", "AUX", "ADJ") or cur.dep_ in ("ROOT", "ccomp", "xcomp", "advcl", "conj", "relcl", "acl"):
            if cur is tok and is_passive(cur):
                ag = agent_token(cur)
                if ag is not None:
                    return ag
                if cur.dep_ not in ("xcomp", "advcl", "conj"):
                    return None
            else:
                subj = subject_token(cur)
                if subj is not None and cur.dep_ == "relcl" and subj.tag_ in ("WDT", "WP") and cur.head.pos_ in ("NOUN", "PROPN"):
                    return cur.head  # "Belarusian services, which transport migrants": the noun the clause describes
                if subj is not None:
                    return subj
        if cur.pos_ in ("NOUN", "PROPN"):
            for c in cur.children:
                if c.dep_ in ("poss", "compound", "amod") and c.i < cur.i and is_actor(c):
                    return c
            if cur is not tok and cur.pos_ == "NOUN":
                # "attempts by Minsk to funnel migrants": the nominal's 'by' agent does the infinitive
                for c in cur.children:
                    if c.dep_ == "prep" and c.lower_ == "by":
                        agent = next((p for p in c.children if p.dep_ == "pobj" and is_actor(p)), None)
                        if agent is not None:
                            return agent
                if came_from_infinitive and (controller := infinitive_controller(cur)) is not None and is_actor(controller):
                    return controller
        dep = cur.dep_
        came_from_infinitive = dep == "acl" and cur.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in cur.children)
        if dep == "relcl" and not any(c.lower_ == "to" and c.dep_ == "aux" for c in cur.children):
            return cur.head  # "measures which may affect": the head noun does it
        if dep == "pcomp" and cur.head.lower_ == "of" and cur.head.head.lemma_.lower() in ACCUSING:
            accused = next((c for c in cur.head.head.children if c.dep_ == "dobj" and is_actor(c)), None)
            if accused is not None:
                return accused  # "accused Moscow of organising X": the accused does it
        if dep in ("xcomp", "advcl") and cur.tag_ == "VB":
            called = next((p for c in cur.head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and c.i < cur.i
                           for p in c.children if p.dep_ == "pobj" and is_actor(p)), None)
            if called is not None:
                return called  # "calls on the Commission to mobilise": the one called on does it
        if dep == "xcomp":
            obj = next((c for c in cur.head.children if c.dep_ == "dobj"), None)
            nominal = obj is not None and not is_actor(obj) and any(c.dep_ == "prep" and c.lower_ == "of" for c in obj.children)
            if obj is not None and cur.head.lemma_ not in INSTRUMENT_VERBS and not nominal:
                # object control: "support EU countries to prevent" (not "use force to return X", "orchestrate the movement
                # of migrants to destabilise X": the user, the orchestrator does it)
                return obj
            if is_passive(cur.head):
                subj = subject_token(cur.head)
                if subj is not None:
                    return subj  # "X was directed to craft", "X are invited to cooperate"
        if dep in ("ccomp", "ROOT", "parataxis") or dep not in CLIMB_DEPS:
            return None
        if dep == "conj" and cur.tag_ in FINITE and cur.head.tag_ == "VB":
            # "encourages X to establish Y and is ready to Z": a finite verb joins the finite clause, not the infinitive
            clause_verb = next((a for a in cur.head.ancestors if a.tag_ in FINITE), None)
            if clause_verb is not None:
                cur = clause_verb
                continue
        cur = cur.head
    return None


def infinitive_controller(noun: Token) -> Token | None:
    """Who does the infinitive that completes a noun naming no doer of its own (no possessor, no 'by'): its 'of' object
    ("the obligation of the Member States to respect X"), or the object before 'of' when the noun is the owner's own
    ("reminded Latvia of its obligation to comply with X")."""
    if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in noun.children):
        return noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ in ("NOUN", "PROPN") else None
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in noun.children):
        return None
    return next((p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), None)


def wanted_of_another(governor: Token, clause: Token) -> bool:
    """The clause under a verb of wanting has a doer of its own: 'wants Latvia to reopen X' (Latvia the subject of the
    infinitive, or the verb's object before it), not 'wants to reopen X'."""
    if clause.dep_ not in ("ccomp", "xcomp") or clause.tag_ != "VB":
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) or any(
        c.dep_ == "dobj" and c.i < clause.i for c in governor.children)


def content_clause(clause: Token) -> bool:
    """A that-clause the parser hangs on a noun, stating the noun's content: 'their demand that Latvia reopen X', 'the
    decision that the crossings stay shut' (not a relative clause: 'the fence that Poland built' has no 'that' mark)."""
    # (the parser may call it a relative clause; a relative 'that' is the clause's subject or object, never its mark)
    return clause.dep_ in ("acl", "relcl") and clause.head.pos_ == "NOUN" \
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def finite(verb: Token) -> bool:
    """A verb that heads a clause of its own: a finite form, or a bare verb after a modal ("85 million kroner will fund X")."""
    return verb.tag_ in FINITE or (verb.tag_ == "VB" and any(c.tag_ == "MD" for c in verb.children))


def denied_by_subject(child: Token, negative_pronouns: frozenset[str] | set[str],
                      negative_determiners: frozenset[str] | set[str] = frozenset()) -> bool:
    """Whether a verb's child is a subject that denies the act ("None of the money went to X", "Nobody has proposed Y",
    "No BMVI funding was spent on fences")."""
    return child.dep_ in ("nsubj", "nsubjpass") and (child.lower_ in negative_pronouns or any(
        d.dep_ == "det" and d.lower_ in negative_determiners for d in child.children))


def partitive_whole(tok: Token, partitives: frozenset[str] | set[str]) -> Token | None:
    """The whole a quantifier takes part of ("all of its crossings", "most of the frontier", "two of the four
    checkpoints"): the head of its 'of' phrase, or None where `tok` is no partitive quantifier."""
    if tok.lower_ not in partitives and tok.lemma_.lower() not in partitives:
        return None
    whole = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in prep_objects(c)), None)
    return whole if whole is not None and whole.pos_ in ("NOUN", "PROPN") else None
