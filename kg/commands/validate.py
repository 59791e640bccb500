"""`kg validate`: check the built graph against the contract's SHACL shapes."""

from __future__ import annotations

import click

from kg.commands.options import ontology_option, out_option


@click.command("validate")
@out_option
@ontology_option
@click.pass_context
def command(ctx: click.Context, out_dir: str) -> None:
    """Check the graph against the SHACL shapes; exit 1 if it does not conform.

    Prints one line per violation, grouped by rule, and the counts at the end.
    Warnings are listed but do not fail the check.

    \b
    Example:
      kg validate --out output/
    """
    from kg.validate import validate_output

    result = validate_output(out_dir)
    click.echo(result.text)
    ctx.exit(0 if result.conforms else 1)
