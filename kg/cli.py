"""The `kg` command line: a lazy group over kg/commands/, one module per command.

Commands are imported only when run, so `kg --help` and `kg query` start fast
and never import spaCy. Library errors (KgError) become one line on stderr and
their exit code here, at the edge; tracebacks only with --debug.
"""

from __future__ import annotations

import importlib
import sys

import click

from kg import __version__

# name → one-line summary; the command itself lives in kg.commands.<name>:command
COMMANDS: dict[str, str] = {
    "build": "Build or update the knowledge graph of documents.",
    "query": "Run a SPARQL query (or a shipped named query) on the graph.",
    "export": "Write the graph in an RDF or graph-tool format.",
    "validate": "Check the graph against the SHACL shapes.",
    "stats": "Counts per class and relation, and the most connected actors.",
    "eval": "Score extraction against gold annotations.",
    "explain": "Show a document's frames and which extraction rules fired, and why.",
    "init": "Copy the editable ontology files (gazetteer, lexicons, rules, curation) into a project folder.",
    "remove": "Take documents out of the graph.",
    "text": "Print the exact text a document's evidence offsets index.",
    "serve": "Serve a read-only SPARQL endpoint over the graph.",
    "push": "Load the graph into a SPARQL Graph Store (Fuseki, GraphDB, Oxigraph ...).",
    "viz": "Draw the entity network: an offline HTML page, or PNG/SVG.",
}
MODULE_NAMES = {"eval": "evaluate"}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"kg.commands.{MODULE_NAMES.get(name, name)}")
        return module.command  # type: ignore[no-any-return]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, COMMANDS[name]) for name in sorted(COMMANDS)])

    def invoke(self, ctx: click.Context) -> object:
        from kg.errors import KgError

        try:
            return super().invoke(ctx)
        except KgError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"Error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build knowledge graphs of policy texts, each edge traceable to its sentence.

    \b
    Example:
      kg build seeds/ --out output/
      kg query "SELECT ?a WHERE { ?a a kg:Actor }"
      kg export --format jsonld -o graph.jsonld
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    """Console-script entry point."""
    try:
        cli.main(prog_name="kg", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as err:  # the last guard: no traceback reaches a user without --debug
        if "--debug" in sys.argv:
            raise
        click.echo(f"Error: unexpected failure: {type(err).__name__}: {err} (run with --debug for details)", err=True)
        sys.exit(1)
