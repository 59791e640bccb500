"""`kg export`: the graph in an RDF or graph-tool format."""

from __future__ import annotations

import sys

import click

from kg.commands.options import out_option
from kg.export import EXPORTERS


@click.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(sorted(EXPORTERS)), help="Output format (default: from the file suffix, else turtle).")
@click.option("-o", "--output", "output", default="-", show_default=True, help="File to write; - for stdout.")
@out_option
def command(fmt: str | None, output: str, out_dir: str) -> None:
    """Write the graph in an RDF format or as an entity network for graph tools.

    RDF: turtle, nt, jsonld, xml hold the merged graph; nquads and trig one
    named graph per document (the provenance view). Graph tools: graphml
    (yEd, Cytoscape), gexf (Gephi), cyjs (Cytoscape.js), csv (Gephi's
    spreadsheet import: FILE.nodes.csv and FILE.edges.csv), dot (Graphviz).

    \b
    Example:
      kg export --format jsonld -o graph.jsonld
    """
    from kg.atomic import atomic_write
    from kg.export import export, exporter_for
    from kg.store import open_store

    exporter = exporter_for(fmt, output)
    store = open_store(out_dir)
    if output == "-":
        export(store, exporter.name, sys.stdout.buffer)
        sys.stdout.flush()
    elif exporter.wants_filename:  # a format of several files (csv) writes them beside OUTPUT itself
        import io

        export(store, exporter.name, io.BytesIO(), output)
        click.echo(f"wrote files beside {output} ({exporter.name}: {exporter.description})", err=True)
    else:
        from pathlib import Path

        with atomic_write(Path(output)) as stream:
            export(store, exporter.name, stream, output)
        click.echo(f"wrote {output} ({exporter.name})", err=True)
