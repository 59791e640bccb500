"""`kg query`: a SPARQL query, or a shipped named query, on the built graph."""

from __future__ import annotations

import sys

import click

from kg.commands.options import out_option

FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]


@click.command("query")
@click.argument("query", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from FILE (- for stdin).")
@click.option("-n", "--named", "name", metavar="NAME", help="Run a shipped query (see --list).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE", help="A parameter of a named query (repeatable); NAME= means all.")
@click.option("-l", "--list", "list_queries", is_flag=True, help="List the shipped queries with their titles and parameters.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o's suffix; table on a terminal, csv when piped; turtle for CONSTRUCT/DESCRIBE).")
@click.option("-o", "--output", default="-", show_default=True, help="File to write; - for stdout.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many rows (a terminal shows 50 unless --all).")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many rows first (the next page: --offset 50).")
@click.option("--all", "show_all", is_flag=True, help="Every row, also on a terminal.")
@out_option
def command(
    query: str | None,
    query_file: click.utils.LazyFile | None,
    name: str | None,
    params: tuple[str, ...],
    list_queries: bool,
    fmt: str | None,
    output: str,
    limit: int | None,
    offset: int,
    show_all: bool,
    out_dir: str,
) -> None:
    """Run a SPARQL QUERY (argument, -f FILE or stdin) or a named query on the graph.

    The ontology's prefixes (kg, kgi, rdf, rdfs, owl, xsd, skos, prov, dcterms,
    foaf, org, wd) are predeclared. SELECT and ASK results print as a table on
    a terminal and as W3C CSV when piped; ASK prints true or false. CONSTRUCT
    and DESCRIBE print Turtle. A terminal shows the first 50 rows, then how
    many there are (--all, --limit, --offset). Exit 2 for a malformed query.

    \b
    Example:
      kg query "SELECT ?a WHERE { ?a a kg:Actor }"
      kg query --named funding --format csv
      kg query --named measures-by-actor-and-status --param actor=Lithuania
      kg query -f my.rq --format json -o answers.json
    """
    from kg.errors import UsageError
    from kg.query.library import named_queries, parse_params

    if list_queries:
        click.echo(_listing(named_queries()), nl=False)
        return
    given = parse_params(params)
    sources = sum(x is not None for x in (query, query_file, name))
    if sources > 1:
        raise UsageError("give one query: an argument, -f FILE or --named NAME")
    sparql = query
    if query_file is not None:
        sparql = query_file.read()
    elif name is None and query is None:
        if sys.stdin.isatty():
            raise UsageError("no query: give one as an argument, with -f FILE, on stdin, or --named NAME (--list shows them)")
        sparql = sys.stdin.read()
    if show_all and limit is not None:
        raise UsageError("give --all or --limit, not both")
    _run(sparql, name, given, fmt, output, out_dir, (limit, offset, show_all))


def _run(sparql: str | None, name: str | None, given: dict[str, str], fmt: str | None, output: str, out_dir: str,
         paging: tuple[int | None, int, bool] = (None, 0, False)) -> None:
    from kg.answers import answer_for
    from kg.query import run_query
    from kg.query.library import bind_params, get_named_query
    from kg.query.paging import paged_sparql
    from kg.query.results import write_result, writer_for
    from kg.store import open_store

    store = open_store(out_dir)
    if name is not None:
        named = get_named_query(name)
        sparql, bindings = named.sparql, bind_params(store, named, given)
    else:
        _warn_undefined_terms(store, sparql or "")
        bindings = {k: _literal(v) for k, v in given.items() if v}
    answer = answer_for(store, sparql or "", bindings)  # the build's answer of a slow shipped query, if it has one
    result = answer.result() if answer else run_query(store, sparql or "", bindings)  # lazy: nothing is evaluated before the first row is read
    interactive = output == "-" and sys.stdout.isatty()
    writer = writer_for(fmt, result.kind, output, interactive)
    limit, offset, show_all = paging
    if result.kind == "select" and writer.name == "table" and not show_all and (limit is not None or offset or interactive):
        _write_page(result, limit if limit is not None else 50 if interactive else None, offset, output)
        return
    if result.kind != "ask" and (limit is not None or offset):
        result = answer.result(limit, offset) if answer else run_query(store, paged_sparql(sparql or "", limit, offset), bindings)
    if output == "-":
        stream = _EndsWithNewline(sys.stdout.buffer)
        counter = _EmptyAnswer(stream, writer.name)
        write_result(result, writer, counter)  # type: ignore[arg-type]
        stream.finish()
        counter.report(result.kind)
        return
    from pathlib import Path

    from kg.atomic import atomic_write

    with atomic_write(Path(output)) as file:
        counter = _EmptyAnswer(file, writer.name)
        write_result(result, writer, counter)  # type: ignore[arg-type]
    click.echo(f"wrote {output} ({writer.name})", err=True)
    counter.report(result.kind)


def _warn_undefined_terms(store: object, sparql: str) -> None:
    from kg.query.checks import defined_terms, undefined_terms

    for term in undefined_terms(sparql, defined_terms(store)):
        click.echo(term.warning(), err=True)


class _EmptyAnswer:
    """A pass-through stream that tells, once written, whether a SELECT answer in a W3C format had no rows.

    Only a short answer can be empty, so only the first bytes are kept and
    parsed back; the table writer says `0 rows` itself.
    """

    KEEP = 1 << 16

    def __init__(self, stream: object, fmt: str) -> None:
        self.stream = stream
        self.fmt = fmt
        self.head = bytearray()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if len(self.head) <= self.KEEP:
            self.head += data[: self.KEEP + 1 - len(self.head)]
        return self.stream.write(data)  # type: ignore[attr-defined,no-any-return]

    def flush(self) -> None:
        self.stream.flush()  # type: ignore[attr-defined]

    def report(self, kind: str) -> None:
        """`0 rows` on stderr when a SELECT answer in a machine format was empty."""
        import pyoxigraph as ox

        if kind != "select" or self.fmt == "table" or self.size > self.KEEP:
            return
        if self.fmt in ("csv", "tsv"):  # a header line and nothing else (oxigraph cannot read its CSV back)
            empty = len(bytes(self.head).splitlines()) <= 1
        else:
            parsed = ox.parse_query_results(bytes(self.head), ox.QueryResultsFormat.JSON if self.fmt == "json" else ox.QueryResultsFormat.XML)
            empty = isinstance(parsed, ox.QuerySolutions) and next(iter(parsed), None) is None
        if empty:
            click.echo("0 rows", err=True)


def _write_page(result: object, limit: int | None, offset: int, output: str) -> None:
    """A table of one page of rows, then (on stderr) how many rows there are and how to get the others."""
    from kg.query.paging import take_page
    from kg.query.results import cell, format_table

    header = result.variables  # type: ignore[attr-defined]
    page = take_page(result.value, limit if limit is not None else sys.maxsize, offset)  # type: ignore[attr-defined]
    text = format_table(header, [[cell(row[name]) for name in header] for row in page.rows]).encode("utf-8")  # type: ignore[index]
    if output == "-":
        sys.stdout.buffer.write(text)
        sys.stdout.flush()
    else:
        from pathlib import Path

        from kg.atomic import atomic_write

        with atomic_write(Path(output)) as stream:
            stream.write(text)
        click.echo(f"wrote {output} (table)", err=True)
    if page.more or offset:
        click.echo(page.footer(), err=True)


class _EndsWithNewline:
    """A stdout wrapper that ends the output with a newline, so a shell prompt never follows it on one line."""

    def __init__(self, stream: object) -> None:
        self.stream = stream
        self.last = b"\n"

    def write(self, data: bytes) -> int:
        if data:
            self.last = bytes(data[-1:])
        return self.stream.write(data)  # type: ignore[attr-defined,no-any-return]

    def flush(self) -> None:
        self.stream.flush()  # type: ignore[attr-defined]

    def finish(self) -> None:
        if self.last != b"\n":
            self.stream.write(b"\n")  # type: ignore[attr-defined]
        self.flush()


def _literal(value: str) -> object:
    import pyoxigraph as ox

    return ox.Literal(value)


def _listing(queries: dict[str, object]) -> str:
    """One line per named query: name, title, and its parameters with defaults and, for a closed set, the values."""
    width = max(len(n) for n in queries)
    lines = []
    for name, q in queries.items():
        lines.append(f"{name:<{width}}  {q.title}")  # type: ignore[attr-defined]
        for p in q.params:  # type: ignore[attr-defined]
            default = f" (default: {p.default})" if p.default else " (default: all)"
            values = f"; one of: {', '.join(p.allowed)}" if p.allowed else ""
            lines.append(f"{'':<{width}}    --param {p.name}=<{p.type}>{default}{values}")
    return "\n".join(lines) + "\n"
