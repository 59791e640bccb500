"""`kg remove`: take documents out of the graph."""

from __future__ import annotations

import click

from kg.commands.options import out_option


@click.command("remove")
@click.argument("documents", nargs=-1, required=True)
@out_option
def command(documents: tuple[str, ...], out_dir: str) -> None:
    """Take DOCUMENTS (path, file name or id) out of the graph.

    \b
    Example:
      kg remove seeds/001_3f2e04321a86e5a9.txt
    """
    from kg.pipeline import remove_documents

    for path in remove_documents(documents, out_dir):
        click.echo(f"removed {path}", err=True)
