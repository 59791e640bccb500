"""Mentions of gazetteer actors, legal principles and funding instruments in a parsed text."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.attrs import LEMMA, LOWER, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.extract.money import CURRENCIES, CURRENCY_CODES
from kg.extract.resources import ActorEntry, Resources
from kg.extract.syntax import ACCUSING
from kg.ids import entity_key

SUPPORT_NOUNS = {"support", "solidarity", "assistance", "help", "aid", "backing"}
NOMINAL_ACTS = {"attempt", "effort", "decision", "move", "plan", "campaign", "operation", "attack", "policy", "strategy",
                "proposal", "offer", "announcement", "threat", "bid", "refusal", "use", "instrumentalisation", "instrumentalization",
                "weaponisation", "weaponization", "exploitation", "action", "actions", "tactic", "support"}

TITLE_LINKS = {"and", "of", "for", "the"}  # words that join a title's parts ("Minister of the Interior and Migration")
NAVIGATION_SEPARATORS = ("›", "»", "|", " > ", "·")


@dataclass
class Mention:
    """A span that names an entity; `weak` mentions only count inside a relation."""

    start: int  # token index
    end: int
    kind: str  # Actor | LegalPrinciple | Fund
    label: str
    key: str
    subclass: str | None
    wikidata: str | None
    surface: str
    weak: bool = False
    predicative: bool = False
    eu_level: bool = False
    provided_by: str | None = None
    state_key: str | None = None  # national authorities: the state they belong to

    @property
    def span(self) -> tuple[int, int]:
        """Token span."""
        return self.start, self.end


def _is_acronym(alias: str) -> bool:
    return alias.replace("-", "").replace("'S", "").isupper() and len(alias) <= 6


class MentionFinder:
    """Phrase matchers over the gazetteer and lexicon, compiled once."""

    def __init__(self, nlp: Language, res: Resources) -> None:
        self.res = res

        def words(name: str) -> frozenset[str]:
            if name not in res.wordlists:
                raise KeyError(f"the lexicon has no word list lx:{name} (needed by kg/extract/mentions.py)")
            return frozenset(res.wordlists[name])

        self.org_words = words("organisation-name-words")
        self.ngo_heads = words("ngo-head-words")
        self.body_heads = words("body-head-words")
        self.sub_body_heads = words("sub-body-head-words")
        self.cosigning = words("cosigning-words")
        self.role_nouns = words("person-role-nouns")
        self.body_nouns = words("definite-body-nouns")
        self.reporting = frozenset(res.wordlists.get("reporting", set()))
        self.titles = words("person-titles")
        self.company_words = words("company-name-words")
        self.non_actor_words = words("non-actor-name-words")
        self.governing = words("governing-nouns")
        self.lower = PhraseMatcher(nlp.vocab, attr="NORM")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries: dict[str, tuple[str, object]] = {}
        # one-word aliases written capitalised ("Parliament", "Commission"): the lowercase word is a common noun
        self.capitalised: set[str] = set()
        # one-word short forms of names ("Union", "Commission", "Alliance" for NATO): inside another name they are not it
        self.short_forms: set[str] = set()
        eu_iri = next((a.iri for a in res.actors.values() if a.wikidata == "Q458"), None)
        self.eu_iri = eu_iri
        for entry in res.actors.values():
            self._add(nlp, "A", entry.iri, "strong", entry.aliases)
            self._add(nlp, "A", entry.iri, "metonym", entry.metonyms)
            self._add(nlp, "A", entry.iri, "demonym", entry.demonyms)
            self._add(nlp, "A", entry.iri, "weak", entry.weak)
        for entry in res.authority_types.values():
            self._add(nlp, "T", entry.iri, "strong", entry.aliases)
            self._add(nlp, "T", entry.iri, "qualified", entry.qualified)
        for p in res.principles.values():
            self._add(nlp, "P", p.iri, "strong", p.aliases)
            self._add(nlp, "P", p.iri, "weak", p.weak)
        for p in res.instruments.values():
            self._add(nlp, "I", p.iri, "strong", p.aliases)
        self.authority_by_type_state: dict[tuple[str, str], ActorEntry] = {
            (a.authority_type, a.state): a for a in res.actors.values() if a.authority_type and a.state
        }
        self.measure_nouns = res.wordlists.get("measure-nouns", set())
        self.principle_matcher = Matcher(nlp.vocab)
        for entry in res.patterns.get("principle_patterns", []):
            self.principle_matcher.add(entry["name"], [entry["pattern"]])
        # "parliament", "council of ministers": words that name a national authority of their type next to a state
        self.qualified_words = {w.lower(): t.iri for t in res.authority_types.values() for w in t.qualified}
        # verbs whose object is an actor ("Brussels has backed Helsinki", "Vilnius cooperates with Warsaw")
        self.deployment_verbs = set(res.patterns.get("deployment_verbs", []))
        self.personnel_nouns = set(res.patterns.get("personnel_nouns", []))
        self.actor_object_verbs = res.relation_lemmas("supports") | res.relation_lemmas("cooperates-with") | {"endorse", "side", "stand"} \
            | ACCUSING  # "Helsinki accused Moscow of ...": the accused capital is its government

    def _add(self, nlp: Language, prefix: str, iri: str, how: str, aliases: set[str]) -> None:
        if not aliases:
            return
        key = f"{prefix}|{how}|{iri}"
        aliases = {a[4:] if a.lower().startswith("the ") and len(a) > 6 else a for a in aliases}
        if prefix == "A":
            lower_forms = {a for a in aliases if a.islower()}
            for a in aliases:
                if " " not in a and a[:1].isupper() and a.lower() not in lower_forms:
                    self.capitalised.add(f"{key}|{a.lower()}")
                    if a != self.res.actors[iri].label and not _is_acronym(a):
                        self.short_forms.add(f"{key}|{a.lower()}")
        exact = [nlp.make_doc(a) for a in sorted(aliases) if _is_acronym(a)]
        loose = [nlp.make_doc(a) for a in sorted(aliases) if not _is_acronym(a)]
        if exact:
            self.exact.add(key, exact)
        if loose:
            self.lower.add(key, loose)

    def actor_mention(self, entry: ActorEntry, span: Span, weak: bool = False) -> Mention:
        """A mention of a gazetteer actor."""
        return Mention(
            span.start, span.end, "Actor", entry.label, entity_key("Actor", entry.label), entry.kind, entry.wikidata,
            _surface(span), weak=weak, eu_level=entry.kind in ("EUInstitution", "Agency") or entry.iri == self.eu_iri,
        )

    def find(self, doc: Doc) -> list[Mention]:
        """All accepted mentions, in text order, with national authorities resolved in context."""
        strings = doc.vocab.strings
        raw = [(strings[m], s, e) for m, s, e in list(self.lower(doc)) + list(self.exact(doc))]
        spans = []
        for label, s, e in raw:
            span = Span(doc, s, e, label=label)
            if span.text.strip():
                spans.append(span)
        spans = self._state_qualified(doc, spans)
        spans = [sp for sp in spans if not (len(sp) == 1 and f"{sp.label_}|{sp[0].lower_}" in self.short_forms and _inside_name(sp)
                                            and not any(o.start < sp.start and o.end >= sp.end for o in spans))]  # "EU Council"
        # "the EU Council": the longer name after the article, not "the EU"
        spans = [sp for sp in spans if not (sp[0].lower_ == "the" and any(o.start == sp.start + 1 and o.end > sp.end for o in spans))]
        # a capitalised one-word alias written in lowercase names the actor only after "the" ("the union"), not as a
        # common noun ("lower house of parliament")
        spans = [sp for sp in filter_spans(spans) if not (len(sp) == 1 and sp[0].text[:1].islower()
                                                          and f"{sp.label_}|{sp[0].lower_}" in self.capitalised
                                                          and not (sp.start > 0 and doc[sp.start - 1].lower_ in ("the", "this")))]
        state_at, acting = self._states(spans)
        spans = self._national_short_forms(spans, acting)
        mentions: list[Mention] = []
        eu_before: ActorEntry | None = None
        prev_state: tuple[Mention, ActorEntry] | None = None
        for span in spans:
            prefix, how, iri = span.label_.split("|", 2)
            root = span.root
            if prefix == "A":
                entry = self.res.actors[iri]
                if entry.kind not in ("State", "Group") and _some_members(span):
                    continue
                if how == "metonym" and not (_agentive(root) or _actor_object(root, self.actor_object_verbs) or self._destination(root)
                                             or _governed_seat(root, self.governing)):
                    continue
                if how in ("metonym", "strong") and _dateline(span):
                    continue  # a dateline ("Warsaw, 7 October 2024", "Luxembourg, 30 June 2022 —"), not the government acting
                if entry.kind == "Group" and span[0].text[:1].isupper() and span.start > span.sent.start and not span[0].is_upper and (
                        span.start > 0 and doc[span.start - 1].text[:1].isupper() and doc[span.start - 1].pos_ != "DET"
                        or span.end < len(doc) and doc[span.end].text[:1].isupper()):
                    continue  # "World Refugee Day": part of a name (not "The Nordic countries" opening a sentence)
                m = self.actor_mention(entry, span, weak=how == "weak")
                if entry.state and entry.state in self.res.actors:
                    m.state_key = entity_key("Actor", self.res.actors[entry.state].label)
                mentions.append(m)
                if entry.kind == "State":
                    prev_state = (m, entry)
                    if entry.eu_member:
                        eu_before = entry
                continue
            if prefix == "T":
                atype = self.res.authority_types[iri]
                state = None
                if prev_state and _adjacent(doc, prev_state[0].end, span.start):
                    state = prev_state[1]  # "Lithuanian border guards", "Poland's government": named explicitly
                elif _of_state(doc, span, state_at) is not None:
                    state = _of_state(doc, span, state_at)  # "Ministry of the Interior of Latvia"
                elif not atype.requires_state:
                    # the acting state: an EU member state named earlier in the sentence, else the document's
                    same_sentence = eu_before if eu_before is not None and prev_state is not None and \
                        prev_state[1] is eu_before and prev_state[0].start >= span.sent.start else None
                    state = same_sentence or acting or eu_before
                if state is None:
                    continue
                specific = self.authority_by_type_state.get((atype.iri, state.iri))
                if specific is not None:
                    m = self.actor_mention(specific, span)
                elif atype.template == "{state}":
                    m = self.actor_mention(state, span)
                    if prev_state and _adjacent(doc, prev_state[0].end, span.start):
                        if prev_state[0] in mentions:
                            mentions.remove(prev_state[0])
                        m.start = prev_state[0].start
                        m.surface = _surface(doc[m.start:m.end])
                else:
                    label = (atype.template or "{state}").format(state=state.label)
                    m = Mention(span.start, span.end, "Actor", label, entity_key("Actor", label), "NationalAuthority", None, _surface(span))
                if m.key != entity_key("Actor", state.label):
                    m.state_key = entity_key("Actor", state.label)
                    if prev_state and _adjacent(doc, prev_state[0].end, span.start):
                        m.surface = _surface(doc[prev_state[0].start:span.end])  # "Polish Ombudsman", "Lithuania's interior ministry"
                mentions.append(m)
                continue
            if prefix == "P":
                p = self.res.principles[iri]
                weak = how == "weak"
                if root.dep_ in ("compound", "amod", "nmod") and root.head.i >= span.end and root.head.pos_ in ("NOUN", "PROPN"):
                    continue  # "Fundamental Rights Officer", "human rights organisations": part of a name
                if len(span) == 1 and root.lemma_.lower() in SUPPORT_NOUNS and (
                        (root.dep_ == "dobj" and root.head.lemma_.lower() in EXPRESSING) or any(c.dep_ == "prep" and c.lower_ == "with" for c in root.children)):
                    continue  # "expressed its solidarity with Minsk": support for an actor, not the legal principle
                if any(e.start <= span.start and span.end <= e.end and len(e) > len(span) and {t.lower_ for t in e} & (self.org_words | self.ngo_heads)
                       for e in doc.ents if e.label_ == "ORG"):
                    continue  # "Helsinki Foundation for Human Rights"
                predicative = False
                if weak:
                    if root.text[:1].isupper() and span.start > span.sent.start:
                        continue  # "Pact on Migration and Asylum": a word of a title
                    if root.pos_ == "ADJ" or root.tag_ == "JJ":
                        predicative = root.dep_ in ("acomp", "conj", "attr", "oprd", "ROOT") or (
                            root.dep_ == "amod" and root.head.lemma_.lower() in self.measure_nouns)
                        if not predicative:
                            continue
                    elif root.dep_ in ("compound", "amod", "nmod") or (root.i + 1 < len(doc) and doc[root.i + 1].pos_ in ("NOUN", "PROPN") and doc[root.i + 1].dep_ != "conj"):
                        continue
                mentions.append(Mention(span.start, span.end, "LegalPrinciple", p.label, entity_key("LegalPrinciple", p.label), None, p.wikidata,
                                        _surface(span), predicative=predicative))
                continue
            if prefix == "I":
                p = self.res.instruments[iri]
                mentions.append(Mention(span.start, span.end, "Fund", p.label, entity_key("Fund", p.label), None, p.wikidata, _surface(span),
                                        provided_by=p.provided_by))
        mentions = self._sub_bodies(doc, mentions)
        mentions.extend(m for m in self._organisations(doc, mentions) if _well_formed(m.label))
        mentions.extend(m for m in self._persons(doc, mentions) if _well_formed(m.label))
        mentions.extend(m for m in self._named_speakers(doc, mentions) if _well_formed(m.label))
        mentions = self._full_names(mentions)
        mentions.extend(self._principle_phrases(doc, mentions))
        mentions.extend(self._signatories(doc, mentions))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _signatories(self, doc: Doc, known: list[Mention]) -> list[Mention]:
        """The bodies that sign a joint text together, as one group wherever the text names them so ("We, the
        undersigned organisations", "The signatories also urge X"): the voice of a co-signed text."""
        wanted = {doc.vocab.strings[word] for word in self.cosigning}
        if not wanted & set(doc.to_array([LOWER, LEMMA]).ravel().tolist()):
            return []  # (a check on the token arrays: `doc.text` joins every token)
        taken = {i for m in known for i in range(m.start, m.end)}
        out = []
        for tok in doc:
            if tok.lemma_.lower() not in self.cosigning and tok.lower_ not in self.cosigning or tok.i in taken:
                continue
            head = tok.head if tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN" and tok.head.i > tok.i else tok
            if head.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            start = min(tok.i, head.i)
            span = doc[start:head.i + 1]
            if any(i in taken for i in range(span.start, span.end)):
                continue
            out.append(Mention(span.start, span.end, "Actor", SIGNATORIES, entity_key("Actor", SIGNATORIES), "Group", None, _surface(span)))
            taken.update(range(span.start, span.end))
        return out

    def _principle_phrases(self, doc: Doc, known: list[Mention]) -> list[Mention]:
        """Principles the lexicon does not list, by the head-noun patterns of patterns.json's `principle_patterns`
        ("the right to family life", "the principle of legality", "international humanitarian law"), named by the
        phrase as written (lowercase, without its article)."""
        taken = {i for m in known for i in range(m.start, m.end)}
        spans = filter_spans([Span(doc, s, e) for _, s, e in self.principle_matcher(doc)])
        out = []
        for span in spans:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if span.root.dep_ in ("compound",) and span.root.head.i >= span.end:
                continue  # "human rights law firm": part of a longer name
            label = " ".join(span.text.lower().split())
            out.append(Mention(span.start, span.end, "LegalPrinciple", label, entity_key("LegalPrinciple", label), None, None, _surface(span)))
        return out

    def _destination(self, tok: Token) -> bool:
        """'sent a team of experts to Vilnius': the capital a deployment of staff goes to stands for its state."""
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ != "to" or prep.dep_ not in ("prep", "dative"):
            return False
        verb = next((a for a in prep.ancestors if a.pos_ == "VERB"), None)
        if verb is None or verb.lemma_.lower() not in self.deployment_verbs:
            return False
        return any(c.dep_ == "dobj" and (c.lemma_.lower() in self.personnel_nouns or any(
            p.lemma_.lower() in self.personnel_nouns for q in c.children if q.dep_ == "prep" and q.lower_ == "of" for p in q.children))
            for c in verb.children)

    def _state_qualified(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Authority words that name a national authority only next to a state: "the Latvian parliament", "Lithuania's
        parliament", "the parliament of Estonia" win over the same words alone (the European Parliament); without a
        state they name nothing here."""
        state_ends = {sp.end for sp in spans if sp.label_.startswith("A|") and self.res.actors[sp.label_.split("|", 2)[2]].kind == "State"}
        state_starts = {sp.start for sp in spans if sp.label_.startswith("A|") and self.res.actors[sp.label_.split("|", 2)[2]].kind == "State"}
        kept: list[Span] = []
        for sp in spans:
            if not sp.label_.startswith("T|qualified|"):
                continue
            after = sp.start > 0 and (sp.start in state_ends or (sp.start - 1 in state_ends and doc[sp.start - 1].tag_ == "POS"))
            of = sp.end + 1 < len(doc) and doc[sp.end].lower_ == "of" and (
                sp.end + 1 in state_starts or (doc[sp.end + 1].lower_ == "the" and sp.end + 2 in state_starts))
            if after or of:
                kept.append(sp)
        taken = {(sp.start, sp.end) for sp in kept}
        return kept + [sp for sp in spans if not sp.label_.startswith("T|qualified|") and (sp.start, sp.end) not in taken]

    def _national_short_forms(self, spans: list[Span], acting: ActorEntry | None) -> list[Span]:
        """'Parliament adopted amendments' in a Finnish press release is the Finnish parliament, 'the Council of Ministers'
        of a Polish text the Polish government: an alias that is also an authority type's state-qualified word names the
        EU body only where the text names that body otherwise too ('the European Parliament', 'MEPs'); else it names the
        acting state's authority of that type."""
        if acting is None:
            return spans
        def words(sp: Span) -> str:
            return " ".join(t.lower_ for t in sp if t.lower_ != "the")

        named = {sp.label_ for sp in spans if words(sp) not in self.qualified_words}
        out = []
        for sp in spans:
            prefix, _, iri = sp.label_.split("|", 2)
            atype = self.qualified_words.get(words(sp)) if prefix == "A" else None
            if atype and sp.label_ not in named and self.res.actors[iri].kind != "State":
                national = self.authority_by_type_state.get((atype, acting.iri))
                # the state's own authority if the gazetteer has it (Eduskunta), else the type's template ("Government of X")
                sp = Span(sp.doc, sp.start, sp.end, label=f"A|strong|{national.iri}" if national else f"T|strong|{atype}")
            out.append(sp)
        return out

    def _states(self, spans: list[Span]) -> tuple[dict[int, ActorEntry], ActorEntry | None]:
        """State mentions by start token, and the document's acting state: the EU member state named most often
        (as a subject or possessor counting double)."""
        state_at: dict[int, ActorEntry] = {}
        weight: dict[str, int] = {}
        for span in spans:
            prefix, _, iri = span.label_.split("|", 2)
            if prefix != "A":
                continue
            entry = self.res.actors[iri]
            if entry.kind != "State":
                continue
            state_at[span.start] = entry
            if entry.eu_member:
                weight[iri] = weight.get(iri, 0) + (2 if span.root.dep_ in ("nsubj", "nsubjpass", "poss") else 1)
        acting = max(weight, key=lambda k: weight[k]) if weight else None
        return state_at, (self.res.actors[acting] if acting else None)

    def _persons(self, doc: Doc, known: list[Mention]) -> list[Mention]:
        """spaCy PERSON entities: a full name is a Person; a lone surname is the person named in full before,
        or, after a title ("Commissioner Brunner"), a Person of its own."""
        taken = set()
        for m in known:
            taken.update(range(m.start, m.end))
        out: list[Mention] = []
        by_surname: dict[str, Mention] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or _heading(ent):
                continue
            toks = [t for t in ent if not (t.tag_ == "POS" or t.is_punct)]
            while len(toks) >= 3 and toks[0].i > 0 and doc[toks[0].i - 1].lower_ in TITLE_LINKS:
                toks = toks[1:]  # "Commissioner for Internal Affairs and | Migration Teodora Lindqvist": the title's last word
            if not toks or any(t.i in taken for t in toks) or not all(t.is_alpha and t.text[:1].isupper() for t in toks):
                continue
            if {t.lower_ for t in toks} & (self.org_words | self.ngo_heads | self.body_heads | self.body_nouns) or len(toks) > 4:
                continue  # ("said Migrant Rights Forum": a body the tagger took for a person)
            start, end = toks[0].i, toks[-1].i + 1
            name = " ".join(t.text for t in toks)
            if len(toks) >= 2:
                m = Mention(start, end, "Actor", name, entity_key("Actor", name), "Person", None, name)
                by_surname[toks[-1].text] = m
            elif toks[0].text in by_surname:
                full = by_surname[toks[0].text]
                m = Mention(start, end, "Actor", full.label, full.key, "Person", None, name)
            elif start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ in self.titles:
                label = f"{doc[start - 1].text} {name}"
                m = Mention(start - 1, end, "Actor", label, entity_key("Actor", label), "Person", None, label)
                by_surname[name] = m
            else:
                continue
            out.append(m)
            taken.update(range(m.start, m.end))
        return out

    def _named_speakers(self, doc: Doc, known: list[Mention]) -> list[Mention]:
        """Names the NER missed that a sentence gives a role or a voice: two or three capitalised words in apposition
        to a role noun ("The parliamentary secretary of the Ministry, Edgars Bērziņš, said", "Kaur Tammsalu, deputy
        secretary-general for internal security, said") or speaking ("said Liisa Vahtra")."""
        taken = {i for m in known for i in range(m.start, m.end)}
        out: list[Mention] = []
        run: list[Token] = []
        proper = [doc[i] for i, pos in enumerate(doc.to_array([POS]).tolist()) if pos == PROPN]  # the rest are never names
        for tok in [*proper, None]:
            if tok is not None and run and tok.i != run[-1].i + 1:
                self._speaker_run(doc, run, taken, out)
                run = []
            if tok is not None and tok.i not in taken and tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper \
                    and tok.lower_ not in self.role_nouns and tok.lower_ not in self.titles:
                run.append(tok)
                continue
            self._speaker_run(doc, run, taken, out)
            run = []
        return out

    def _speaker_run(self, doc: Doc, run: list[Token], taken: set[int], out: list[Mention]) -> None:
        """A run of capitalised proper nouns that is a person's name, added to `out`."""
        if 2 <= len(run) <= 3 and not (run[0].is_sent_start and run[0].is_stop) \
                and not {t.lower_ for t in run} & (self.org_words | self.ngo_heads | self.body_heads | self.body_nouns | self.company_words
                                                   | self.non_actor_words | self.governing) \
                and self._speaks_or_has_role(doc, run):  # ("Migrant Rights Forum said", "Karelia News reported": bodies)
            name = " ".join(t.text for t in run)
            out.append(Mention(run[0].i, run[-1].i + 1, "Actor", name, entity_key("Actor", name), "Person", None, name))
            taken.update(t.i for t in run)

    def _full_names(self, mentions: list[Mention]) -> list[Mention]:
        """A person named later by title and surname ("Mr Zeltiņš", "Minister Liepiņš") is the person named in full."""
        full = {m.label.split()[-1]: m for m in mentions if m.subclass == "Person" and len(m.label.split()) >= 2
                and m.label.split()[0].lower() not in self.titles}
        out = []
        for m in mentions:
            words = m.label.split()
            named = full.get(words[-1]) if m.subclass == "Person" and (len(words) == 1 or words[0].lower() in self.titles) else None
            out.append(replace(m, label=named.label, key=named.key) if named is not None and named is not m else m)
        return out

    def _speaks_or_has_role(self, doc: Doc, run: list[Token]) -> bool:
        before = doc[run[0].i - 1] if run[0].i > 0 else None
        head = next((t for t in run if t.head not in run or t.head is t), run[-1])
        if head.dep_ in ("nsubj",) and head.head.lemma_.lower() in self.reporting:
            return True  # "Liisa Vahtra said"
        if before is not None and before.lemma_.lower() in self.reporting and before.dep_ != "nsubj" and head.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos"):
            return True  # "said Kaur Tammsalu"
        return self._has_role(doc, run)

    def _has_role(self, doc: Doc, run: list[Token]) -> bool:
        """A name in apposition to a person's role ("Kaur Tammsalu, deputy secretary-general", "the secretary, X")."""
        before = doc[run[0].i - 1] if run[0].i > 0 else None
        after = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
        head = next((t for t in run if t.head not in run or t.head is t), run[-1])
        roles = [c for c in head.children if c.dep_ == "appos"] + ([head.head] if head.dep_ == "appos" else [])
        if any(r.lemma_.lower() in self.role_nouns for r in roles):
            return True  # "Kaur Tammsalu, deputy secretary-general", "the secretary, Edgars Bērziņš"
        # the parser's other reading: a role noun phrase, a comma, the name, a comma
        if before is not None and before.text == "," and after is not None and after.text in (",", "said"):
            prev = next((t for t in reversed(list(doc[max(0, run[0].i - 12):run[0].i - 1])) if t.pos_ == "NOUN"), None)
            return prev is not None and prev.lemma_.lower() in self.role_nouns and prev.i >= run[0].i - 6 or (
                after.text == "," and run[-1].i + 2 < len(doc) and doc[run[-1].i + 2].lemma_.lower() in self.role_nouns)
        return False

    def _sub_bodies(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A body whose name holds another's: an office or committee named with the body it belongs to ("the Council
        of Europe Commissioner for Human Rights", "the Seimas Committee on National Security and Defence", "the Sejm's
        Administration and Internal Affairs Committee", "the Committee of Ministers of the Council of Europe"). The
        whole name is the actor (it speaks and acts, not its parent), the parent's name inside it none."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out: list[Mention] = []
        for m in mentions:
            if m.kind != "Actor" or m.subclass in (None, "State", "Group", "Person"):
                out.append(m)
                continue
            after = m.end + (1 if m.end < len(doc) and doc[m.end].tag_ == "POS" else 0)
            run = self._body_run(doc, after, taken)
            if run is not None:
                parent = _surface(doc[m.start:m.end])
                label = f"{parent} {run.text}"
                out.append(replace(m, end=run.end, label=label, key=entity_key("Actor", label), wikidata=None,
                                   surface=_surface(doc[m.start:run.end]), state_key=None))
                continue
            before = m.start - (2 if m.start >= 2 and doc[m.start - 1].lower_ == "the" and doc[m.start - 2].lower_ == "of" else
                                1 if m.start >= 1 and doc[m.start - 1].lower_ == "of" else m.start + 1)
            run = self._body_run_ending(doc, before, taken)
            if run is not None:
                label = " ".join(doc[run.start:m.end].text.split())
                out.append(replace(m, start=run.start, label=label, key=entity_key("Actor", label), wikidata=None,
                                   surface=_surface(doc[run.start:m.end]), state_key=None))
                continue
            out.append(m)
        return out

    def _body_run(self, doc: Doc, start: int, taken: set[int]) -> Span | None:
        """Capitalised words from `start` that end a body's name: one of them an office or committee word, then its
        own 'for', 'on' or 'of' phrase ("Commissioner for Human Rights", "Committee on National Security and Defence")."""
        end = start
        headed = holder = False
        while end < len(doc) and end not in taken:
            tok = doc[end]
            if tok.ent_type_ == "PERSON" or (end > start and doc[end - 1].lower_ in self.sub_body_heads and tok.text[:1].isupper()):
                holder = True  # "the Frontex Fundamental Rights Officer Jonas Grimheden": the holder's name follows the office
                break
            if tok.text[:1].isupper() and tok.is_alpha or tok.text == "-" and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
                headed = headed or tok.lower_ in self.sub_body_heads
                end += 1
            elif end > start and (tok.lower_ in ("for", "on", "of", "and") or tok.text == "," and any(t.lower_ in ("for", "on") for t in doc[start:end])) \
                    and end + 1 < len(doc) and doc[end + 1].text[:1].isupper() and end + 1 not in taken:
                # (a comma only inside the remit a name opens with 'for' or 'on': "Committee on Civil Liberties, Justice and ...")
                end += 1
            else:
                break
        if not headed or end == start or (not holder and end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN"):
            return None  # (a run cut inside a longer name, "... for Human Rights Michael O'Flaherty", names no body)
        return doc[start:end]

    def _body_run_ending(self, doc: Doc, end: int, taken: set[int]) -> Span | None:
        """Capitalised words ending at `end` that open with an office or committee word ("Committee of Ministers" in
        "the Committee of Ministers of the Council of Europe")."""
        if end <= 0 or end > len(doc) or end - 1 in taken or not doc[end - 1].text[:1].isupper():
            return None
        start = end
        while start > 0 and start - 1 not in taken and (doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha
                                                        or doc[start - 1].lower_ in ("for", "on", "of", "and")):
            start -= 1
        while start < end and (not doc[start].text[:1].isupper() or doc[start].is_stop):
            start += 1  # "The Committee of Ministers": the article is no part of the name
        if start == end or doc[start].lower_ not in self.sub_body_heads:
            return None
        return doc[start:end]

    def _organisations(self, doc: Doc, known: list[Mention]) -> list[Mention]:
        """spaCy ORG entities the gazetteer does not know, kept when they look like organisations."""
        taken = set()
        for m in known:
            taken.update(range(m.start, m.end))
        out = []
        names: list[str] = []
        opened: set[int] = set()  # names a national adjective opens
        for ent in doc.ents:
            if ent.label_ != "ORG" or _heading(ent):
                continue
            span = ent
            while len(span) and span[0].lower_ in ("the", "a", "an") or (len(span) and span[0].is_punct):
                span = span[1:]
            while len(span) and (span[-1].is_punct or span[-1].tag_ == "POS"):
                span = span[:-1]
            if len(span):
                span = _whole_name(span)
            if len(span) > 1 and span[0].i in taken and {t.lower_ for t in span[1:]} & self.ngo_heads and span[1].text[:1].isupper():
                # "the Finnish Red Cross", "the Danish Refugee Council": a national adjective opens the organisation's
                # name (and its head word is not the EU institution of the same one-word name)
                inside = [m for m in known if span.start <= m.start and m.end <= span.end]
                demonym = next((m for m in inside if m.start == span[0].i and m.end == span[0].i + 1 and m.subclass == "State"), None)
                rest = [m for m in inside if m is not demonym]
                covered = {i for m in inside for i in range(m.start, m.end)}
                if demonym is not None and span[0].pos_ in ("ADJ", "PROPN") and all(i in covered for t in span if (i := t.i) in taken) \
                        and all(m.end - m.start == 1 and m.subclass in ("EUInstitution", "InternationalOrganisation") for m in rest):
                    for m in inside:
                        known.remove(m)
                        taken.difference_update(range(m.start, m.end))
                    opened.add(span.start)
            if not len(span) or any(t.i in taken for t in span) or len(span) > 12:
                continue
            if len(span) == 1 and (named := _named_before(span, known)) is not None:
                # "The Court held that ...": the head word of an actor named before in full ("the Court of Justice")
                out.append(replace(named, start=span.start, end=span.end, surface=span.text))
                taken.add(span.start)
                continue
            if span.start >= 2 and doc[span.start - 1].text == "(" and _dateline(doc[span.start - 2: span.start - 1]):
                continue  # the news agency of a dateline ("OSLO (Reuters) —")
            if len(span) == 1 and (span.text.casefold() in CURRENCIES or span.text.upper() in CURRENCY_CODES):
                continue  # "EUR 20 million will go to X": the tagger takes a currency code opening a sentence for a body
            words = {t.lower_ for t in span}
            head = _name_head(span)
            if head.lower_ in self.ngo_heads | self.org_words:
                words -= self.non_actor_words  # "Centre for Asylum Law": a centre, whatever its name is about
            if any(t.like_num for t in span) or words & self.non_actor_words or not span[0].is_title and not span[0].is_upper:
                continue
            if not words & (self.org_words | self.company_words | self.ngo_heads | self.body_heads) and self._has_role(doc, list(span)):
                continue  # "Edgars Bērziņš, the parliamentary secretary": a person the tagger took for a body
            acronym = len(span) == 1 and span[0].is_upper and 2 <= len(span[0].text) <= 6
            # a name the NER calls an organisation is an actor where the text has it act or be acted on: a company,
            # an airline, a committee ("Belavia", "Centrkurort") as subject, agent, or the one sanctions are aimed at
            acting = _agentive(span.root) or _targeted(span.root)
            if not (words & self.org_words or words & self.company_words or (acronym and _agentive(span.root)) or (words & self.ngo_heads and span.start in opened)
                    or (len(span) > 1 and head.lower_ in self.ngo_heads | self.body_heads)
                    or (acting and len(span) <= 4 and span.root.pos_ == "PROPN")):
                continue
            name = " ".join(span.text.split())
            full = next((n for n in names if n.startswith(name + " ")), None)  # "Helsinki Foundation" after "... for Human Rights"
            label = full or name
            names.append(label)
            out.append(Mention(span.start, span.end, "Actor", label, entity_key("Actor", label), "Organisation", None, name))
            taken.update(range(span.start, span.end))
        out.extend(self._unrecognised_names(doc, taken))
        out = _with_acronyms(doc, out, taken)
        # the same name again where the NER missed it ("The Border Rights Coalition calls on:")
        seqs = {tuple(m.surface.split()): m for m in out if len(m.surface.split()) >= 2}
        if seqs:
            firsts = {k[0] for k in seqs}
            for tok in doc:
                if tok.text not in firsts or tok.i in taken:
                    continue
                for words, m in seqs.items():
                    end = tok.i + len(words)
                    if end <= len(doc) and tuple(t.text for t in doc[tok.i:end]) == words and not any(i in taken for i in range(tok.i, end)):
                        out.append(Mention(tok.i, end, "Actor", m.label, m.key, "Organisation", None, m.surface))
                        taken.update(range(tok.i, end))
                        break
            out.sort(key=lambda m: m.start)
        return out


    def _unrecognised_names(self, doc: Doc, taken: set[int]) -> list[Mention]:
        """Capitalised names the NER missed whose head word names a body ("Lumen Medical Aid", "Centre for Migrant Legal
        Aid"): three or more capitalised words, or two joined by 'for', 'of' or 'on', the last a body's head word. Two
        capitalised words alone ("Press Office", "Registration Centre") are too often a common name."""
        out = []
        run: list[Token] = []

        def capital(tok: Token) -> bool:
            return tok.is_alpha and tok.text[:1].isupper() and tok.i not in taken and tok.ent_type_ in ("", "ORG") \
                and (not tok.is_sent_start or (tok.pos_ == "PROPN" and not tok.is_stop))

        for tok in [*doc, None]:
            if tok is not None and (capital(tok) or (run and tok.lower_ in ("for", "of", "on") and tok.i + 1 < len(doc) and capital(doc[tok.i + 1]))):
                run.append(tok)
                continue
            while run and run[0].is_stop:
                run = run[1:]
            words = [t for t in run if t.text[:1].isupper()]
            linked = len(words) < len(run)
            if run and (len(words) >= 3 or (len(words) == 2 and linked)) and run[-1].lower_ in self.ngo_heads | self.body_heads \
                    and not ({t.lower_ for t in run} & self.non_actor_words):
                span = doc[run[0].i:run[-1].i + 1]
                name = " ".join(span.text.split())
                out.append(Mention(span.start, span.end, "Actor", name, entity_key("Actor", name), "Organisation", None, name))
                taken.update(range(span.start, span.end))
            run = []
        return out


def _name_head(span: Span) -> Token:
    """The head word of a name: the last word before its first 'for', 'of' or 'on' ("Centre for Asylum Law"), else its
    last word."""
    for t in span[1:]:
        if t.lower_ in ("for", "of", "on"):
            return span.doc[t.i - 1]
    return span[-1]


def _with_acronyms(doc: Doc, found: list[Mention], taken: set[int]) -> list[Mention]:
    """'The Centre for Asylum Law and Advocacy (CALA)': the acronym in brackets after a name is that body wherever it
    stands (and replaces what the NER made of it alone)."""
    short: dict[str, Mention] = {}
    for m in found:
        if m.end + 2 < len(doc) and doc[m.end].text == "(" and doc[m.end + 2].text == ")":
            acr = doc[m.end + 1]
            if acr.is_upper and acr.is_alpha and 2 <= len(acr.text) <= 8 and m.end - m.start >= 2:
                short[acr.text] = m
    if not short:
        return found
    out = [m for m in found if not (m.end - m.start == 1 and doc[m.start].text in short)]
    taken.difference_update(i for m in found if m not in out for i in range(m.start, m.end))
    for tok in doc:
        m = short.get(tok.text)
        if m is not None and tok.i not in taken:
            out.append(Mention(tok.i, tok.i + 1, "Actor", m.label, m.key, "Organisation", None, tok.text))
            taken.add(tok.i)
    out.sort(key=lambda m: m.start)
    return out


EXPRESSING = {"express", "show", "voice", "declare", "pledge", "offer", "reaffirm", "demonstrate", "extend"}


def _named_before(span: Span, known: list[Mention]) -> Mention | None:
    """The last actor before a one-word capitalised name whose full name has that word ('Court' after 'the Court of
    Justice of the European Union' or 'the European Court of Human Rights')."""
    word = span[0].text
    if not word[:1].isupper() or span[0].is_upper:
        return None
    return next((m for m in reversed(known) if m.end <= span.start and m.kind == "Actor" and len(m.surface.split()) > 1
                 and (word in m.surface.split() or word in m.label.split())), None)


def _surface(span: Span) -> str:
    toks = list(span)
    while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
        toks.pop()
    return "".join(t.text_with_ws for t in toks).strip() or span.text


SIGNATORIES = "signatory organisations"  # the one group a co-signed text speaks for
NAME_LINKS = {"of", "for", "on", "at", "the", "and", "&"}


def _heading(ent: Span) -> bool:
    """A name on a line in capitals ('KEY TERMS', 'ISSN 1977-0677') or a short line of page furniture
    ('Download PDF'): a heading, not an actor of the text."""
    sent = ent.sent
    letters = [c for c in sent.text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    words = [t for t in sent if t.is_alpha]
    return len(words) <= 3 and not any(t.pos_ in ("VERB", "AUX") for t in sent) and "\n" in sent.text_with_ws


def _well_formed(name: str) -> bool:
    """A name the NER found is no name when it opens a bracket it does not close ("Kristjan Vaher (Committee on
    Budgets") or holds a navigation separator ("Home › Summaries")."""
    return name.count("(") == name.count(")") and not any(sep in name for sep in NAVIGATION_SEPARATORS)


def _whole_name(span: Span) -> Span:
    """An organisation's name where the NER cut it at a comma or a preposition: 'Committee on Civil Liberties' +
    ', Justice and Home Affairs'; 'Protection' + ' at the ' + 'Borders Alliance'. Capitalised words joined by
    commas, 'and' or the small words of names continue a name that has such a small word in it."""
    doc = span.doc
    start, end = span.start, span.end
    # leftwards: "Protection at the | Borders Alliance"
    j = start - 1
    while j >= 0 and doc[j].lower_ in NAME_LINKS - {"and", "&"} and j > span.sent.start:
        j -= 1
    if j < start - 1 and j >= span.sent.start and doc[j].text[:1].isupper() and doc[j].is_alpha and doc[j].ent_type_ in ("ORG", ""):
        k = j
        while k - 1 >= span.sent.start and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha and doc[k - 1].i > span.sent.start:
            k -= 1
        start = k
    # rightwards: "Committee on Civil Liberties | , Justice and Home Affairs" (only a name with a small word in it)
    if any(t.lower_ in ("on", "for", "of") for t in doc[start:end]):
        j, last, joined = end, end, False
        while j < span.sent.end:
            t = doc[j]
            if t.text == "," or t.lower_ in ("and", "&"):
                joined = joined or t.lower_ in ("and", "&")
                j += 1
                continue
            if t.text[:1].isupper() and t.is_alpha:
                j += 1
                last = j
                continue
            break
        if joined and last > end and doc[last - 1].lower_ not in ("and", ","):
            end = last
    return doc[start:end]


def _targeted(tok: Token) -> bool:
    """The object of a preposition of aim or cooperation ("sanctions on Belavia", "against X", "with X"), or a
    listed name after 'including' or 'such as'."""
    if tok.dep_ == "conj":
        return _targeted(tok.head)
    return tok.dep_ == "pobj" and tok.head.lower_ in ("on", "against", "with", "including", "targeting") or tok.dep_ == "appos"


def _agentive(tok: Token) -> bool:
    if tok.dep_ in ("nsubj", "nsubjpass", "poss", "ROOT", "appos"):
        return True
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.pos_ == "NOUN" and tok.head.head.lemma_.lower() in NOMINAL_ACTS:
        return True  # "attempts by Minsk", "the decision by Vilnius"
    if tok.dep_ == "conj":
        return _agentive(tok.head)
    return False


def _governed_seat(tok: Token, governing: frozenset[str]) -> bool:
    """A seat named after a governing noun (lx:governing-nouns: "the authorities in Minsk and Moscow", "the government
    in Warsaw") names who governs there."""
    if tok.dep_ == "conj":
        return _governed_seat(tok.head, governing)
    return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "of") and tok.head.head.lemma_.lower() in governing


def _actor_object(tok: Token, verbs: set[str]) -> bool:
    """The object of a verb that relates two actors: 'has backed Helsinki', 'sided with Vilnius', 'stands behind Warsaw'."""
    if tok.dep_ == "conj":
        return _actor_object(tok.head, verbs)
    if tok.dep_ == "dobj":
        return tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in verbs
    if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "to", "with") and tok.head.head.lemma_.lower() in SUPPORT_NOUNS:
        return True  # "voiced support for Warsaw", "solidarity with Vilnius"
    if tok.dep_ == "pobj" and tok.head.lower_ in ("for", "to", "with") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in SUPPORT_NOUNS for c in tok.head.head.children):
        return True  # "expressed its solidarity with Minsk": the parser hangs 'with' on the verb
    if tok.dep_ == "pobj" and tok.head.lower_ in ("with", "behind", "by"):
        verb = tok.head.head
        return verb.pos_ == "VERB" and verb.lemma_.lower() in verbs
    return False


SOME = {"some", "several", "many", "few", "most", "two", "three", "certain", "individual"}


def _some_members(span: Span) -> bool:
    """'Left-wing MEPs', 'several MEPs', 'Polish MEPs': a qualified plural of an institution's members is some of them,
    not the institution."""
    root = span.root
    return root.tag_ in ("NNS", "NNPS") and any(
        c.i < span.start and (c.dep_ in ("amod", "nummod") or (c.dep_ == "compound" and c.is_lower) or c.lower_ in SOME)
        for c in root.children)


def _dateline(span: Span) -> bool:
    """A place opening a news item: "Warsaw, 7 October 2024", "HELSINKI (AP) —", "OSLO, Nov 28 (Reuters) -"."""
    doc = span.doc
    line_start = span.start == span.sent.start or (span.start > 0 and "\n" in doc[span.start - 1].text + doc[span.start - 1].whitespace_)
    if not line_start or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if nxt.text == "," and any(t.ent_type_ == "DATE" for t in doc[span.end + 1: span.end + 4]):
        return True
    return span.text.isupper() and nxt.text in (",", "(", "—", "–", "-")


def _inside_name(span: Span) -> bool:
    """A word that is part of a longer capitalised name: "Nordic Alliance", "African Union", "Alliance for Refugees"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text[:1].isupper() and before.is_alpha and before.pos_ != "DET" and "\n" not in before.whitespace_:
        return True
    after = doc[span.end: span.end + 3]
    return len(after) >= 2 and after[0].lower_ in ("for", "of", "on") and (after[1].text[:1].isupper() and after[1].pos_ != "DET"
                                                                        or (len(after) == 3 and after[1].lower_ == "the" and after[2].text[:1].isupper()))


def _adjacent(doc: Doc, end: int, start: int) -> bool:
    if end == start:
        return True
    return end + 1 == start and doc[end].tag_ == "POS"


def _of_state(doc: Doc, span: Span, state_at: dict[int, ActorEntry]) -> ActorEntry | None:
    """The state in "<authority> of <State>" ("Ministry of the Interior of Latvia", "Government of Poland")."""
    i = span.end
    if i < len(doc) and doc[i].lower_ == "of":
        i += 1
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        return state_at.get(i)
    return None
