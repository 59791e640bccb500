"""Measures: policy actions a text says an actor decided, plans, proposes, calls for or may take."""

from __future__ import annotations

import re
from dataclasses import dataclass

from collections.abc import Callable

from spacy.tokens import Span, Token

from kg.extract.resources import Resources
from kg.extract.syntax import agent_token, denied_by_subject, finite, follow, is_passive, partitive_whole, subject_token, wanted_of_another

TRAIL_DROP = {"DET", "ADP", "CCONJ", "PUNCT", "PART", "SCONJ", "PRON"}


@dataclass
class MeasureCandidate:
    """A measure found in a sentence, before its actor is resolved."""

    start: int  # token range of the label
    end: int
    label: str
    head: Token
    trigger: Token
    status: str
    negated: bool
    subject: Token | None
    rule: str
    noun: bool = False
    position: int = 0  # place in a list under one trigger; 0 is the trigger's own complement


class MeasureFinder:
    """Finds measure candidates in a sentence with the lexicon's triggers and patterns.json's settings."""

    def __init__(self, res: Resources) -> None:
        cfg = res.patterns["measure"]
        self.modal_status = {m: t.status for t in res.triggers if t.status for m in t.modals}  # the lexicon's kg:modal
        self.max_tokens = int(cfg.get("max_label_tokens", 16))
        self.boundaries = [b.lower() for b in cfg["list_boundaries"]]
        self.adverbial_marks = frozenset(cfg.get("adverbial_marks", []))  # "as", "while", "after": an adverbial clause ends an act
        self.ready_adjs = set(cfg["xcomp_triggers_adjective"])
        self.offer_adjs = set(cfg.get("offer_adjectives", []))
        self.cooperation = res.relation_lemmas("cooperates-with")
        self.helping = res.relation_lemmas("supports")
        self.personnel = set(res.patterns.get("personnel_nouns", []))
        self.directives = set(cfg["directive_verbs"])
        self.desiring = res.wordlists.get("frame-desiring", set())
        self.financing = res.wordlists.get("financing-verbs", set())
        self.judicial = set(cfg.get("judicial_nouns", []))
        self.restricting = set(cfg.get("restricting_acts", []))
        self.measure_anaphors = res.wordlists.get("measure-anaphors", set())
        self.negative_pronouns = res.wordlists.get("frame-negative-pronouns", set())
        self.negative_determiners = res.wordlists.get("frame-negative-determiners", set())
        self.recording = res.wordlists.get("recording-verbs", set())  # document, record, count: facts reported
        self.furniture_verbs = res.wordlists.get("furniture-verbs", set())  # subscribe, donate, read: the page's own asks
        self.protecting = res.wordlists.get("protecting-verbs", set())  # protect, guard: a task, unless an act is named
        self.border_nouns = res.wordlists.get("border-nouns", set())
        self.partitives = res.wordlists.get("partitive-quantifiers", set())
        self.policy_words = res.wordlists.get("policy-nominals", set()) | res.wordlists.get("policy-object-nouns", set())
        self.plan_nouns = set(cfg.get("plan_nouns", []))
        self.text_nouns = set(cfg.get("text_nouns", []))
        self.evidence_nouns = set(cfg.get("evidence_nouns", []))
        self.plan_content_verbs = set(cfg.get("plan_content_verbs", []))
        self.list_verbs = set(cfg["list_verbs"])
        self.act_nouns = set(cfg.get("agentive_act_nouns", []))
        self.adoption_nouns = set(cfg.get("adoption_nouns", []))
        self.non_action = set(cfg.get("non_action_verbs", []))
        self.non_policy = set(cfg.get("non_policy_verbs", []))
        self.object_verbs = set(cfg["object_measure_verbs"])
        self.passive_verbs = set(cfg["passive_adoption_verbs"])
        self.passive_action_verbs = set(cfg.get("passive_action_verbs", []))
        self.policy_objects = res.wordlists.get("policy-object-nouns", set())
        self.policy_nominals = res.wordlists.get("policy-nominals", set())
        self.policy_verbs = res.wordlists.get("policy-verbs", set())
        self.built_objects = res.wordlists.get("built-objects", set())
        self.mention_heads = res.wordlists.get("measure-mention-heads", set())
        self.anaphoric_dets = set(cfg.get("anaphoric_measure_determiners", [])) - {"the"}
        self.vague = set(cfg.get("vague_measure_modifiers", []))
        self.generic = set(cfg.get("generic_determiners", []))  # "all activities financed by X": a class of acts, none named
        self.attribution = set(cfg.get("attribution_openers", []))  # "according to media reports": a source, not an act
        self.view_nouns = set(cfg.get("view_nouns", []))  # "shares the view that X", "expressed concern": a view, not an act
        self.status_lemmas = res.status_of("lemmas")
        self.status_nouns = res.status_of("nouns")
        self.light = res.wordlists.get("light-verbs", set())
        self.reporting = res.wordlists.get("reporting", set())
        self.measure_nouns = res.wordlists.get("measure-nouns", set())
        self.documents = res.wordlists.get("documents", set())
        rel: set[str] = set()
        for r in res.patterns["relation_rules"]:
            if r.get("direction_preps"):
                continue  # "send officers to X" stays a measure; only moving people towards a border is hostile
            lemmas = r["trigger"]["lemmas"]
            if r["trigger"].get("requires"):
                continue
            if isinstance(lemmas, list):
                rel |= set(lemmas)
            elif isinstance(lemmas, str):
                rel |= res.relation_lemmas(lemmas[1:])
        self.relation_verbs = rel
        self.any_relation_verbs: set[str] = set()
        self.hostile = res.relation_lemmas("threatens") | {w for r in res.patterns["relation_rules"] if r["predicate"] == "instrumentalises"
                                                           and not r.get("direction_preps") and isinstance(r["trigger"]["lemmas"], list)
                                                           # "orchestrate the movement of X" is hostile, "organise returns" is not
                                                           and not any(q.get("path") == "dobj" for q in r["trigger"].get("requires", []))
                                                           for w in r["trigger"]["lemmas"]}
        respect = next(r["trigger"]["lemmas"] for r in res.patterns["relation_rules"] if r["name"] == "must-respect/verb")
        self.compliance = set(respect) | {"consistent", "compatible", "compliant", "line", "accordance", "proportionate"}

    # -- status -------------------------------------------------------------------------

    def status(self, trigger: Token, head: Token, lexical: str | None, default: str = "adopted") -> tuple[str, bool]:
        """Status and negation from the trigger word, modals, tense and 'not'."""
        particle = next((c.lower_ for c in trigger.children if c.dep_ in ("prt", "advmod") and c.i > trigger.i), None)
        if particle is not None and f"{trigger.lemma_.lower()} {particle}" in self.status_lemmas:
            lexical = self.status_lemmas[f"{trigger.lemma_.lower()} {particle}"]  # "put forward": proposed, whatever 'put' is
        modal = None
        negated = False
        for t in (trigger, head):
            for c in t.children:
                if c.dep_ == "neg" or denied_by_subject(c, self.negative_pronouns, self.negative_determiners):
                    negated = True  # "did not close X", "none of the ministers decided to close X"
                if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" and modal is None:
                    modal = self.modal_status.get(c.lower_)
                    if c.lower_ == "would" and t.dep_ == "ccomp" and t.head.lemma_.lower() in self.reporting and t.head.tag_ == "VBD":
                        modal = "planned"  # "the ministry said it would keep X": reported 'will'
                if c.dep_ == "aux" and c.lower_ == "going":
                    modal = "planned"
        if modal is None and trigger.dep_ == "ROOT" and trigger.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children) \
                and any(c.dep_ == "nsubj" for c in trigger.children):
            modal = "planned"  # a headline's "Estonia to build drone wall": what the subject is to do
        if lexical in ("planned", "proposed", "called-for", "permitted"):
            status = lexical
        elif modal:
            status = modal
        else:
            status = lexical or default
        if negated and status == "adopted":
            status = "proposed"
        return status, negated

    # -- regions and lists ------------------------------------------------------------

    def region(self, start: Token, sent: Span, anchor: Token | None = None, whole_line: bool = False) -> list[Token]:
        """Tokens from `start` to the first clause boundary (or to a head of `anchor`); a list line (`whole_line`) runs
        to its end whatever the parse, since its first word is the verb the list opened with ("to:")."""
        doc = start.doc
        rest = doc[start.i:sent.end].text.lower()  # a span's text, not doc.text (which joins the whole document)
        cut = len(rest)
        for b in self.boundaries:
            pos = rest.find(b, 1)
            while 0 < pos < cut and b in (", the ", ", a ", ", an ") and self._next_act_in_list(start, pos):
                pos = rest.find(b, pos + 1)  # "the reinforcement of X, the modernisation of Y": a list of acts goes on
            if 0 < pos < cut:
                cut = pos
        limit = start.idx + cut
        ancestors = set() if whole_line else {a.i for a in (anchor or start).ancestors} | ({anchor.i} if anchor is not None else set())
        out = []
        for t in doc[start.i:sent.end]:
            if t.idx >= limit or t.i in ancestors or (t.is_punct and t.text in ".!?;:") or "\n" in t.text:
                break
            if t.dep_ == "mark" and t.head.dep_ == "advcl" and t.i > start.i and t.head.head.i < t.i and t.lower_ in self.adverbial_marks:
                break  # "extends asylum suspension as EU ministers meet": an adverbial clause is no part of the act
            if t.i > start.i and not whole_line and any(r.dep_ == "relcl" and r.left_edge.i == t.i and r.head.i < t.i and _object_relative(r)
                                                         for r in [t, *t.ancestors]):
                break  # "the suspension of asylum (that) the government imposed": the relative clause is about the act
            if t.pos_ == "AUX" and t.head.i in ancestors and t.i > start.i:
                break  # "the decision to suspend asylum was condemned": the governing verb's auxiliary ends the act
            if t.pos_ == "CCONJ" and t.i + 1 < sent.end and (doc[t.i + 1].tag_ in ("VBZ", "MD") or doc[t.i + 1].pos_ == "AUX"
                                                                or (t.lower_ == "but" and doc[t.i + 1].tag_ == "VBD")
                                                                or (doc[t.i + 1].tag_ == "VBD" and doc[t.i + 1].dep_ == "conj" and doc[t.i + 1].head.tag_ == "VBD"
                                                                    and doc[t.i + 1].head.i < t.i and subject_token(doc[t.i + 1].head) is not None)):
                break  # "... and is ready to", "declared X and authorised Y": a new clause of the subject
            out.append(t)
        return out

    def _next_act_in_list(self, start: Token, offset: int) -> bool:
        """Whether the noun phrase after ', the' at `offset` characters from `start` is another policy act coordinated
        with the one that `start` opens."""
        doc = start.doc
        det = next((t for t in doc[start.i:] if t.idx >= start.idx + offset + 2), None)
        if det is None or det.pos_ != "DET" or det.head.pos_ != "NOUN":
            return False
        first = next((t for t in doc[start.i:det.i] if t.pos_ == "NOUN"), None)
        return first is not None and first.lemma_.lower() in self.policy_nominals and det.head.lemma_.lower() in self.policy_nominals

    def items(self, tokens: list[Token], verbal: bool) -> list[list[Token]]:
        """Split a region into list items: "A, B, and C" → [A, B, C]."""
        tokens = _drop_asides(tokens)
        items: list[list[Token]] = []
        cur: list[Token] = []
        skip: set[int] = set()
        for i, t in enumerate(tokens):
            if i in skip:
                continue
            if t.dep_ == "cc" and i > 0 and not tokens[i - 1].whitespace_ and not t.whitespace_:
                cur.append(t)  # "command-and-control": a conjunction inside a hyphenated word joins nothing
                continue
            if t.text in (",", ";"):
                items.append(cur)
                cur = []
                continue
            if t.lower_ in ("and", "or") and cur and verbal and i + 1 < len(tokens) and (_verb_like(tokens[i + 1]) or _coordinated_verb(tokens[i + 1]) or (
                    tokens[i + 1].lower_ == "to" and i + 2 < len(tokens) and tokens[i + 2].tag_ == "VB")):
                items.append(cur)
                cur = []
                continue
            if not verbal and t.dep_ == "cc" and cur and i + 1 < len(tokens) and _new_amount(tokens[i + 1]):
                break  # "€45 million for X and €35 million for Y": the next share's purpose is that share's own
            if not verbal and t.dep_ == "cc" and cur and i + 1 < len(tokens) and _repeated_preposition(tokens, i + 1):
                items.append(cur)  # "for the extension of X and for the acquisition of Y": the preposition repeated
                cur = []
                skip.add(i + 1)
                continue
            if not verbal and t.dep_ == "cc" and cur and (_top_level_noun_coordination(t, cur) or self._coordinated_acts(tokens, i, cur)):
                items.append(cur)  # "for the extension of X and the acquisition of Y": two purposes, not one
                cur = []
                continue
            cur.append(t)
        items.append(cur)
        out = []
        for k, item in enumerate(items):
            item = _strip(item)
            if not item:
                continue
            if verbal and k > 0 and not (_verb_like(item[0]) or _coordinated_verb(item[0])):
                break
            clause = next((t for t in item if t.dep_ in ("nsubj", "nsubjpass") and t.head in item and finite(t.head)
                           and not (t.tag_ in ("WDT", "WP") and t.head.dep_ == "relcl")), None) if not verbal else None
            if clause is not None and k == 0 and clause.tag_ in ("WDT", "WP") and clause.i > 0 and clause.doc[clause.i - 1].dep_ == "npadvmod":
                # "adopted amendments last month that allow X": the parser hangs the relative clause on the verb across
                # the time phrase, which is no part of the measure
                item = [t for t in item if not any(a.dep_ == "npadvmod" and a.head not in item for a in [t, *t.ancestors] if a in item)]
            elif clause is not None:
                break
            out.append(item)
        return out

    def _coordinated_acts(self, tokens: list[Token], i: int, cur: list[Token]) -> bool:
        """'the extension of X along the border with Belarus and the acquisition of Y': an item headed by a policy
        act noun, and another policy act noun after the conjunction, however the parser attached it."""
        first = next((t for t in cur if t.pos_ in ("NOUN", "PROPN")), None)
        nxt = next((t for t in tokens[i + 1:i + 4] if t.pos_ not in ("DET", "ADJ", "ADV")), None)
        modifier = nxt.head if nxt is not None and nxt.dep_ == "conj" else nxt
        if modifier is not None and modifier.dep_ in ("compound", "amod", "nmod") and modifier.head.i > nxt.i:  # type: ignore[union-attr]
            return False  # "thermal-imaging and radar masts": modifiers of one noun, not two acts
        return first is not None and nxt is not None and nxt.pos_ == "NOUN" and first.lemma_.lower() in self.policy_nominals \
            and nxt.lemma_.lower() in self.policy_nominals

    def plan_content(self, items: list[list[Token]]) -> list[list[Token]]:
        """'draft a strategy and identify priorities for X', 'craft an action plan and define its objectives': a
        conjunct that identifies or defines what goes into the plan named just before is part of drafting that plan,
        not a measure of its own."""
        if len(items) < 2 or not items[0]:
            return items
        first = items[0]
        if not any(t.dep_ == "dobj" and t.lemma_.lower() in self.plan_nouns for t in first):
            return items
        return [first] + [it for it in items[1:] if not (it and it[0].lemma_.lower() in self.plan_content_verbs)]

    def trim(self, item: list[Token]) -> list[Token]:
        """Skip a list marker ('(a)', 'b)') and a light verb ('mobilize tools to V' → 'V ...'), and cap the length."""
        while item and (item[0].text in ("(", ")") or (item[0].is_punct and item[0].text not in ('"', "“"))
                        or (len(item) > 1 and item[1].text == ")" and len(item[0].text) <= 3)):
            item = item[2:] if len(item) > 1 and item[1].text == ")" else item[1:]
        if item and item[0].lemma_.lower() in self.light:
            for j, t in enumerate(item[:-1]):
                if t.lower_ == "to" and item[j + 1].tag_ == "VB":
                    item = item[j + 1:]
                    break
                if j == 0 and item[1].tag_ == "VBG" and item[1].head == t:
                    item = item[1:]  # "continue engaging with ..."
                    break
        if len(item) > self.max_tokens:
            item = item[: self.max_tokens]
        return _strip(_without_trailing_date(item))

    def policy_act(self, verb: Token) -> bool:
        """Whether an actor's verb is a policy action: a verb of the lexicon's policy-verbs, or one whose object names
        a policy object or act ("runs a hotline" is none; "runs a reception centre" is one)."""
        if verb.lemma_.lower() in self.policy_verbs:
            return True
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
        objects += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        return any(o.lemma_.lower() in self.policy_nominals or o.lemma_.lower() in self.policy_objects for o in objects)

    def names_something(self, item: list[Token]) -> bool:
        """Whether a label can name a measure: it does not open with a pronoun, a preposition, a relative word or a
        number ("which the government", "for the work", "it has become", "2026"), and it has a content word beyond
        one generic noun ("cost", "plan", "power", "statute"), unless that noun is a built object ("fence")."""
        words = [t for t in item if not (t.is_punct or t.is_space)]
        if not words:
            return False
        first = words[0]
        if first.pos_ in ("PRON", "ADP", "SCONJ") or first.tag_ in ("WDT", "WP", "WP$") or first.lower_ in self.attribution:
            return False
        content = [t for t in words if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") and not t.is_stop]
        if not any(t.pos_ in ("NOUN", "PROPN", "VERB") for t in content):
            return False
        return len(content) > 1 or content[0].lemma_.lower() in self.built_objects | self.act_nouns

    def vague_label(self, item: list[Token], head: Token) -> bool:
        """'similar steps', 'such measures', 'further steps': a label that refers to measures but names none."""
        return head.lemma_.lower() in self.measure_nouns and all(t is head or t.pos_ in ("DET", "PRON") or t.lower_ in self.vague for t in item)

    def emit(self, out: list[MeasureCandidate], seen: set[int], item: list[Token], trigger: Token, status: str, negated: bool,
              subject: Token | None, rule: str, noun: bool = False) -> None:
        item = self.trim(item)
        if len(item) < 2 and not (item and item[0].pos_ == "NOUN"):
            return
        head = next((t for t in item if t.head not in item or t.head == t), item[0])
        if noun:
            before_prep = []
            for t in item:
                if t.pos_ == "ADP" or t.tag_ in ("WDT", "WP", "VBG", "VBN"):
                    break  # "measures which may affect X", "laws allowing X": the head noun comes before
                before_prep.append(t)
            head = next((t for t in reversed(before_prep) if t.pos_ in ("NOUN", "PROPN")), head)
        if head.i in seen:
            return
        if self.vague_label(item, head):
            return  # "similar steps", "such measures", "further steps": refers to measures, names none
        if (head.lemma_.lower() in self.reporting and not self._declares(head)) or (not noun and head.lemma_.lower() in self.light and head.lemma_.lower() != "make"
                                                     and not _in_doing(head) and not _predicative(head)):
            return
        if not noun and head.lemma_.lower() in self.non_policy:
            return  # "reject the bill", "vote on the text": political process, not a policy action
        if not noun and head.lemma_.lower() not in self.helping and any(
                c.dep_ == "dobj" and partitive_whole(c, self.partitives) is None
                and (c.pos_ == "PRON" or any(d.dep_ == "det" and d.lower_ in self.anaphoric_dets for d in c.children)) for c in head.children):
            return  # "establish these mechanisms", "extend it": restates a measure named before
        if head.lemma_.lower() in self.hostile and not noun and not _predicative(head) and not (rule == "measure/judged-act" and _sent_back(head)):
            return  # hostile acts ("seek to destabilise") are not policy measures
        if head.lemma_.lower() in ("ensure", "guarantee") and any(
                t.lemma_.lower() in self.compliance for c in head.children if c.dep_ == "ccomp" for t in c.subtree):
            return  # "ensure that procedures align with standards" states a constraint, not a measure
        seen.add(head.i)
        position = sum(1 for c in out if c.trigger is trigger)
        label = item_label(item)
        if trigger.lemma_.lower() not in self.directives:
            label = _unpossessed(label)  # 'its' is the actor's own, unless the actor asks another ('urged Italy to reopen its ports')
        out.append(MeasureCandidate(item[0].i, item[-1].i + 1, label, head, trigger, status, negated, subject, rule, noun, position))

    def _emit_label(self, out: list[MeasureCandidate], seen: set[int], item: list[Token], head: Token, label: str, trigger: Token,
                    status: str, negated: bool, subject: Token | None, rule: str, noun: bool = False) -> None:
        """A candidate with a label of its own (not the text of its tokens)."""
        if head.i in seen:
            return
        seen.add(head.i)
        position = sum(1 for c in out if c.trigger is trigger)
        out.append(MeasureCandidate(item[0].i, item[-1].i + 1, " ".join(label.split()), head, trigger, status, negated, subject, rule, noun, position))

    def _law_agent(self, agent: Token) -> bool:
        """'introduced by the law', 'imposed by the decree': a legal text named before does it for its authors."""
        return agent.lemma_.lower() in self.measure_anaphors and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in agent.children)

    def judicial_subject(self, subj: Token | None) -> bool:
        """A subject that is a court or judge ('the court', 'the ECtHR', 'the European Court of Human Rights'), or 'it'
        opening a sentence after one whose subject is ('The Court found that X. It ordered Y to pay ...')."""
        if subj is None:
            return False
        if subj.lower_ == "it" and subj.sent.start > 0:
            before = subj.doc[subj.sent.start - 1].sent
            subj = subject_token(before.root)
            return subj is not None and subj.lower_ != "it" and self.judicial_subject(subj)
        return any(t.lower_ in self.judicial for t in subj.subtree)

    def _declares(self, verb: Token) -> bool:
        """'declared a state of emergency', 'announced new sanctions': a reporting verb whose object is a policy object
        states a measure, not what somebody said."""
        return any(c.dep_ == "dobj" and self._policy_object(c) for c in verb.children)

    def _border_itself(self, obj: Token) -> bool:
        """The border as such, or a length of it ("the border", "3,000 kilometres of land border"): what a state
        guards by its nature, no measure."""
        whole = obj if obj.lemma_.lower() in self.border_nouns else next(iter(follow(obj, "prep:of")), obj)
        return whole.lemma_.lower() in self.border_nouns and not any(c.dep_ in ("prep", "relcl", "acl") and c.lower_ not in ("of", "with")
                                                                     for c in whole.children)

    def _policy_object(self, subj: Token) -> bool:
        """A noun phrase about a policy object ("the fence", "construction of the barrier", "checks", "all of the
        crossing points")."""
        subj = partitive_whole(subj, self.partitives) or subj
        if subj.lemma_.lower() in self.policy_objects or subj.lemma_.lower() in self.measure_nouns \
                or any(c.dep_ == "compound" and c.lemma_.lower() in self.policy_objects for c in subj.children):
            return True
        return any(p.lemma_.lower() in self.policy_objects for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                   for p in c.children if p.dep_ == "pobj")

    def _measure_object(self, verb: Token) -> Token | None:
        """The object that names a measure: 'adopt new rules', 'continue the construction of a fence' (a verb of going on
        with an act noun), 'discuss sanctions against airlines' (a verb of deliberation with a measure noun)."""
        lemma = verb.lemma_.lower()
        for c in verb.children:
            if c.dep_ != "dobj":
                continue
            noun = c.lemma_.lower()
            if lemma in self.object_verbs and noun in self.measure_nouns:
                return c
            if lemma in DELIBERATING and noun in self.measure_nouns and not any(
                    d.dep_ == "poss" or (d.dep_ == "det" and d.lower_ in ("the", "this", "that", "these", "those")) for d in c.children):
                return c  # "discuss new sanctions", not "debated the law" (one already named or in force)
            if lemma in CONTINUING and noun in self.act_nouns:
                return c
        return None

    def _act_phrase(self, noun: Token, agent: Token) -> list[Token]:
        """The words of a nominalised act before its 'by' phrase ('closure of the border'); for an adoption noun, what is
        adopted ('the Crisis Regulation')."""
        if agent.dep_ == "poss":  # "Finland's closure of the border": the noun and its 'of' phrase
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            end = max(t.i for t in of.subtree) if of is not None else noun.i
            sub = [t for t in noun.doc[noun.i:end + 1] if not t.is_space]
            return _strip(sub) if len(sub) <= self.max_tokens else []
        by = agent.head
        sub = [t for t in noun.subtree if t.i < by.i and not t.is_space]
        if noun.lemma_.lower() in self.adoption_nouns:
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < by.i), None)
            sub = [t for t in sub if of is not None and t.i > of.i]
            if len(sub) == 2 and sub[0].lower_ in ("the", "this", "that") and sub[1].pos_ == "NOUN":
                return []  # "the adoption of the regulation by the Council": restates a measure named before
        while sub and sub[0].pos_ in ("DET", "PRON"):
            sub = sub[1:]
        sub = _strip(sub)
        return sub if 0 < len(sub) <= self.max_tokens else []

    def nominal_status(self, noun: Token) -> str:
        """A nominalised act is a fact ('the closure of the border by Finland marked ...') unless the verb governing it
        calls for, proposes or plans it ('called for the suspension of X by Y')."""
        for anc in noun.ancestors:
            if anc.pos_ in ("VERB", "AUX"):
                lexical = self.status_lemmas.get(anc.lemma_.lower())
                return lexical if lexical in ("planned", "proposed", "called-for") else "adopted"
        return "adopted"

    # -- patterns -----------------------------------------------------------------------

    def find(self, sent: Span, is_actor: Callable[[Token], bool] = lambda t: False) -> list[MeasureCandidate]:
        """Measure candidates of one sentence (`is_actor` tells whether a token names an actor)."""
        out: list[MeasureCandidate] = []
        seen: set[int] = set()
        toks = [t for t in sent if not t.is_space]
        # the first word after a list marker ("(b) Reopen the crossing": not 'b')
        first_word = next((t for t in toks if t.is_alpha and not (len(t.text) <= 3 and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == ")")), None)
        for tok in toks:
            lemma = tok.lemma_.lower()
            pos = tok.pos_
            xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VB"), None)
            if xcomp is None and self.status_lemmas.get(lemma) in ("planned", "proposed", "called-for") and pos == "VERB":
                # "proposed reopening X", "recommends extending Y", "are planning building Z": a gerund complement
                xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > tok.i), None)
            if xcomp is None and (lemma in self.directives or lemma in self.desiring) and pos == "VERB":
                # "call on X to V", "urge X to V": the parser often hangs the infinitive as an adverbial clause
                xcomp = next((c for c in tok.children if c.dep_ in ("advcl", "ccomp") and c.tag_ == "VB" and c.i > tok.i
                              and any(a.lower_ == "to" for a in c.children)), None)
            wants_of_another = lemma in self.desiring and xcomp is not None and wanted_of_another(tok, xcomp) \
                and any(is_actor(c) for c in [*xcomp.children, *tok.children] if c.dep_ in ("nsubj", "dobj") and c.i < xcomp.i and c.i > tok.i)
            acl = next((c for c in tok.children if c.dep_ in ("acl", "relcl") and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children)), None)
            if pos in ("VERB", "AUX") and xcomp is not None and (lemma in self.status_lemmas or lemma in self.directives or wants_of_another):
                if lemma in self.directives and self.judicial_subject(subject_token(tok)):
                    continue  # "the court ordered Latvia to pay damages": a ruling, not the addressee's policy measure
                if wants_of_another:
                    lex = "called-for"  # "UNHCR wants Latvia to reopen X", "would like the Commission to fund Y"
                elif lemma in self.directives:
                    lex = {"invite": "called-for", "urge": "called-for", "ask": "called-for", "encourage": "called-for", "call": "called-for",
                           "require": "called-for", "oblige": "called-for", "allow": "permitted", "permit": "permitted",
                           "authorise": "permitted", "authorize": "permitted"}.get(lemma, "adopted")
                else:
                    lex = self.status_lemmas[lemma]
                status, neg = self.status(tok, xcomp, lex)
                caller = None
                if lex == "called-for" and not is_passive(tok):
                    # "UNHCR warned that ... and called on Lithuania to ensure X": a coordinated verb shares the subject
                    caller = subject_token(tok) or (subject_token(tok.head) if tok.dep_ == "conj" else None)
                    if caller is not None and subject_token(tok) is None and not is_actor(caller) and tok.head.dep_ == "ccomp" \
                            and tok.head.head.lemma_.lower() in self.reporting and (reporter := subject_token(tok.head.head)) is not None \
                            and is_actor(reporter):
                        caller = reporter  # "UNHCR warned that the law could X and called on Y to Z": parsed inside the reported clause
                rule = "measure/called-for" if caller is not None else "measure/verb-to-infinitive"
                region = self.region(xcomp, sent)
                if xcomp.tag_ == "VBG":  # "is considering closing X, according to Y": the gerund's own phrase
                    region = [t for t in region if t.i <= xcomp.right_edge.i]
                for item in self.plan_content(self.items(region, True)):
                    self.emit(out, seen, item, tok, status, neg, caller, rule)
                # "to continue X in order to prevent Y, and to discourage Z": an infinitive coordinated past the region's cut
                end = region[-1].i if region else xcomp.i
                for later in (c for c in xcomp.subtree if c.dep_ == "conj" and c.tag_ == "VB" and c.i > end + 1
                              and any(a.lower_ == "to" for a in c.children) and c.doc[c.i - 2].lower_ in ("and", "or")):
                    for item in self.items(self.region(later, sent), True)[:1]:
                        self.emit(out, seen, item, tok, status, neg, caller, rule)
            elif pos == "ADJ" and lemma in self.ready_adjs and xcomp is not None:
                # "stands ready to close the crossings": an offer (proposed); "is prepared to adjust": a plan
                if xcomp.lemma_.lower() in self.cooperation:
                    continue  # "is ready to engage with those countries": a relation between actors, not a measure
                offer = lemma in self.offer_adjs
                status, neg = self.status(tok.head, xcomp, "proposed" if offer else "planned")
                for item in self.items(before_purpose(xcomp, self.region(xcomp, sent)), True):
                    self.emit(out, seen, item, tok, status, neg, None, "measure/offer" if offer else "measure/ready-to")
            elif pos == "ADJ" and lemma in JUDGED_ADJECTIVES and xcomp is not None and tok.dep_ == "acomp":
                # "Finland was right to close all crossing points": a judgement on what the subject did
                status, neg = self.status(tok.head, xcomp, None)
                for item in self.items(before_purpose(xcomp, self.region(xcomp, sent)), True):
                    self.emit(out, seen, item, tok, status, neg, subject_token(tok.head), "measure/actor-action")
            elif pos == "NOUN" and lemma in self.status_nouns and acl is not None:
                status, neg = self.status(tok.head, acl, self.status_nouns[lemma])
                # "rejected (voted against) the proposal to fund fences": somebody else's proposal, not the rejecter's
                rule = "measure/rejected-proposal" if _rejected(tok) else "measure/noun-to-infinitive"
                for item in self.items(self.region(acl, sent), True):
                    self.emit(out, seen, item, tok, status, neg, None, rule)
            elif pos == "VERB" and lemma in self.list_verbs:
                subj = subject_token(tok)
                if subj is None or not (subj.lemma_.lower() in self.measure_nouns or subj.lemma_.lower() in self.documents or subj.pos_ == "PRON"):
                    continue
                lex = "proposed" if lemma in ("foresee", "envisage") else None
                if lex is None:
                    for c in subj.children:
                        if c.dep_ == "amod" and c.lemma_.lower() in ("intend", "plan", "intended", "planned", "envisaged"):
                            lex = "planned"
                        elif c.dep_ == "amod" and c.lemma_.lower() in ("propose", "proposed"):
                            lex = "proposed"
                status, neg = self.status(tok, tok, lex, default="planned")
                start = next((t for t in toks if t.i > tok.i and not t.is_punct), None)
                if start is None:
                    continue
                region = self.region(start, sent, anchor=tok)
                verbal = _verb_like(start)
                for item in self.items(region, verbal):
                    self.emit(out, seen, item, tok, status, neg, subj, "measure/list-includes", noun=not verbal)
            elif pos == "VERB" and not is_passive(tok) and (obj := self._measure_object(tok)) is not None:
                if any(c.dep_ == "acl" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children) for c in obj.children):
                    continue
                if tok.dep_ == "acl" and tok.tag_ == "VB" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() not in self.status_nouns:
                    continue  # "used X as a pretext to impose sanctions": what the act would serve, not a decision
                if any(c.dep_ == "det" and c.lower_ in self.anaphoric_dets for c in obj.children) and not any(
                        c.dep_ in ("prep", "amod", "compound", "acl", "relcl") for c in obj.children):
                    continue  # "establish these mechanisms": restates a measure named before
                status, neg = self.status(tok, tok, self.status_lemmas.get(lemma) if lemma not in ("adopt", "take", "put", "apply") else None)
                if status == "adopted" and tok.tag_ == "VB" and any(a.lemma_.lower() in ("allow", "permit", "enable", "authorise", "authorize", "empower")
                                                                    for a in tok.ancestors):
                    status = "permitted"  # "will allow member states facing X to apply derogations", however the infinitive is parsed
                rule = "measure/adopt-object"
                if lemma in DELIBERATING:
                    # "ministers will discuss sanctions against airlines": on the table, but nobody proposes it yet
                    status, rule = ("proposed" if not neg else status), "measure/deliberated"
                start = next(t for t in obj.subtree)
                while start.pos_ == "DET" and start.i < obj.i:
                    start = start.doc[start.i + 1]
                for item in self.items(self.region(start, sent, anchor=tok), False):
                    self.emit(out, seen, item, tok, status, neg, None, rule, noun=True)
            elif pos == "VERB" and lemma in self.passive_verbs and is_passive(tok) and (subj := subject_token(tok)) is not None \
                    and subj.lemma_.lower() in self.measure_nouns:
                status, neg = self.status(tok, tok, None)
                sub = [t for t in subj.subtree if not t.is_space]
                while sub and sub[0].pos_ in ("DET", "ADJ") and sub[0].lower_ in ("several", "some", "the", "these", "new", "a", "all", "many", "further"):
                    sub = sub[1:]
                self.emit(out, seen, sub, tok, status, neg, agent_token(tok), "measure/passive-adopted", noun=True)
            elif pos == "VERB" and is_passive(tok) and lemma in self.passive_action_verbs and (subj := subject_token(tok)) is not None \
                    and (self._policy_object(subj) or (subj.lemma_.lower() in self.personnel and not any(
                        c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this") for c in subj.children))):  # "the officers": sent before
                # "a steel barrier was completed", "the regime will be extended": verb + the passive subject
                status, neg = self.status(tok, tok, None)
                if neg:
                    continue
                sub = [t for t in subj.subtree if not t.is_space and t.dep_ not in ("relcl",) and not any(a.dep_ == "relcl" for a in t.ancestors if a in subj.subtree)]
                sub = [t for t in sub if t.i < tok.i]
                while sub and sub[0].pos_ in ("DET", "NUM") or (sub and sub[0].lower_ in ("several", "some", "all", "many", "further", "of")):
                    sub = sub[1:]
                if not sub or len(sub) > self.max_tokens:
                    continue
                # "36 experts would be deployed to Lithuania and 22 to Latvia": where to is part of the act
                places = [_text(list(p.subtree)) for h in [tok, *(c for c in tok.children if c.dep_ == "conj")] for c in h.children
                          if c.dep_ in ("prep", "dative") and c.lower_ == "to" and c.i > tok.i for p in c.children if p.dep_ == "pobj"]
                where = " to " + " and ".join(places) if places and lemma in ("deploy", "extend", "send") else ""
                self._emit_label(out, seen, sub, subj, f"{lemma} {_text(sub)}{where}", tok, status, False, agent_token(tok), "measure/passive-action")
            elif pos == "VERB" and tok.tag_ == "VBN" and tok.dep_ == "acl" and lemma in self.passive_verbs | self.passive_action_verbs | PERFORMING \
                    and (agent := agent_token(tok)) is not None and (is_actor(agent) or self._law_agent(agent)) \
                    and self._policy_object(head := _described(tok, self._policy_object)):
                # "the law adopted by the Sejm, which allows X", "the fence built by Poland": the noun phrase is the measure;
                # "the suspension of asylum applications, introduced by the law": the measure of the law's authors
                if any(c.dep_ == "det" and c.lower_ in ("any", "every", "each", "such", "these", "those", "this") for c in head.children):
                    continue  # "any measure taken by Member States": a general clause about measures, not one of them
                sub = [t for t in head.subtree if (t.i <= head.i or (head is not tok.head and t.i < tok.i and not t.is_punct))
                       and not t.is_space and not (t.pos_ == "DET" and t.i < head.i)]
                # "which allows X" may hang on the head or, misattached, on a word of the participle's phrase ("26 March")
                enabling = next((c for t in [head, *tok.subtree] for c in t.children if c.dep_ == "relcl" and c.lemma_.lower() in ENABLING), None)
                if enabling is not None:
                    sub += [t for t in enabling.subtree if not t.is_punct and not t.is_space]
                sub = _strip(sub[: self.max_tokens])
                status, neg = self.status(tok, tok, None)
                if all(t is head or t.pos_ in ("DET", "PRON") or t.lower_ in self.vague for t in sub) and head.lemma_.lower() in GENERIC_MEASURE_NOUNS:
                    continue  # "the measures taken by Member States": refers to measures, names none
                if sub and not neg:
                    self._emit_label(out, seen, sub, head, _item_text(sub), tok, status, False, agent, "measure/participle-by", noun=True)
            elif pos == "NOUN" and lemma in self.act_nouns and (agent := _act_agent(tok, is_actor)) is not None \
                    and not any(c.dep_ == "det" and c.lower_ in ("any", "every", "each", "such") for c in tok.children) \
                    and not (tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in self.act_nouns):
                # "the closure of the border by Finland", "the adoption of the Crisis Regulation by the Council": a
                # nominalised act with its doer; an adoption noun names the act adopted
                sub = self._act_phrase(tok, agent)
                if sub:
                    self._emit_label(out, seen, sub, tok, _item_text(sub), tok, self.nominal_status(tok), False, agent, "measure/act-by", noun=True)
            elif pos == "VERB" and lemma in JUDGING and (doer := next((c for c in tok.children if c.dep_ == "dobj" and is_actor(c)), None)) is not None \
                    and (act := next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                                      for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG"), None)) is not None:
                # "criticised the Polish government for restricting access to X": the judged actor's act
                for item in self.items(self.region(act, sent), True)[:1]:
                    self.emit(out, seen, item, tok, "adopted", False, doer, "measure/judged-act")
            elif pos == "VERB" and tok.dep_ == "relcl" and not is_passive(tok) and (subj := subject_token(tok)) is not None \
                    and is_actor(subj) and not is_actor(tok.head) and tok.head.pos_ in ("NOUN", "PROPN") and _object_relative(tok) \
                    and lemma not in self.non_action and (lemma in self.policy_verbs or lemma in self.status_lemmas
                                                          or bool(_head_words(_lifted_head(tok, self.policy_words)) & self.policy_words)) \
                    and not any(c.dep_ == "prep" and not any(p.dep_ == "pobj" for p in c.children) for c in tok.children):
                # ("the closure that lawmakers had pressed for" is asked for, not decided: a stranded preposition)
                # "Operation Terra, which Frontex has been running", "the suspension of asylum (that) the government
                # imposed": the head noun phrase, with its own modifiers and without the clause, is the measure
                head = _lifted_head(tok, self.policy_words)
                sub = [t for t in head.subtree if t.i < tok.left_edge.i and not t.is_space]
                while sub and (sub[-1].is_punct or sub[-1].tag_ in ("WDT", "WP")):
                    sub = sub[:-1]
                while sub and sub[0].pos_ == "DET":
                    sub = sub[1:]
                status, neg = self.status(tok, tok, None)
                if sub and not neg:
                    self._emit_label(out, seen, sub, head, _text(sub), tok, status, False, subj, "measure/actor-action", noun=True)
            elif pos == "VERB" and not is_passive(tok) and (subj := _shared_subject(tok)) is not None and (subj.pos_ != "PRON" or _reported_pronoun(
                    subj, tok, self.reporting) or (
                    tok.dep_ == "relcl" and subj.tag_ in ("WDT", "WP") and is_actor(tok.head) and subj.i > 0 and tok.doc[subj.i - 1].text == ",")) and (
                    any(c.tag_ == "MD" and c.lower_ in self.modal_status for c in tok.children)
                    or ((is_actor(subj) or (subj.tag_ in ("WDT", "WP") and is_actor(tok.head) and tok.doc[subj.i - 1].text == ","))
                        and any(c.dep_ in ("dobj", "prt") or (c.dep_ == "xcomp" and c.tag_ == "VBG") for c in tok.children))):
                # ("stopped accepting applications": an act with a gerund for its object)
                if ((lemma in self.light or lemma in self.non_action) and not _in_doing(tok) and not _predicative(tok) and not _sent_back(tok)) \
                        or (lemma in self.reporting and not self._declares(tok)) or lemma in self.list_verbs \
                        or lemma in self.directives:
                    continue
                if any(c.dep_ == "neg" for c in tok.children):
                    continue
                if any(c.dep_ == "dobj" and c.lemma_.lower() in self.act_nouns and _act_agent(c, is_actor) is not None for c in tok.children):
                    continue  # "demanded the closure of the airports by Belarus": Belarus's act, found as such
                if lemma in self.protecting and any(c.dep_ == "dobj" and (is_actor(c) or self._border_itself(c) and not any(
                        not is_actor(m) for m in follow(tok, "prep:with") + follow(tok, "agent"))) for c in tok.children):
                    continue  # "frontline states are protecting the whole Union", "guard 3,000 km of land border": their task, not a measure
                if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in self.helping:
                    continue  # "help the border guard patrol the border": the helper's act (a supports edge), not the helped's measure
                if (lemma in self.relation_verbs or lemma in self.any_relation_verbs) and xcomp is None and not _in_doing(tok) \
                        and not (lemma in self.restricting and is_actor(subj)):
                    # (but "Poland suspended the right to asylum" is the actor's measure, which restricts the right)
                    continue  # "support X in registering applications": the supporter's own activities are measures
                if any(c.dep_ == "dobj" and c.lemma_.lower() in self.evidence_nouns for c in tok.children) and tok.tag_ in ("VBD", "VBN", "VBZ", "VBP") \
                        and lemma not in self.restricting:  # ("suspended asylum claims": a restriction acts on what it takes)
                    continue  # "published evidence of pushbacks", "documented 312 cases": reporting facts, not a measure
                if any(c.dep_ == "dobj" and c.lemma_.lower() in self.text_nouns | self.view_nouns for c in tok.children):
                    continue  # "adopted the following conclusions", "issued a statement", "shares the view": said, not done
                if any(c.dep_ == "dobj" and self.status_nouns.get(c.lemma_.lower()) in ("called-for", "proposed") for c in tok.children):
                    continue  # "renewed its call for X", "repeated its demand for Y": the call is said; its content is the measure
                if lemma in self.financing:
                    continue  # "the EU finances the deployment of X": the funder pays for X (a funds edge), it does not do X
                if not self.policy_act(tok):
                    continue  # "walks her goats", "commands the unit", "recorded 5,214 attempts": acts, but no policy
                lexical = self.status_lemmas.get(lemma)  # "has proposed amendments to the act": proposed, not adopted
                status, neg = self.status(tok, tok, lexical if lexical in ("proposed", "planned", "called-for") else None)
                actor_subj = tok.head if subj.tag_ in ("WDT", "WP") else None  # "Frontex, which has deployed ..."
                rule = "measure/actor-action"
                if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in RECOMMENDING:
                    # "the Ombudsman recommended that the government amend the law": called for by the recommender, not
                    # done by the government
                    status = RECOMMENDING[tok.head.lemma_.lower()]
                    if (caller := subject_token(tok.head)) is not None and is_actor(caller):
                        actor_subj, rule = caller, "measure/called-for"
                for item in self.items(before_purpose(tok, self.region(tok, sent)), True):
                    self.emit(out, seen, item, tok, status, neg, actor_subj, rule)
            elif tok is first_word and (tok.tag_ == "VB" and tok.dep_ == "ROOT" and subject_token(tok) is None or _misread_bare_verb(tok, self.policy_verbs)):
                if lemma in self.light or lemma in self.reporting or lemma in self.furniture_verbs or any(
                        d.dep_ == "poss" and d.lower_ == "our" for c in tok.subtree for d in c.children):
                    continue  # "Subscribe to our newsletter", "Support our monitors": the page asks for itself
                # a sentence that opens with a bare verb asks for what it says ("Reopen at least one crossing."): a
                # recommendation of whoever the text speaks for
                # (a verb the tagger hung on its object is no clause boundary: the line is the act)
                region = self.region(tok, sent, whole_line=tok.dep_ != "ROOT")
                for item in self.items(region, True):
                    self.emit(out, seen, item, tok, "called-for", False, None, "measure/imperative")
            elif tok.dep_ == "advcl" and tok.tag_ == "VB" and tok.i < tok.head.i and any(c.lower_ == "to" for c in tok.children) and tok.i - sent.start <= 3:
                if lemma in self.light:
                    continue
                for item in self.items(self.region(tok, sent), True):
                    self.emit(out, seen, item, tok, "planned", False, None, "measure/purpose")
        return out


REJECTING = {"reject", "oppose", "block", "veto", "refuse", "dismiss"}


def _rejected(noun: Token) -> bool:
    """'rejected the proposal', 'voted against the plan', 'opposed the call': the noun's verb turns it down."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "against":
        return True
    return noun.dep_ in ("dobj", "nsubjpass") and verb.lemma_.lower() in REJECTING


def _described(participle: Token, is_policy: Callable[[Token], bool]) -> Token:
    """The noun a participle describes: 'the suspension of asylum applications, introduced by X' describes the
    suspension, although the parser hangs the participle on the nearest noun (which stays the one described when it is
    a policy object itself: 'the suspension of the measures adopted by the Council')."""
    head = participle.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN" and not is_policy(head):
        return head.head.head
    return head


DATE_PREPS = {"in", "on", "at", "since", "during"}


def _without_trailing_date(item: list[Token]) -> list[Token]:
    """'a derogation from the right to asylum in March', 'a law last year': the time of the act is not part of it
    (not 'for 90 days', where the date says how long the measure lasts)."""
    k = len(item)
    while k > 0 and item[k - 1].ent_type_ == "DATE":
        k -= 1
    if k == len(item) or k == 0:
        return item
    if item[k - 1].lower_ in DATE_PREPS:
        k -= 1
    elif item[k - 1].pos_ == "ADP":
        return item
    return item[:k] if k >= 1 else item


def _new_amount(tok: Token) -> bool:
    """A conjunct that opens with an amount of money ('and €35 million ...')."""
    return tok.ent_type_ == "MONEY" or tok.tag_ == "$" or (tok.like_num and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_type_ == "MONEY")


def _repeated_preposition(tokens: list[Token], i: int) -> bool:
    """A conjunct that repeats the preposition of a prepositional phrase ('for X and for Y', 'on X and on Y')."""
    prep = tokens[i]
    if prep.pos_ != "ADP" or i + 1 >= len(tokens) or (i >= 2 and tokens[i - 2].pos_ == "ADP"):
        return False  # ("at and around the crossing point": two prepositions sharing one object)
    after = tokens[i + 1]
    return after.pos_ in ("DET", "NOUN", "VERB") or (after.pos_ == "ADJ" and after.lower_ != "particular")


def _top_level_noun_coordination(cc: Token, item: list[Token]) -> bool:
    """A conjunction joining the item's own head noun to another noun phrase ("the extension of X and the
    acquisition of Y"), not nouns inside a modifier ("detection of drones and balloons") or adjectives ("thermal and
    radar masts")."""
    first = cc.head
    if first.pos_ not in ("NOUN", "PROPN") or first not in item:
        return False
    ids = {t.i for t in item}
    if first.head.i in ids and first.head.i != first.i:
        return False
    if first.dep_ in ("compound", "amod", "nmod") and first.head.i > cc.i:
        return False  # "thermal-imaging and radar masts": modifiers of a noun still to come
    return any(c.dep_ == "conj" and c.i > cc.i and c.pos_ in ("NOUN", "PROPN") for c in first.children)


def item_label(item: list[Token]) -> str:
    """The text of an item; where an aside was left out ('propose, where necessary, X'), the words it kept."""
    return _item_text(item)


POSSESSIVE = re.compile(r"\bits(?: own)?\b")


def _unpossessed(label: str) -> str:
    """'reinforce its border with Russia' → 'reinforce the border with Russia': the owner is the measure's actor ('their'
    stays: 'urges Member States to open their ports' names whose ports)."""
    return POSSESSIVE.sub("the", label) if "its" in label else label


def _item_text(item: list[Token]) -> str:
    doc = item[0].doc
    if item[-1].i - item[0].i + 1 == len(item):
        return " ".join(doc[item[0].i: item[-1].i + 1].text.split())
    parts: list[list[Token]] = [[item[0]]]
    for t in item[1:]:
        if t.i == parts[-1][-1].i + 1:
            parts[-1].append(t)
        else:
            parts.append([t])
    return " ".join(" ".join(doc[p[0].i: p[-1].i + 1].text.split()) for p in parts)



def _lifted_head(clause: Token, policy_words: set[str] | frozenset[str] = frozenset()) -> Token:
    """The noun a relative clause describes. The parser hangs the clause on the nearest noun; it describes the noun
    phrase that noun ends, and names the act of its highest policy noun ("the suspension of the right to submit
    applications, which X introduced", "the crossings on the eastern border, which X kept closed"); without one, the
    noun over 'of' ("the suspension of asylum, which X imposed")."""
    head = clause.head
    spine = head
    while (up := _noun_phrase_parent(spine)) is not None:
        spine = up
        if _head_words(spine) & policy_words:
            head = spine
    if head is not clause.head:
        return head
    while head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head  # a common noun only: "part of Joint Operation Terra, which X runs" is about the operation
    return head


def _noun_phrase_parent(noun: Token) -> Token | None:
    """The common noun whose phrase `noun` completes: over a preposition ("the fence along the border") or an
    infinitive or participle describing it ("the right to submit applications")."""
    up = noun.head
    if noun.dep_ == "pobj" and up.dep_ == "prep":
        up = up.head  # "the fence along the border", "the right to submit applications at the border"
    elif noun.dep_ != "dobj":
        return None
    if up.pos_ == "VERB" and up.dep_ == "acl":
        up = up.head
    return up if up.pos_ == "NOUN" and up is not noun else None


def _head_words(noun: Token) -> set[str]:
    """A noun's lemma and its compounds' ("Operation Poseidon": operation, poseidon)."""
    return {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children if c.dep_ == "compound"}


def _object_relative(clause: Token) -> bool:
    """A relative clause whose gap is its object ("which Latvia formalised", "the government imposed"): it has a subject
    of its own, and its object is a relative word or missing."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.tag_ in ("WDT", "WP") or subj.lower_ == "that":
        return False
    if any(c.dep_ == "mark" for c in clause.children):
        return False  # "underlines that Member States will respond": a content clause the parser took for a relative one
    objects = [c for c in clause.children if c.dep_ == "dobj"]
    return all(o.tag_ in ("WDT", "WP") for o in objects) and not any(c.dep_ in ("ccomp", "xcomp") for c in clause.children)

def _text(toks: list[Token]) -> str:
    doc = toks[0].doc
    return " ".join(doc[toks[0].i: toks[-1].i + 1].text.split())


ASIDE_WORDS = {"where", "if", "when", "whenever", "as"}


def _drop_asides(tokens: list[Token]) -> list[Token]:
    """'propose, where necessary, further measures': a short conditional aside between commas is not a list item."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.text == "," and i + 1 < len(tokens) and tokens[i + 1].lower_ in ASIDE_WORDS:
            close = next((j for j in range(i + 2, min(i + 6, len(tokens))) if tokens[j].text == ","), None)
            if close is not None and all(not x.tag_.startswith("VB") or x.tag_ == "VBN" for x in tokens[i + 2:close]):
                i = close + 1
                continue
        out.append(t)
        i += 1
    return out


ACTION_SUFFIXES = ("tion", "sion", "ment", "ing")


def _reported_pronoun(subj: Token, verb: Token, reporting: set[str]) -> bool:
    """'the ministry said it would keep X': a pronoun subject of a reported clause with a modal (the reporter acts)."""
    return (subj.lower_ in ("it", "they", "we") and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in reporting
            and any(c.tag_ == "MD" for c in verb.children) and (outer := subject_token(verb.head) or (
                subject_token(verb.head.head) if verb.head.dep_ == "conj" else None)) is not None and outer.pos_ != "PRON")


PREDICATIVE_VERBS = {"keep", "make", "leave", "render", "hold"}


def _predicative(tok: Token) -> bool:
    """A verb with an object and its predicative complement: 'keep the crossings closed', 'make registration mandatory'."""
    if tok.lemma_.lower() not in PREDICATIVE_VERBS:
        return False
    has_obj = any(c.dep_ == "dobj" for c in tok.children)
    if has_obj and any(c.dep_ == "oprd" for c in tok.children):
        return True
    if any(c.dep_ == "dobj" and any(a.dep_ == "amod" and a.i > c.i and (a.pos_ == "ADJ" or a.tag_ == "VBN") for a in c.children)
           for c in tok.children):
        return True  # "keep only two crossings open to freight": the parser reads the complement as the object's modifier
    return any((c.dep_ in ("xcomp", "acomp", "ccomp", "advcl") and c.i > tok.i and has_obj or c.dep_ == "ccomp" and any(x.dep_ == "nsubj" for x in c.children))
               and (c.pos_ == "ADJ" or c.tag_ in ("VBN", "VBD", "JJ")) for c in tok.children)


def _misread_bare_verb(tok: Token, verbs: set[str] | frozenset[str]) -> bool:
    """A capitalised policy verb opening its sentence that the tagger read as a noun or an adjective: the modifier of
    the noun it takes ("Publish monthly figures on X") or a noun with an object ("(b) Reopen at least one crossing")."""
    if not (tok.text[:1].isupper() and tok.lower_ in verbs and tok.pos_ in ("NOUN", "ADJ", "PROPN")):
        return False
    if tok.dep_ == "ROOT":
        return any(c.dep_ == "dobj" for c in tok.children)
    return tok.dep_ in ("amod", "compound") and tok.head.i > tok.i and tok.head.pos_ == "NOUN" \
        and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ in ("DET", "ADJ", "NUM", "NOUN")


def _in_doing(tok: Token) -> bool:
    """A verb with an 'in V-ing' complement: 'support the authorities in registering applications'."""
    if tok.lemma_.lower() not in ("support", "assist", "help", "aid"):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("in", "with") and any(g.tag_ == "VBG" or (g.dep_ == "pobj" and (any(
        (x.tag_ == "VBG" or x.lower_.endswith("ing")) and x.dep_ in ("amod", "compound") and x.i < g.i for x in g.children)
        or (c.lower_ == "with" and g.lower_.endswith(ACTION_SUFFIXES)))) for g in c.children) for c in tok.children)


GENERIC_MEASURE_NOUNS = {"measure", "step", "action", "policy"}  # name that there are measures, not which
CIRCUMSTANCE_MARKS = {"after", "before", "because", "since", "when", "once", "although", "though", "while", "whereas", "if", "unless"}
ENABLING = {"allow", "permit", "enable", "authorise", "authorize", "let", "empower", "entitle", "require", "oblige"}


def _sent_back(verb: Token) -> bool:
    """'pushed back hundreds of people', 'turned migrants away': a return at the border, an act of the border authority."""
    return verb.lemma_.lower() in ("push", "send", "turn", "force", "drive") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in ("back", "away") for c in verb.children)


def _shared_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it is coordinated with ('declared X and authorised Y')."""
    subj = subject_token(verb)
    if subj is None and verb.dep_ == "conj" and verb.tag_ == "VBD" and verb.head.tag_ == "VBD":
        subj = subject_token(verb.head)
    return subj


def before_purpose(verb: Token, region: list[Token]) -> list[Token]:
    """'deployed officers to Lithuania to help the border guard', 'closed the crossings after 1,300 people arrived': the
    act ends where its purpose or circumstance clause begins ('amended the law to allow X' goes on: what a law allows
    is its content); a date beside it ('last year', 'this week') is not part of it either."""
    # the clause may hang on the verb or on a word governing it ("is ready to close X if ...": 'if' hangs on 'is')
    around = [c for h in (verb, *verb.ancestors) for c in h.children if c.i > verb.i]
    ends = [c.left_edge.i for c in around if c.dep_ == "advcl" and (
        (c.tag_ == "VB" and c.lemma_.lower() not in ENABLING and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children))
        or any(a.dep_ == "mark" and a.lower_ in CIRCUMSTANCE_MARKS for a in c.children)) and c.left_edge.i > verb.i]
    ends += [p.i for p in verb.children if p.dep_ == "prep" and p.i > verb.i and p.lower_ in CIRCUMSTANCE_MARKS
             and any(g.dep_ in ("pcomp", "pobj") and (g.pos_ == "VERB" or g.ent_type_ == "DATE") for g in p.children)]
    dates = {t.i for c in verb.children if c.dep_ == "npadvmod" and c.ent_type_ == "DATE" for t in c.subtree}
    end = min(ends, default=len(verb.doc))
    return [t for t in region if t.i < end and t.i not in dates]


def _verb_like(t: Token) -> bool:
    """A token that starts a verb phrase."""
    return t.tag_ in ("VB", "VBG", "VBP") or (t.pos_ == "ADV" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].tag_ in ("VB", "VBG"))


def _coordinated_verb(t: Token) -> bool:
    """A finite verb coordinated with the one before ('have built walls, deployed troops and carried out pushbacks')."""
    return t.tag_ in ("VBD", "VBN") and t.dep_ == "conj" and t.head.pos_ == "VERB" and t.head.i < t.i


# "the pushbacks carried out by the border guards": the participle says who did the act the noun names
PERFORMING = {"carry", "conduct", "perform"}
JUDGED_ADJECTIVES = {"right", "wrong", "justified", "correct", "mistaken"}
# verbs whose that-clause states what somebody else should do ("recommended that the government amend the law")
RECOMMENDING = {"recommend": "called-for", "urge": "called-for", "demand": "called-for", "ask": "called-for", "request": "called-for",
                "propose": "proposed", "suggest": "proposed"}
DELIBERATING = {"discuss", "debate", "weigh", "explore"}
CONTINUING = {"continue", "resume", "complete", "finish", "accelerate", "speed", "begin", "start", "launch", "step"}
# verbs that judge an actor for what it did ("criticised X for closing Y")
JUDGING = {"criticise", "criticize", "condemn", "praise", "commend", "blame", "fault", "rebuke", "censure", "thank"}


def _act_agent(noun: Token, is_actor: Callable[[Token], bool]) -> Token | None:
    """Who does a nominalised act: its 'by' phrase ('the closure of the border by Finland') or an actor possessor
    ('Finland's closure of the border')."""
    agent = _by_agent(noun)
    if agent is None:
        agent = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    return agent if agent is not None and is_actor(agent) else None


def _by_agent(noun: Token) -> Token | None:
    """The object of a noun's own 'by' phrase ('the closure of the border by Finland'), if any; the parser may hang it
    on the noun's 'of' object ('the declaration of a state of emergency by Lithuania')."""
    heads = [noun]
    for _ in range(2):
        heads += [p for c in heads[-1].children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"][:1]
    return next((p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"), None)


def _strip(item: list[Token]) -> list[Token]:
    while item and (item[0].is_punct or item[0].is_space or item[0].lower_ in ("and", "or", "to", "as", "well", "then", "also", "both")):
        item = item[1:]
    while item and (item[-1].pos_ in TRAIL_DROP or item[-1].is_space):
        item = item[:-1]
    return item
