"""The extractor: one spaCy pass per document, then mentions, measures, funds and relations per sentence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.builder import Builder
from kg.extract.frame_measures import STATUS_OF_MODALITY, FrameMeasureFinder
from kg.extract.frames import Frame, FrameLexicon, FrameReader
from kg.extract.measures import GENERIC_MEASURE_NOUNS, MeasureCandidate, MeasureFinder, _in_doing, _unpossessed, item_label
from kg.extract.mentions import SIGNATORIES, Mention, MentionFinder
from kg.extract.money import Money, find_money
from kg.extract.observations import find_changes
from kg.extract.relations import examples, compile_rules, find_relations, kind_ok
from kg.extract.resources import Resources
from kg.extract.rules import FrameRule, RoleSpec, Stance, form_and_requirements, stance_of
from kg.extract.tokens import add_to as add_hyphen_repairs
from kg.extract.syntax import PRONOUNS, TokenIndex, agent_token, collect, finite, follow, is_passive, logical_subject, subject_token
from kg.ids import entity_key
from kg.model import Document, Evidence, Extraction, Observation

SUPPORT_VERBS = {"support", "finance", "fund", "cover", "help", "pay", "assist", "strengthen", "boost"}
EXCEPTING_PREPOSITIONS = {"beyond", "besides", "except", "excepting", "save"}  # and "apart from"
MONEY_ANAPHOR_REACH = 10  # sentences back that 'the money' may reach for the whole it names, once money was named in the last three
FUNDING_NOUNS = {"funding", "financing", "grant", "grants", "money", "budget", "fund", "funds", "loan", "loans"}
FUND_USE_VERBS = {"use", "reserve", "earmark", "spend", "allocate", "dedicate", "intend", "devote", "channel", "direct", "go"}
FINANCIAL_AMODS = {"financial", "budgetary"}
RECEIVING_VERBS = {"receive", "get", "obtain", "share", "benefit"}
PRICE_VERBS = {"cost"}
ALLOCATION_REACH = 3  # sentences after a total within which an amount with no giver of its own is a share of it
ALLOCATION_LIST_REACH = 8
# "makes EUR 1.5 billion available for the period 2025-2027": a time span is not what money pays for
TIME_NOUNS = {"period", "year", "years", "month", "months", "week", "day", "duration", "time", "term", "quarter", "semester"}
# measure rules whose trigger word states a decision by the named actor (adopts/proposes edges)
DECISION_RULES = {"measure/verb-to-infinitive", "measure/noun-to-infinitive", "measure/adopt-object", "measure/actor-action",
                  "measure/called-for", "measure/list-item", "measure/passive-action", "measure/offer", "measure/participle-by", "measure/passive-adopted",
                  "measure/act-by", "measure/judged-act", "measure/decision-complement", "measure/nominal-object",
                  "measure/agentive-nominal", "measure/named-mention", "measure/controlled-act", "measure/imperative"}
AUTHORITY_KINDS = ("State", "EUInstitution", "NationalAuthority", "Agency", "InternationalOrganisation")  # who may impose
PREVIOUS_DOER_REACH = 6  # sentences (list lines count) back to the one whose subject imposed what others bear
# the kinds of bodies a definite description ("the coalition", "the organisation") may restate
BODY_KINDS = ("Organisation", "InternationalOrganisation")
AUTHOR_LINES = 6  # lines at the top and at the foot of a text where its masthead, byline or contact line may stand
QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``"})
# "the agency", "the ministry": the last actor of that kind named before
DEFINITE_KINDS = {"agency": "Agency", "ministry": "NationalAuthority", "institution": "EUInstitution", "country": "State", "state": "State",
                  "nation": "State", "neighbour": "State", "neighbor": "State"}
PLURAL_KINDS = DEFINITE_KINDS | {"regime": "State"}  # "the two regimes" are states; "the border regime" is none
DEMONSTRATIVE_REACH = 3  # sentences back that "those countries" may reach for the actors it groups
# an actor is bound to respect a principle when its clause says it must
DEONTIC_MODALS = {"must", "shall", "should", "ought"}
OBLIGATION_WORDS = {"oblige", "obliged", "obligate", "require", "required", "bind", "bound", "duty", "obligation", "obligations", "compel"}
LEGAL_TEXTS = {"law", "rule", "amendment", "legislation", "bill", "act", "decree", "regulation", "provision", "ordinance"}
COLLECTIVE_ORG_NOUNS = {"organisation", "organization", "group", "ngo", "charity", "association"}
MEMBER_NOUNS = {"organisation", "organization", "member", "members", "representative", "delegation", "partner", "affiliate", "group",
                "minister", "leader", "head"}
COUNTS = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
OFFER_VERBS = {"offer", "provide", "give", "extend", "lend", "deliver", "pledge", "promise", "voice", "express", "show", "declare", "signal"}
LIST_BULLETS = {"-", "•", "–", "*", "·", "▪"}
MARKUP = str.maketrans({"*": " ", "_": " ", "#": " ", "|": " "})


def own_mentions(index: TokenIndex, tok: Token) -> list[Mention]:
    """The mention a noun phrase's head is part of, and those of its conjuncts and appositions: not the names inside
    its modifiers or 'of' phrases."""
    out = []
    for t in [tok, *(c for c in tok.children if c.dep_ in ("conj", "appos")), *tok.conjuncts]:
        m = index.cover(t)
        if m is not None and m not in out:
            out.append(m)
    if not out:
        out = [m for c in tok.children if c.dep_ in ("compound", "amod", "poss") and c.i < tok.i
               for m in [index.cover(c)] if m is not None and m.kind == "Actor"][:1]  # "Belarusian border guards"
    return out


def kind_ok_entity(entity: object, kinds: frozenset[str]) -> bool:
    """Whether a built entity is of one of the kinds ('Actor', 'LegalPrinciple', 'State', ...)."""
    kind, subclass = getattr(entity, "kind", ""), getattr(entity, "subclass", None) or ""
    return not kinds or kind in kinds or subclass in kinds


def prepare(body: str, paragraph_verbs: frozenset[str] = frozenset()) -> str:
    """The text given to spaCy: markdown markers blanked and paragraph verbs lowercased (same length, so offsets
    stay exact)."""
    return _lower_paragraph_verbs(body.translate(MARKUP), paragraph_verbs)


# "4. Calls on the Commission to ...", "(b) Urges Member States to ...": a numbered paragraph of a resolution or of
# conclusions that opens with a capitalised verb and no subject
PARAGRAPH_OPENING = re.compile(r"^([ \t]*(?:\(?[0-9]{1,2}[).]|\(?[a-z][).])[ \t]+)([A-Z][a-z]+s)\b", re.MULTILINE)


def _lower_paragraph_verbs(text: str, verbs: frozenset[str]) -> str:
    """The small parser reads a capitalised "Urges" or "Invites" as part of a proper name ("Invites Frontex") and the
    paragraph number as its subject; the verb in lowercase after a blanked number is parsed as the verb it is, with
    its object and infinitive."""
    def lower(m: re.Match[str]) -> str:
        word = m.group(2).lower()
        if word[:-1] in verbs or (word.endswith("es") and word[:-2] in verbs):
            return " " * len(m.group(1)) + word
        return m.group(0)
    return PARAGRAPH_OPENING.sub(lower, text)


@Language.component("kg_newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break, so headings and list items stand alone."""
    line_start = True
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
            line_start = True
            continue
        if line_start and not tok.is_space:
            # a list marker ("-", "•", "(a)", "a)", "1.") keeps its item in one sentence
            closing = tok.text.isalnum() and len(tok.text) <= 3 and i + 1 < len(doc) and doc[i + 1].text == ")"  # "a)", "12)"
            if tok.text in LIST_BULLETS or closing or (tok.text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")"):
                nxt = i + 1 if tok.text in LIST_BULLETS else i + 2 if closing else i + 3
                for j in range(i + 1, min(nxt + 1, len(doc))):
                    if not doc[j].is_space and "\n" not in doc[j - 1].whitespace_:
                        doc[j].is_sent_start = False
            line_start = False
    return doc


@dataclass(frozen=True)
class RuleTrace:
    """One frame rule tried on one frame: whether it fired, and why or why not (for `kg explain`)."""

    sentence: int
    frame: Frame
    rule: str
    fired: bool
    why: str


@dataclass
class MeasureRecord:
    """A measure entity with its actors and where it was found."""

    key: str
    actors: list[str]
    start: int
    end: int
    sentence: int


UNDECIDED = ("called-for", "proposed", "planned")  # statuses a frame's modality gives that no rule may read as adopted


@dataclass(frozen=True)
class OpenList:
    """A clause ending in a colon whose predicate each following list line completes."""

    trigger: Token
    actors: list[str]
    explicit: bool
    status: str
    negated: bool = False
    asked: bool = False  # the list ends in a question mark: its opening clause asks, it states nothing
    fund: tuple[str, list[str]] | None = None  # the money that pays for each item: its fund's key and providers
    marks: tuple[str, ...] = ()  # how firmly the opening clause states it (hedged, conditional)


@dataclass
class DocState:
    """What one document's extraction remembers from sentence to sentence."""

    document: Document
    doc: Doc
    index: TokenIndex
    mentions: list[Mention]
    builder: Builder = field(default_factory=Builder)
    measures: list[MeasureRecord] = field(default_factory=list)
    sentence_no: int = 0
    states: dict[str, str] = field(default_factory=dict)  # national authority key → its state's key
    pending: OpenList | None = None  # "X calls on Y to:" before a list of items
    money_tokens: set[int] = field(default_factory=set)
    fund_at: dict[int, tuple[str, list[str]]] = field(default_factory=dict)  # money token → its fund's key and providers
    acting: Mention | None = None  # the EU member state the document is mostly about
    last_fund: tuple[str, list[str], int] | None = None  # the first amount of money of the last sentence with one: key, providers, sentence
    funds_seen: list[tuple[str, list[str], int, float, str]] = field(default_factory=list)  # every amount: key, providers, sentence, amount, currency
    hostile: set[str] = field(default_factory=set)  # actors that instrumentalise or threaten
    preamble: Mention | None = None  # "The European Parliament," opening a resolution: the subject of its paragraphs
    para_verbs: set[int] = field(default_factory=set)
    plural: tuple[list[str], int] | None = None  # "the organisations" resolved to named organisations: keys, sentence
    frames: dict[int, Frame] = field(default_factory=dict)  # the current sentence's frames by trigger token
    author: Mention | None = None  # the body whose voice the text is, named on its masthead or byline ("We recommend ...")
    trace: list[RuleTrace] | None = None  # kept only for `kg explain`: every rule tried on every frame, and why

    @cached_property
    def parsed_text(self) -> str:
        """The text the parse read (built once: `Doc.text` joins every token at each call)."""
        return self.doc.text


class Extractor:
    """Compiled matchers and rules around a spaCy pipeline."""

    def __init__(self, nlp: Language, res: Resources) -> None:
        self.nlp = nlp
        self.res = res
        assert res.rules is not None
        self.rulebook = res.rules
        nominal = frozenset(w for r in res.rules.rules if "nominal" in r.forms for w in r.lemmas)
        self.frame_reader = FrameReader(FrameLexicon.from_resources(res, nominal))
        if "kg_newline_sentences" not in nlp.pipe_names and "parser" in nlp.pipe_names:
            nlp.add_pipe("kg_newline_sentences", before="parser")
        add_hyphen_repairs(nlp, list(res.patterns.get("hyphen_prefixes", [])))
        self.mentions = MentionFinder(nlp, res)
        self.measures = MeasureFinder(res)
        self.frame_measures = FrameMeasureFinder(self.frame_reader.lex, self.measures)
        lex = self.frame_reader.lex
        mf = self.measures
        # the predicates some rule or frame-based measure reads; others get a frame only when asked (frame_at)
        self.frame_lemmas = frozenset(set(res.rules.by_lemma) | lex.deciding | lex.planning | lex.proposing | lex.calling
                                      | lex.permitting | mf.policy_verbs | mf.act_nouns | mf.built_objects)
        self.rules, self.rules_by_lemma = compile_rules(res)
        self.reporting = res.wordlists.get("reporting", set())
        self.bearing = res.wordlists.get("bearing-predicates", set())
        self.body_nouns = res.wordlists.get("definite-body-nouns", set())
        self.any_body_nouns = res.wordlists.get("definite-any-body-nouns", set())
        self.funding_list_verbs = res.wordlists.get("funding-list-verbs", set())
        self.funded_modifiers = res.wordlists.get("funded-modifiers", set())
        self.share_nouns = res.wordlists.get("share-nouns", set())
        self.total_nouns = res.wordlists.get("total-nouns", set())  # "bringing the total to X": a running sum, no purpose
        self.cosigning = res.wordlists.get("cosigning-words", set())  # "the undersigned organisations": a text of several authors
        self.money_kinds = res.wordlists.get("money-kind-nouns", set())  # "EUR 40 million in budget funds"
        self.cessation = frozenset(res.wordlists.get("cessation-verbs", set()))  # stop, halt, withdraw: an ending is an act
        self.destination_verbs = res.wordlists.get("money-destination-verbs", set())  # "EUR 20m will go to X"
        self.body_name_words = self.body_nouns | res.wordlists.get("organisation-name-words", set()) \
            | res.wordlists.get("ngo-head-words", set()) | res.wordlists.get("body-head-words", set())  # "... Network", "... & Partners", "... Aid"
        self.documents = res.wordlists.get("documents", set())
        self.measure_nouns = res.wordlists.get("measure-nouns", set())
        self.anaphor_nouns = self.measure_nouns | res.wordlists.get("measure-anaphors", set())
        self.qualities = sorted(res.wordlists.get("qualities", set()), key=len, reverse=True)
        self.list_marker = re.compile(res.patterns["measure"]["list_marker"])
        self.event_suffixes = tuple(res.patterns["measure"].get("event_noun_suffixes", ()))
        self.fund_triggers = res.relation_lemmas("funds")
        self.fund_verbs = self.fund_triggers - {"provide", "give", "offer", "commit", "release", "extend"}
        self.hostile_predicates = {"instrumentalises", "threatens"}
        self.setup_verbs = res.wordlists.get("setup-verbs", set())
        self.support_verbs = res.relation_lemmas("supports")
        mf = self.measures
        self.paragraph_lemmas = (mf.directives | set(mf.status_lemmas) | mf.non_action | mf.non_policy | self.reporting
                                 | {v for t in res.triggers for v in t.lemmas})
        self.paragraph_words = frozenset(self.paragraph_lemmas)
        self.nominal_acts: dict[str, list[str]] = res.patterns["measure"].get("nominal_acts", {})
        self.support_nouns = res.relation_nouns("supports")
        # the EU, its institutions and agencies and its member states: never the hostile third state of a rule
        self.eu_keys = {entity_key("Actor", a.label) for a in res.actors.values()
                        if (a.kind == "State" and a.eu_member) or a.kind in ("EUInstitution", "Agency") or a.wikidata == "Q458"}

    # -- public -------------------------------------------------------------------------

    def extract(self, documents: Iterable[Document], batch_size: int = 32) -> Iterator[Extraction]:
        """Stream extractions in input order, parsing with nlp.pipe."""
        pairs = ((prepare(d.body, self.paragraph_words), d) for d in documents)
        for sdoc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            try:
                yield self.process(document, sdoc)
            except Exception as err:  # one document's bad luck with a rule must not cost the build
                yield Extraction(document, error=f"extraction failed ({type(err).__name__}: {err}); please report this document")

    def extract_one(self, document: Document) -> Extraction:
        """Extract from a single document."""
        return next(self.extract([document]))

    # -- per document ----------------------------------------------------------------

    def process(self, document: Document, doc: Doc, trace: list[RuleTrace] | None = None) -> Extraction:
        """Everything extracted from one parsed document (with `trace`, every frame rule tried is recorded there)."""
        mentions = self.mentions.find(doc)
        st = DocState(document, doc, TokenIndex(mentions), mentions, trace=trace)
        st.states = {m.key: m.state_key for m in mentions if m.state_key}
        st.acting = self._acting_state(st)
        st.author = self._author(st)
        self._preamble(st)
        for sent in doc.sents:
            ev = self._evidence(st, sent, "mention")
            if ev is None:
                continue
            st.sentence_no += 1
            self._sentence(st, sent, ev)
        self._drop_hostile_measures(st)
        return st.builder.build(Extraction(document=document))

    def _preamble(self, st: DocState) -> None:
        """Resolutions and conclusions: an opening line that only names an institution ("The European Parliament,",
        "The Council of the European Union:") followed by paragraphs that start with a verb in the third person and no
        subject ("1. Condemns ...", "Calls on the Commission to ...", "Urges ..."): the institution is their subject."""
        sents = list(st.doc.sents)
        for k, sent in enumerate(sents[:8]):
            words = [t for t in sent if not (t.is_space or t.is_punct or t.pos_ == "DET")]
            if not words or len(words) > 10:
                continue
            m = st.index.cover(words[0])
            if m is None or m.kind != "Actor" or m.weak or m.subclass in ("Person", "Group"):
                continue
            if any(st.index.cover(t) is not m for t in words):
                continue
            text = sent.text.rstrip()  # the parsed text: a blanked paragraph number may follow on the line below
            nxt = next((x for x in sents[k + 1:] if x.text.strip()), None)
            if not (text.endswith((",", ":")) or (nxt is not None and "\n" in st.document.body[sent.end_char - 1:nxt.start_char + 1])):
                continue
            verbs = {t.i for x in sents[k + 1:] if (t := self._paragraph_verb(st, x)) is not None}
            if verbs:
                st.preamble, st.para_verbs = m, verbs
            return

    def _paragraph_verb(self, st: DocState, sent: Span) -> Token | None:
        """The verb opening a subject-less paragraph ("2. Stresses that ...", "Calls on ..."), tagged VBZ or, as the
        parser often has it, a plural noun whose lemma is a verb of the lexicon."""
        text = st.document.body[sent.start_char:sent.end_char]
        m = self.list_marker.match(text)
        skip = sent.start_char + (m.end() if m else 0)
        first = next((t for t in sent if t.idx >= skip and not t.is_space and not (t.is_punct or t.like_num or t.tag_ == "LS")), None)
        if first is None or not first.is_alpha or not st.document.body[first.idx].isupper() or not first.lower_.endswith("s") or first.i + 1 >= sent.end:
            return None
        if st.index.cover(first) is not None or subject_token(first) is not None:
            return None
        if first.tag_ == "VBZ" or (first.tag_ in ("NNS", "NNPS", "NNP") and first.lemma_.lower() in self.paragraph_lemmas):
            return first
        return None

    def _author(self, st: DocState) -> Mention | None:
        """The body a text speaks for when it says 'we' in its own voice: a body named on one of its first or last few
        lines that states nothing (no finite verb): a masthead ('KESSLER VARGA LLP', 'Nordic-Baltic Border Monitoring
        Network'), a byline or a contact line, and named again in the text. A headline states something, so the bodies
        it names are not the author; a text signed by several bodies ('the undersigned organisations') has no one author."""
        if any(t.lemma_.lower() in self.cosigning for t in st.doc):
            # a text signed by several bodies speaks for them together ("We, the undersigned organisations")
            return next((m for m in st.mentions if m.label == SIGNATORIES), None)
        text = st.document.text  # a masthead is often page furniture, blanked in the body the parse reads
        lines: list[tuple[int, int]] = []
        start = 0
        for line in text.split("\n"):
            if line.strip():
                lines.append((start, start + len(line)))
            start += len(line) + 1
        # non-governmental and international bodies: a government or an EU institution speaks through named people
        # a name that says it is a body ("... Network", "... & Partners"): the tagger also calls people organisations
        bodies = [m for m in st.mentions if m.kind == "Actor" and not m.weak and m.subclass in BODY_KINDS and not m.eu_level
                  and any(w.strip("&.,").casefold() in self.body_name_words for w in m.label.split())]
        named = Counter(m.label.casefold() for m in bodies)
        for begin, end in lines[:AUTHOR_LINES] + lines[-AUTHOR_LINES:]:
            span = st.doc.char_span(begin, end, alignment_mode="expand")
            line = text[begin:end]
            if span is None or (any(finite(t) or t.tag_ == "MD" for t in span) and not line.isupper()):
                continue  # (a line in capitals is tagged at random: "RIGHTS" as a verb)
            # a masthead in capitals ("LINDQVIST SABALIAUSKAS & PARTNERS") names a body the text names elsewhere
            spelt = [m for m in bodies if not span.start <= m.start < span.end and _opens_line(m.label, line)]
            on_line = [m for m in bodies if span.start <= m.start < span.end and _opens_line(m.surface, line)]
            # named again in the text: a one-off rubric ("Trade Controls & Sanctions") is no body
            found = spelt + [m for m in on_line if named[m.label.casefold()] > 1]
            if found:
                label = found[0].label.casefold()
                return next(m for m in bodies if m.label.casefold() == label and not m.label.isupper()) \
                    if any(m.label.casefold() == label and not m.label.isupper() for m in bodies) else found[0]
        return None

    def _acting_state(self, st: DocState) -> Mention | None:
        """The EU member state named most often (subjects and possessors count double)."""
        weight: dict[str, int] = {}
        first: dict[str, Mention] = {}
        for m in st.mentions:
            entry = next((a for a in self.res.actors.values() if a.kind == "State" and a.eu_member and entity_key("Actor", a.label) == m.key), None) \
                if m.subclass == "State" else None
            if entry is None or m.weak:
                continue
            root = st.doc[m.end - 1]
            weight[m.key] = weight.get(m.key, 0) + (2 if root.dep_ in ("nsubj", "nsubjpass", "poss") else 1)
            first.setdefault(m.key, m)
        if not weight:
            return None
        return first[max(weight, key=lambda k: weight[k])]

    def _drop_hostile_measures(self, st: DocState) -> None:
        """Acts of an actor the text says instrumentalises or threatens are hostile acts, not policy measures."""
        b = st.builder
        hostile = {r.subject for r in b.relations.values() if r.predicate in self.hostile_predicates}
        hostile = {k for k in hostile if b.entities.get(k) is not None and b.entities[k].subclass in ("State", "Person", "NationalAuthority", "Group")
                   and k not in self.eu_keys and st.states.get(k) not in self.eu_keys}  # "Latvia is violating X" still adopts measures
        if not hostile:
            return
        # the same side: a hostile state's own authorities, and the state of a hostile authority ("Belarus
        # instrumentalises migrants": what the Belarusian border guard does there is part of it)
        sides = {st.states.get(k) or k for k in hostile}
        hostile |= {k for k, e in b.entities.items() if e.kind == "Actor" and (k in sides or st.states.get(k) in sides)}
        owners: dict[str, set[str]] = {}
        for r in b.relations.values():
            if r.predicate in ("adopts", "proposes") and b.entities.get(r.object) is not None and b.entities[r.object].kind == "Measure":
                owners.setdefault(r.object, set()).add(r.subject)
        for rec in st.measures:
            owners.setdefault(rec.key, set()).update(rec.actors)
        doomed = {k for k, who in owners.items() if who and who <= hostile}
        if not doomed:
            return
        for k in doomed:
            b.entities.pop(k, None)
        for key in [k for k, r in b.relations.items() if r.subject in doomed or r.object in doomed]:
            del b.relations[key]

    def _evidence(self, st: DocState, sent: Span, rule: str, speaker: str | None = None) -> Evidence | None:
        text = st.document.text
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start or not any(c.isalpha() for c in st.document.body[start:end]):
            return None
        return Evidence(start, end, text[start:end], rule, speaker)

    def _ev(self, base: Evidence, rule: str, speaker: str | None = None, marks: tuple[str, ...] | None = None) -> Evidence:
        """Evidence for one rule's statement in base's sentence; it keeps base's marks unless given its own."""
        return Evidence(base.start, base.end, base.sentence, rule, speaker, base.marks if marks is None else marks)

    def _stance_at(self, st: DocState, *toks: Token, reads_prohibitions: bool = False) -> Stance:
        """How firmly the sentence states what these tokens predicate (e.g. a measure's trigger and head): the first
        that may not be emitted decides; otherwise every mark of any of them."""
        marks: set[str] = set()
        for tok in toks:
            frame = st.frames.get(tok.i) or self.frame_reader.frame_at(tok)
            stance = stance_of(frame, reads_prohibitions)
            if not stance.emit:
                return stance
            marks.update(stance.marks)
        return Stance(True, tuple(sorted(marks)), "stated as " + (" and ".join(sorted(marks)) if marks else "a fact"))

    def _sentence(self, st: DocState, sent: Span, ev: Evidence) -> None:
        b = st.builder
        sent_mentions = [m for m in st.mentions if sent.start <= m.start < sent.end]
        for m in sent_mentions:
            if not m.weak:
                b.mention(m, self._ev(ev, "gazetteer" if m.subclass != "Organisation" else "ner-organisation"))
        if st.pending is not None and self._list_line(st, sent) is None:
            st.pending = None
        st.frames = {f.trigger: f for f in self.frame_reader.frames(sent, self.frame_lemmas)}
        funded = self._funding(st, sent, ev)
        self._measures(st, sent, ev, funded)
        self._relations(st, sent, ev, sent_mentions)
        self._frame_relations(st, sent, ev)
        self._observations(st, sent, ev)
        self._qualities(st, sent, ev)
        if ev.sentence.rstrip().endswith(":"):
            self._open_list(st, sent)

    def _open_list(self, st: DocState, sent: Span) -> None:
        """A clause ending in a colon governs each line of the list below it: a call ("X calls on Y to:", "X calls on:")
        makes each item a measure called for; the content of a measure ("The package approved by X includes:", "Under
        the measures agreed by X:") makes each item part of that measure, with its status."""
        last = next((t for t in reversed(sent) if t.pos_ in ("VERB", "AUX") or t.i in st.para_verbs), None)
        funding = self._funding_intro(st, sent)
        if funding is not None:
            st.pending = funding
        elif last is not None and last.lemma_.lower() in self.measures.list_verbs:
            st.pending = self._content_intro(st, sent)  # "did not approve a package that includes:": the package governs
        else:
            st.pending = self._call_intro(st, sent) or self._content_intro(st, sent)
        if st.pending is not None and self._list_asks(st, sent):
            st.pending = replace(st.pending, asked=True)

    def _funding_intro(self, st: DocState, sent: Span) -> OpenList | None:
        """A colon clause that hands money on to the list below it (lx:funding-list-verbs): money as the subject ("The
        money will support, in particular:", "The grant covers:") or the object ("The Commission will provide €50m
        for:"), or what money pays for as the subject (lx:funded-modifiers: "Eligible actions include:", "Projects
        financed from the envelope are:"). Each item is a measure the money pays for: this sentence's money, or the last
        named in the three sentences before."""
        verb = next((t for t in reversed(sent) if t.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.lemma_.lower() not in self.funding_list_verbs | self.fund_triggers:
            return None
        subj = subject_token(verb)
        money_subject = subj is not None and (self._names_money(subj) or any(t.i in st.fund_at and not _in_clause_under(t, subj) for t in subj.subtree))
        # the money of this clause: its subject's, or its object's ("will provide EUR 60 million for:"), never money
        # describing another noun ("The plan, which will cost EUR 32 million, provides for:" names a price)
        here = next((st.fund_at[t.i] for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")
                     for t in c.subtree if t.i in st.fund_at and not _in_clause_under(t, c)), None)
        if here is None and subj is None and (is_passive(verb) or verb.tag_ == "VBN") and verb.dep_ in ("advcl", "xcomp", "acl", "relcl"):
            # "mobilise EUR 250 million for X, to be used for:", "EUR 250 million, to be spent on:": a passive
            # infinitive or participle whose understood subject is the money its governor names or takes as object
            governor = verb.head
            held = [governor] if governor.i in st.fund_at else [t for c in governor.children if c.dep_ in ("dobj", "nsubjpass")
                                                                  for t in c.subtree if t.i in st.fund_at]
            if held:
                here, money_subject, verb = st.fund_at[held[0].i], True, governor  # stated as the governor states it
        funded_subject = subj is not None and any(c.lemma_.lower() in self.funded_modifiers for c in subj.children
                                                  if c.dep_ in ("amod", "acl", "compound"))
        money_object = here is not None and not money_subject and verb.lemma_.lower() in self.fund_triggers
        if not (money_subject or funded_subject or money_object):
            return None
        fund = here or self._money_antecedent(st)
        if fund is None:
            return None
        stance = self._stance_at(st, verb)
        _, negated = self.measures.status(verb, verb, None)
        status = "adopted" if not stance.marks else "planned" if stance.marks == ("conditional",) else "proposed"
        return OpenList(verb, list(fund[1]), False, status, negated or not stance.emit, fund=fund, marks=stance.marks)

    def _money_antecedent(self, st: DocState) -> tuple[str, list[str]] | None:
        """What 'the money', 'the funds', 'the grants' refer to: the whole of the money named in the sentences just
        before, the largest amount in the currency of the last one, not a share of it ('a package of €310 million ...
        Latvia receives €41 million ... The grants can be used for:' pays from the package)."""
        recent = [f for f in st.funds_seen if 0 <= st.sentence_no - f[2] <= MONEY_ANAPHOR_REACH]
        if not recent or st.sentence_no - recent[-1][2] > 3:
            return None
        currency = recent[-1][4]
        whole = max((f for f in recent if f[4] == currency), key=lambda f: f[3])
        return whole[0], list(whole[1])

    def _list_asks(self, st: DocState, sent: Span) -> bool:
        """Whether the list below a colon ends in a question mark ("Will UNHCR call on Y to: - A; - B?"): the question
        mark closes the last item, but what it asks is the opening clause."""
        last = ""
        for line in st.document.body[sent.end_char:].split("\n"):
            if not line.strip():
                continue
            if not self.list_marker.match(line.strip() + " "):
                break
            last = line.strip()
        return last.endswith("?")

    def _call_intro(self, st: DocState, sent: Span) -> OpenList | None:
        mf = self.measures
        for tok in sent:
            lemma = tok.lemma_.lower()
            if (tok.pos_ != "VERB" and tok.i not in st.para_verbs) or not (lemma in mf.directives or lemma in mf.status_lemmas):
                continue
            subj = subject_token(tok)
            if subj is None and tok.dep_ == "conj":
                subj = subject_token(tok.head)  # "welcomes X and invites the Commission to:": the subject both share
            actors, explicit = self._resolve(st, subj, tok)
            if not actors and subj is None and tok.i in st.para_verbs and st.preamble is not None:
                actors, explicit = [st.preamble.key], True
                self._add_mention(st, st.preamble)
            lex = "called-for" if lemma in ("call", "invite", "urge", "encourage", "ask") else mf.status_lemmas.get(lemma, "adopted")
            if not actors and lex != "called-for":
                continue  # a call stays a call whoever makes it; a decision needs its decider
            status, negated = mf.status(tok, tok, lex)
            return OpenList(tok, actors, explicit, status, negated)
        return None

    def _content_intro(self, st: DocState, sent: Span) -> OpenList | None:
        """A measure noun whose content the list gives: the subject of a list verb ("includes:", "comprises:"), or the head
        of a clause with no verb ("Under the measures agreed by the cabinet:", "The government's decisions:"). Its status
        is its participle's ("approved", "proposed") or its own ("decision", "proposal"); its doer the participle's
        agent or its possessor."""
        mf = self.measures
        verbless = not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in sent)
        for tok in sent:
            lemma = tok.lemma_.lower()
            own = mf.status_nouns.get(lemma)
            if tok.pos_ != "NOUN" or not (lemma in self.measure_nouns or own in ("adopted", "proposed", "planned")):
                continue
            lists = (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in mf.list_verbs) or any(
                c.dep_ == "relcl" and c.lemma_.lower() in mf.list_verbs for c in tok.children)  # "a package that includes:"
            if not (verbless or lists):
                continue
            doer: Token | None = None
            lex = own
            trigger = tok
            refused = False
            for c in tok.children:
                if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in self.frame_reader.lex.negating:
                    refused, lex, trigger = True, "proposed", c  # "The package rejected by X included:": never adopted
                elif c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in mf.status_lemmas:
                    lex, trigger = mf.status_lemmas[c.lemma_.lower()], c
                    doer = next((p for a in c.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), doer)
                elif c.dep_ == "poss":
                    doer = c
            if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in mf.status_lemmas:
                # "did not approve a package that includes:", "approved a plan that comprises:": the governing verb decides
                lex, trigger = mf.status_lemmas[tok.head.lemma_.lower()], tok.head
                doer = subject_token(tok.head) if tok.dep_ == "dobj" else doer
            if lex is None:
                continue
            actors, explicit = self._resolve(st, doer, tok)
            status, negated = mf.status(trigger, trigger, lex)
            return OpenList(trigger, actors, explicit, status, negated or refused)
        return None

    def _list_line(self, st: DocState, sent: Span) -> int | None:
        """Where a list item's words begin (characters after the sentence's start), or None when the sentence is no
        list item: its line opens with a marker ("1.", "(b)", "-"), inside the sentence or, where the parser made the
        marker a sentence of its own, just before it on the same line."""
        body = st.document.body
        m = self.list_marker.match(body[sent.start_char:sent.end_char])
        if m:
            return m.end()
        parsed = st.parsed_text  # a paragraph number the preamble's paragraphs open with is blanked there: no list
        line_start = parsed.rfind("\n", 0, sent.start_char) + 1
        prefix = parsed[line_start:sent.start_char]
        marker = self.list_marker.match(prefix + " ") if prefix.strip() else None
        if marker is None or prefix[marker.end():].strip():
            return None
        first = next((c for c in body[sent.start_char:sent.end_char] if c.isalpha()), "")
        return 0 if first.islower() else None  # "7. The Council encourages ...": a new paragraph, not an item

    def _list_items(self, st: DocState, sent: Span) -> list[MeasureCandidate]:
        """Measures on a list line under an open list trigger."""
        if st.pending is None:
            return []
        skip = self._list_line(st, sent)
        if skip is None:
            return []
        toks = [t for t in sent if not t.is_space and t.idx >= sent.start_char + skip]
        start = None
        for j, t in enumerate(toks[:14]):
            # an item that opens with 'to' continues an infinitive list: the next word is its verb, whatever the
            # tagger made of it ("- to present proposals for X;" with 'present' read as an adjective)
            if t.lower_ == "to" and j + 1 < len(toks) and (toks[j + 1].tag_ == "VB" or (
                    j == 0 and toks[j + 1].is_lower and toks[j + 1].is_alpha and toks[j + 1].pos_ not in ("DET", "PRON", "NUM", "ADP"))):
                start = toks[j + 1]
                break
        if start is None and toks and (toks[0].tag_ in ("VB", "VBP", "VBG") or (toks[0].pos_ == "VERB" and toks[0].is_lower)
                                       or (toks[0].is_lower and len(toks) > 1 and toks[1].tag_ == "RP")  # "step up", "scale up"
                                       or (toks[0].is_lower and toks[0].lower_ in self.paragraph_lemmas | self.measures.object_verbs)
                                       or (toks[0].is_lower and toks[0].pos_ in ("NOUN", "ADJ", "PROPN") and toks[0].lemma_.lower() in self.measures.policy_verbs
                                           and len(toks) > 1 and toks[1].pos_ in ("DET", "ADJ", "NUM", "PUNCT", "ADV"))):
            # ("a) facilitate the joint procurement of X": a verb opening an item, tagged as a noun)
            start = toks[0]
        if start is None and toks and (head := _phrase_head(toks)) is not None and head.dep_ not in ("nsubj", "nsubjpass") \
                and self._event_noun(st, head):
            start = next(t for t in toks if not (t.is_punct or t.pos_ == "DET"))  # "- the extension of the fence;": an act named by its noun
        if start is None and st.pending.fund is not None:
            start = next((t for t in toks if not (t.is_punct or t.pos_ == "DET")), None)  # "- thermal cameras;": what the money buys
            if start is not None and (start.i in st.money_tokens or self._is_actor(st, start)):
                return []  # "- EUR 118 million for Poland;", "- Latvia: €61m": a share of the money, not what it buys
        if start is None:
            return []
        trigger, status, negated = st.pending.trigger, st.pending.status, st.pending.negated
        out = []
        mf = self.measures
        # the line runs to its end unless the parser made its verb the head of what follows ("to present proposals":
        # 'present' hung on 'proposals' would end the item before its object)
        whole_line = start.pos_ != "VERB" or start.head.i > start.i
        for k, item in enumerate(mf.items(mf.region(start, sent, whole_line=whole_line), True)):
            item = mf.trim(item)
            if not item:
                continue
            label = item_label(item)
            out.append(MeasureCandidate(item[0].i, item[-1].i + 1, label, item[0], trigger, status, negated, None, "measure/list-item", position=k))
        return out

    def _event_noun(self, st: DocState, tok: Token) -> bool:
        """A noun that names an act: one of the lexicon's act or measure nouns, or a deverbal noun ("prolongation",
        "deployment", "closure", "upgrading") or one with an object ("the purchase of X"), and no actor's name."""
        if tok.pos_ != "NOUN" or st.index.cover(tok) is not None:
            return False
        lemma = tok.lemma_.lower()
        mf = self.measures
        return lemma in mf.act_nouns or lemma in self.measure_nouns or lemma in mf.adoption_nouns \
            or lemma.endswith(self.event_suffixes) or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)

    # -- actors in context --------------------------------------------------------------

    def _is_actor(self, st: DocState, tok: Token) -> bool:
        m = st.index.cover(tok)
        return (m is not None and m.kind == "Actor") or self._definite_actor(st, tok)

    def _definite_actor(self, st: DocState, tok: Token) -> bool:
        """'The agency has deployed 40 officers': a definite description of an actor of a kind named before."""
        kind = DEFINITE_KINDS.get(tok.lemma_.lower())
        return bool(kind) and tok.tag_ == "NN" and tok.dep_ == "nsubj" and any(c.lower_ in ("the", "this") for c in tok.children) \
            and any(m.start < tok.i and m.subclass == kind and not m.weak for m in st.mentions)

    def _actors_of(self, st: DocState, tok: Token | None) -> list[Mention]:
        if tok is None:
            return []
        return [m for m in collect(st.index, tok) if m.kind == "Actor" and not m.weak]

    def _last_eu(self, st: DocState, before: int) -> Mention | None:
        best = None
        for m in st.mentions:
            if m.start >= before:
                break
            if m.eu_level and not m.weak:
                best = m
        return best

    def _resolve(self, st: DocState, subj: Token | None, at: Token) -> tuple[list[str], bool]:
        """Actor keys for a subject token, and whether the text names them (explicit) or context supplies them."""
        if subj is None:
            return [], False
        if subj.lemma_.lower() in self.body_nouns and subj.tag_ in ("NN", "NNP") and any(c.lower_ in ("the", "this") for c in subj.children):
            # "The coalition calls on the EU to:", "the organisation said": the last body named with that head word
            # (or, for a word any body is, the last non-governmental body), unless the text names none
            prior = [m for m in st.mentions if m.start < subj.i and m.kind == "Actor" and not m.weak and m.subclass in BODY_KINDS
                     and not m.eu_level and (subj.lemma_.lower() in _label_words(st, m) or subj.lemma_.lower() in self.any_body_nouns)]
            if prior:
                return [prior[-1].key], True
        actors = self._actors_of(st, subj)
        if actors:
            return [m.key for m in actors], True
        # "EUAA experts", "Frontex officers", "Latvian border guards": the actor is a modifier of the subject
        # "the 23 organisations of the Coalition", "members of the Council": the body they belong to
        if subj.lemma_.lower() in MEMBER_NOUNS:
            whole: list[str] = []
            named = True
            for c in subj.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    nxt = st.doc[c.i + 1] if c.i + 1 < len(st.doc) else c
                    nxt = st.doc[nxt.i + 1] if nxt.pos_ == "DET" and nxt.i + 1 < len(st.doc) else nxt
                    m = st.index.cover(nxt)  # the name right after 'of', however the parser hung it
                    if m is not None and m.kind == "Actor" and not m.weak:
                        whole.append(m.key)
                        continue
                    for p in (p for p in c.children if p.dep_ == "pobj"):
                        keys, explicit = self._resolve(st, p, at)  # "the ministers of the three countries"
                        whole += keys
                        named = named and explicit
            if whole:
                return whole, named
        if subj.lemma_.lower() in self.mentions.governing:
            # "the authorities in Minsk and Moscow", "the government of Belarus": the states they govern
            governed = [m.key for p in follow(subj, "prep:in|of") for m in self._actors_of(st, p) if m.subclass == "State"]
            if governed:
                return list(dict.fromkeys(governed)), True
        mods = [m for c in subj.children if c.dep_ in ("compound", "amod", "poss") and c.i < subj.i
                for m in ([st.index.cover(c)] if st.index.cover(c) is not None else []) if m.kind == "Actor" and not m.weak]
        if mods:
            return [mods[0].key], True
        lemma = subj.lemma_.lower()
        kind = DEFINITE_KINDS.get(lemma)
        if kind and any(c.lower_ in ("the", "this") for c in subj.children) and subj.tag_ != "NNS":
            prior = [m for m in st.mentions if m.start < subj.i and m.subclass == kind and not m.weak]
            if prior:
                return [prior[-1].key], True
        count = next((COUNTS[c.lower_] for c in subj.children if c.lower_ in COUNTS), 0)
        plural_kind = PLURAL_KINDS.get(lemma) if subj.tag_ == "NNS" else None
        if plural_kind and (count or any(c.lower_ in ("these", "those", "such") for c in subj.children)):
            # "Russia and Belarus ... Those countries (the two regimes) use migrants as a weapon": the actors of that kind
            # named together most recently (as many as the count says), within the last three sentences
            grouped = self._named_together(st, subj, plural_kind, count)
            if grouped:
                return grouped, count in (0, 2)
        if kind and subj.tag_ == "NNS" and count:
            # "both agencies", "the three countries" named in no one sentence: the last two (three) distinct actors of that kind
            keys: list[str] = []
            for m in reversed([m for m in st.mentions if m.start < subj.i and m.subclass == kind and not m.weak]):
                if m.key not in keys:
                    keys.append(m.key)
                if len(keys) == count:
                    return list(reversed(keys)), count == 2  # three or more: resolved from context, not named
        if subj.lower_ in ("it", "they", "we") and subj.dep_ == "nsubj":
            # "Vilnius said it stood ready to ...": the pronoun subject of a reported clause is the reporter
            clause = subj.head
            while clause.dep_ == "conj" and clause.head is not clause:
                clause = clause.head
            rep = clause.head  # "Lithuania welcomed X and said it would ...": a coordinated reporting verb shares the subject
            if clause.dep_ == "ccomp" and rep.lemma_.lower() in self.reporting and (
                    outer := subject_token(rep) or (subject_token(rep.head) if rep.dep_ == "conj" else None)) is not None \
                    and outer.i < subj.i and outer.pos_ != "PRON" and (found := self._actors_of(st, outer)):
                return [m.key for m in found], True
        if lemma in COLLECTIVE_ORG_NOUNS and subj.tag_ == "NNS" and any(c.lower_ in ("the", "these", "both", "two") for c in subj.children):
            # "The organisations call on ...": the organisations named before (non-governmental bodies found by name)
            keys = list(dict.fromkeys(m.key for m in st.mentions if m.start < subj.i and m.subclass == "Organisation" and not m.weak))
            if 1 < len(keys) <= 4:
                st.plural = (keys, st.sentence_no)
                return keys, True
        if subj.lower_ == "they" and st.plural is not None and 0 < st.sentence_no - st.plural[1] <= 2 and subj.i == subj.sent.start:
            return list(st.plural[0]), True  # "The organisations call on X ... They also urge Y": the same organisations
        poss = next((c for c in subj.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
        if poss is not None:
            # "Both agencies stressed that their staff ...": the possessor is the subject of the clause that reports it
            for anc in subj.ancestors:
                if anc.lemma_.lower() in self.reporting and (outer := subject_token(anc)) is not None and outer.i < subj.i:
                    return self._resolve(st, outer, at)
        if subj.lower_ in ("he", "she") and (person := self._person_before(st, subj)) is not None:
            return [person.key], True
        if subj.lower_ == "it" and (named := self._subject_before(st, subj)) is not None:
            return [named.key], True
        if lemma in self.measure_nouns or lemma in ("support", "assistance", "plan"):
            if st.measures and st.sentence_no - st.measures[-1].sentence <= 2:
                return [st.states.get(a, a) for a in st.measures[-1].actors], False
        if subj.lower_ in ("we", "us") and st.author is not None and not _quoted(subj):
            # "We recommend that clients:", in the text's own voice (not in a quotation): the body it speaks for
            self._add_mention(st, st.author)
            return [st.author.key], True
        if lemma in self.documents or subj.lower_ in PRONOUNS:
            if subj.lower_ in ("they", "we", "he", "she"):
                return [], False
            eu = self._last_eu(st, at.i)
            if eu is not None:
                self._add_mention(st, eu)
                return [eu.key], False
        return [], False

    def _named_together(self, st: DocState, subj: Token, kind: str, count: int) -> list[str]:
        """The distinct actors of a kind named together in the latest sentence (this one or one of the three before)
        that names at least two of them (exactly `count`, when a number is given)."""
        before = [m for m in st.mentions if m.start < subj.i and m.subclass == kind and not m.weak]
        earlier = sorted((sent.start for sent in st.doc.sents if sent.end <= subj.sent.start), reverse=True)
        for start in [subj.sent.start, *earlier[:DEMONSTRATIVE_REACH]]:
            grouped = list(dict.fromkeys(m.key for m in before if st.doc[m.start].sent.start == start))
            if len(grouped) >= 2 and (not count or len(grouped) == count):
                return grouped
        return []

    def _subject_before(self, st: DocState, pron: Token) -> Mention | None:
        """'Sky-Voyage Tour LLC sells flights to Minsk. It therefore contributes to X': a main-clause 'it' continues the
        actor that was the subject of the sentence just before."""
        if pron.dep_ not in ("nsubj", "nsubjpass") or pron.head.dep_ != "ROOT" or pron.sent.start == 0:
            return None
        before = st.doc[pron.sent.start - 1].sent
        subj = subject_token(before.root)
        found = self._actors_of(st, subj) if subj is not None else []
        return found[0] if len(found) == 1 and not found[0].weak and found[0].subclass != "Group" else None

    def _person_before(self, st: DocState, pron: Token) -> Mention | None:
        """'Ylva Johansson spoke in Brussels. She urged Frontex to ...': the person a 'he'/'she' stands for, when the
        sentence (or the one before) names exactly one person before it."""
        persons = [m for m in st.mentions if m.start < pron.i and m.subclass == "Person" and not m.weak]
        if not persons:
            return None
        sent = st.doc[persons[-1].start].sent
        if sent.start != pron.sent.start and sent.end != pron.sent.start:
            return None
        if len({m.key for m in persons if m.start >= sent.start}) != 1:
            return None
        return persons[-1]

    def _add_mention(self, st: DocState, m: Mention) -> None:
        if m.key not in st.builder.entities:
            sent = st.doc[m.start].sent
            ev = self._evidence(st, sent, "gazetteer")
            if ev is not None:
                st.builder.mention(m, ev)
        else:
            st.builder.entities[m.key].alt_labels.add(m.surface) if m.surface != m.label else None

    def _speaker(self, st: DocState, tok: Token) -> str | None:
        for anc in tok.ancestors:
            if anc.lemma_.lower() in self.reporting:
                subj = subject_token(anc)
                actors = self._actors_of(st, subj) if subj is not None else []
                if actors:
                    return actors[0].key
        return None

    # -- measures ----------------------------------------------------------------------------

    def _measure_key(self, st: DocState, cand: MeasureCandidate) -> str:
        """What identifies a measure within a document: its lemmatised content words, without a leading light or
        set-up verb ("set up independent mechanisms" = "independent mechanisms")."""
        toks = [t for t in st.doc[cand.start:cand.end] if not (t.is_punct or t.is_space or t.pos_ in ("DET", "ADP", "CCONJ", "PRON", "PART", "AUX"))]
        while toks and (toks[0].lemma_.lower() in self.setup_verbs or toks[0].dep_ == "prt"):
            toks = toks[1:]
        words = [t.lemma_.lower() for t in toks]
        if cand.rule == "measure/passive-action":
            words = [w for w in words if w not in self.setup_verbs]
        return " ".join(words) or cand.label.lower()

    def _add_measure(self, st: DocState, cand: MeasureCandidate, actors: list[str], ev: Evidence, qualities: set[str] | None = None) -> str:
        owner = st.builder.entities[actors[0]].label if actors and actors[0] in st.builder.entities else ""
        key = entity_key("Measure", f"{self._measure_key(st, cand)} {owner}".strip())
        ent = st.builder.entity("Measure", key, cand.label, self._ev(ev, cand.rule, self._speaker(st, cand.trigger)))
        ent.status = ent.status or cand.status
        ent.negated = ent.negated or cand.negated
        if qualities:
            ent.qualities |= qualities
        st.measures.append(MeasureRecord(key, actors, cand.start, cand.end, st.sentence_no))
        return key

    def _measures(self, st: DocState, sent: Span, ev: Evidence, funded: set[int]) -> None:
        items = self._list_items(st, sent)
        if not items and ev.sentence.rstrip().endswith("?"):
            return  # "Will the Commission make X conditional on Y?": a question asks whether, it states no measure
        cands = items or self.measures.find(sent, lambda t: self._is_actor(st, t))
        if not items:
            cands = self.frame_measures.find(st.doc, sent, st.frames, cands, lambda t: self._is_actor(st, t),
                                             lambda t: st.frames.get(t.i) or self.frame_reader.frame_at(t))
        cands = [c for c in cands if not any(o is not c and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
                                             and not (o.noun and o.start <= c.trigger.i < o.end) for o in cands)]
        # ("a law that allows the government to suspend X": 'suspend X' is a measure of its own inside the law's label)
        for cand in cands:
            if cand.head.i in funded or any(cand.start <= i < cand.end for i in funded):
                continue
            # the head's frame inherits what its governors say ("has no plans to V"), except where a definite noun
            # presupposes the measure ("did not approve the plan to V": the plan exists, unapproved)
            span = list(st.doc[cand.start:cand.end])
            composed = cand.label != item_label(span)  # a rule composed the label from words here and there
            if not composed and not self.measures.names_something(span):
                continue  # "which the government", "for the work", "cost": no measure is named
            principle = st.index.cover(cand.head)
            if principle is not None and principle.kind == "LegalPrinciple" and principle.start <= cand.start and cand.end <= principle.end:
                continue  # "the prohibition of refoulement is absolute": the name of a principle, not a measure
            if not cand.noun and cand.head.lemma_.lower() in self.frame_reader.lex.negating - self.cessation and cand.status in ("adopted", "planned"):
                continue  # "Norway rules out a fence": the act stated is a denial ("called on X to stop Y" is a call; "decided
                # to stop accepting applications" is an act of ending, lx:cessation-verbs)
            if cand.rule == "measure/list-item" and st.pending is not None and st.pending.asked:
                continue  # "Will UNHCR call on Y to: - A; - B?"
            # a list item is as firm as the clause that opened its list ("If X, UNHCR will call on Y to:", "may call on")
            stance = self._stance_at(st, cand.head, cand.trigger) if cand.rule == "measure/list-item" else self._stance_at(st, cand.head)
            if not stance.emit:
                continue  # "has no plans to extend X", "Will the Commission fund X?": no measure is stated
            framed = STATUS_OF_MODALITY.get((st.frames.get(cand.head.i) or self.frame_reader.frame_at(cand.head)).modality)
            if cand.status == "adopted" and framed in UNDECIDED:
                cand = replace(cand, status=framed)  # "the NGOs renewed their demand that Latvia reopen X": called for
            if cand.head.lemma_.lower() in self.fund_verbs and any(
                    t.i in st.money_tokens or (t.lemma_.lower() in FUNDING_NOUNS and t.pos_ == "NOUN" and t.head == cand.head and t.dep_ == "dobj")
                    for t in st.doc[cand.start:cand.end] if t is not cand.head):
                continue  # "allocate €170 million (funding) to X": the money is a Fund; not "fund barriers from the EU budget"
            subj = cand.subject if cand.subject is not None else logical_subject(cand.head, lambda t: self._is_actor(st, t))
            if cand.rule == "measure/list-item" and st.pending is not None:
                actors, explicit = list(st.pending.actors), st.pending.explicit
            elif cand.rule == "measure/imperative" and st.author is not None and not _quoted(cand.head):
                actors, explicit = [st.author.key], True  # the recommendations of the body the text speaks for
                self._add_mention(st, st.author)
            elif cand.rule == "measure/imperative":
                # in a text that speaks for no body: a line of a list asks for it; a bare verb in running text
                # ("Increase cooperation with X." opening a paragraph) is the EU's announced line, as planned
                eu = self._last_eu(st, cand.head.i) or next((m for m in st.mentions if m.eu_level), None)
                actors, explicit = ([eu.key], False) if eu else ([], False)
                if eu:
                    self._add_mention(st, eu)
                if self._list_line(st, sent) is None:
                    if not actors:
                        continue
                    cand = replace(cand, status="planned")
            elif cand.rule == "measure/named-mention":
                # only the noun phrase's own doer ("Poland's steel barrier"), never the subject of the verb governing it
                actors, explicit = self._resolve(st, cand.subject, cand.head) if cand.subject is not None else ([], False)
                if not actors and self._borne(cand.head):
                    # "The Council listed eight persons. They are subject to an asset freeze": whoever acted just before
                    # imposes the measure its targets bear
                    imposer = next((r.actors[0] for r in reversed(st.measures) if r.actors and 0 <= st.sentence_no - r.sentence <= 2
                                    and r.actors[0] in st.builder.entities and st.builder.entities[r.actors[0]].subclass in AUTHORITY_KINDS), None)
                    imposer = imposer or self._previous_doer(st, cand.head)
                    actors, explicit = ([imposer], True) if imposer is not None else ([], False)
            else:
                actors, explicit = self._resolve(st, subj, cand.head)
            if st.preamble is not None and cand.trigger.i in st.para_verbs and cand.subject is None:
                # "Urges the Member States to grant ...": the institution of the preamble urges (proposes) it
                actors, explicit = [st.preamble.key], True
                self._add_mention(st, st.preamble)
                if cand.status == "called-for":
                    cand = replace(cand, rule="measure/called-for")
            if cand.rule == "measure/rejected-proposal":
                actors, explicit = [], False
            if cand.rule == "measure/called-for" and not actors:
                # "We call on the Polish authorities to lift X": with the caller unknown, the measure is still the addressee's
                addressee = logical_subject(cand.head, lambda t: self._is_actor(st, t))
                actors, explicit = (self._resolve(st, addressee, cand.head)[0], False) if addressee is not None and addressee is not cand.subject else ([], False)
            if cand.rule == "measure/passive-action" and not actors:
                actors, explicit = self._passive_actors(st, cand)
            if cand.rule == "measure/passive-adopted" and cand.subject is None:
                explicit = False  # "several EU measures were put in place": whose, but not who decided ("adopted by the Council")
            if cand.rule == "measure/act-by":
                groups = {m.key for m in st.mentions if m.subclass == "Group"}
                actors = [a for a in actors if a not in groups]  # "the suspension of applications by asylum seekers": they do not decide it
            if cand.rule == "measure/passive-adopted" and not actors:
                inner = [m for m in st.mentions if cand.start <= m.start < cand.end and m.kind == "Actor" and m.start < cand.head.i]
                if inner:
                    actors, explicit = [inner[0].key], False
            if not actors and cand.rule not in ("measure/named-mention", "measure/list-item", "measure/imperative"):
                continue  # a named measure stands without a doer; no edge is drawn to it
            costs: list[tuple[str, list[str]]] = []
            if cand.rule == "measure/actor-action" and any(t.i in st.money_tokens for t in st.doc[cand.start:cand.end]):
                price = self._price_start(st, cand)
                if price is None:
                    continue  # "approved €45 million for the project": the money is a Fund, not a measure
                # "build a fence at a cost of €37 million": the fence is the measure, the money pays for it
                costs = list({st.fund_at[i][0]: st.fund_at[i] for i in range(price, cand.end) if i in st.fund_at}.values())
                cand = self._without_price(st, cand, price)
                if cand is None:
                    continue
            if cand.rule == "measure/actor-action" and self._offers_support(st, cand, actors, ev):
                continue
            if stance.marks and cand.status == "adopted":
                cand = replace(cand, status="planned" if stance.marks == ("conditional",) else "proposed")
            key = self._add_measure(st, cand, actors, ev)
            st.builder.entities[key].marks.update(stance.marks)
            if cand.rule == "measure/list-item" and st.pending is not None and st.pending.fund is not None and not st.pending.negated:
                fkey, providers = st.pending.fund  # "The money will support: - A; - B": the money and its givers pay for each item
                for payer in [fkey, *providers]:
                    st.builder.relation(payer, "funds", key, self._ev(ev, "funds/listed-purpose", None, stance.marks))
                for a in self._own_payers(st, st.pending.fund[1], cand):
                    st.builder.relation(a, "adopts", key, self._ev(ev, "measure/paid-by-state", None, stance.marks))
            for fkey, providers in costs:
                st.builder.relation(fkey, "funds", key, self._ev(ev, "funds/cost-of", None, stance.marks))
                for a in providers:
                    st.builder.relation(a, "funds", key, self._ev(ev, "funds/cost-of", None, stance.marks))
            speaker = self._speaker(st, cand.trigger)
            verb_first = cand.rule == "measure/list-item" and cand.head.i == cand.start  # "- grant monitors access": a verb
            if not verb_first and ((cand.head.lemma_.lower() in FUNDING_NOUNS and cand.head.pos_ in ("NOUN", "PROPN"))
                                   or any(c.lemma_.lower() in FINANCIAL_AMODS for c in cand.head.children)):
                self._nominal_fund(st, cand, key, actors, self._ev(ev, ev.rule, None, stance.marks))
            if not explicit or cand.negated or cand.rule not in DECISION_RULES:
                continue
            predicate = {"adopted": "adopts", "planned": "adopts", "proposed": "proposes"}.get(cand.status)
            if cand.status == "planned" and cand.trigger.pos_ == "VERB" and cand.trigger.lemma_.lower() in self.frame_reader.lex.planning:
                predicate = "proposes"  # "intends to close X", "plans to build Y": foreseen, not yet decided ("will close X" is)
            if cand.rule == "measure/passive-action" and cand.status not in ("adopted", "planned"):
                predicate = None
            if predicate == "adopts" and cand.status != "adopted" and self._support_act(st, cand.head):
                predicate = None  # "will support EU countries", "readiness to provide assistance to X": the supports edge states it
            if cand.rule in ("measure/called-for", "measure/list-item", "measure/decision-complement", "measure/nominal-object",
                             "measure/imperative") and cand.status == "called-for":
                predicate = "proposes"
            if predicate:
                for a in actors:
                    st.builder.relation(a, predicate, key, self._ev(ev, cand.rule, speaker, stance.marks))
            if cand.trigger.lemma_.lower() in ("direct", "instruct", "task", "order", "mandate", "charge") and speaker:
                st.builder.relation(speaker, "adopts", key, self._ev(ev, cand.rule + "+directive-speaker", speaker))

    def _price_start(self, st: DocState, cand: MeasureCandidate) -> int | None:
        """Where a measure's price begins ('at a cost of €37 million', 'worth PLN 1.6 billion', 'costing X'), if the money
        in it is its price."""
        toks = list(st.doc[cand.start:cand.end])
        for k, t in enumerate(toks[1:], 1):
            price = (t.lower_ == "at" and any(x.lemma_.lower() == "cost" for x in toks[k + 1:k + 3])) or t.lower_ in ("worth", "costing", "valued")
            if price and any(x.i in st.money_tokens for x in toks[k:]):
                return t.i
        return None

    def _without_price(self, st: DocState, cand: MeasureCandidate, price: int) -> MeasureCandidate | None:
        """The candidate cut before its price, or None if little is left."""
        kept = list(st.doc[cand.start:price])
        while kept and (kept[-1].is_punct or kept[-1].pos_ in ("CCONJ", "ADP", "DET")):
            kept = kept[:-1]
        if len(kept) < 2:
            return None
        return replace(cand, end=kept[-1].i + 1, label=_unpossessed(" ".join(st.doc[kept[0].i:kept[-1].i + 1].text.split())))

    def _offers_support(self, st: DocState, cand: MeasureCandidate, actors: list[str], ev: Evidence) -> bool:
        """'The Commission has offered support from the BMVI': giving support is a supports edge, not a measure; with
        no recipient named, the support goes to the state the document is about."""
        head = cand.head
        if head.lemma_.lower() not in OFFER_VERBS or not any(c.dep_ == "dobj" and c.lemma_.lower() in self.support_nouns for c in head.children):
            return False
        obj = next(c for c in head.children if c.dep_ == "dobj")
        named = [m for t in follow(head, "prep:to") + follow(obj, "prep:to") + follow(head, "dative") for m in self._actors_of(st, t)]
        if not named and st.acting is not None and st.acting.key not in actors and any(m.eu_level for m in st.mentions if m.key in actors):
            self._add_mention(st, st.acting)
            for a in actors:
                st.builder.relation(a, "supports", st.acting.key, self._ev(ev, "supports/offer-to-acting-state", self._speaker(st, head)))
        return True

    def _support_act(self, st: DocState, head: Token) -> bool:
        """A measure that is an act of support towards a named actor ("support EU countries to ...", "provide practical
        assistance to X"): not yet done, it is an offer of support, not the adoption of a policy measure."""
        lemma = head.lemma_.lower()
        if lemma in self.support_verbs:
            if _in_doing(head):
                return False  # "support the authorities in registering applications": concrete work of the supporter
            return any(self._actors_of(st, c) for c in head.children if c.dep_ == "dobj")
        objs = [c for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in self.support_nouns]
        if not objs:
            return False
        return any(self._actors_of(st, t) for t in follow(head, "prep:to") + follow(objs[0], "prep:to") + follow(head, "dative"))

    def _passive_actors(self, st: DocState, cand: MeasureCandidate) -> tuple[list[str], bool]:
        """Who carries out a passive action: the reporting actor of the clause ("the ministry announced that the fence
        will be completed"; explicit when the clause is what it says), else the document's acting state (implicit)."""
        verb = cand.trigger
        clause = verb
        while clause.dep_ in ("conj",) and clause.head != clause:
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in self.reporting | {"confirm", "announce", "say", "decide"}:
            actors = self._actors_of(st, subject_token(clause.head))
            if actors:
                return [m.key for m in actors], True
        for anc in verb.ancestors:
            if anc.lemma_.lower() in self.reporting:
                actors = self._actors_of(st, subject_token(anc))
                if actors:
                    return [m.key for m in actors], False
        recent = [rec for rec in st.measures if rec.actors and 0 <= st.sentence_no - rec.sentence <= 3]
        if recent:
            # "The Council adopted restrictive measures. The assets ... are frozen.": the one deciding just before
            return list(recent[-1].actors), False
        if st.acting is not None:
            self._add_mention(st, st.acting)
            return [st.acting.key], False
        return [], False

    def _nominal_fund(self, st: DocState, cand: MeasureCandidate, measure: str, actors: list[str], ev: Evidence) -> None:
        owner = st.builder.entities[actors[0]].label if actors[0] in st.builder.entities else ""
        fkey = entity_key("Fund", f"{cand.label} {owner}".strip())
        st.builder.entity("Fund", fkey, cand.label, self._ev(ev, "fund/nominal"))
        for a in actors:
            st.builder.relation(a, "funds", measure, self._ev(ev, "funds/nominal"))
            st.builder.relation(fkey, "provided-by", a, self._ev(ev, "funds/nominal"))
        st.builder.relation(fkey, "funds", measure, self._ev(ev, "funds/nominal"))

    # -- funds ------------------------------------------------------------------------------

    def _court_award(self, verb: Token) -> bool:
        """Damages a court awards or orders paid ('the court ordered Poland to pay EUR 10,000') fund no policy."""
        if self.measures.judicial_subject(subject_token(verb)):
            return True
        head = verb.head
        return verb.dep_ in ("xcomp", "advcl", "ccomp") and head.lemma_.lower() in self.measures.directives \
            and self.measures.judicial_subject(subject_token(head))

    def _funding(self, st: DocState, sent: Span, ev: Evidence) -> set[int]:
        """Amounts of money, who provides them and what they pay for; returns tokens used as purposes."""
        used: set[int] = set()
        doc = st.doc
        body = st.document.body
        found = find_money(body[sent.start_char:sent.end_char])
        instruments = [m for m in st.mentions if m.kind == "Fund" and sent.start <= m.start < sent.end]
        amounts = [(money, span) for money in found
                   if (span := doc.char_span(sent.start_char + money.start, sent.start_char + money.end, alignment_mode="expand")) is not None]
        for _, span in amounts:  # every amount first: a purpose list of one amount ends where the next amount begins
            st.money_tokens.update(t.i for t in span)
        conversions = _conversions(amounts)
        for money, span in amounts:
            if span.start in conversions:
                continue  # "PLN 10 billion (about €2.3bn)": the same money in another currency, no fund of its own
            root = span.root
            verb = root
            while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX"):
                verb = root
            if self._court_award(verb):
                continue
            stance = self._money_stance(st, verb, root)
            if not stance.emit:
                continue  # "will not spend €20m on X", "Will the Commission allocate €50m?": no money is stated
            marks = stance.marks
            subj = logical_subject(verb, lambda t: self._is_actor(st, t)) or self._decider_of(st, verb)
            providers, _ = self._resolve(st, subj, verb)
            recipients: list[str] = []
            if self._receives(verb, root):
                # "Finland will receive €35m", "Poland is allocated X": the subject gets the money
                recipients, providers = self._resolve(st, subject_token(verb), verb)[0], []
            elif verb.lemma_.lower() in PRICE_VERBS:
                providers = []  # "the project will cost €10 million": what it costs, not who pays
            holder = self._share_holder(st, verb)
            if holder:
                # "Poland's share is EUR 112 million", "Latvia's allocation amounts to €41m": a share of the total named
                # before, which its possessor receives from the total's provider
                recent = st.last_fund is not None and 0 <= st.sentence_no - st.last_fund[2] <= ALLOCATION_LIST_REACH
                recipients, providers = holder, list(st.last_fund[1]) if recent and st.last_fund is not None else []
            # a list of shares may run on for several lines after the total it divides
            reach = ALLOCATION_LIST_REACH if self._list_line(st, sent) is not None else ALLOCATION_REACH
            if not providers and not recipients and st.last_fund is not None and 0 <= st.sentence_no - st.last_fund[2] <= reach:
                # an allocation list after the total ("Poland: €64.5 million for X; Finland: €52m for Y", "€9m goes to
                # Estonia"): the total's provider gives each share, and the state named with it receives it
                share_of = self._allocation_recipient(st, sent, span)
                if share_of is not None:
                    recipients, providers = [share_of], list(st.last_fund[1])
            described = [root.head] if root.dep_ in ("compound", "nmod", "amod", "nummod") else []  # "the €60m grant from X"
            # ("EUR 20 million from X": the parser may hang 'from' on any word of the amount)
            for t in [f for w in span for f in follow(w, "prep:from")] + follow(verb, "prep:from") + [f for d in described for f in follow(d, "prep:from")]:
                providers += [m.key for m in self._actors_of(st, t) if m.key not in providers]
            drawn = self._drawn_from(instruments, verb, root)
            own_instruments = self._clause_instruments(instruments, verb)
            if not providers:
                providers = self._instrument_providers(st, drawn)
            owner = st.builder.entities[providers[0]].label if providers and providers[0] in st.builder.entities else st.document.id
            fkey = entity_key("Fund", f"{money.currency} {money.amount} {owner}")
            fund = st.builder.entity("Fund", fkey, money.surface, self._ev(ev, "fund/money"))
            fund.amount, fund.currency = money.amount, money.currency
            fund.marks.update(marks)
            if providers and (st.last_fund is None or st.last_fund[2] != st.sentence_no):
                st.last_fund = (fkey, list(providers), st.sentence_no)
            st.fund_at.update((t.i, (fkey, list(providers))) for t in span)
            st.funds_seen.append((fkey, list(providers), st.sentence_no, float(money.amount or 0), money.currency or ""))
            speaker = self._speaker(st, verb)
            for a in providers:
                st.builder.relation(fkey, "provided-by", a, self._ev(ev, "funds/money-provider", speaker, marks))
            self._money_recipients(st, verb, providers, self._ev(ev, ev.rule, None, marks), speaker)
            states = {m.key for m in st.mentions if m.subclass == "State"}
            for r in (r for r in recipients if r in states):
                for a in providers:  # "Poland received €10 million from the Commission": the giver supports the state
                    st.builder.relation(a, "supports", r, self._ev(ev, "supports/money-to", speaker, marks))
            status, negated = self.measures.status(verb, verb, None)
            callers = self._callers(st, verb)
            if callers:
                status = "called-for"  # "calls on the Commission to mobilise €250 million for X"
            elif marks and status == "adopted":
                status = "planned" if marks == ("conditional",) else "proposed"
            purposes = self._purposes(st, sent, verb, root, span)
            described_by = next((c for c in root.children if c.dep_ == "relcl" and c.pos_ == "VERB" and c is not verb), None)
            if purposes and described_by is not None and purposes[0][0].i in {t.i for t in described_by.subtree}:
                # the purposes come from a relative clause on the amount ("EUR 3m, which will be spent on X"): its stance
                clause_stance = self._money_stance(st, described_by, root)
                if not clause_stance.emit:
                    purposes = []
                status, negated = self.measures.status(described_by, described_by, None)
                if clause_stance.marks and status == "adopted":
                    status = "planned" if clause_stance.marks == ("conditional",) else "proposed"
            for item in purposes:
                used.update(t.i for t in item)
                if not self.measures.names_something(item):
                    continue
                cand = MeasureCandidate(item[0].i, item[-1].i + 1, " ".join(doc[item[0].i: item[-1].i + 1].text.split()),
                                        item[0], verb, status, negated, None, "measure/funded-purpose")
                if recipients:
                    # "Poland received €10 million from the Commission for X": Poland's X, paid by the Commission's money
                    funded = self._recipient_measure(st, cand, fkey, recipients, self._ev(ev, ev.rule, None, marks), speaker)
                    for a in providers if funded else []:
                        st.builder.relation(a, "funds", funded, self._ev(ev, "funds/money-purpose", speaker, marks))
                    continue
                mkey = self._restated_measure(st, item)
                if mkey is None and len(item) <= 3 and item[-1].lemma_.lower() not in self.measures.policy_objects \
                        and self._anaphoric_measure(st, item[-1]):
                    continue  # "for the project": some measure named before, but which one the text does not say ("the barrier" is one)
                mkey = mkey or self._add_measure(st, cand, providers, ev)
                st.builder.entities[mkey].marks.update(marks)
                st.builder.relation(fkey, "funds", mkey, self._ev(ev, "funds/money-purpose", speaker, marks))
                for a in providers:
                    st.builder.relation(a, "funds", mkey, self._ev(ev, "funds/money-purpose", speaker, marks))
                for a in self._own_payers(st, providers, cand) if not callers else []:
                    # "Poland has spent zł 1.6bn on the barrier": a state paying for its measure carries it out
                    st.builder.relation(a, "adopts", mkey, self._ev(ev, "measure/paid-by-state", speaker, marks))
                for a in callers:
                    st.builder.relation(a, "proposes", mkey, self._ev(ev, "measure/called-for-funding", speaker, marks))
                for ins in own_instruments:
                    st.builder.relation(ins.key, "funds", mkey, self._ev(ev, "funds/instrument", speaker, marks))
            for ins in instruments:
                st.builder.mention(ins, self._ev(ev, "gazetteer"))
                provider = next((a for a in self.res.actors.values() if a.label == ins.provided_by), None)
                if provider is not None:
                    pkey = entity_key("Actor", provider.label)
                    if pkey in st.builder.entities:
                        st.builder.relation(ins.key, "provided-by", pkey, self._ev(ev, "funds/instrument-provider"))
        if not found:
            used |= self._fund_anaphor(st, sent, ev)
        return used

    def _share_holder(self, st: DocState, verb: Token) -> list[str]:
        """Who holds the share that is the subject of money's verb (lx:share-nouns: "Poland's share", "the allocation
        of Latvia")."""
        subj = subject_token(verb)
        if subj is None or subj.lemma_.lower() not in self.share_nouns:
            return []
        owners = [c for c in subj.children if c.dep_ == "poss"] + follow(subj, "prep:of")
        return [m.key for o in owners for m in self._actors_of(st, o)]

    def _money_stance(self, st: DocState, verb: Token, money: Token) -> Stance:
        """How firmly the sentence states an amount: as firmly as the verb it is an argument of, but an amount that
        describes a thing named in apposition is stated by the apposition ("whether X could be financed through SAFE,
        the EUR 150 billion loan facility": the facility's size is not asked about)."""
        for t in [money, *money.ancestors]:
            if t == verb:
                break
            excepting = t.lower_ in EXCEPTING_PREPOSITIONS or (t.lower_ == "from" and t.i > 0 and t.doc[t.i - 1].lower_ == "apart")
            if t.dep_ == "appos" or (t.dep_ == "prep" and excepting):
                # ("made no commitment beyond the €31 million already allocated": what is excepted from a denial is stated)
                return Stance(True, (), "stated as a fact")
        return self._stance_at(st, verb)

    def _decider_of(self, st: DocState, verb: Token) -> Token | None:
        """Who gives money stated in an agentless passive relative clause: the subject of the act the clause describes
        ('the Commission adopted a decision by which €80 million is made available', 'the package that the Council
        approved, under which X is allocated')."""
        if not is_passive(verb) or verb.dep_ not in ("relcl", "acl") or verb.head.pos_ not in ("NOUN", "PROPN"):
            return None
        noun = verb.head
        governor = noun.head if noun.dep_ in ("dobj", "nsubjpass", "pobj") else None
        if governor is not None and governor.pos_ == "ADP":
            governor = governor.head
        if governor is None or governor.pos_ not in ("VERB", "AUX"):
            return None
        doer = logical_subject(governor, lambda t: self._is_actor(st, t))
        return doer if doer is not None and self._is_actor(st, doer) else None

    def _allocation_recipient(self, st: DocState, sent: Span, money: Span) -> str | None:
        """The state or authority a share of money goes to: named after 'to' on the amount or its verb, else the last one
        named between the previous amount (or the sentence's start) and this one."""
        own = [x for tok in money for x in follow(tok, "prep:to|for")]  # "€61m for Latvia", however the parser hung 'for'
        for t in own + follow(money.root.head, "prep:to"):  # "€9m goes to Estonia"
            found = [m for m in self._actors_of(st, t) if m.subclass in ("State", "NationalAuthority")]
            if found:
                return found[0].key
        floor = max([i for i in st.money_tokens if sent.start <= i < money.start] + [sent.start - 1])
        named = [m for m in st.mentions if floor < m.start and m.end <= money.start and m.subclass in ("State", "NationalAuthority") and not m.weak]
        return named[-1].key if named else None

    def _receives(self, verb: Token, money: Token) -> bool:
        """The subject of the money's verb gets the money: 'Finland will receive €35m', 'the three states will share
        EUR 90 million', 'Poland is allocated 170 million euros' (a passive giving verb with the money as its object)."""
        lemma = verb.lemma_.lower()
        if lemma in RECEIVING_VERBS:
            return True
        given = lemma in self.fund_verbs | {"provide", "give", "grant", "award"}
        return given and is_passive(verb) and any(c.dep_ == "nsubjpass" and c != money for c in verb.children) \
            and money.dep_ in ("dobj", "attr", "oprd", "npadvmod")

    def _recipient_measure(self, st: DocState, cand: MeasureCandidate, fkey: str, recipients: list[str], ev: Evidence,
                           speaker: str | None) -> str | None:
        """What a recipient does with the money it gets ('receive €35m to upgrade X'): the recipient's measure, paid for
        by the money (the recipient does not fund it); its key, if the text names one."""
        item = list(st.doc[cand.start:cand.end])
        mkey = self._restated_measure(st, item)
        if mkey is None:
            if len(item) <= 3 and item[-1].lemma_.lower() not in self.measures.policy_objects and self._anaphoric_measure(st, item[-1]):
                return None
            mkey = self._add_measure(st, cand, recipients, ev)
            predicate = {"adopted": "adopts", "planned": "adopts", "proposed": "proposes"}.get(cand.status)
            if cand.status == "planned" and cand.trigger.pos_ == "VERB" and cand.trigger.lemma_.lower() in self.frame_reader.lex.planning:
                predicate = "proposes"  # "intends to close X", "plans to build Y": foreseen, not yet decided ("will close X" is)
            if predicate and not cand.negated:
                for a in recipients:
                    st.builder.relation(a, predicate, mkey, self._ev(ev, "measure/funded-recipient", speaker))
        st.builder.relation(fkey, "funds", mkey, self._ev(ev, "funds/money-purpose", speaker))
        return mkey

    def _money_recipients(self, st: DocState, verb: Token, providers: list[str], ev: Evidence, speaker: str | None) -> None:
        """'The Commission has granted Estonia €12.5 million', 'allocate €45 million to Finland': a provider giving money to
        a state supports it."""
        if verb.lemma_.lower() not in self.fund_verbs | {"provide", "give", "grant", "award"}:
            return
        recipients = [m for t in follow(verb, "dative") + follow(verb, "prep:to") + [c for c in verb.children if c.dep_ == "dobj"]
                      for m in self._actors_of(st, t) if m.subclass == "State"]
        for r in recipients:
            self._add_mention(st, r)
            for a in providers:
                st.builder.relation(a, "supports", r.key, self._ev(ev, "supports/money-to", speaker))

    def _callers(self, st: DocState, verb: Token) -> list[str]:
        """Who calls for the spending: the subject of 'calls on X to', 'urges X to' governing the money's verb (or the
        institution of a resolution's preamble); none where the verb is not called for."""
        head = verb.head
        if verb.dep_ not in ("xcomp", "advcl", "ccomp") or self.measures.status_lemmas.get(head.lemma_.lower()) != "called-for":
            return []
        subj = subject_token(head)
        if subj is None:
            if not self._in_paragraph(st, head):
                return []
            self._add_mention(st, st.preamble)
            return [st.preamble.key]
        return [m.key for m in self._actors_of(st, subj)]

    def _fund_anaphor(self, st: DocState, sent: Span, ev: Evidence) -> set[int]:
        """'It is to be used to install A, to procure B', 'Part of the allocation is reserved for C': the money named just
        before pays for each item (funds edges from the fund and its providers)."""
        used: set[int] = set()
        if st.last_fund is None or st.sentence_no - st.last_fund[2] > 3:
            return used
        fkey, providers, _ = st.last_fund
        mf = self.measures
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in FUND_USE_VERBS:
                continue
            subj = subject_token(verb) or (subject_token(verb.head) if verb.dep_ == "xcomp" else None)
            user: list[str] = []
            money_object = next((c for c in verb.children if c.dep_ == "dobj" and self._names_money(c)), None)
            if money_object is not None and subj is not None and self._is_actor(st, subj) and not is_passive(verb):
                # "Latvia will use the money to extend the fence": the user does what the money named before pays for
                user, _ = self._resolve(st, subj, verb)
            elif subj is None or not self._names_money(subj):
                continue
            stance = self._stance_at(st, verb)
            if not stance.emit:
                continue  # "It will not be spent on X"
            starts: list[tuple[Token, Token | None]] = [
                (c, None) for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children)]
            if not starts:  # "spent on X and on Y", "used for X": the phrase runs to where its preposition's head ends
                starts = [(next(iter(p.subtree)), c) for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on", "to")
                          for p in c.children if p.dep_ in ("pcomp", "pobj")]
            for start, anchor in starts[:1]:
                for item in mf.items(mf.region(start, sent, anchor=anchor), start.tag_ in ("VB", "VBG")):
                    item = mf.trim(item)
                    if len(item) < 2:
                        continue
                    status, negated = mf.status(verb, verb, None, default="planned")
                    cand = MeasureCandidate(item[0].i, item[-1].i + 1, " ".join(st.doc[item[0].i: item[-1].i + 1].text.split()),
                                            item[0], verb, status, negated, None, "measure/funded-purpose")
                    used.update(t.i for t in item)
                    if not providers:
                        continue
                    mkey = self._add_measure(st, cand, user or providers, ev)
                    st.builder.entities[mkey].marks.update(stance.marks)
                    for a in user if not negated and cand.status in ("adopted", "planned") else []:
                        st.builder.relation(a, "adopts", mkey, self._ev(ev, "measure/funded-use", None, stance.marks))
                    st.builder.relation(fkey, "funds", mkey, self._ev(ev, "funds/anaphoric-purpose", None, stance.marks))
                    for a in providers:
                        st.builder.relation(a, "funds", mkey, self._ev(ev, "funds/anaphoric-purpose", None, stance.marks))
        return used

    @staticmethod
    def _names_money(tok: Token) -> bool:
        """'the money', 'the allocation', 'part of the envelope', 'it': money named before."""
        words = {tok.lemma_.lower()} | {p.lemma_.lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children}
        return bool(words & (FUNDING_NOUNS | {"allocation", "envelope", "amount", "sum", "share", "part"})) or tok.lower_ in ("it", "this")

    def _purposes(self, st: DocState, sent: Span, verb: Token, root: Token, span: Span) -> list[list[Token]]:
        """What an amount pays for: 'to support A, B and C', 'to build X', 'for X'."""
        mf = self.measures
        out: list[list[Token]] = []
        # "€21m is expected to come from X", "€31m is to come from Y": the infinitive under a raising verb (or 'be to')
        # is the money's own predicate, whose
        # purposes are the amount's (none here), not a purpose itself
        raised = [c for c in verb.children if c.dep_ == "xcomp" and (verb.lemma_.lower() in self.frame_reader.lex.hedging or verb.lemma_ == "be")]
        heads = [c for t in (root, verb, *raised) for c in t.children if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and c.tag_ == "VB"
                 and any(a.lower_ == "to" for a in c.children) and c.i > span.end - 1 and c not in raised]
        for h in heads[:1]:
            if h.lemma_.lower() in SUPPORT_VERBS:
                nxt = next((t for t in sent if t.i > h.i and not t.is_space), None)
                if nxt is not None and self._is_actor(st, nxt):  # "to help Poland reinforce its border"
                    nxt = next((t for t in sent if t.i > nxt.i and t.tag_ in ("VB", "VBG") and not self._is_actor(st, t)), None)
                if nxt is None:
                    continue
                verbal = nxt.tag_ in ("VBG", "VB")
                # anchored at the verb: a region opening on a modifier ("cover overtime pay") must not stop at its own noun
                for item in mf.items(mf.region(nxt, sent, anchor=h), verbal):
                    out.append(mf.trim(item))
            else:
                for item in mf.items(mf.region(h, sent), True):
                    out.append(mf.trim(item))
        if not out and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") and any(
                c.dep_ == "prep" and c.lower_ in ("for", "on", "to", "towards") and any(p.tag_ in ("WDT", "WP") for p in c.children)
                for c in verb.children):
            # "the East Shield programme, for which Warsaw has earmarked zł 10bn": the relative clause's antecedent
            antecedent = verb.head
            inner = {t.i for t in verb.subtree}
            toks = [t for t in antecedent.subtree if t.i not in inner and t.i < verb.left_edge.i]
            while toks and (toks[-1].is_punct or toks[-1].pos_ == "ADP"):
                toks = toks[:-1]
            item = mf.trim(toks)
            if item:
                out.append(item)
        if not out:
            # "earmarked the equivalent of $40 million for X": 'for' may hang on any word between the amount and its verb
            between = []
            for a in root.ancestors:
                if a == verb:
                    break
                between.append(a)
            spent_on = follow(verb, "prep:on") + follow(root, "prep:on") if verb.lemma_.lower() in ("spend", "invest") else []  # "spent PLN 1.6 billion on the barrier"
            # "contributed €17.5 million to the surveillance layer": 'to' names what it pays for unless it names who gets it
            given_to = [p for p in follow(verb, "prep:to") if verb.lemma_.lower() in self.fund_verbs and not self._is_actor(st, p)
                        and any(w.lemma_.lower() in self.measures.policy_nominals | self.measures.policy_objects | self.measures.mention_heads
                                for w in [p, *(c for c in p.children if c.dep_ == "compound")])]
            # "EUR 20 million will go to (towards, into) X": where money goes is what it pays for, unless a body or a place
            destined = [p for prep in ("to", "towards", "toward", "into") for p in follow(verb, f"prep:{prep}")
                        if verb.lemma_.lower() in self.destination_verbs and not self._is_actor(st, p)
                        and p.ent_type_ not in ("GPE", "LOC", "ORG", "NORP", "PERSON", "FAC") and p.lemma_.lower() not in TIME_NOUNS]
            source = follow(verb, "prep:from/prep:for")  # "mobilise €250 million from the budget for X": 'for' hangs on the source
            # "EUR 40 million in reallocated budget funds for X": 'for' hangs on the kind of money the amount is in
            source += [p for kind in follow(root, "prep:in") if kind.lemma_.lower() in self.money_kinds for p in follow(kind, "prep:for")]
            # "made available for X", "with a view to X": on the verb's complement, or after a purpose phrase
            complement = [x for c in verb.children if c.dep_ in ("acomp", "oprd", "advmod") for x in follow(c, "prep:for")]
            in_view = [x for v in sent if v.lower_ == "view" and v.i > span.end and v.i >= 2 and st.doc[v.i - 2].lower_ == "with"
                       for x in follow(v, "prep:to")]  # however the parser attached 'with'
            for p in follow(root, "prep:for") + [x for a in between for x in follow(a, "prep:for")] + follow(verb, "prep:for") \
                    + complement + in_view + spent_on + given_to + destined + source:
                if p.lemma_.lower() in TIME_NOUNS or self._is_actor(st, p):
                    continue  # ("€20 million for Norway, for detection equipment": the recipient, then what it pays for)
                start = next(iter(p.subtree))
                for item in mf.items(mf.region(start, sent, anchor=p.head), False):
                    out.append(mf.trim(item))
                break
        paid_with = root.head == verb or (root.head.dep_ in ("prep", "agent") and root.head.lower_ in ("with", "by") and root.head.head == verb)
        if not out and paid_with and is_passive(verb) and verb.lemma_.lower() in self.frame_reader.lex.financing:
            # "the upgrade was co-financed with €43 million", "the fence, financed with EUR 9m": what is financed
            paid = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if paid is None and verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
                paid = verb.head
            if paid is not None and not self._is_actor(st, paid):
                owner = {t.i for c in paid.children if c.dep_ in ("det", "poss") for t in c.subtree}
                inner = {t.i for t in verb.subtree}
                item = mf.trim([t for t in paid.subtree if t.i not in owner and t.dep_ != "case" and (t.i not in inner or paid.i in inner)])
                out.extend(mf.items(item, False)[:1] if item else [])
        if not out and root is not verb:
            # "EUR 3.2 million, which was set aside for X": a relative clause on the amount says what it pays for
            for clause in (c for c in root.children if c.dep_ == "relcl" and c.pos_ == "VERB"):
                out = self._purposes(st, sent, clause, clause, span)
                break
        return [o for o in out if o and not self._not_a_purpose(st, o)]

    def _own_payers(self, st: DocState, providers: list[str], cand: MeasureCandidate) -> list[str]:
        """The states and national authorities among the providers of money for a measure stated as adopted: paying
        for it from their own budget, they carry it out (the Union paying for a state's fence does not)."""
        if cand.status != "adopted" or cand.negated:
            return []
        item = list(st.doc[cand.start:cand.end])
        inside = {t.i for t in item}
        head = next((t for t in item if t.head.i not in inside or t.head == t), item[0])
        mf = self.measures
        if head.lemma_.lower() not in mf.policy_nominals | mf.policy_objects | mf.mention_heads | mf.built_objects:
            return []  # "for landowners along the route", "for affected hauliers": who is paid, not what is done
        return [a for a in providers if a in st.builder.entities and st.builder.entities[a].subclass in ("State", "NationalAuthority")]

    @staticmethod
    def _clause_instruments(instruments: list[Mention], verb: Token) -> list[Mention]:
        """The instruments named in the money's own clause: the verb's words, less a clause coordinated with a subject
        of its own ("X spent €110m on a fence, and the Commission allocated EUR 27.5m under the BMVI")."""
        other = {t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                 and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children) for t in c.subtree}
        own = {t.i for t in verb.subtree} - other
        return [ins for ins in instruments if ins.start in own]

    def _drawn_from(self, instruments: list[Mention], verb: Token, money: Token) -> list[Mention]:
        """The named instruments money is drawn from: "€43 million from the BMVI", "under the Border Management and
        Visa Instrument, Poland has been allocated X"."""
        sources = ("from", "under", "through")
        own = {t.i for p in follow(money, "prep:from") + follow(money, "prep:under") for t in p.subtree}
        drawn = [ins for ins in instruments if any(ins.start <= i < ins.end for i in own)]
        if drawn:
            return drawn
        # else any source phrase of the money's clause ("is made available under the BMVI", "a budget ..., implemented
        # under the BMVI": the parser hangs it on the nearest noun)
        places = {t.i for p in verb.subtree if p.dep_ == "prep" and p.lower_ in sources for t in p.subtree}
        return [ins for ins in self._clause_instruments(instruments, verb) if any(ins.start <= i < ins.end for i in places)]

    def _instrument_providers(self, st: DocState, drawn: list[Mention]) -> list[str]:
        """Who provides money drawn from instruments: their providers, where the text names them."""
        out: list[str] = []
        for ins in drawn:
            provider = next((a for a in self.res.actors.values() if a.label == ins.provided_by), None)
            mention = next((m for m in st.mentions if provider is not None and m.key == entity_key("Actor", provider.label)), None)
            if mention is not None and mention.key not in out:
                self._add_mention(st, mention)
                out.append(mention.key)
        return out

    def _not_a_purpose(self, st: DocState, item: list[Token]) -> bool:
        """'for the Member States that border Russia', 'to the Border Guard': who gets the money, not what it pays for;
        'a further €20 million from X': another amount, not a purpose."""
        inside = {t.i for t in item}
        head = next((t for t in item if t.head.i not in inside or t.head is t), item[0])
        clause = any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i in inside and finite(t.head) for t in item)
        # ("for equipment and staff, and the Commission is considering X": a clause of its own, not a purpose)
        running_total = head.tag_ == "VBG" and any(c.dep_ == "dobj" and c.lemma_.lower() in self.total_nouns for c in head.children)
        return clause or running_total or self._is_actor(st, head) or any(t.i in st.money_tokens for t in item[:4])

    # -- relations ----------------------------------------------------------------------------

    def _measure_at(self, st: DocState, tok: Token) -> list[str]:
        for rec in reversed(st.measures):
            if rec.start <= tok.i < rec.end:
                return [rec.key]
        return []

    def _anaphoric_measure(self, st: DocState, tok: Token) -> list[str]:
        """'such measures', 'the plan', 'these steps': the last earlier measure, preferably one named by the same noun."""
        lemma = tok.lemma_.lower()
        if (lemma not in self.anaphor_nouns and lemma not in self.nominal_acts) \
                or not any(c.lower_ in ("such", "these", "those", "this", "the") for c in tok.children):
            return []
        # "may take exceptional measures, provided that such measures are proportionate": one named before it in
        # the same sentence counts as earlier
        earlier = [rec for rec in st.measures if rec.sentence < st.sentence_no or (rec.sentence == st.sentence_no and rec.end <= tok.left_edge.i)]
        if not earlier:
            return []
        # "the new rules", "the bill": a measure named by the same noun, else, for a legal text, one named by another
        for nouns in ({lemma}, LEGAL_TEXTS if lemma in LEGAL_TEXTS else set()):
            for rec in reversed(earlier):
                label = st.builder.entities[rec.key].label.lower() if rec.key in st.builder.entities else ""
                if any(n in label.split() or n + "s" in label.split() for n in nouns):
                    return [rec.key]
        # "the pushbacks": a measure that does it ("send people back"); "the closure": "close the crossings"
        verbs = self.nominal_acts.get(lemma, [])
        for rec in reversed(earlier):
            label = st.builder.entities[rec.key].label.lower() if rec.key in st.builder.entities else ""
            if label and any(label.split()[0].startswith(v) for v in verbs):
                return [rec.key]
        def status(rec: MeasureRecord) -> str | None:
            ent = st.builder.entities.get(rec.key)
            return ent.status if ent is not None else None
        if lemma in ("proposal", "draft"):
            proposed = [rec for rec in earlier if status(rec) == "proposed"]  # "the proposal would breach X"
            if proposed:
                return [proposed[-1].key]
        # "the measures were proportionate": measures somebody took or offers, rather than one somebody else called for
        own = [rec for rec in earlier if status(rec) != "called-for"]
        return [(own or earlier)[-1].key]

    def _restated_measure(self, st: DocState, item: list[Token]) -> str | None:
        """'€250m for the fence': a definite noun that names a measure of an earlier sentence is that measure."""
        if not item or item[0].lower_ not in ("the", "this", "that", "these", "those") or len(item) > 3:
            return None
        noun = item[-1]
        if noun.pos_ != "NOUN":
            return None
        for rec in reversed(st.measures):
            if rec.sentence >= st.sentence_no:
                continue
            ent = st.builder.entities.get(rec.key)
            if ent is not None and noun.lemma_.lower() in {w.lower().rstrip("s") for w in ent.label.split()} | {w.lower() for w in ent.label.split()}:
                return rec.key
        return None

    def _antecedent_measure(self, st: DocState, subj: Token) -> list[str]:
        """'Border management must be consistent with X': the earliest earlier measure whose label shares a noun with
        the subject's head or its compound ("border" ~ "controls at the borders"); none if nothing is shared."""
        if subj.pos_ not in ("NOUN",) or self._actors_of(st, subj):
            return []
        nouns = {subj.lemma_.lower()} | {c.lemma_.lower() for c in subj.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
        for rec in st.measures:
            if rec.sentence >= st.sentence_no:
                break
            ent = st.builder.entities.get(rec.key)
            if ent is None:
                continue
            words = {w.lower().rstrip("s") for w in ent.label.split()}
            if {n.rstrip("s") for n in nouns} & words:
                return [rec.key]
        return []

    def _relations(self, st: DocState, sent: Span, ev: Evidence, sent_mentions: list[Mention]) -> None:
        b = st.builder
        hits = find_relations(sent, st.index, self.rules_by_lemma)
        for hit in hits:
            rule, tok = hit.rule, hit.trigger
            stance = self._stance_at(st, tok, reads_prohibitions=rule.keep_modal_negation)
            if not stance.emit:
                continue
            speaker = self._speaker(st, tok)
            subjects: list[str] = []
            subj_tok = logical_subject(tok, lambda t: self._is_actor(st, t))
            if rule.subject.startswith("path:"):
                subjects = []
                for t in follow(tok, rule.subject[5:]):
                    for m in self._actors_of_any(st, t):
                        if kind_ok(m, rule.subject_kinds):
                            subjects.append(m.key)
                            self._add_mention(st, m)
            elif rule.subject == "agent":
                if rule.predicate in self.hostile_predicates and subj_tok is not None and subj_tok.dep_ == "nsubjpass" and subj_tok.head != tok:
                    continue  # "migrants are instrumentalised to destabilise X": the victims do not threaten
                doers = self._actors_of_any(st, subj_tok)
                if rule.predicate in self.hostile_predicates and subj_tok is not None and st.index.cover(subj_tok) is None:
                    # "Minsk's instrumentalisation of migrants threatens X": the possessor does it, not the 'of' phrase
                    named = own_mentions(st.index, subj_tok) + [m for c in subj_tok.children if c.dep_ == "poss"
                                                                for m in self._actors_of_any(st, c)]
                    doers = [m for m in doers if m in named]
                subjects = [m.key for m in doers if kind_ok(m, rule.subject_kinds)]
                if not subjects and subj_tok is not None and (subj_tok.lower_ in ("it", "they", "we") or self._definite_actor(st, subj_tok)) \
                        and rule.predicate not in self.hostile_predicates:
                    # "Lithuania said it would cooperate with Frontex", "the agency has deployed 60 officers to X"
                    found, named = self._resolve(st, subj_tok, tok)
                    subjects = found if named else []
                if rule.subject_outside_eu:
                    if not subjects and subj_tok is not None:  # "Belarusian services were bussing migrants"
                        found, named = self._resolve(st, subj_tok, tok)
                        subjects = found if named else []
                    subjects = [k for k in subjects if k not in self.eu_keys and st.states.get(k) not in self.eu_keys]
                    if not subjects:
                        continue
                for m in self._actors_of_any(st, subj_tok):
                    self._add_mention(st, m)
                if not subjects and subj_tok is None and self._in_paragraph(st, tok) and kind_ok(st.preamble, rule.subject_kinds):
                    subjects = [st.preamble.key]  # "2. Expresses its full solidarity with X": the institution of the preamble
                    self._add_mention(st, st.preamble)
                if not subjects and subj_tok is not None and subj_tok.lemma_.lower() in self.measure_nouns:
                    if rule.predicate in self.hostile_predicates and self._measure_subject(st, subj_tok, tok, allow_actor=False):
                        continue  # "the law could breach X": the measure restricts it; its authors do not threaten it
                    subjects = self._resolve(st, subj_tok, tok)[0]
            else:
                if rule.subject_from:
                    subj_tok = next(iter(follow(tok, rule.subject_from)), None)
                subjects = self._measure_subject(st, subj_tok, tok, allow_actor=rule.subject == "measure-or-actor")
                if rule.predicate == "restricts":
                    # "plans to (temporarily) suspend the right to asylum": the measure this verb opens restricts its object
                    # "a law allowing the suspension of the right to asylum": the measure that names the suspension
                    opened = [rec.key for rec in reversed(st.measures[-8:]) if rec.sentence == st.sentence_no and rec.start <= tok.i < rec.end
                              and (tok.pos_ == "NOUN" or all(t.pos_ == "ADV" for t in st.doc[rec.start:tok.i]))][:1]
                    if tok.pos_ == "NOUN":
                        subjects = []
                    subjects = opened + [k for k in subjects if k not in opened]
                if rule.predicate == "must-respect":
                    if not self._bound(tok):
                        # "the union is prepared to adjust ..., all while maintaining fundamental rights": an actor is
                        # bound to respect a principle only where the text says so (must, shall, obliged, required, bound)
                        subjects = [s for s in subjects if not s.startswith("actor/")]
                    # "respond to threats in full respect of international law": the measure that says so respects it
                    if tok.pos_ in ("NOUN", "ADJ"):
                        governing = self._measure_at(st, tok) or next((found for a in tok.ancestors if (found := self._measure_at(st, a))), [])
                        subjects = [k for k in governing if k not in subjects] + subjects
            objects = [o for o in hit.objects if not rule.object_eu_member or (o.key in self.eu_keys and o.subclass == "State")]
            for s in subjects:
                for o in objects:
                    if o.weak:
                        self._add_mention(st, o)
                    else:
                        b.mention(o, self._ev(ev, "gazetteer"))
                    b.relation(s, rule.predicate, o.key, self._ev(ev, rule.name, speaker, stance.marks))
        for m in sent_mentions:
            if m.kind == "LegalPrinciple" and m.predicative:
                tok = st.doc[m.start]
                subj_tok = logical_subject(tok, lambda t: self._is_actor(st, t))
                for s in self._measure_subject(st, subj_tok, tok, allow_actor=False):
                    b.relation(s, "must-respect", m.key, self._ev(ev, "must-respect/predicative", self._speaker(st, tok)))

    def _frame_relations(self, st: DocState, sent: Span, ev: Evidence) -> None:
        """The registered frame rules (ontology/frame-rules.json) over the sentence's frames. Of rules that relate the
        same two things from one trigger, the highest priority wins (then the rule id, so listing order never counts)."""
        chosen: dict[tuple[int, str, str], tuple[int, str, FrameRule, Frame]] = {}
        for frame in st.frames.values():
            for rule, subjects, objects in self._fired(st, frame):
                for s in subjects:
                    for o in objects:
                        key = (frame.trigger, s, o)
                        if key not in chosen or (-rule.priority, rule.id) < (chosen[key][0], chosen[key][1]):
                            chosen[key] = (-rule.priority, rule.id, rule, frame)
        for (trigger, s, o), (_, _, rule, frame) in sorted(chosen.items(), key=lambda kv: (kv[0][0], kv[1][1], kv[0][1], kv[0][2])):
            stance = stance_of(frame, rule.reads_prohibitions, rule.reads_conditions)
            speaker = self._speaker(st, st.doc[trigger])
            for key in (s, o):
                m = next((m for m in st.mentions if m.key == key), None)
                if m is not None:
                    self._add_mention(st, m)
            st.builder.relation(s, rule.emit, o, self._ev(ev, rule.id, speaker, stance.marks))

    def _fired(self, st: DocState, frame: Frame) -> list[tuple[FrameRule, list[str], list[str]]]:
        """The rules that fire on one frame, with the entity keys at each end."""
        out = []
        for rule in self.rulebook.for_lemma(frame.lemma):
            stance = stance_of(frame, rule.reads_prohibitions, rule.reads_conditions)
            why = None if stance.emit else stance.why
            why = why or form_and_requirements(rule, frame, lambda i: st.doc[i].lemma_.lower())
            subjects = self._role_entities(st, frame, rule.subject) if why is None else []
            objects = self._role_entities(st, frame, rule.object) if subjects else []
            if why is None and not subjects:
                why = f"no {'/'.join(sorted(rule.subject.kinds))} in {', '.join(rule.subject.roles)}"
            elif why is None and not objects:
                why = f"no {'/'.join(sorted(rule.object.kinds))} in {', '.join(rule.object.roles)}"
            fired = why is None
            if fired:
                out.append((rule, subjects, objects))
                why = f"{', '.join(subjects)} -> {', '.join(objects)} ({stance.why})"
            if st.trace is not None:
                st.trace.append(RuleTrace(st.sentence_no, frame, rule.id, fired, why or ""))
        return out

    def _role_entities(self, st: DocState, frame: Frame, spec: RoleSpec) -> list[str]:
        """Entity keys of the first of a rule's roles that names something of an allowed kind."""
        want_measure = "Measure" in spec.kinds
        kinds = frozenset(spec.kinds - {"Measure"})
        for role in spec.roles:
            heads = (frame.trigger,) if role == "self" else frame.role(role)
            found: list[str] = []
            for i in heads:
                tok = st.doc[i]
                if want_measure:
                    # a measure named by the trigger's own words is what the trigger states, not its object
                    under = [k for k in self._measures_under(st, tok, role) if role == "self" or not self._names_trigger(st, k, frame)]
                    if not under and spec.names_measures:
                        under = self._named_measure(st, frame, tok, role)
                    found += under
                if kinds:
                    # an agent is the phrase's own name ("the instrumentalisation of migrants" is not done by migrants);
                    # a weak alias ("people", "persons") names a group only where the rule asks for groups
                    named = own_mentions(st.index, tok) if role == "agent" else (
                        (examples(st.index, tok) if spec.narrow_to_examples else []) or collect(st.index, tok))
                    mentions = [m for m in named if kind_ok(m, kinds) and (not m.weak or "Group" in kinds)]
                    keys = [m.key for m in mentions]
                    event = st.frames.get(tok.i) or (self.frame_reader.frame_at(tok) if tok.pos_ == "NOUN"
                                                     and tok.lemma_.lower() in self.frame_reader.lex.event_nouns else None)
                    if not keys and role == "agent" and event is not None and event.form == "nominal" and event.trigger != frame.trigger:
                        # "Minsk's instrumentalisation of migrants threatens X": the event's agent does what the event does
                        keys = self._role_entities(st, event, RoleSpec(("agent",), spec.kinds, spec.outside_eu, spec.resolve))
                    if not keys and spec.resolve and tok.pos_ in ("PRON", "NOUN", "PROPN"):
                        resolved, explicit = self._resolve(st, tok, tok)
                        keys = [k for k in resolved if explicit and k in st.builder.entities and kind_ok_entity(st.builder.entities[k], kinds)]
                    if spec.outside_eu:
                        keys = [k for k in keys if k not in self.eu_keys and st.states.get(k) not in self.eu_keys]
                    found += keys
            found = list(dict.fromkeys(found))
            if found:
                return found
        return []

    def _named_measure(self, st: DocState, frame: Frame, tok: Token, role: str) -> list[str]:
        """A conjunct of a rule's role that names no measure yet: its own noun phrase, without the other conjuncts or a
        relative clause, is a measure. As an object ('has funded cameras, vehicles and the IT systems that connect
        them') it has the frame's status; as the agent ('national measures against instrumentalisation must respect
        X') it must be headed by a word for an act or a measure, and it is stated as its own clause states it."""
        mf = self.measures
        if tok.pos_ not in ("NOUN", "PROPN") or self._is_actor(st, tok) or tok.i in st.money_tokens or tok.lemma_.lower() in TIME_NOUNS \
                or any(c.dep_ in ("det", "predet") and c.lower_ in mf.generic for c in tok.children):
            return []
        agent = role == "agent"
        if agent and (tok.lemma_.lower() not in mf.measure_nouns | mf.policy_nominals | mf.policy_objects | mf.built_objects
                      or any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)):
            return []  # ("a suspension of asylum must respect X": any suspension, none in particular)
        dropped = {t.i for c in tok.children if c.dep_ in ("conj", "cc", "relcl", "acl", "appos", "punct") for t in c.subtree}
        item = mf.trim([t for t in tok.subtree if t.i not in dropped])
        evidence = self._evidence(st, tok.sent, "mention")
        if evidence is None or not item or not mf.names_something(item) or any(self._is_actor(st, t) for t in item if t.dep_ != "pobj"):
            return []
        trigger = st.doc[frame.trigger]
        status, negated = (mf.nominal_status(tok), False) if agent else mf.status(trigger, trigger, None)
        if not agent and status == "adopted" and frame.modality != "asserted" and frame.modality in STATUS_OF_MODALITY:
            status = STATUS_OF_MODALITY[frame.modality]  # "may use BMVI funding for X": as firmly as the frame is stated
        cand = MeasureCandidate(item[0].i, item[-1].i + 1, " ".join(st.doc[item[0].i: item[-1].i + 1].text.split()), tok, trigger,
                                status, negated, None, "measure/rule-" + ("subject" if agent else "object"))
        return [self._restated_measure(st, item) or self._add_measure(st, cand, [], evidence)]

    def _previous_doer(self, st: DocState, tok: Token) -> str | None:
        """The actor that is the subject of the last of the few sentences before tok's that has one ('The Council added
        eight persons to the list:' and the list's lines)."""
        start = tok.sent.start
        for _ in range(PREVIOUS_DOER_REACH):
            if start == 0:
                return None
            before = st.doc[start - 1].sent
            subjects = [m for m in st.mentions if before.start <= m.start < before.end and m.kind == "Actor" and not m.weak
                        and m.subclass in AUTHORITY_KINDS and st.doc[m.end - 1].dep_ == "nsubj"]
            if subjects:
                return subjects[-1].key
            start = before.start
        return None

    def _borne(self, noun: Token) -> bool:
        """A measure stated from the side of those who bear it: 'are subject to an asset freeze', 'face a travel ban'."""
        while noun.dep_ == "conj":
            noun = noun.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "to":
            return noun.head.head.lemma_.lower() in self.bearing
        return noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.bearing

    @staticmethod
    def _names_trigger(st: DocState, key: str, frame: Frame) -> bool:
        """Whether the measure recorded under `key` in this sentence spans the frame's trigger ("pay the family X")."""
        return any(rec.key == key and rec.sentence == st.sentence_no and rec.start <= frame.trigger < rec.end for rec in st.measures)

    def _measures_under(self, st: DocState, tok: Token, role: str) -> list[str]:
        """The measure a token belongs to: one whose label covers it, else (for 'self') one whose label covers a
        governor of it, else (for a complement clause) one inside the clause, else one the token restates."""
        here = [rec for rec in st.measures if rec.sentence == st.sentence_no]
        for rec in reversed(here):
            if rec.start <= tok.i < rec.end:
                return [rec.key]
        if role != "complement" and role != "self":
            if any(c.dep_ == "det" and c.lower_ in ("the", "this", "these", "such") for c in tok.children):
                # "introduce emergency rules provided that the rules respect X": named earlier in the same sentence
                lemma = tok.lemma_.lower()
                for rec in reversed(here):
                    label = st.builder.entities[rec.key].label.lower().split() if rec.key in st.builder.entities else []
                    if rec.end <= tok.i and (lemma in label or lemma + "s" in label):
                        return [rec.key]
            return self._anaphoric_measure(st, tok)
        if role == "self":
            # "measures at the border with X", "respond in full respect of X": up the phrase to the first verb
            for anc in tok.ancestors:
                for rec in reversed(here):
                    if rec.start <= anc.i < rec.end:
                        return [rec.key]
                if anc.pos_ in ("VERB", "AUX"):
                    # "The extension must be applied in full respect of X": what the clause's subject restates
                    subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    return self._anaphoric_measure(st, subj) if subj is not None and subj.pos_ == "NOUN" else []
            return []
        left, right = tok.left_edge.i, tok.right_edge.i
        under = [rec.key for rec in here if left <= rec.start and rec.end <= right + 1]
        if under:
            return under[:1]
        return self._anaphoric_measure(st, tok)

    def _in_paragraph(self, st: DocState, tok: Token) -> bool:
        """Whether `tok` is, or hangs on, the subject-less verb opening a paragraph under a preamble."""
        return st.preamble is not None and any(t.i in st.para_verbs for t in [tok, *tok.ancestors])

    def _bound(self, tok: Token) -> bool:
        """Whether the clause of `tok` (or one governing it) states an obligation: a deontic modal ("must respect",
        "should comply") or an obligation word ("are obliged to", "are bound by", "is required to")."""
        for t in [tok, *tok.ancestors]:
            if t.lemma_.lower() in OBLIGATION_WORDS or t.lower_ in OBLIGATION_WORDS:
                return True
            if any(c.tag_ == "MD" and c.lower_ in DEONTIC_MODALS for c in t.children):
                return True
            if t.lemma_.lower() in ("have", "need") and any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in t.children):
                return True
        return False

    def _actors_of_any(self, st: DocState, tok: Token | None) -> list[Mention]:
        if tok is None:
            return []
        return [m for m in collect(st.index, tok) if m.kind == "Actor"]

    def _measure_subject(self, st: DocState, subj: Token | None, at: Token, allow_actor: bool, depth: int = 0) -> list[str]:
        if subj is not None and depth < 2:
            clause = subj.head
            if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in ("ensure", "guarantee") and not self._actors_of(st, subj):
                outer = logical_subject(clause.head, lambda t: self._is_actor(st, t))
                found = self._measure_subject(st, outer, at, allow_actor, depth + 1)
                if found:
                    return found
            found = self._measure_at(st, subj) or self._anaphoric_measure(st, subj) or self._antecedent_measure(st, subj)
            if found:
                return found
            if allow_actor:
                actors = [m.key for m in self._actors_of(st, subj)] or (
                    self._resolve(st, subj, at)[0] if any(c.dep_ in ("poss", "det") and c.lower_ in ("its", "their", "both", "two")
                                                          for c in subj.children) else [])
                if not actors and subj.lemma_.lower() in self.measure_nouns:
                    # "any measure taken by Member States must comply with X": the agent of the measure is bound
                    actors = [m.key for c in subj.children if c.dep_ == "acl" and c.tag_ == "VBN"
                              for m in self._actors_of(st, agent_token(c))]
                if actors:
                    return actors
            return self._any_measure(st, subj)
        return []

    def _any_measure(self, st: DocState, subj: Token) -> list[str]:
        """'any derogation must respect X', 'every such measure shall ...': each measure of the last sentence that named some
        (within the two sentences before)."""
        if subj.lemma_.lower() not in self.anaphor_nouns or subj.lemma_.lower() in GENERIC_MEASURE_NOUNS \
                or not any(c.dep_ == "det" and c.lower_ in ("any", "every", "each") for c in subj.children):
            return []  # "any measure must respect X" is a general rule, not about the measures just named
        earlier = [rec for rec in st.measures if st.sentence_no - 2 <= rec.sentence < st.sentence_no]
        return list(dict.fromkeys(rec.key for rec in earlier if rec.sentence == earlier[-1].sentence)) if earlier else []

    # -- observations and qualities ------------------------------------------------------

    def _observations(self, st: DocState, sent: Span, ev: Evidence) -> None:
        text = st.document.body[sent.start_char:sent.end_char]
        for ch in find_changes(text):
            span = st.doc.char_span(sent.start_char + ch.start, sent.start_char + ch.start + 3, alignment_mode="expand")
            about = ""
            if span is not None:
                subj = subject_token(span.root)
                if subj is not None:
                    about = " ".join(st.doc[subj.left_edge.i: subj.right_edge.i + 1].text.split())
            st.builder.observations.append(Observation(about=about or "unspecified", value=ch.value, unit=ch.unit,
                                                       evidence=self._ev(ev, "observation/percent-change"), period=ch.period, baseline=ch.baseline))

    def _qualities(self, st: DocState, sent: Span, ev: Evidence) -> None:
        low = st.document.body[sent.start_char:sent.end_char].lower()
        found = {q for q in self.qualities if q in low}
        if not found or not st.measures:
            return
        for tok in sent:
            if tok.dep_ in ("nsubj", "nsubjpass") and self._anaphoric_measure(st, tok):
                key = self._anaphoric_measure(st, tok)[0]
                words = {q for q in found if any(q.split()[0] in t.lower_ for t in tok.head.subtree)}
                if words:
                    ent = st.builder.entities.get(key)
                    if ent is not None:
                        ent.qualities |= words


# words that introduce the same amount in another currency ("PLN 10 billion (about €2.3bn)", "NOK 40 million, roughly $3.7m")
CONVERSION_WORDS = frozenset({"about", "roughly", "approximately", "around", "some", "nearly", "almost", "or", "i.e.", "equivalent",
                              "to", "worth", "c.", "ca.", "circa", "approx.", "approx", "=", "–", "-", "—"})


def _conversions(amounts: list[tuple[Money, Span]]) -> set[int]:
    """Start tokens of amounts that restate the amount just before them in another currency: in brackets or between
    commas, after at most a word of approximation."""
    out: set[int] = set()
    for (before, first), (money, span) in zip(amounts, amounts[1:]):
        if money.currency == before.currency:
            continue
        between = list(span.doc[first.end:span.start])
        bracketed = bool(between) and between[0].text == "("
        approximated = any(not t.is_punct and t.lower_ in CONVERSION_WORDS for t in between)
        # ("EUR 20 million, PLN 5 million and NOK 3 million": a list of amounts, not one amount restated)
        if between and len(between) <= 4 and all(t.is_punct or t.lower_ in CONVERSION_WORDS for t in between) and (bracketed or approximated):
            out.add(span.start)
    return out


def _opens_line(name: str, line: str) -> bool:
    """Whether a line is a name of two words or more, alone or before a separator ('KESSLER VARGA LLP', 'Baltic
    Institute for Security and Society | Commentary')."""
    head = line.strip().casefold()
    name = name.casefold()
    return len(name.split()) > 1 and head.startswith(name) and (len(head) == len(name) or not head[len(name)].isalnum())


def _quoted(tok: Token) -> bool:
    """Whether a token stands inside a quotation: an odd number of quotation marks before it in its sentence, or a
    quotation closing later in a sentence that opened none (the quotation began in a sentence before)."""
    sent = tok.sent
    before = sum(1 for t in sent if t.i < tok.i and t.text in QUOTE_MARKS)
    after = sum(1 for t in sent if t.i > tok.i and t.text in QUOTE_MARKS)
    return before % 2 == 1 or (before == 0 and after % 2 == 1)


def _in_clause_under(tok: Token, top: Token) -> bool:
    """Whether a token of top's phrase sits in a clause that describes some noun of it (a relative or participle
    clause), not in the phrase itself."""
    while tok != top:
        if tok.dep_ in ("relcl", "acl"):
            return True
        tok = tok.head
    return False


def _phrase_head(toks: list[Token]) -> Token | None:
    """The head of the noun phrase a list line opens with (past its determiner, adjectives and compounds)."""
    first = next((t for t in toks if not t.is_punct), None)
    if first is None or first.pos_ not in ("DET", "ADJ", "NOUN", "NUM", "PROPN"):
        return None
    head = first
    inside = {t.i for t in toks}
    while head.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod") and head.head.i in inside and head.head.i > head.i:
        head = head.head
    return head if head.pos_ == "NOUN" else None


def _label_words(st: DocState, mention: Mention) -> set[str]:
    """The lowercase words of the label a mention's entity carries."""
    entity = st.builder.entities.get(mention.key)
    label = entity.label if entity is not None else st.doc[mention.start:mention.end].text
    return {w.strip(".,()").lower() for w in label.split()}
