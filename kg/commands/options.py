"""Options shared by several commands."""

from __future__ import annotations

import click

out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=str),
    default="output",
    show_default=True,
    help="Folder that holds the built graph and store.",
)


def _use_ontology(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        from kg.resources import use_ontology_dir

        use_ontology_dir(value)


ontology_option = click.option(
    "--ontology",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    expose_value=False,
    callback=_use_ontology,
    help="Ontology folder to read (kg.ttl, shapes, gazetteer, lexicons, patterns, curation) instead of the installed one; also $KG_ONTOLOGY_DIR.",
)

curation_option = click.option(
    "--curation",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    metavar="FILE",
    help="This corpus's curation file (merges, renames, rejections). Default: curation.ttl beside the --out folder "
    "(in its parent), else the ontology folder's curation.ttl.",
)

quiet_option = click.option(
    "-q", "--quiet", is_flag=True, help="No progress: print only problems and the summary."
)

progress_every_option = click.option(
    "--progress-every",
    "every",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    metavar="N",
    help="When stderr is not a terminal: a progress line every N documents (kg push: graphs), and every 30 s.",
)
