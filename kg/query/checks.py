"""Checks that make a query's silence explain itself: `kg:` terms the ontology does not define.

A misspelt term (`kg:Actr`, `kg:fundz`) is valid SPARQL that matches nothing;
`undefined_terms` names each such term with the closest one the ontology defines.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pyoxigraph as ox

from kg import vocab as v
from kg.query.execute import blank_out

# kg:Name (not part of a variable or another prefixed name), or the full IRI <...ontology#Name>
_KG_NAME = re.compile(r"(?<![\w?$:.\-<])kg:([A-Za-z_][\w\-]*)")
_KG_IRI = re.compile(r"<" + re.escape(v.KG) + r"([A-Za-z_][\w\-]*)>")
_REDECLARED = re.compile(r"\bPREFIX\s+kg\s*:\s*<([^>]*)>", re.IGNORECASE)


@dataclass(frozen=True)
class UndefinedTerm:
    """A kg: term the query uses that the ontology does not define, and the closest one it does (or None)."""

    name: str
    closest: str | None

    def warning(self) -> str:
        """One line for stderr."""
        hint = f"; did you mean kg:{self.closest}?" if self.closest else ""
        return f"warning: kg:{self.name} is not defined by the ontology, so it matches nothing{hint}"


def defined_terms(store: object) -> set[str]:
    """The local names of every kg: term the store's ontology graph describes (empty if it has none)."""
    from kg.store import ONTOLOGY_GRAPH

    sparql = f"SELECT DISTINCT ?t WHERE {{ GRAPH <{ONTOLOGY_GRAPH.value}> {{ ?t ?p ?o }} FILTER(STRSTARTS(STR(?t), STR(kg:))) }}"
    solutions = store.query(sparql)  # type: ignore[attr-defined]
    return {row["t"].value[len(v.KG) :] for row in solutions if isinstance(row["t"], ox.NamedNode)}


def used_terms(sparql: str) -> list[str]:
    """The kg: local names a query uses, in order of first use (IRIs, strings and comments skipped for kg:Name)."""
    names: dict[str, None] = {}
    code = blank_out(sparql)
    redeclared = _REDECLARED.search(sparql)
    if redeclared is None or redeclared.group(1) == v.KG:
        for m in _KG_NAME.finditer(code):
            names.setdefault(m.group(1).rstrip("."), None)
    for m in _KG_IRI.finditer(sparql):
        names.setdefault(m.group(1), None)
    return list(names)


def undefined_terms(sparql: str, defined: set[str]) -> list[UndefinedTerm]:
    """The kg: terms of `sparql` outside `defined`, each with its closest defined term; none when `defined` is empty."""
    if not defined:
        return []
    ordered = sorted(defined)
    out = []
    for name in used_terms(sparql):
        if name not in defined:
            close = difflib.get_close_matches(name, ordered, n=1, cutoff=0.6)
            if not close:  # a case slip (kg:actor for kg:Actor) scores low on characters alone
                close = [term for term in ordered if term.lower() == name.lower()][:1]
            out.append(UndefinedTerm(name, close[0] if close else None))
    return out
