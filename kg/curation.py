"""The user's corrections, applied to every build of a corpus: merges, renames and rejections.

Curation belongs to a corpus. A build reads, first match wins:

1. the file given with `kg build --curation FILE`;
2. `curation.ttl` beside the output folder (in its parent: `--out proj/output`
   reads `proj/curation.ttl`), so each project's corrections stay its own;
3. the ontology folder's `curation.ttl` (the old place, still honoured).

The file is the user's, so corrections survive re-runs. Entities are named by
their graph IRIs, e.g. actor:eu-leaders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from kg import vocab as v
from kg.errors import UsageError
from kg.model import Entity, Extraction, Relation
from kg.resources import ontology_file

CUR = "https://w3id.org/policy-kg/curation#"
CURATION_FILE = "curation.ttl"  # beside the output folder, else in the ontology folder

# an entry of the curation file: (kind, what it names); see `describe_entry`
Entry = tuple[str, object]


def curation_path(out_dir: str | os.PathLike[str], given: str | os.PathLike[str] | None = None) -> Path:
    """The curation file a build of `out_dir` reads: `given`, else curation.ttl beside the output folder, else the ontology folder's."""
    if given is not None:
        path = Path(given)
        if not path.is_file():
            raise UsageError(f"--curation {given}: no such file")
        return path
    out = Path(out_dir)
    parent = out.parent if out.name not in ("", ".", "..") else out.resolve().parent  # 'output' → '.', as given
    beside = parent / CURATION_FILE
    return beside if beside.is_file() else ontology_file(CURATION_FILE)


@dataclass(frozen=True)
class Curation:
    """Corrections by entity key ('actor/eu-leaders')."""

    merges: dict[str, str] = field(default_factory=dict)  # from key → into key
    renames: dict[str, str] = field(default_factory=dict)  # key → new label
    rejected: frozenset[str] = frozenset()  # keys never emitted
    rejected_labels: frozenset[str] = frozenset()  # lowercased surface forms never emitted
    rejected_relations: frozenset[tuple[str, str, str]] = frozenset()  # (subject key, predicate, object key)

    def __bool__(self) -> bool:
        return bool(self.merges or self.renames or self.rejected or self.rejected_labels or self.rejected_relations)

    def entries(self) -> list[Entry]:
        """Every entry, in a stable order."""
        return [
            *(("merge", key) for key in sorted(self.merges)),
            *(("rename", key) for key in sorted(self.renames)),
            *(("reject", key) for key in sorted(self.rejected)),
            *(("reject-label", label) for label in sorted(self.rejected_labels)),
            *(("reject-relation", triple) for triple in sorted(self.rejected_relations)),
        ]

    def describe_entry(self, entry: Entry) -> str:
        """An entry as the curation file names it, e.g. 'cur:Merge actor:eu-leaders into actor:european-council'."""
        kind, what = entry
        if kind == "merge":
            return f"cur:Merge {_name(str(what))} into {_name(self.merges[str(what)])}"
        if kind == "rename":
            return f"cur:Rename {_name(str(what))} to \"{self.renames[str(what)]}\""
        if kind == "reject":
            return f"cur:Reject {_name(str(what))}"
        if kind == "reject-label":
            return f"cur:Reject label \"{what}\""
        s, p, o = cast("tuple[str, str, str]", what)
        return f"cur:RejectRelation {_name(s)} kg:{v.RELATIONS[p].rsplit('#', 1)[-1]} {_name(o)}"


def _name(key: str) -> str:
    """'actor/eu-leaders' → 'actor:eu-leaders' (the prefixed IRI a curation file uses); any other IRI in <>."""
    kind, sep, rest = key.partition("/")
    return f"{kind}:{rest}" if sep and "://" not in key else f"<{key}>"


def matched_entries(extraction: Extraction, curation: Curation) -> set[Entry]:
    """The entries of `curation` that name something in `extraction` (before curation): an IRI or label that exists."""
    if not curation:
        return set()
    known: set[str] = set()  # the extraction's keys and every key a merge chain leads them through
    for entity in extraction.entities:
        key = entity.key
        while key not in known:
            known.add(key)
            key = curation.merges.get(key, key)
    resolved = {key: _resolve(key, curation) for key in {e.key for e in extraction.entities} | {k for r in extraction.relations for k in (r.subject, r.object)}}
    labels = {label.lower() for e in extraction.entities for label in (e.label, *e.alt_labels)}
    triples = {(resolved[r.subject], r.predicate, resolved[r.object]) for r in extraction.relations}
    triples |= {(r.subject, r.predicate, r.object) for r in extraction.relations}
    found: set[Entry] = set()
    found.update(("merge", key) for key in curation.merges if key in known)
    found.update(("rename", key) for key in curation.renames if key in known)
    found.update(("reject", key) for key in curation.rejected if key in known)
    found.update(("reject-label", label) for label in curation.rejected_labels if label in labels)
    found.update(("reject-relation", triple) for triple in curation.rejected_relations if triple in triples)
    return found


def _resolve(key: str, curation: Curation) -> str:
    """Where a chain of merges takes `key` (a cycle stops where it would repeat)."""
    seen = set()
    while key in curation.merges and key not in seen:
        seen.add(key)
        key = curation.merges[key]
    return key


def load_curation(path: Path | None = None) -> Curation:
    """Read the curation file (an absent file means no corrections)."""
    import pyoxigraph as ox

    source = path or ontology_file(CURATION_FILE)
    if not source.exists():
        return Curation()
    try:
        triples = list(ox.parse(source.read_bytes(), ox.RdfFormat.TURTLE))
    except SyntaxError as err:
        raise UsageError(f"{source}: not valid Turtle ({err})") from None
    by_subject: dict[object, dict[str, list[object]]] = {}
    for t in triples:
        by_subject.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)

    def one(props: dict[str, list[object]], name: str) -> str | None:
        values = props.get(CUR + name)
        return _key_or_text(values[0]) if values else None

    merges, renames, rejected, labels, relations = {}, {}, set(), set(), set()
    for props in by_subject.values():
        kind = {o.value for o in props.get(v.TYPE, [])}  # type: ignore[attr-defined]
        if CUR + "Merge" in kind and (src := one(props, "from")) and (dst := one(props, "into")):
            merges[src] = dst
        elif CUR + "Rename" in kind and (key := one(props, "entity")) and (label := one(props, "label")):
            renames[key] = label
        elif CUR + "Reject" in kind:
            if key := one(props, "entity"):
                rejected.add(key)
            if label := one(props, "label"):
                labels.add(label.lower())
        elif CUR + "RejectRelation" in kind and (s := one(props, "subject")) and (p := one(props, "predicate")) and (o := one(props, "object")):
            relations.add((s, _predicate_name(p), o))
    return Curation(merges, renames, frozenset(rejected), frozenset(labels), frozenset(relations))


def _key_or_text(term: object) -> str:
    value: str = term.value  # type: ignore[attr-defined]
    return value[len(v.KGI) :] if value.startswith(v.KGI) else value


def _predicate_name(value: str) -> str:
    """'https://…#mustRespect', 'kg:mustRespect', 'mustRespect' or 'must-respect' → 'must-respect'."""
    local = value.rsplit("#", 1)[-1].rsplit(":", 1)[-1]
    for name, iri in v.RELATIONS.items():
        if local in (name, iri.rsplit("#", 1)[-1]):
            return name
    raise UsageError(f"curation: unknown relation '{value}'; use one of {', '.join(v.RELATIONS)}")


def apply_curation(extraction: Extraction, curation: Curation) -> Extraction:
    """The extraction with the user's merges, renames and rejections applied."""
    if not curation:
        return extraction

    def resolve(key: str) -> str:
        return _resolve(key, curation)

    dropped = {
        e.key for e in extraction.entities
        if resolve(e.key) in curation.rejected or ({e.label.lower(), *(a.lower() for a in e.alt_labels)} & curation.rejected_labels)
    }
    entities: dict[str, Entity] = {}
    for entity in extraction.entities:
        if entity.key in dropped:
            continue
        key = resolve(entity.key)
        merged = replace(entity, key=key, alt_labels=set(entity.alt_labels))
        if key != entity.key:
            merged.alt_labels.add(entity.label)
        if key in entities:
            kept = entities[key]
            kept.alt_labels |= merged.alt_labels | ({merged.label} - {kept.label})
        else:
            entities[key] = merged
    for key, label in curation.renames.items():
        if key in entities:
            entity = entities[key]
            entities[key] = replace(entity, label=label, alt_labels=entity.alt_labels | {entity.label})
    relations: list[Relation] = []
    seen_relations = set()
    for r in extraction.relations:
        s, o = resolve(r.subject), resolve(r.object)
        if r.subject in dropped or r.object in dropped or s not in entities or o not in entities:
            continue
        if (s, r.predicate, o) in curation.rejected_relations or s == o:
            continue
        marker = (s, r.predicate, o, r.evidence.start, r.evidence.rule)
        if marker not in seen_relations:
            seen_relations.add(marker)
            relations.append(replace(r, subject=s, object=o))
    return Extraction(extraction.document, list(entities.values()), relations, list(extraction.observations))
