"""tests/dot_reader.py reads DOT as Graphviz does (each expectation below is what `gc -n -e` and `dot -Tcanon` report)."""

from __future__ import annotations

import pytest

from kg.export.graphtools import dot_quote
from tests.dot_reader import MAX_RUN_BYTES, DotError, read_dot


def counts(text: str) -> tuple[int, int]:
    graph = read_dot(text)
    return len(graph.nodes), len(graph.edges)


def test_escaped_backslash_before_the_closing_quote_ends_the_string() -> None:
    # the old fallback counted quotes per line and took this valid line for unbalanced
    graph = read_dot('digraph { "a\\\\" -> "b\\"c"; }')
    assert list(graph.nodes) == ["a\\\\", 'b"c'] and len(graph.edges) == 1


def test_a_string_may_span_lines() -> None:
    # balanced on neither line, which the old fallback refused, and valid DOT
    assert read_dot('digraph { "one\ntwo" -> "three\\\nfour"; }').nodes.keys() == {"one\ntwo", "threefour"}


def test_quotes_balanced_per_line_are_not_enough() -> None:
    # each line has an even number of quotes, and yet this is no graph
    with pytest.raises(DotError):
        read_dot('digraph { "a -> b" ;\n "c" -> }')


def test_concatenation_makes_one_name() -> None:
    assert list(read_dot('digraph { "x" + "y" -> z; }').nodes) == ["xy", "z"]


def test_equal_keys_name_one_edge_and_strict_graphs_merge_edges() -> None:
    assert counts("digraph { a -> b [key=k]; a -> b [key=k]; a -> b; }") == (2, 2)
    assert counts("strict digraph { a -> b; a -> b [color=red]; }") == (2, 1)
    assert counts("graph { a -- b; b -- a [key=1]; }") == (2, 2)


def test_comments_attributes_ports_and_subgraphs() -> None:
    text = """# preprocessor line
    digraph G { // a comment
      graph [rankdir=LR]; node [shape=box]; rankdir = "TB"
      /* a block
         comment */
      a:n -> {b c} -> d [label=<<b>x</b>>, weight=2];
      subgraph s { e; f }
    }"""
    assert counts(text) == (6, 4)


@pytest.mark.parametrize(
    "text",
    [
        'digraph { "open }',
        "digraph { a -- b }",  # undirected operator in a digraph
        "graph { a -> b }",
        "digraph { a -> b",
        "digraph { a -> b } c",
        "digraph { a [label] }",
        "digraph { /* open }",
        "digraph { a\x00 }",
        "tree { a }",
    ],
)
def test_what_graphviz_refuses_is_refused(text: str) -> None:
    with pytest.raises(DotError):
        read_dot(text)


def test_graphviz_s_limit_on_runs_inside_quoted_strings() -> None:
    read_dot('digraph { "' + "x" * MAX_RUN_BYTES + '" }')
    read_dot('digraph { "' + "x" * 10000 + "\\\\" + "x" * 10000 + '" }')  # a backslash starts a new run
    with pytest.raises(DotError, match="run of over 16381 bytes"):
        read_dot('digraph { "' + "x" * (MAX_RUN_BYTES + 1) + '" }')
    with pytest.raises(DotError, match="run of over 16381 bytes"):
        read_dot('digraph { "' + "x" * 10000 + "\n" + "x" * 10000 + '" }')  # a newline does not


@pytest.mark.parametrize("value", ['"', "\\", '\\"', "a\\", "\n", "x\r\ny", "😀" * 9000, '"' * 5000])
def test_the_exporter_s_quoting_reads_back_as_one_name(value: str) -> None:
    graph = read_dot(f"digraph {{ {dot_quote(value)}; }}")
    assert len(graph.nodes) == 1
