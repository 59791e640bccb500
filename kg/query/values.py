"""VALUES blocks as a client binds a query's parameters: moved to where they bind the whole query, and read back.

A client without SEP-0007 substitutions binds a parameter with a VALUES block,
either opening the WHERE clause (as kg binds its own: `with_inline_values`)
or trailing the query. A trailing VALUES is joined with the query's answer
after the pattern has been evaluated (SPARQL 1.1, 18.2.4.3), so Oxigraph finds
every solution first and keeps the few that match. Opening the WHERE clause it
is joined first, and Oxigraph starts from it. The two give the same answer
when none of the block's variables is read anywhere but in the outermost
group's own triple patterns: join is commutative and associative, and no
filter, BIND, OPTIONAL, MINUS, sub-select or nested group sees the variable,
so none can tell where the join happened. A query that groups or aggregates
is not moved (the trailing join happens after grouping).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg import vocab as v
from kg.query.execute import _SKIP

_VAR = re.compile(r"[?$]([A-Za-z_0-9\u00b7\u00c0-\ufffd]+)")
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_AGGREGATE = re.compile(r"\b(GROUP\s+BY|HAVING|COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\b", re.IGNORECASE)
# a trailing VALUES clause: one variable or a parenthesised list, then its data block, at the end of the query
_TRAILING = re.compile(r"\bVALUES\s*(\(\s*(?:[?$]\w+\s*)*\)|[?$]\w+)\s*\{[^{}]*\}\s*\Z", re.IGNORECASE)
# one single-valued VALUES block: `VALUES ?name { term }`, or `VALUES (?a ?b) { (term term) }` with one row
_ONE_VALUE = re.compile(
    r"\s*VALUES\s*(?:[?$](?P<name>\w+)\s*\{\s*(?P<term>[^{}\s](?:[^{}]*[^{}\s])?)\s*\}"
    r"|\(\s*(?P<names>(?:[?$]\w+\s*)+)\)\s*\{\s*\((?P<row>[^(){}]*)\)\s*\})",
    re.IGNORECASE,
)


def _mask(sparql: str) -> str:
    """The query with strings and IRIs masked by underscores and comments by spaces (positions kept), to read its structure."""
    return _SKIP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)) if m.group(0).startswith("#") else "_" * len(m.group(0)), sparql)


def _where_group(code: str) -> tuple[int, int] | None:
    """The positions of the outermost group's `{` and its matching `}` in blanked-out text of a SELECT or ASK query."""
    form = _FORM.search(code)
    if form is None or form.group(1).upper() not in ("SELECT", "ASK"):
        return None
    start = code.find("{", form.end())
    if start < 0:
        return None
    depth = 0
    for index in range(start, len(code)):
        if code[index] == "{":
            depth += 1
        elif code[index] == "}":
            depth -= 1
            if depth == 0:
                return start, index
    return None


def _only_in_top_level_triples(code: str, group: tuple[int, int], names: set[str]) -> bool:
    """Whether each variable in `names` occurs in the group only at its own level, outside parentheses and VALUES."""
    depth, parens = 0, 0
    values_vars = False
    index = group[0]
    while index <= group[1]:
        char = code[index]
        if char == "{":
            depth += 1
            values_vars = False
        elif char == "}":
            depth -= 1
        elif char == "(":
            parens += 1
        elif char == ")":
            parens -= 1
        elif char in "?$":
            match = _VAR.match(code, index)
            if match:
                if match.group(1) in names and (depth != 1 or parens or values_vars):
                    return False
                index = match.end()
                continue
        elif char in "Vv" and code[index : index + 6].upper() == "VALUES" and not code[index - 1 : index].isalnum():
            values_vars = depth == 1
        index += 1
    return True


def move_values_in(sparql: str) -> str:
    """The query with its trailing VALUES clause opening the WHERE clause instead, where that gives the same answer (else as given)."""
    code = _mask(sparql)
    trailing = _TRAILING.search(code)
    if trailing is None or _AGGREGATE.search(code, 0, trailing.start()):
        return sparql
    group = _where_group(code)
    if group is None or group[1] > trailing.start():
        return sparql
    names = {m.group(1) for m in _VAR.finditer(trailing.group(1))}
    projection = code[: group[0]]
    if not names or not _only_in_top_level_triples(code, group, names) or ("(" in projection and names & set(_VAR.findall(projection))):
        return sparql
    block = sparql[trailing.start() : trailing.end()].strip()
    opening = group[0] + 1
    return f"{sparql[:opening]} {block}{sparql[opening:trailing.start()].rstrip()}\n"


def canonical(sparql: str) -> str:
    """The query text with comments dropped and whitespace outside strings and IRIs collapsed, to compare texts."""
    text = _SKIP.sub(lambda m: " " if m.group(0).startswith("#") else m.group(0), sparql)
    parts, last = [], 0
    for match in _SKIP.finditer(text):
        parts += [re.sub(r"\s+", " ", text[last : match.start()]), match.group(0)]
        last = match.end()
    parts.append(re.sub(r"\s+", " ", text[last:]))
    return "".join(parts).strip()


def opening_values(sparql: str) -> tuple[str, dict[str, ox.NamedNode | ox.Literal | ox.BlankNode]] | None:
    """The query without the single-valued VALUES blocks opening its WHERE clause, and the terms they bind.

    None when such a block's term is not a single RDF term (kg's prefixes
    predeclared) or binds a variable twice."""
    code = _mask(sparql)
    group = _where_group(code)
    if group is None:
        return None
    index = group[0] + 1
    texts: dict[str, str] = {}
    while (match := _ONE_VALUE.match(code, index)) is not None:
        if match.group("name"):
            pairs = [(match.group("name"), sparql[match.start("term") : match.end("term")])]
        else:
            names = _VAR.findall(match.group("names"))
            row = [sparql[match.start("row") + m.start() : match.start("row") + m.end()] for m in re.finditer(r"\S+", match.group("row"))]
            if len(row) != len(names):
                return None
            pairs = list(zip(names, row, strict=True))
        for name, text in pairs:
            if name in texts:
                return None
            texts[name] = text
        index = match.end()
    if not texts:
        return sparql, {}
    terms = {}
    for name, text in texts.items():
        term = _term(text)
        if term is None:
            return None
        terms[name] = term
    return sparql[: group[0] + 1] + sparql[index:], terms


_EMPTY: list[ox.Store] = []


def _term(text: str) -> ox.NamedNode | ox.Literal | ox.BlankNode | None:
    """One RDF term written in SPARQL (kg's prefixes predeclared), read by Oxigraph; None if it is not one."""
    if not _EMPTY:
        _EMPTY.append(ox.Store())
    try:
        rows = list(_EMPTY[0].query(f"SELECT ?x WHERE {{ VALUES ?x {{ {text} }} }}", prefixes=v.PREFIXES))  # type: ignore[arg-type]
    except SyntaxError:
        return None
    if len(rows) != 1 or rows[0]["x"] is None:
        return None
    return rows[0]["x"]  # type: ignore[no-any-return]
