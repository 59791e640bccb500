"""`kg build`: documents in, the graph out."""

from __future__ import annotations

from pathlib import Path

import click

from kg.commands.options import curation_option, ontology_option, out_option, progress_every_option, quiet_option


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@out_option
@ontology_option
@curation_option
@click.option("--max-bytes", type=click.IntRange(min=1), default=20 * 1024 * 1024, show_default=True, help="Skip files larger than this.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Extraction processes (default: all cores).")
@click.option("--scheduler", metavar="ADDRESS", default=None, help="Run extraction on this Dask cluster (tcp://HOST:PORT).")
@click.option("--no-cache", is_flag=True, help="Parse every changed document again, ignoring the parse cache.")
@quiet_option
@progress_every_option
def command(
    paths: tuple[str, ...],
    out_dir: str,
    curation: str | None,
    max_bytes: int,
    workers: int | None,
    scheduler: str | None,
    no_cache: bool,
    quiet: bool,
    every: int,
) -> None:
    """Build or update the graph of PATHS (files or folders; default: seeds/).

    Reads .txt, .md, .html/.htm and .pdf. Unchanged documents are not parsed
    again; changed ones replace their earlier version. Exit 0 when every
    document was built, 1 when some were skipped (each named on stderr),
    2 for a usage error.

    Progress goes to stderr: a bar on a terminal, otherwise a line every
    --progress-every documents and every 30 seconds; --quiet keeps only
    problems and the summary.

    Corrections come from --curation FILE, else curation.ttl beside the
    output folder (--out output reads ./curation.ttl), else the ontology
    folder's curation.ttl. An entry that names nothing in the graph is a
    warning.

    \b
    Example:
      kg build seeds/ --out output/
      kg build corpus/ --workers 2 --no-cache
      kg build corpus/ --scheduler tcp://10.0.0.5:8786
    """
    from kg.commands.reporting import reporter
    from kg.pipeline import build_graph

    with reporter(quiet, every) as show:
        report = build_graph(
            list(paths) or ["seeds"],
            out_dir,
            max_bytes=max_bytes,
            workers=workers,
            scheduler=scheduler,
            use_cache=not no_cache,
            curation=curation,
            on_skip=lambda s: show.echo(f"skipped {s.path}: {s.reason}"),
            on_warning=lambda path, message: show.echo(f"warning {path}: {message}"),
            on_progress=show,
        )
    click.echo(
        f"{len(report.built)} built, {len(report.unchanged)} unchanged, {len(report.skipped)} skipped; "
        f"{report.documents} documents, {report.triples} triples in {Path(out_dir) / 'graph.ttl'}",
        err=True,
    )
    raise SystemExit(report.exit_code)
