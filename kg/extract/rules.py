"""Frame-to-graph rules: named, versioned entries of ontology/rules/frame-rules.json, validated when they load.

A rule says which frames it reads (trigger classes from the lexicon, predicate forms, a role that must be filled
by a word of a class), where its subject and object sit (an ordered list of roles, and the entity kinds allowed
there) and which relation it emits. Where two rules would emit different relations between the same two things
from the same predicate, the higher priority wins, so the order rules are listed in never decides.

How firmly the sentence states the frame is not a rule's business: `stance_of` decides it in one place for
every rule (negated and asked statements emit nothing; hedged and conditional ones are kept as marked claims).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.extract.frames import Frame

SCHEMA_FILE = "frame-rules.schema.json"
RULES_FILE = "frame-rules.json"


class RuleError(KgError):
    """A rule file is malformed: one message naming the file and the entry."""

    exit_code = 2


@dataclass(frozen=True)
class RoleSpec:
    """Where a rule looks for one end of its relation."""

    roles: tuple[str, ...]  # tried in order; the first that yields an entity of an allowed kind wins
    kinds: frozenset[str]  # Actor, LegalPrinciple, Measure, or actor subclasses (State, Group ...)
    outside_eu: bool = False  # only actors outside the EU (third states and their authorities)
    resolve: bool = False  # pronouns and definite descriptions ("it", "the agency") resolved from context
    narrow_to_examples: bool = False  # "may affect fundamental rights, such as the right to asylum": the examples
    names_measures: bool = False  # each noun phrase of the role that is no measure yet names one ("funded cameras, drones and X")


@dataclass(frozen=True)
class FrameRule:
    """One registered rule."""

    id: str
    doc: str
    lemmas: frozenset[str]
    forms: frozenset[str]
    requires: tuple[tuple[str, frozenset[str]], ...]  # (role, words): the role's head must be one of the words
    subject: RoleSpec
    object: RoleSpec
    emit: str
    priority: int
    modalities: frozenset[str] = frozenset()  # only frames stated with one of these modalities (empty: any)
    reads_prohibitions: bool = False  # "X cannot rely on Y as a shield" still tells that X tries to
    reads_conditions: bool = False  # "may derogate provided that the derogation is proportionate": a requirement


@dataclass(frozen=True)
class Stance:
    """What a statement of a frame may become: nothing, a fact, or a claim marked hedged or conditional."""

    emit: bool
    marks: tuple[str, ...]
    why: str


def stance_of(frame: Frame, reads_prohibitions: bool = False, reads_conditions: bool = False) -> Stance:
    """The one place that decides how a frame's statements reach the graph. A rule that reads conditions takes a
    condition as the requirement it states ("provided that the measures are proportionate")."""
    if frame.negated and not (reads_prohibitions and frame.prohibited):
        return Stance(False, ("negated",), "the predicate is negated")
    if frame.question:
        return Stance(False, ("questioned",), "the sentence asks, it does not state")
    if frame.hypothetical and not reads_conditions:
        return Stance(False, ("hypothetical",), "the predicate is the condition of another statement, a supposition")
    marks = tuple(m for m in frame.marks if m == "hedged" or (m == "conditional" and not reads_conditions))
    return Stance(True, marks, "stated as " + (" and ".join(marks) if marks else "a fact"))


class RuleBook:
    """The registered rules, indexed by trigger lemma."""

    def __init__(self, rules: list[FrameRule]) -> None:
        self.rules = sorted(rules, key=lambda r: r.id)
        self.by_lemma: dict[str, list[FrameRule]] = {}
        for rule in self.rules:
            for lemma in rule.lemmas:
                self.by_lemma.setdefault(lemma, []).append(rule)

    def for_lemma(self, lemma: str) -> list[FrameRule]:
        """Rules whose trigger classes hold this lemma, by id."""
        return self.by_lemma.get(lemma, [])

    def conflicts(self) -> list[tuple[str, str]]:
        """Pairs of rules that can read the same frame and emit different relations: their priorities decide."""
        out = []
        for i, a in enumerate(self.rules):
            for b in self.rules[i + 1:]:
                if a.emit != b.emit and a.lemmas & b.lemmas and a.forms & b.forms:
                    out.append((a.id, b.id))
        return out


def form_and_requirements(rule: FrameRule, frame: Frame, lemma_of: Any) -> str | None:
    """Why a rule does not apply to a frame's shape (None when it does). `lemma_of(i)` gives token i's lemma."""
    if frame.form not in rule.forms:
        return f"the predicate is {frame.form}, the rule reads {'/'.join(sorted(rule.forms))}"
    modality = "must" if rule.reads_conditions and frame.hypothetical else frame.modality  # "provided that X respects Y"
    if rule.modalities and modality not in rule.modalities:
        return f"stated as '{modality}', the rule reads {', '.join(sorted(rule.modalities))}"
    for role, words in rule.requires:
        heads = frame.role(role)
        if not any(lemma_of(i) in words for i in heads):
            return f"no {role} among the required words"
    return None


# -- loading -------------------------------------------------------------------------------------


def _schema_errors(data: Any, schema: dict[str, Any], list_key: str, id_key: str) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    out = []
    for err in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(err.absolute_path)
        where = "/".join(str(p) for p in path)
        entry = ""
        if len(path) >= 2 and path[0] == list_key and isinstance(path[1], int):
            item = data[list_key][path[1]]
            entry = f" (rule {item.get(id_key, '#' + str(path[1]))!r})" if isinstance(item, dict) else ""
        out.append(f"{where or 'top level'}{entry}: {err.message}")
    return out


def load_validated(path: Path, schema_path: Path, list_key: str = "rules", id_key: str = "id") -> Any:
    """A JSON data file checked against its schema; any problem is one RuleError naming the file and the entry."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"{path}: the file is missing") from None
    except json.JSONDecodeError as err:
        raise RuleError(f"{path}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    problems = _schema_errors(data, schema, list_key, id_key)
    if problems:
        raise RuleError(f"{path}: {problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    return data


def load_rulebook(directory: Path, word_class: Any) -> RuleBook:
    """Read, validate and compile the rule file; `word_class(name)` gives a lexicon class's words or None."""
    path = directory / RULES_FILE
    data = load_validated(path, directory / SCHEMA_FILE)
    rules = []
    seen: set[str] = set()
    for entry in data["rules"]:
        rid = entry["id"]
        if rid in seen:
            raise RuleError(f"{path}: rule {rid!r} is registered twice")
        seen.add(rid)

        def words(name: str, rid: str = rid) -> frozenset[str]:
            found = word_class(name)
            if found is None:
                raise RuleError(f"{path}: rule {rid!r} names the class {name!r}, which the lexicon does not define")
            return frozenset(found)

        lemmas = frozenset().union(*(words(c) for c in entry["trigger"]["classes"]))
        requires = tuple((q["role"], frozenset().union(*(words(c) for c in q["classes"]))) for q in entry["trigger"].get("requires", []))

        def spec(d: dict[str, Any]) -> RoleSpec:
            return RoleSpec(tuple(d["roles"]), frozenset(d["kinds"]), bool(d.get("outside_eu")), bool(d.get("resolve")),
                            bool(d.get("narrow_to_examples")),
                            bool(d.get("names_measures")))

        rules.append(FrameRule(id=rid, doc=entry["doc"], lemmas=lemmas, forms=frozenset(entry["trigger"]["forms"]), requires=requires,
                               subject=spec(entry["subject"]), object=spec(entry["object"]), emit=entry["emit"],
                               priority=int(entry["priority"]), modalities=frozenset(entry["trigger"].get("modalities", [])),
                               reads_prohibitions=bool(entry.get("reads_prohibitions")),
                               reads_conditions=bool(entry.get("reads_conditions"))))
    return RuleBook(rules)
