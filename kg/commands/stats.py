"""`kg stats`: what the graph holds at a glance."""

from __future__ import annotations

import click

from kg.commands.options import out_option


@click.command("stats")
@out_option
@click.option("--top", default=10, show_default=True, help="How many actors to rank.")
def command(out_dir: str, top: int) -> None:
    """Counts per class and relation, and the most connected actors.

    \b
    Example:
      kg stats --top 5
    """
    from kg.stats import format_stats, graph_stats
    from kg.store import open_store

    click.echo(format_stats(graph_stats(open_store(out_dir), top=top)))
