"""`kg viz`: the entity network as an offline HTML page, and as PNG/SVG pictures."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.commands.options import out_option

VIEWS = ("entities", "actors", "full")  # kg.network.VIEWS, repeated so that --help needs no import


@click.command("viz")
@click.option("-o", "--output", "output", default=None, help="HTML page to write; - for stdout.  [default: OUT/graph.html]")
@click.option("--view", type=click.Choice(VIEWS), default="entities", show_default=True, help="Which network to draw.")
@click.option("--png", "png", type=click.Path(dir_okay=False, path_type=str), help="Also write a static PNG picture.")
@click.option("--svg", "svg", type=click.Path(dir_okay=False, path_type=str), help="Also write a static SVG picture.")
@out_option
def command(output: str | None, view: str, png: str | None, svg: str | None, out_dir: str) -> None:
    """Draw the entity network: one self-contained HTML page that works offline, and optional PNG/SVG.

    The page (drawn by vis-network from the pyvis package) colours nodes by
    class and edges by relation, sizes nodes by degree, hides unconnected
    nodes behind a switch, draws a label only where it covers no other label
    and no node, has a search box (also driven by the URL, e.g.
    graph.html#search=Belarus), filters by class, relation, document and
    date, and shows a node's attributes and the evidence sentences of its
    edges, with each document's title, date and link, on click. The pictures label every node that has
    room and say how many have not. With only --png/--svg, no page is written
    unless -o is given.

    \b
    Example:
      kg viz --out output/ -o output/graph.html
      kg viz --view actors --png docs/actors.png
    """
    if png or svg:
        from kg.extras import require_extra

        require_extra("viz")  # before any work: a page written and then a failure would be half a result
    from kg.network import project
    from kg.store import open_store

    graph = project(open_store(out_dir), view, with_sentences=True)
    if output is None and not (png or svg):
        output = str(Path(out_dir) / "graph.html")
    if output is not None:
        from kg.viz.html import render_html

        page = render_html(graph, title=f"kg {view} network").encode("utf-8")
        if output == "-":
            sys.stdout.buffer.write(page)
            sys.stdout.flush()
        else:
            from kg.atomic import atomic_write

            with atomic_write(Path(output)) as stream:
                stream.write(page)
            click.echo(f"wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)", err=True)
    for path, fmt in ((png, "png"), (svg, "svg")):
        if path:
            from kg.viz.static import draw_picture

            draw_picture(graph, path, fmt=fmt)
            click.echo(f"wrote {path}", err=True)
