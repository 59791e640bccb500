"""`kg eval`: score extraction against gold annotations."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kg.commands.options import curation_option, ontology_option, progress_every_option, quiet_option

if TYPE_CHECKING:
    from kg.evaluate import EvalResult


@click.command("eval")
@click.option(
    "--gold",
    "gold_dir",
    default=None,
    type=click.Path(file_okay=False, path_type=str),
    help="Folder of *.gold.json files (each names its document).",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Graph folder: built into when PATHS are given (default: a fresh temporary folder), else read (default: output).",
)
@ontology_option
@curation_option
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON instead of a table.")
@click.option("--details/--no-details", default=True, show_default=True, help="List missed and spurious items.")
@click.option("--ledger", "ledger", type=click.Path(dir_okay=False, path_type=str), default=None,
              help="First-sight ledger (JSON lines). With --gold and --genres: append each scored text's first scoring; "
                   "alone: print the micro scores over the ledger.")
@click.option("--genres", "genres_file", type=click.Path(dir_okay=False, exists=True, path_type=str), default=None,
              help="JSON file mapping each text's file name to its genre (for --ledger).")
@quiet_option
@progress_every_option
def command(gold_dir: str | None, paths: tuple[str, ...], out_dir: str | None, curation: str | None, as_json: bool, details: bool,
            ledger: str | None, genres_file: str | None, quiet: bool, every: int) -> None:
    """Score the graph against gold annotations: P/R/F1 per document and micro-averaged.

    With PATHS, builds their graph first (into --out, or a temporary folder so
    that output/ is left alone); without, scores the graph already in --out.
    Categories: actors, measures, funds, principles, relations. The build's
    progress goes to stderr (a bar on a terminal); the scores to stdout.

    \b
    Example:
      kg eval --gold ../shared/gold seeds/
      kg eval --gold tests/devset tests/devset/ --json
      kg eval --gold tests/devset --out output/ --no-details
      kg eval --ledger tests/firstsight/ledger.jsonl
    """
    from kg.commands.reporting import reporter
    from kg.evaluate import evaluate, format_details, format_table, load_gold

    if gold_dir is None:
        if ledger is None:
            raise click.UsageError("give --gold DIR (to score) or --ledger FILE (to summarise the first-sight ledger)")
        from kg.ledger import format_summary, read_ledger

        click.echo(format_summary(read_ledger(ledger)))
        return
    from kg.store import open_store

    gold = load_gold(gold_dir)  # fail on a bad gold folder before a long build
    temporary = None
    if paths:
        from kg.pipeline import build_graph

        if out_dir is None:
            temporary = tempfile.mkdtemp(prefix="kg-eval-")
            out_dir = str(Path(temporary) / "graph")  # nothing beside it: no stray curation.ttl in the temporary folder
            if curation is None:  # curate as `kg build --out output` would here
                from kg.curation import curation_path

                if (default := curation_path("output")).is_file():
                    curation = str(default)
        if not quiet:
            click.echo(f"building {len(paths)} path(s) into {out_dir} ...", err=True)
        with reporter(quiet, every) as show:
            report = build_graph(
                list(paths),
                out_dir,
                curation=curation,
                on_skip=lambda s: show.echo(f"skipped {s.path}: {s.reason}"),
                on_warning=lambda path, message: show.echo(f"warning {path}: {message}"),
                on_progress=show,
            )
        if not quiet:
            click.echo(f"{len(report.built) + len(report.unchanged)} documents in the graph", err=True)
    try:
        store = open_store(out_dir or "output")
        result = evaluate(gold, store)
        del store
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)

    if ledger is not None:
        _record(result, ledger, genres_file)
    if as_json:
        data = result.to_dict()
        if not details:
            for doc in data["documents"]:
                doc.pop("misses")
                doc.pop("spurious")
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(format_table(result))
    if details:
        click.echo(format_details(result))
    missing = [d.document for d in result.documents if not d.in_graph]
    if missing:
        click.echo(f"warning: not in the graph: {', '.join(missing)}", err=True)


def _record(result: EvalResult, ledger: str, genres_file: str | None) -> None:
    """Append the first scorings of an evaluation to the ledger, with today's date and the checkout's commit."""
    import datetime
    import subprocess

    from kg.ledger import append_lines, ledger_lines

    if genres_file is None:
        raise click.UsageError("--ledger with --gold needs --genres FILE (each text's genre)")
    genres = json.loads(Path(genres_file).read_text(encoding="utf-8"))
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False).stdout.strip() or "unknown"
    lines = ledger_lines(result, genres, datetime.date.today().isoformat(), commit)
    append_lines(ledger, lines)
    click.echo(f"appended {len(lines)} first scoring(s) to {ledger}", err=True)
