"""Frames: every verbal and nominal predicate of a sentence as plain data.

A frame is the one intermediate representation between the parse and the graph. It names a predicate (its lemma,
form and voice), the heads of its roles (agent, theme, recipient, addressee, complement and one `obl:<preposition>`
role per prepositional argument) and how firmly the sentence states it: polarity, modality, condition, hedge,
question and the reported speaker. Frames hold token offsets, never spaCy objects, so rules, tests and
`kg explain` read them without a parser.

The phenomena handled here once, in general (docs/phenomena.md): control and raising ("decided to close",
"called on X to close"), that-clauses ("agreed that the crossings will stay shut"), passives with and without an
agent, relative clauses, coordinated verbs sharing a subject, event nominals with possessive, `of` and `by`
arguments ("Minsk's instrumentalisation of migrants", "the closure of the border by Finland") and nouns that
a light verb carries ("poses a threat to X": the subject of 'pose' is the threat's agent).

Every word list is data: the lexicon's word lists named in `FrameLexicon.LISTS`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract.syntax import (content_clause, denied_by_subject, infinitive_controller, partitive_whole, prep_objects, subject_token,
                               wanted_of_another)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.resources import Resources

# dependency labels along which a complement inherits how firmly its governor is stated
_COMPLEMENT_LINKS = {"xcomp", "ccomp", "acl", "pcomp", "advcl", "oprd"}
_NOMINAL_LINKS = {"dobj", "pobj", "prep", "attr", "nsubj", "nsubjpass", "appos", "npadvmod"}
# prepositions whose gerund is done by the subject of the verb they modify ("responded by closing", "after closing")
_SUBJECT_CONTROLLED_PREPOSITIONS = {"by", "after", "before", "without", "through"}
# prepositions that open examples of the argument before them ("obligations, including non-refoulement")
_EXAMPLE_PREPOSITIONS = ("including", "notably", "especially")
_MODAL_CLASS = {"will": "will", "shall": "will", "'ll": "will", "wo": "will", "would": "would", "could": "could",
                "might": "could", "can": "can", "ca": "can", "may": "may", "must": "must", "should": "should", "ought": "should"}


@dataclass(frozen=True)
class FrameLexicon:
    """The word lists frames are read with, from the lexicon (ontology/lexicon.ttl, kg:WordList entries)."""

    negating: frozenset[str]  # governors that deny their complement: refuse, reject, rule out ...
    hedging: frozenset[str]  # governors that leave it open: expect, consider, seem ...
    hedge_adverbs: frozenset[str]  # reportedly, possibly, likely ...
    condition_marks: frozenset[str]  # if, unless, once ...
    object_control: frozenset[str]  # call on X to V, urge X to V: X does V
    light_verbs: frozenset[str]  # verbs whose object noun carries the predicate: pose a threat, carry out a closure
    reporting: frozenset[str]
    deciding: frozenset[str]
    planning: frozenset[str]
    proposing: frozenset[str]
    calling: frozenset[str]
    permitting: frozenset[str]
    desiring: frozenset[str]  # want, wish, expect: with a complement that has its own subject, a call on that subject
    hearsay_nouns: frozenset[str]  # claim, allegation, fear: their that-clause is a view, not a stated fact
    financing: frozenset[str]  # fund, finance, pay for: their agent pays for their theme
    event_nouns: frozenset[str]  # nouns that head a nominal frame
    negative_determiners: frozenset[str]  # "no plans to", "neither"
    negative_pronouns: frozenset[str]  # "none of the money", "nobody", "nothing"
    receiving: frozenset[str]  # receive, get, obtain: their subject is the recipient of the noun they take
    participating: frozenset[str]  # contribute to, be involved in, be responsible for: their subject does the event
    obliging: frozenset[str]  # have to, need to, be required (obliged, bound) to: an obligation, as 'must' states one
    partitives: frozenset[str]  # all, most, part, two: "closed all of its crossings" acts on the crossings
    causing: frozenset[str]  # lead, prompt, force: "led Finland to close X": Finland closes X
    phrasal: frozenset[str] = frozenset()  # the multiword lemmas of all lists ("put forward")

    LISTS = {
        "negating": "frame-negating-governors", "hedging": "frame-hedging-governors", "hedge_adverbs": "frame-hedge-adverbs",
        "condition_marks": "frame-condition-markers", "object_control": "frame-object-control", "light_verbs": "frame-light-verbs",
        "reporting": "reporting", "deciding": "frame-deciding", "planning": "frame-planning", "proposing": "frame-proposing",
        "calling": "frame-calling", "permitting": "frame-permitting", "desiring": "frame-desiring", "hearsay_nouns": "frame-hearsay-nouns", "financing": "financing-verbs", "event_nouns": "frame-event-nouns",
        "negative_determiners": "frame-negative-determiners", "negative_pronouns": "frame-negative-pronouns", "receiving": "frame-receiving-verbs",
        "participating": "frame-participating", "obliging": "frame-obliging-governors", "partitives": "partitive-quantifiers",
        "causing": "frame-causing",
    }

    @classmethod
    def from_resources(cls, res: Resources, extra_nouns: frozenset[str] = frozenset()) -> FrameLexicon:
        """Read every list from the lexicon; a missing list is an error in the lexicon, named here."""
        values: dict[str, frozenset[str]] = {}
        for attr, name in cls.LISTS.items():
            if name not in res.wordlists:
                raise KeyError(f"the lexicon has no word list lx:{name} (needed by kg/extract/frames.py)")
            values[attr] = frozenset(res.wordlists[name])
        values["event_nouns"] = values["event_nouns"] | extra_nouns
        values["phrasal"] = frozenset(w for words in values.values() for w in words if " " in w)
        return cls(**values)


@dataclass(frozen=True)
class Frame:
    """One predicate of a sentence, its roles and how firmly it is stated. Offsets are token indices in the Doc."""

    trigger: int
    lemma: str
    form: str  # verbal | nominal | adjectival
    voice: str  # active | passive
    negated: bool
    prohibited: bool  # negated with a modal: "cannot rely on X as a shield", "must not push back": a prohibition
    modality: str  # asserted | will | would | could | can | may | must | should | decided | planned | proposed | called-for | permitted
    conditional: bool
    hypothetical: bool  # inside the condition itself ("if Russia sends more migrants"): a supposition, no statement
    hedged: bool
    question: bool
    speaker: int | None  # head token of who the sentence reports as saying it
    governor: int | None  # trigger of the frame this one complements ("decided" for "close" in "decided to close")
    roles: tuple[tuple[str, tuple[int, ...]], ...] = field(default=())

    def role(self, name: str) -> tuple[int, ...]:
        """Head tokens of a role, or ()."""
        return next((heads for role, heads in self.roles if role == name), ())

    @property
    def factual(self) -> bool:
        """Stated as a fact of the world: not negated, conditional, hedged or asked."""
        return not (self.negated or self.conditional or self.hedged or self.question)

    @property
    def marks(self) -> tuple[str, ...]:
        """The qualifications a reader must see beside a statement of this frame."""
        return tuple(name for name, on in (("negated", self.negated), ("conditional", self.conditional),
                                            ("hedged", self.hedged), ("questioned", self.question)) if on)


class FrameReader:
    """Reads the frames of a sentence from its dependency parse."""

    def __init__(self, lex: FrameLexicon) -> None:
        self.lex = lex
        self.phrasal_heads = frozenset(w.split()[0] for w in lex.phrasal)  # "put" of "put forward"

    # -- public ----------------------------------------------------------------------------

    def frames(self, sent: Span, lemmas: frozenset[str] | None = None) -> list[Frame]:
        """Every verbal, nominal and adjectival predicate of the sentence, in text order (only those whose lemma is
        in `lemmas`, when given: a build reads the frames some rule can use, `kg explain` all of them)."""
        question = _is_question(sent)
        out = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemmas is not None and lemma not in lemmas and (lemma not in self.phrasal_heads or self.lemma(tok) not in lemmas):
                continue
            form = self._form(tok)
            if form:
                out.append(self.frame(tok, form, question))
        return out

    def lemma(self, tok: Token) -> str:
        """A predicate's lemma, with its particle where the lexicon lists the phrasal verb ("put forward", "bring
        forward": proposing, whatever 'put' and 'bring' are alone)."""
        lemma = tok.lemma_.lower()
        if lemma not in self.phrasal_heads:
            return lemma
        particle = next((c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod") and c.i == tok.i + 1), None) \
            if tok.pos_ == "VERB" else None
        return f"{lemma} {particle}" if particle is not None and f"{lemma} {particle}" in self.lex.phrasal else lemma

    def frame_at(self, tok: Token) -> Frame:
        """The frame of one token (a verb, an event noun or an adjective), whatever its class."""
        return self.frame(tok, self._form(tok) or ("nominal" if tok.pos_ in ("NOUN", "PROPN") else "verbal"), _is_question(tok.sent))

    def frame(self, tok: Token, form: str, question: bool) -> Frame:
        """Build the frame of a predicate token."""
        passive = _is_passive(tok)
        roles = self._roles(tok, form, passive)
        negated, modality, conditional, hypothetical, hedged, speaker, governor = self._stance(tok)
        prohibited = negated and modality in ("can", "could", "may", "must", "should", "will")
        return Frame(trigger=tok.i, lemma=self.lemma(tok), form=form, voice="passive" if passive else "active",
                     negated=negated, prohibited=prohibited, modality=modality, conditional=conditional,
                     hypothetical=hypothetical, hedged=hedged,
                     question=question or self._asked(tok), speaker=speaker, governor=governor,
                     roles=tuple((name, heads) for name, heads in roles if heads))

    # -- which tokens are predicates -------------------------------------------------------------

    def _form(self, tok: Token) -> str | None:
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ in ("ROOT", "conj", "ccomp") and not any(
                c.dep_ in ("acomp", "attr") for c in tok.children)):
            return "verbal"
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.event_nouns:
            return "nominal"
        if tok.pos_ == "ADJ" and any(c.dep_ == "prep" for c in tok.children):
            return "adjectival"
        return None

    # -- roles -------------------------------------------------------------------------------------

    def _roles(self, tok: Token, form: str, passive: bool) -> list[tuple[str, tuple[int, ...]]]:
        roles: list[tuple[str, tuple[int, ...]]] = []
        if form == "nominal":
            agent = self._nominal_agent(tok)
            theme = _heads(p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in prep_objects(c))
            theme = theme or _heads(c for c in tok.children if c.dep_ == "compound")
            roles.append(("agent", agent))
            roles.append(("theme", theme))
            roles.append(("modifier", _heads(c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i)))
            if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in self.lex.receiving \
                    and not any(c.dep_ == "prep" and c.lower_ in ("to", "for") for c in tok.children):
                # "Latvia received support from the EU": who receives the support or aid is its recipient (unless the
                # noun names its own: "welcomed Finnish support for the plan")
                receiver = self._verbal_agent(tok.head, False) if tok.dep_ == "dobj" else ()
                roles.append(("recipient", receiver))
        else:
            agent = self._verbal_agent(tok, passive)
            if passive:
                theme = _heads(c for c in tok.children if c.dep_ == "nsubjpass")
                if not theme and tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":
                    theme = (tok.head.i,)  # "the fence built by Poland": the noun the participle describes
            else:
                theme = _heads(c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd"))
                if not theme and tok.dep_ == "relcl" and not any(c.dep_ in ("dobj",) for c in tok.children) and agent != (tok.head.i,):
                    theme = (tok.head.i,)  # "the migrants whom Belarus exploits"
            roles.append(("agent", agent))
            roles.append(("theme", _with_conjuncts(tok.doc, theme)))
            roles.append(("recipient", _heads(p for c in tok.children if c.dep_ == "dative"
                                              for p in ([c] if c.pos_ != "ADP" else prep_objects(c)))))
            if tok.lemma_.lower() in self.lex.object_control:
                roles.append(("addressee", _heads(c for c in tok.children if c.dep_ == "dobj")
                              or _heads(p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for p in prep_objects(c))))
        roles.append(("complement", _heads(c for c in tok.children if c.dep_ in ("xcomp", "ccomp") or content_clause(c)
                                           or (c.dep_ == "acl" and any(a.lower_ == "to" for a in c.children)))))
        roles.append(("purpose", _heads(c for c in tok.children if c.dep_ == "advcl" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children))))
        preps = [c for c in tok.children if c.dep_ == "prep"]
        if form == "nominal":
            # "completed the fence along its border with Belarus": the parser hangs a phrase that follows the noun on
            # a word above it; the phrase right after the noun's own words is the noun's
            right = tok.right_edge.i
            for host in tok.ancestors:
                preps += [c for c in host.children if c.dep_ == "prep" and c.i == right + 1 and c.lower_ in ("with", "to", "against", "on")]
                if host.pos_ in ("VERB", "AUX"):
                    break
        for acl in (c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN") if form == "nominal" else ():
            preps += [c for c in acl.children if c.dep_ == "prep"]  # "a threat posed by X to Y", "attacks directed against Y"
        if form == "nominal" and tok.dep_ in ("dobj", "attr") and tok.head.lemma_.lower() in self.lex.light_verbs:
            # "poses a threat to X", "expressed solidarity with X": the light verb's prepositions are the noun's
            own = {p.lower_ for p in preps}
            preps += [c for c in tok.head.children if c.dep_ in ("prep", "dative") and c.pos_ == "ADP" and c.lower_ not in own and c.i > tok.i]
        seen: dict[str, tuple[int, ...]] = {}
        for prep in preps:
            objects = _with_conjuncts(tok.doc, _heads(prep_objects(prep)))
            if objects:
                name = f"obl:{prep.lower_}"
                seen[name] = tuple(sorted(set(seen.get(name, ())) | set(objects)))
        example = next((c for c in preps if c.lower_ in _EXAMPLE_PREPOSITIONS and c.head.i == tok.i), None)
        if example is not None and f"obl:{example.lower_}" in seen:
            # "comply with Union law and obligations, including X and Y": the parser hangs the examples on the verb;
            # they are examples of the argument just before them, and belong to its role
            before = [(max(heads), name) for name, heads in [*roles, *seen.items()] if heads and max(heads) < example.i]
            if before:
                host_role = max(before)[1]
                extra = seen.pop(f"obl:{example.lower_}")
                if host_role in seen:
                    seen[host_role] = tuple(sorted(set(seen[host_role]) | set(extra)))
                else:
                    roles = [(name, tuple(sorted(set(heads) | set(extra))) if name == host_role else heads) for name, heads in roles]
        roles.extend(seen.items())
        theme = next((heads for name, heads in roles if name == "theme"), ())
        # "Frontex officers", "officers from Frontex", "whose officers": who the theme belongs to
        owners = _heads(o for i in theme for c in tok.doc[i].children
                        for o in ([c] if c.dep_ in ("poss", "compound") and c.i < i else
                                  [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ in ("from", "of") else [])
                        if o.pos_ == "PROPN" or o.tag_ in ("WP$", "PRP$"))
        roles.append(("owner", owners))
        return [(name, _partitive_wholes(tok.doc, _antecedents(tok, heads), self.lex.partitives)) for name, heads in roles]

    def _verbal_agent(self, tok: Token, passive: bool) -> tuple[int, ...]:
        if passive:
            agent = _heads(p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj")
            return _with_conjuncts(tok.doc, agent)
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        if subj:
            s = subj[-1] if len(subj) > 1 else subj[0]
            if tok.dep_ == "relcl" and s.tag_ in ("WDT", "WP") and tok.head.pos_ in ("NOUN", "PROPN"):
                antecedent = tok.head.head if tok.head.dep_ == "appos" else tok.head  # "X, the clinic's director, who"
                return (antecedent.i,)  # "Belarusian services, which transport migrants"
            return _with_conjuncts(tok.doc, (s.i,))
        repaired = subject_token(tok)  # a main verb the parser hung on its subject noun (see syntax.subject_token)
        if repaired is not None:
            return _with_conjuncts(tok.doc, (repaired.i,))
        return self._inherited_agent(tok)

    def _inherited_agent(self, tok: Token, depth: int = 0) -> tuple[int, ...]:
        """The doer of a subject-less verb: the controller of an infinitive, the subject shared by coordinated verbs,
        the noun a participle or relative clause describes."""
        if depth > 6:
            return ()
        head, dep = tok.head, tok.dep_
        if head.i == tok.i:
            return ()
        if dep in ("xcomp", "advcl") and tok.tag_ in ("VB", "VBG"):
            if head.lemma_.lower() in self.lex.object_control | self.lex.causing:
                addressee = _heads(c for c in head.children if c.dep_ == "dobj") or _heads(
                    p for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for p in prep_objects(c))
                if addressee:
                    return _with_conjuncts(tok.doc, addressee)
            if _is_passive(head):
                if dep == "xcomp":  # "X was asked to close": X does it
                    return _heads(c for c in head.children if c.dep_ == "nsubjpass")
                # "migrants are instrumentalised to destabilise X": the purpose is the passive's agent's, not the victims'
                return self._verbal_agent(head, True)
            return self._verbal_agent(head, False) if head.pos_ in ("VERB", "AUX", "ADJ") else self._nominal_agent(head)
        if dep == "conj" and head.pos_ in ("VERB", "AUX"):
            return self._verbal_agent(head, _is_passive(head)) if not _is_passive(tok) else ()
        if dep == "acl" and tok.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN"):
            return (head.i,)  # "Belarusian officials pushing migrants": the noun does it
        if dep == "acl" and head.pos_ == "NOUN":
            # "the obligation of the Member States to respect X", "reminded Latvia of its obligation to comply with X"
            controller = infinitive_controller(head) if tok.tag_ == "VB" else None
            if controller is not None:
                return _with_conjuncts(tok.doc, (controller.i,))
            return self._nominal_agent(head)  # "Minsk's decision to open the border": Minsk opens it
        if dep == "pcomp" and head.dep_ == "prep":
            verb = head.head
            if verb.pos_ not in ("VERB", "AUX"):
                return ()
            if head.lower_ in _SUBJECT_CONTROLLED_PREPOSITIONS and not _is_passive(verb):
                return self._verbal_agent(verb, False)  # "Finland responded by closing X": the subject closes X
            return self._inherited_agent(head, depth + 1)
        if dep == "prep":
            return self._inherited_agent(head, depth + 1)
        if head.pos_ in ("ADJ",) and dep == "xcomp":
            return self._verbal_agent(head, False)
        if dep in ("acomp", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            return self._verbal_agent(head, _is_passive(head))  # "Lithuania remains committed to X"
        return ()

    def _nominal_agent(self, tok: Token) -> tuple[int, ...]:
        """Who does an event noun: its possessor, its `by` phrase, or the subject of the light verb carrying it."""
        poss = _heads(c for c in tok.children if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her", "our"))
        if poss:
            return _with_conjuncts(tok.doc, poss)
        by = _heads(p for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for p in prep_objects(c))
        if by:
            return _with_conjuncts(tok.doc, by)
        modifiers = _heads(c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i and c.pos_ in ("PROPN", "ADJ")
                           and c.text[:1].isupper())
        if modifiers:
            return modifiers  # "Russian hybrid attacks", "Belarusian instrumentalisation"
        posed = _heads(p for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN" for a in c.children if a.dep_ == "agent"
                       for p in a.children if p.dep_ == "pobj")
        if posed:
            return _with_conjuncts(tok.doc, posed)  # "a threat posed by Belarus"
        if tok.dep_ in ("dobj", "attr") and tok.head.lemma_.lower() in self.lex.light_verbs:
            return self._verbal_agent(tok.head, _is_passive(tok.head))
        taking_part = tok.head if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "in", "for", "with") else None
        if taking_part is not None and taking_part.head.lemma_.lower() in self.lex.participating:
            clause = taking_part.head if taking_part.head.pos_ in ("VERB", "AUX") else taking_part.head.head
            subject = _heads(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
            if subject:  # "it contributes to the instrumentalisation of migrants", "X is involved in Y"
                return _with_conjuncts(tok.doc, subject)
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "through", "with", "after") and tok.head.head.pos_ in ("VERB", "AUX"):
            clause = tok.head.head  # "assessed by the Commission in consultation with X": the clause's doer consults
            return self._verbal_agent(clause, _is_passive(clause))
        poss_pron = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss_pron is not None and tok.dep_ in ("dobj", "pobj"):
            verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is not None:
                return self._verbal_agent(verb, _is_passive(verb))  # "Minsk stepped up its instrumentalisation"
        return ()

    # -- stance ------------------------------------------------------------------------------------

    def _stance(self, tok: Token) -> tuple[bool, str, bool, bool, bool, int | None, int | None]:
        """Negation, modality, condition, hedge, speaker and governing frame, read along the chain of governors."""
        lex = self.lex
        negated = hedged = conditional = hypothetical = False
        modality = "asserted"
        speaker: int | None = None
        governor: int | None = None
        cur: Token = tok
        below: Token = tok
        via = ""  # the dependency by which the walk reached `cur` from the frame below it
        for step in range(10):
            own = cur is tok
            governs = via in _COMPLEMENT_LINKS or via in _NOMINAL_LINKS
            lemma = self.lemma(cur)
            for c in cur.children:
                if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in lex.negative_determiners) or c.lower_ == "never":
                    negated = True
                elif own and c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ in lex.negative_determiners for d in c.children):
                    negated = True  # "has granted no access to X", "accepts no liability": an act with no object is none
                elif own and denied_by_subject(c, lex.negative_pronouns, lex.negative_determiners):
                    negated = True  # "None of the money went to X", "Nobody has asked for Y": an act with no doer is none
                elif c.dep_ in ("aux", "auxpass") and c.tag_ == "MD":
                    m = _MODAL_CLASS.get(c.lower_)
                    if m and modality == "asserted":
                        modality = m
                    if m in ("could",):
                        hedged = True
                elif c.dep_ == "aux" and c.lower_ == "going":
                    modality = "will" if modality == "asserted" else modality
                elif c.dep_ == "advmod" and c.lower_ in lex.hedge_adverbs:
                    hedged = True
                elif c.dep_ == "advcl" and _conditional_clause(c, lex.condition_marks):
                    conditional = True
            if _conditional_clause(cur, lex.condition_marks) and cur.dep_ in ("advcl", "ccomp"):
                conditional = hypothetical = True
            if governs:
                if lemma in lex.negating and cur.pos_ in ("VERB", "NOUN"):
                    negated = not negated if lemma not in ("fail",) else True
                elif lemma in lex.hearsay_nouns and content_clause(below):
                    hedged = True  # "the claim that Belarus is instrumentalising migrants": a view the text reports
                elif lemma in lex.desiring and wanted_of_another(cur, below) and modality in ("asserted", "will", "would"):
                    modality = "called-for"  # "UNHCR wants Latvia to reopen X": UNHCR calls for it, Latvia has not decided
                elif lemma in lex.hedging:
                    hedged = True
                elif lemma in lex.calling:
                    modality = "called-for"
                elif lemma in lex.proposing and modality in ("asserted", "will", "would"):
                    modality = "proposed"
                elif lemma in lex.planning and modality in ("asserted", "will", "would"):
                    modality = "planned"
                elif lemma in lex.permitting and modality == "asserted":
                    modality = "permitted"
                elif lemma in lex.obliging and via in ("xcomp", "acl") and modality == "asserted" and any(a.lower_ == "to" for a in below.children):
                    modality = "must"  # "have to comply with X", "are required to respect Y", "the obligation to respect Z"
                elif lemma in lex.deciding and modality in ("asserted", "will", "would"):
                    modality = "decided"  # "agreed that the crossings will stay shut": the decision settles the future
                if lemma in lex.reporting and speaker is None and via in ("ccomp", "xcomp"):
                    subj = next((c for c in cur.children if c.dep_ in ("nsubj",)), None)
                    speaker = subj.i if subj is not None else None
                    if modality == "would":
                        modality = "will"  # "the ministry said it would keep X": reported 'will'
                    break  # a reported clause keeps its own stance; the report's is the speaker's
            dep = "acl" if content_clause(cur) else cur.dep_  # "the allegation that X": a that-clause, however parsed
            head = cur.head
            if head.i == cur.i:
                break
            if dep == "acl" and not any(a.lower_ == "to" and a.dep_ == "aux" for a in cur.children) and not content_clause(cur):
                break  # "the fence built by Poland": a participle describes its noun; the noun's verb is another statement
            if dep in _COMPLEMENT_LINKS or (dep == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)):
                if _paratactic(cur, head):
                    break  # "X is to come from the budget; the Commission has not confirmed Y": two statements
                if dep == "advcl" and not _conditional_clause(cur, lex.condition_marks) and not any(a.lower_ == "to" for a in cur.children):
                    break  # "while X closed the border, Y ...": an adverbial clause states its own fact
                if governor is None and (head.pos_ in ("VERB", "AUX", "NOUN", "ADJ")):
                    governor = head.i
                below, cur, via = cur, head, dep
                continue
            nominal = cur.pos_ in ("NOUN", "PROPN", "ADJ") or (cur.pos_ == "VERB" and dep in ("dobj", "pobj") and cur.tag_ in ("NN", "NNS", "VB", "VBP"))
            # ("rejects plan to reopen X": a headline's noun the tagger took for a verb, as the object it is)
            if (nominal and dep in _NOMINAL_LINKS or cur.pos_ == "ADP" and dep == "prep") and step < 5:
                if governor is None and head.pos_ in ("VERB", "NOUN"):
                    governor = head.i
                if not own and _definite(cur):
                    # "did not approve the plan to suspend X": 'the plan' presupposes that the plan exists, so what
                    # the verb above it denies is the approval, not the plan; the plan is what it is, a proposal
                    if lemma in lex.planning | lex.proposing and modality in ("asserted", "planned"):
                        modality = "proposed"
                    break
                below, cur, via = cur, head, dep  # "has no plans to extend": climb from the noun to its verb
                continue
            break
        if modality == "asserted" and tok.dep_ == "ROOT" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            modality = "planned"  # a headline's "Latvia to extend border fence"
        if modality == "would" and not conditional:
            hedged = True  # "X would close": unreported 'would' is hypothetical
        if modality == "may" and (hedged or tok.lemma_.lower() in lex.calling | lex.proposing | lex.planning):
            hedged = True  # "UNHCR may call on Y to", "may propose X": a possibility, not a permission
            modality = "could"
        return negated, modality, conditional, hypothetical, hedged, speaker, governor

    def _asked(self, tok: Token) -> bool:
        """Inside a 'whether' clause: asked, not stated."""
        for t in [tok, *tok.ancestors]:
            if any(c.dep_ == "mark" and c.lower_ == "whether" for c in t.children):
                return True
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children) or _paratactic(t, t.head):
                return False  # "whether X faced Y, and that only €1.2m had been set aside": 'that' states its own clause
            if t.dep_ in ("ROOT",):
                break
        return False


def _paratactic(clause: Token, head: Token) -> bool:
    """A clause the parser hangs on a verb after it, across a semicolon: two statements side by side, not a complement
    ('X is to come from the budget; the Commission has not confirmed Y')."""
    if clause.i >= head.i:
        return False
    return any(t.text == ";" for t in clause.doc[clause.right_edge.i:head.i])


def _conditional_clause(tok: Token, marks: frozenset[str]) -> bool:
    """An adverbial clause of condition: 'if X', 'unless X', 'should X grow' (inversion), 'in case X', and the clause
    a participle of condition governs ('provided that X', 'providing X')."""
    if tok.dep_ in ("ccomp", "advcl") and tok.head.lower_ in marks and tok.head.tag_ in ("VBN", "VBG"):
        return True
    if any(c.dep_ == "mark" and c.lower_ == "that" and c.i > 0 and tok.doc[c.i - 1].lower_ in marks for c in tok.children):
        return True  # "provided that X": however the parser hung 'provided'

    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in marks:
            return True
        if c.dep_ in ("aux", "auxpass") and c.lower_ in ("should", "were", "had") and c.i < tok.i and \
                any(s.dep_ in ("nsubj", "nsubjpass") and s.i > c.i for s in tok.children):
            return True
    return False


def _antecedents(tok: Token, heads: tuple[int, ...]) -> tuple[int, ...]:
    """Relative pronouns replaced by the noun their clause describes ("with whom Latvia has coordinated": whom is
    the neighbours named before it; "whose officers": the agency)."""
    doc = tok.doc
    relative = [i for i in heads if doc[i].tag_ in ("WP", "WDT", "WP$") and doc[i].lower_ in ("who", "whom", "which", "whose")]
    if not relative:
        return heads
    clause = next((a for a in [tok, *tok.ancestors] if a.dep_ == "relcl"), None)
    out = set(heads) - set(relative)
    for i in relative:
        if clause is not None:
            out.add(clause.head.i)
            continue
        # the parser did not see the relative clause: the noun phrase just before it ("Lithuania and Poland, with whom")
        j = doc[i].left_edge.i - 1
        while j >= 0 and (doc[j].is_punct or doc[j].pos_ == "ADP"):
            j -= 1
        if j >= 0 and doc[j].pos_ in ("NOUN", "PROPN"):
            first = doc[j] if doc[j].dep_ != "conj" else next((a for a in doc[j].ancestors if a.dep_ != "conj"), doc[j])
            out.update(t.i for t in [first, *first.conjuncts])
    return tuple(sorted(out))


def _partitive_wholes(doc: object, heads: tuple[int, ...], partitives: frozenset[str]) -> tuple[int, ...]:
    """A quantifier taking part of an 'of' phrase replaced by that phrase's head ("closed all of its crossings": the
    crossings; "fenced most of their frontier": the frontier)."""
    return tuple(sorted({w.i for i in heads for w in (partitive_whole(doc[i], partitives) or doc[i],)}))  # type: ignore[index]


def _definite(noun: Token) -> bool:
    """A noun phrase that presupposes its referent: 'the plan', 'this proposal', 'Poland's decision'."""
    return any((c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or c.dep_ == "poss" for c in noun.children)


def _is_question(sent: Span) -> bool:
    text = sent.text.strip().rstrip("\"'”’)] ")
    return text.endswith("?")


def _is_passive(tok: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in tok.children)


def _heads(tokens: object) -> tuple[int, ...]:
    return tuple(sorted({t.i for t in tokens}))  # type: ignore[attr-defined]


def _with_conjuncts(doc: object, heads: tuple[int, ...]) -> tuple[int, ...]:
    """Heads and the noun phrases coordinated with them ("Poland and Lithuania", "X, Y and Z")."""
    out: set[int] = set()
    for i in heads:
        tok = doc[i]  # type: ignore[index]
        out.add(i)
        out.update(c.i for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON") or c.pos_ == tok.pos_)
    return tuple(sorted(out))
