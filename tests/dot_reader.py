"""A reader of the Graphviz DOT language for tests on machines without Graphviz.

It follows the grammar of https://graphviz.org/doc/info/lang.html and the
scanner rules of Graphviz's own reader, so it accepts what `gc` accepts and
builds the same graph: one node per name, one edge per edge statement except
where `strict` or an equal `key` attribute makes cgraph reuse an edge.

Scanner rules kept from Graphviz:
- a quoted string ends at the first `"` that is not escaped; inside it `\\"`
  is a quote, a backslash before a newline joins lines, `\\\\` is kept as two
  backslashes (so `"a\\\\"` ends after them) and every other backslash is kept;
- `"a" + "b"` is one ID, the concatenation;
- inside a quoted string, more than 16381 bytes without a backslash is an
  error (Graphviz's scanner takes them as one token and refuses it);
- `//` and `/* */` comments, and lines starting with `#`, are skipped;
- keywords (graph, digraph, subgraph, node, edge, strict) are case-insensitive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

MAX_RUN_BYTES = 16381  # measured with Graphviz 2.42 (Debian 12): 16382 bytes between backslashes fail
KEYWORDS = {"graph", "digraph", "subgraph", "node", "edge", "strict"}
_IDENT = re.compile(r"[A-Za-z_\u0080-\U0010ffff][A-Za-z_0-9\u0080-\U0010ffff]*")
_NUMERAL = re.compile(r"-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)")


class DotError(ValueError):
    """The text is not DOT that Graphviz would read."""


@dataclass
class Token:
    kind: str  # "id" (identifier, numeral, HTML string), "quoted", "keyword", or the punctuation itself
    value: str
    offset: int


@dataclass
class DotGraph:
    """What cgraph builds from the text: nodes by name with their attributes, and edges."""

    directed: bool
    strict: bool
    name: str | None
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)


def tokens(text: str) -> list[Token]:
    """The DOT tokens of `text`; DotError on text Graphviz's scanner would refuse."""
    out: list[Token] = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if c == "\x00":
            raise DotError(f"NUL character at offset {i}")
        if c == "\n":
            line_start = True
            i += 1
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if c == "#" and line_start:  # preprocessor output line
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        line_start = False
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise DotError(f"unterminated comment at offset {i}")
            i = end + 2
        elif c == '"':
            value, i = _quoted(text, i)
            out.append(Token("quoted", value, i))
        elif c == "<":
            value, i = _html(text, i)
            out.append(Token("id", value, i))
        elif text.startswith(("->", "--"), i):
            out.append(Token(text[i : i + 2], text[i : i + 2], i))
            i += 2
        elif c in "{}[];,=:+":
            out.append(Token(c, c, i))
            i += 1
        elif m := _NUMERAL.match(text, i):
            out.append(Token("id", m.group(), i))
            i = m.end()
        elif m := _IDENT.match(text, i):
            word = m.group()
            out.append(Token("keyword", word.lower(), i) if word.lower() in KEYWORDS else Token("id", word, i))
            i = m.end()
        else:
            raise DotError(f"unexpected {c!r} at offset {i}")
    return out


def _quoted(text: str, start: int) -> tuple[str, int]:
    parts: list[str] = []
    run = 0  # bytes since the last backslash: Graphviz's scanner takes such a run as one token
    i = start + 1
    while True:
        if i >= len(text):
            raise DotError(f"unterminated string at offset {start}")
        c = text[i]
        if c == '"':
            break
        if c == "\\" and i + 1 < len(text):
            run = 0
            nxt = text[i + 1]
            if nxt == '"':
                parts.append('"')
            elif nxt == "\\":
                parts.append("\\\\")
            elif nxt != "\n":  # an escaped newline joins the lines; any other backslash is kept
                parts.append("\\")
                i += 1
                continue
            i += 2
            continue
        if c == "\x00":
            raise DotError(f"NUL character at offset {i}")
        run += len(c.encode("utf-8", "surrogatepass"))
        if run > MAX_RUN_BYTES:
            raise DotError(f"quoted string at offset {start} has a run of over {MAX_RUN_BYTES} bytes without a backslash (Graphviz refuses it)")
        parts.append(c)
        i += 1
    return "".join(parts), i + 1


def _html(text: str, start: int) -> tuple[str, int]:
    depth, i = 0, start
    while i < len(text):
        if text[i] == "<":
            depth += 1
        elif text[i] == ">":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i], i + 1
        i += 1
    raise DotError(f"unterminated HTML string at offset {start}")


class _Parser:
    def __init__(self, toks: list[Token]) -> None:
        self.toks = toks
        self.pos = 0
        self.graph = DotGraph(directed=True, strict=False, name=None)
        self.named_edges: dict[tuple[tuple[str, ...], str | None], int] = {}

    def peek(self, ahead: int = 0) -> Token | None:
        i = self.pos + ahead
        return self.toks[i] if i < len(self.toks) else None

    def at(self, kind: str, value: str | None = None) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == kind and (value is None or tok.value == value)

    def take(self, kind: str, value: str | None = None) -> Token:
        tok = self.peek()
        if tok is None or tok.kind != kind or (value is not None and tok.value != value):
            where = f"offset {tok.offset}: {tok.value!r}" if tok else "end of text"
            raise DotError(f"expected {value or kind} at {where}")
        self.pos += 1
        return tok

    def ident(self) -> str:
        if self.at("quoted"):
            value = self.take("quoted").value
            while self.at("+"):
                self.take("+")
                value += self.take("quoted").value
            return value
        return self.take("id").value

    def is_ident(self) -> bool:
        return self.at("id") or self.at("quoted")

    def parse(self) -> DotGraph:
        if self.at("keyword", "strict"):
            self.take("keyword")
            self.graph.strict = True
        kind = self.take("keyword").value
        if kind not in ("graph", "digraph"):
            raise DotError(f"expected graph or digraph, found {kind!r}")
        self.graph.directed = kind == "digraph"
        if self.is_ident():
            self.graph.name = self.ident()
        self.block()
        if self.peek() is not None:
            raise DotError(f"text after the graph at offset {self.toks[self.pos].offset}")
        return self.graph

    def block(self) -> list[str]:
        """`{ stmt_list }`; the names of the nodes it mentions (for edges to subgraphs)."""
        self.take("{")
        mentioned: list[str] = []
        while not self.at("}"):
            if self.peek() is None:
                raise DotError("unterminated { ... }")
            mentioned += self.statement()
            if self.at(";"):
                self.take(";")
        self.take("}")
        return mentioned

    def statement(self) -> list[str]:
        tok = self.peek()
        assert tok is not None
        if tok.kind == "keyword" and tok.value in ("graph", "node", "edge"):
            self.take("keyword")
            self.attributes()
            return []
        if self.is_ident():  # `ID = ID` sets a graph attribute; otherwise the ID starts a node or edge
            start = self.pos
            self.ident()
            if self.at("="):
                self.take("=")
                self.ident()
                return []
            self.pos = start
        ends = self.endpoint()
        if self.at("->") or self.at("--"):
            chain = [ends]
            while self.at("->") or self.at("--"):
                op = self.take(self.peek().kind).value  # type: ignore[union-attr]
                if op != ("->" if self.graph.directed else "--"):
                    raise DotError(f"edge operator {op} in a {'digraph' if self.graph.directed else 'graph'}")
                chain.append(self.endpoint())
            attrs = self.attributes() if self.at("[") else {}
            for tails, heads in pairwise(chain):
                for tail in tails:
                    for head in heads:
                        self.add_edge(tail, head, attrs)
            return [name for names in chain for name in names]
        attrs = self.attributes() if self.at("[") else {}
        for name in ends:
            self.graph.nodes.setdefault(name, {}).update(attrs)
        return ends

    def endpoint(self) -> list[str]:
        if self.at("keyword", "subgraph") or self.at("{"):
            if self.at("keyword", "subgraph"):
                self.take("keyword")
                if self.is_ident():
                    self.ident()
            return self.block()
        name = self.ident()
        if self.at(":"):  # port, and compass point
            self.take(":")
            self.ident()
            if self.at(":"):
                self.take(":")
                self.ident()
        self.graph.nodes.setdefault(name, {})
        return [name]

    def attributes(self) -> dict[str, str]:
        attrs: dict[str, str] = {}
        self.take("[")
        while True:
            while not self.at("]"):
                key = self.ident()
                self.take("=")
                attrs[key] = self.ident()
                if self.at(",") or self.at(";"):
                    self.take(self.peek().kind)  # type: ignore[union-attr]
            self.take("]")
            if not self.at("["):
                return attrs
            self.take("[")

    def add_edge(self, tail: str, head: str, attrs: dict[str, str]) -> None:
        """A new edge, or the existing one a strict graph or an equal key attribute names (cgraph's agedge)."""
        ends = (tail, head) if self.graph.directed else tuple(sorted((tail, head)))
        name = None if self.graph.strict else attrs.get("key")
        if self.graph.strict or name is not None:
            i = self.named_edges.get((ends, name))
            if i is not None:
                t, h, existing = self.graph.edges[i]
                self.graph.edges[i] = (t, h, {**existing, **attrs})
                return
            self.named_edges[(ends, name)] = len(self.graph.edges)
        self.graph.edges.append((tail, head, dict(attrs)))


def read_dot(text: str) -> DotGraph:
    """Parse one DOT graph; DotError, with an offset, where Graphviz would report a syntax error."""
    return _Parser(tokens(text)).parse()
