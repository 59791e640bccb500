"""`kg explain`: each sentence's frames and, for every frame rule, whether it fired and why.

A user asks it why an edge exists or is missing; a developer reads it before changing a rule.
"""

from __future__ import annotations

from kg.extract.frames import Frame
from kg.extract.pipeline import RuleTrace, prepare
from kg.model import Document, Extraction


def explain(document: Document, sentence: int | None = None) -> str:
    """A plain-text report of the document (or of its sentence number `sentence`, counted from 1)."""
    from kg.extract import load_pipeline

    extractor = load_pipeline()
    doc = extractor.nlp(prepare(document.body, extractor.paragraph_words))
    trace: list[RuleTrace] = []
    extraction = extractor.process(document, doc, trace=trace)
    sentences = [s for s in doc.sents if any(c.isalpha() for c in s.text)]
    if sentence is not None and not 1 <= sentence <= len(sentences):
        from kg.errors import UsageError

        raise UsageError(f"{document.path} has {len(sentences)} sentences; --sentence must be between 1 and {len(sentences)}")
    reader = extractor.frame_reader
    lines: list[str] = []
    for number, sent in enumerate(sentences, 1):
        if sentence is not None and number != sentence:
            continue
        lines.append(f"[{number}] {' '.join(sent.text.split())}")
        for frame in reader.frames(sent):
            lines.append("  " + describe(frame, doc))
            for t in (t for t in trace if t.sentence == number and t.frame.trigger == frame.trigger):
                lines.append(f"      {'FIRED ' if t.fired else 'no    '} {t.rule}: {t.why}")
        lines.extend("  => " + line for line in _stated_in(extraction, sent.start_char, sent.end_char))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def describe(frame: Frame, doc: object) -> str:
    """One line for a frame: trigger, form, voice, stance and roles."""
    def words(heads: tuple[int, ...]) -> str:
        return ", ".join(doc[i].text for i in heads)  # type: ignore[index]

    stance = [frame.modality] + list(frame.marks) + (["prohibited"] if frame.prohibited else []) + (
        ["hypothetical"] if frame.hypothetical else [])
    roles = "; ".join(f"{name}={words(heads)}" for name, heads in frame.roles)
    speaker = f" speaker={doc[frame.speaker].text}" if frame.speaker is not None else ""  # type: ignore[index]
    return f"{doc[frame.trigger].text} ({frame.lemma}, {frame.form}, {frame.voice}; {', '.join(stance)}{speaker}) {roles}"  # type: ignore[index]


def _stated_in(extraction: Extraction, start: int, end: int) -> list[str]:
    """The measures and relations whose evidence is this sentence."""
    labels = {e.key: e.label for e in extraction.entities}
    out = []
    for e in extraction.entities:
        if e.kind == "Measure" and e.evidence is not None and start <= e.evidence.start < end:
            marks = f" [{', '.join(sorted(e.marks))}]" if e.marks else ""
            out.append(f"measure '{e.label}' ({e.status}){marks}")
    for r in extraction.relations:
        if start <= r.evidence.start < end:
            claim = f" [claim: {', '.join(r.evidence.marks)}, not asserted]" if r.evidence.marks else ""
            out.append(f"{labels.get(r.subject, r.subject)} --{r.predicate}--> {labels.get(r.object, r.object)}  ({r.evidence.rule}){claim}")
    return out
