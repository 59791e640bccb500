"""Tokenisation repairs before tagging: spaCy splits a prefixed word at its hyphen ("co-financed" as "co", "-",
"financed"), and the parser then reads the prefix as the sentence's verb. The word is joined again, and its lemma
made from its prefix and the lemma of its base, written solid as dictionaries do ("co-funded" -> "cofund",
"re-opened" -> "reopen"), so that the lexicon's words match either spelling."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc


class HyphenPrefixJoiner:
    """Joins "PREFIX - word" (no spaces) into one token, for the prefixes of ontology/patterns.json."""

    def __init__(self, prefixes: Iterable[str]) -> None:
        self.prefixes = frozenset(p.lower() for p in prefixes)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        i = 0
        while i < len(doc) - 2:
            prefix, hyphen, base = doc[i], doc[i + 1], doc[i + 2]
            if prefix.lower_ in self.prefixes and hyphen.text == "-" and not prefix.whitespace_ and not hyphen.whitespace_ \
                    and base.is_alpha and (i == 0 or doc[i - 1].whitespace_ or not doc[i - 1].is_alpha):
                spans.append(doc[i:i + 3])
                i += 3
            else:
                i += 1
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
        return doc


class HyphenPrefixLemmas:
    """Lemmas of joined prefixed words: the prefix and the lemma the base word would have, written solid."""

    def __init__(self, nlp: Language, prefixes: Iterable[str]) -> None:
        self.nlp = nlp
        self.prefixes = frozenset(p.lower() for p in prefixes)

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.nlp.get_pipe("lemmatizer")
        for tok in doc:
            prefix, _, base = tok.lower_.partition("-")
            if not base or prefix not in self.prefixes or not base.isalpha():
                continue
            alone = Doc(self.nlp.vocab, words=[base], pos=[tok.pos_], tags=[tok.tag_])
            tok.lemma_ = prefix + lemmatizer(alone)[0].lemma_
        return doc


@Language.factory("kg_hyphen_prefixes", default_config={"prefixes": []})
def make_joiner(nlp: Language, name: str, prefixes: list[str]) -> HyphenPrefixJoiner:
    return HyphenPrefixJoiner(prefixes)


@Language.factory("kg_hyphen_lemmas", default_config={"prefixes": []})
def make_lemmas(nlp: Language, name: str, prefixes: list[str]) -> HyphenPrefixLemmas:
    return HyphenPrefixLemmas(nlp, prefixes)


def add_to(nlp: Language, prefixes: list[str]) -> None:
    """Put the joiner first and the lemma repair after the lemmatizer, once."""
    if not prefixes or "kg_hyphen_prefixes" in nlp.pipe_names:
        return
    nlp.add_pipe("kg_hyphen_prefixes", first=True, config={"prefixes": prefixes})
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("kg_hyphen_lemmas", after="lemmatizer", config={"prefixes": prefixes})
