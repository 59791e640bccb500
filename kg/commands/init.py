"""`kg init`: copy the editable ontology files into a project folder."""

from __future__ import annotations

import click


@click.command("init")
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=str))
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def command(directory: str, force: bool) -> None:
    """Copy kg's ontology folder into DIRECTORY/ontology (default: ./ontology) to edit.

    The parts to edit are the gazetteer, the lexicon, the frame rules and
    patterns (with their JSON schemas) and curation.ttl; kg.ttl, shapes.ttl
    and the page-furniture patterns come too, as every ontology folder needs
    them. A file that exists already is an error (exit 2) unless --force.

    \b
    Example:
      kg init my-project
      kg build corpus/ --out my-project/output --ontology my-project/ontology
    """
    from kg.project import init_project
    from kg.resources import ENV_VAR

    result = init_project(directory, force=force)
    folder = result.ontology
    click.echo(f"copied {len(result.copied)} files into {folder}")
    click.echo("edit gazetteer.ttl, lexicon.ttl, frame-rules.json, patterns.json and curation.ttl there, then build with them:")
    click.echo(f"  kg build PATH ... --ontology {folder}    (or: export {ENV_VAR}={folder})")
