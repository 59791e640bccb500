"""Accumulates one document's entities and relations, merging repeats by key."""

from __future__ import annotations

from kg.extract.mentions import Mention
from kg.model import Entity, Evidence, Extraction, Observation, Relation


class Builder:
    """Entities by key, relations without duplicates, observations in order."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.relations: dict[tuple[str, str, str], Relation] = {}
        self.observations: list[Observation] = []

    def entity(self, kind: str, key: str, label: str, evidence: Evidence, *, surface: str | None = None,
               subclass: str | None = None, wikidata: str | None = None) -> Entity:
        """Add (or extend) an entity; the first evidence is kept."""
        ent = self.entities.get(key)
        if ent is None:
            ent = Entity(key=key, kind=kind, label=label, subclass=subclass, wikidata=wikidata, evidence=evidence)
            self.entities[key] = ent
        if surface and surface != ent.label:
            ent.alt_labels.add(surface)
        return ent

    def mention(self, m: Mention, evidence: Evidence) -> Entity:
        """Add the entity a mention names."""
        return self.entity(m.kind, m.key, m.label, evidence, surface=m.surface, subclass=m.subclass, wikidata=m.wikidata)

    def relation(self, subject: str, predicate: str, obj: str, evidence: Evidence) -> None:
        """Add a relation once (the first evidence stated as fact wins over marked claims); self-loops are dropped."""
        if subject == obj:
            return
        key = (subject, predicate, obj)
        known = self.relations.get(key)
        if known is None or (known.evidence.marks and not evidence.marks):
            self.relations[key] = Relation(subject, predicate, obj, evidence)

    def build(self, extraction: Extraction) -> Extraction:
        """Fill an Extraction in a stable order."""
        extraction.entities = list(self.entities.values())
        extraction.relations = [r for r in self.relations.values() if not self._weaker_reading(r)]
        extraction.observations = list(self.observations)
        return extraction

    def _weaker_reading(self, rel: Relation) -> bool:
        """'Latvia asked Frontex for help': one sentence cannot state that an actor both adopts and only proposes the
        same measure; the firmer reading stands."""
        if rel.predicate != "proposes":
            return False
        firmer = self.relations.get((rel.subject, "adopts", rel.object))
        return firmer is not None and firmer.evidence.sentence == rel.evidence.sentence and not firmer.evidence.marks
