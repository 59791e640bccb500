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
