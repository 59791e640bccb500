"""Measures read from frames: what a decision, plan, proposal or call takes, and acts named by their doer.

Three phenomena, each handled once (docs/phenomena.md):
- a that-clause under a verb or noun of deciding, planning, proposing, calling or permitting ("the cabinet agreed
  that the crossings will stay shut");
- a policy-act noun phrase such a governor, or an actor's finite policy verb, takes as its object ("calls for the
  reinforcement of X and closer cooperation with Y", "the agency will provide aerial surveillance and vehicles");
- an act noun or built object with an actor as its doer ("Finland's closure of the border", "the Frontex
  deployment in Lithuania");
- an act whose doer is controlled from outside its clause: a means or time adjunct ("Finland responded by closing
  the crossings") and the complement of a verb of causing ("the arrivals led Finland to close the crossings").
The status of each comes from the frame's modality through one table, `STATUS_OF_MODALITY`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from kg.extract.frames import Frame, FrameLexicon
from kg.extract.measures import MeasureCandidate, MeasureFinder, before_purpose, item_label
from kg.extract.syntax import content_clause, follow, logical_subject

# a measure's status from how firmly its own frame is stated
STATUS_OF_MODALITY = {"asserted": "adopted", "decided": "adopted", "will": "planned", "planned": "planned", "may": "permitted",
                      "can": "permitted", "called-for": "called-for", "proposed": "proposed", "must": "called-for",
                      "should": "called-for"}
DEFINITE_STARTS = ("the", "this", "these", "those", "that", "its", "their")
MENTION_PREPOSITIONS = ("of", "on", "along", "at", "against", "into", "for", "across", "near")


class FrameMeasureFinder:
    """Measure candidates from the frames of one sentence, added to what the other measure rules found."""

    def __init__(self, lex: FrameLexicon, measures: MeasureFinder) -> None:
        self.lex = lex
        self.mf = measures
        self.governing = (("adopted", lex.deciding), ("planned", lex.planning), ("proposed", lex.proposing),
                          ("called-for", lex.calling), ("permitted", lex.permitting))

    def find(self, doc: Doc, sent: Span, frames: dict[int, Frame], found: list[MeasureCandidate],
             is_actor: Callable[[Token], bool], frame_at: Callable[[Token], Frame]) -> list[MeasureCandidate]:
        """`found` with the frame-based candidates added (and clause-internal misreadings replaced)."""
        for frame in frames.values():
            governed = next((name for name, words in self.governing if frame.lemma in words), None)
            if governed is not None:
                found = self._that_clauses(doc, frame, governed, found, is_actor)
                found = self._objects(doc, sent, frame, governed, found, own_act=False)
            elif frame.form == "verbal" and frame.lemma in self.mf.policy_verbs and frame.lemma not in self.lex.financing \
                    and _finite(doc[frame.trigger]) \
                    and frame.modality in STATUS_OF_MODALITY:
                found = self._objects(doc, sent, frame, STATUS_OF_MODALITY[frame.modality], found, own_act=True)
        found = found + self._funded_objects(doc, sent, frames, found, is_actor)
        found = found + self._agentive_nominals(doc, frames, found, is_actor)
        found = found + self._controlled_acts(doc, sent, frames, found, is_actor)
        return found + self._named_mentions(sent, found, is_actor, frame_at)

    def _that_clauses(self, doc: Doc, frame: Frame, status: str, found: list[MeasureCandidate],
                      is_actor: Callable[[Token], bool]) -> list[MeasureCandidate]:
        """The that-clause is the measure; it replaces what other rules read inside the clause as an act of the
        clause's own subject ('the crossings')."""
        trigger = doc[frame.trigger]
        out: list[MeasureCandidate] = []
        for i in frame.role("complement"):
            clause = doc[i]
            if not (clause.dep_ == "ccomp" or content_clause(clause)) or clause.pos_ not in ("VERB", "AUX"):
                continue
            inside = range(clause.left_edge.i, clause.right_edge.i + 1)
            within = [c for c in found if c.head.i in inside]
            doers = [c.subject if c.subject is not None else logical_subject(c.head, is_actor) for c in within]
            if any(d is None or d.i not in inside or is_actor(d) for d in doers) or any(c.start <= i < c.end for c in out):
                continue  # a measure of someone named outside the clause was found in it already
            found = [c for c in found if c not in within]
            toks = [t for t in clause.subtree if t.dep_ not in ("mark", "aux", "auxpass", "punct") and t.tag_ != "MD"]
            while toks and toks[0].pos_ in ("DET", "CCONJ", "SCONJ"):
                toks = toks[1:]
            item = self.mf.trim(toks)
            if len(item) < 2:
                continue
            subject = next((c for c in trigger.children if c.dep_ in ("nsubj", "poss")), None)
            if frame.form == "nominal" and frame.role("agent"):
                subject = doc[frame.role("agent")[0]]  # "the NGOs renewed their demand that X": whose demand
            out.append(MeasureCandidate(item[0].i, item[-1].i + 1, item_label(item), clause, trigger, status, False, subject,
                                        "measure/decision-complement"))
        return found + out

    def _objects(self, doc: Doc, sent: Span, frame: Frame, status: str, found: list[MeasureCandidate],
                 own_act: bool) -> list[MeasureCandidate]:
        """Each policy-act noun phrase of the object (and of a call's 'for' phrase) is a measure of its own."""
        mf = self.mf
        trigger = doc[frame.trigger]
        roles = ("theme", "obl:for") if status in ("called-for", "proposed") and not own_act else ("theme",)
        out: list[MeasureCandidate] = []
        for i in (i for r in roles for i in frame.role(r)):
            noun = doc[i]
            if noun.pos_ != "NOUN" or noun.lemma_.lower() not in mf.policy_nominals or noun.i == trigger.head.i:
                continue  # "the measures adopted by the Council": the participle describes its noun (a rule of its own)
            for item in mf.items(mf.region(next(iter(noun.subtree)), sent, anchor=noun.head), False):
                item = mf.trim(item)
                if len(item) < 2 or any(c.start <= t.i < c.end for c in found + out for t in item):
                    continue
                head = next((t for t in item if t.head not in item or t.head.i == t.i), item[0])
                if head.lemma_.lower() not in mf.policy_nominals or mf.vague_label(item, head):
                    continue
                if own_act and (item[0].lower_ in DEFINITE_STARTS or item[0].dep_ == "poss"):
                    continue  # "will monitor the deployment": a definite object of an act restates a measure named before
                subject = doc[frame.role("agent")[0]] if frame.role("agent") else None
                out.append(MeasureCandidate(item[0].i, item[-1].i + 1, item_label(item), head, trigger, status, False, subject,
                                            "measure/nominal-object", noun=True))
        return found + out

    def _funded_objects(self, doc: Doc, sent: Span, frames: dict[int, Frame], found: list[MeasureCandidate],
                        is_actor: Callable[[Token], bool]) -> list[MeasureCandidate]:
        """What a financing verb pays for names a measure ("the BMVI co-finances the upgrade of the camera network",
        "the extension of the fence, part-financed by the EU"): its doer is only its own possessor, never the funder."""
        mf = self.mf
        out: list[MeasureCandidate] = []
        for frame in frames.values():
            if frame.form != "verbal" or frame.lemma not in self.lex.financing or frame.modality not in STATUS_OF_MODALITY:
                continue
            for i in (i for role in ("theme", "obl:for") for i in frame.role(role)):
                noun = doc[i]
                if noun.pos_ != "NOUN" or noun.lemma_.lower() not in mf.policy_nominals or is_actor(noun) \
                        or any(c.start <= noun.i < c.end for c in found + out):
                    continue
                start = next((t for t in noun.subtree if t.dep_ not in ("det", "poss", "case") and not is_actor(t)), noun)
                item = mf.trim(next((it for it in mf.items(mf.region(start, sent, anchor=noun.head), False) if noun in it), []))
                if len(item) < 2 or noun not in item or mf.vague_label(item, noun) or not mf.names_something(item):
                    continue
                doer = next((c for c in noun.children if c.dep_ in ("poss", "compound", "amod") and c.i < noun.i and is_actor(c)), None)
                out.append(MeasureCandidate(item[0].i, item[-1].i + 1, item_label(item), noun, noun,
                                            STATUS_OF_MODALITY[frame.modality], False, doer, "measure/named-mention", noun=True))
        return out

    def _named_mentions(self, sent: Span, found: list[MeasureCandidate], is_actor: Callable[[Token], bool],
                        frame_at: Callable[[Token], Frame]) -> list[MeasureCandidate]:
        """A specified noun phrase headed by a measure noun names a measure wherever it stands ('the 200-metre buffer
        zone', 'a ban on entry into the Union', 'thermal cameras along the fence'), as firmly as the verb governing
        it states it: a called-for noun phrase is called for, one under 'will' planned, one under a denial, a
        condition, a hedge or a question is none."""
        mf = self.mf
        out: list[MeasureCandidate] = []
        for noun in sent:
            if noun.pos_ != "NOUN" or noun.lemma_.lower() not in mf.mention_heads or not _specified(noun):
                continue
            if noun.dep_ in ("compound", "amod", "nmod") or is_actor(noun) or any(c.start <= noun.i < c.end for c in found + out):
                continue  # "the fence project": a modifier; a noun inside a measure found already
            if any(o.lemma_.lower() in mf.measure_nouns for o in follow(noun, "prep:of")):
                continue  # "the suspension of the measures": which measures, the phrase does not say
            if noun.lemma_.lower() in mf.act_nouns and any(c.dep_ == "nummod" and c.like_num for c in noun.children):
                continue  # "412 pushbacks", "three closures": a count of acts is a figure, not a measure
            status = self._governed_status(noun, frame_at)
            if status is None:
                continue
            start = next((t for t in noun.subtree if t.dep_ not in ("det", "poss", "case") and not is_actor(t)), noun)
            item = next((it for it in mf.items(mf.region(start, sent, anchor=noun.head), False) if noun in it), [])
            item = mf.trim(item)
            if len(item) < 2 or noun not in item or mf.vague_label(item, noun) or not mf.names_something(item):
                continue
            doer = next((c for c in noun.children if c.dep_ in ("poss", "compound", "amod") and c.i < noun.i and is_actor(c)), None)
            out.append(MeasureCandidate(item[0].i, item[-1].i + 1, item_label(item), noun, noun, status, False, doer,
                                        "measure/named-mention", noun=True))
        return out

    def _governed_status(self, noun: Token, frame_at: Callable[[Token], Frame]) -> str | None:
        """The status a governing verb gives the noun phrase it takes, or None where it states nothing firmly."""
        governor = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if governor is None:
            return "adopted"  # a headline's or a list line's noun phrase
        if governor.lemma_.lower() in self.mf.recording:
            return None  # "monitors documented pushbacks at the border": what is recorded, not a measure the text states
        frame = frame_at(governor)
        if not frame.factual or frame.hypothetical:
            return None
        named = next((name for name, words in self.governing if frame.lemma in words), None)
        if named is not None:
            return named
        return STATUS_OF_MODALITY.get(frame.modality)

    def _agentive_nominals(self, doc: Doc, frames: dict[int, Frame], found: list[MeasureCandidate],
                           is_actor: Callable[[Token], bool]) -> list[MeasureCandidate]:
        """An act noun or a built object with an actor as its doer names that actor's measure."""
        mf = self.mf
        out: list[MeasureCandidate] = []
        for frame in frames.values():
            noun = doc[frame.trigger]
            if frame.form != "nominal" or not (frame.lemma in mf.act_nouns or frame.lemma in mf.built_objects) or not frame.role("agent"):
                continue
            if any(c.start <= noun.i < c.end for c in found + out) or frame.modality not in STATUS_OF_MODALITY:
                continue
            agent = doc[frame.role("agent")[0]]
            if not is_actor(agent):
                continue
            start = next((t for t in noun.subtree if t.i > agent.i and t.tag_ != "POS"), noun) if agent.i < noun.i else noun.left_edge
            item = next(iter(mf.items(mf.region(start, noun.sent, anchor=noun.head), False)), [])
            item = mf.trim([t for t in item if not (t.i <= agent.i or t.tag_ == "POS")])
            if len(item) < 2 or noun not in item or mf.vague_label(item, noun):
                continue
            out.append(MeasureCandidate(item[0].i, item[-1].i + 1, item_label(item), noun, noun, STATUS_OF_MODALITY[frame.modality],
                                        False, agent, "measure/agentive-nominal", noun=True))
        return out


    def _controlled_acts(self, doc: Doc, sent: Span, frames: dict[int, Frame], found: list[MeasureCandidate],
                         is_actor: Callable[[Token], bool]) -> list[MeasureCandidate]:
        """A policy act with no subject of its own whose doer the frame layer found outside its clause: the gerund of
        a means or time adjunct ("Finland responded by closing X", "after extending Y") and the infinitive a verb of
        causing takes ("the arrivals led (prompted, forced) Finland to close X"), as firmly as the whole is stated."""
        out: list[MeasureCandidate] = []
        seen = {c.head.i for c in found}
        for frame in frames.values():
            verb = doc[frame.trigger]
            if frame.form != "verbal" or frame.lemma not in self.mf.policy_verbs or not frame.factual \
                    or frame.modality not in STATUS_OF_MODALITY or not frame.role("agent"):
                continue
            adjunct = verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in ACT_ADJUNCT_PREPOSITIONS
            caused = verb.dep_ in ("xcomp", "advcl", "ccomp") and verb.tag_ == "VB" and verb.head.lemma_.lower() in self.lex.causing
            doer = doc[frame.role("agent")[0]]
            if not (adjunct or caused) or not is_actor(doer) or any(c.start <= verb.i < c.end for c in found + out):
                continue
            for item in self.mf.items(before_purpose(verb, self.mf.region(verb, sent)), True)[:1]:
                self.mf.emit(out, seen, item, verb, STATUS_OF_MODALITY[frame.modality], False, doer, "measure/controlled-act")
        return out


# prepositions whose gerund is an act of the clause's subject ("responded by closing X", "after extending Y")
ACT_ADJUNCT_PREPOSITIONS = ("by", "after", "through")


def _specified(noun: Token) -> bool:
    """A noun phrase that says which one: a modifier, a number, a possessor or a complement ('the 200-metre buffer
    zone', 'a ban on entry', 'cameras along the fence'), not a bare 'the fence'."""
    return any(c.dep_ in ("amod", "compound", "nummod", "poss", "nmod") or (c.dep_ == "prep" and c.lower_ in MENTION_PREPOSITIONS)
               for c in noun.children)


def _finite(verb: Token) -> bool:
    """A finite verb or one with a modal: an act stated, not an infinitive of purpose."""
    return verb.tag_ in ("VBD", "VBZ", "VBP", "VBN") or any(c.tag_ == "MD" for c in verb.children)
