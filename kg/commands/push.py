"""`kg push`: load the graph into a SPARQL Graph Store (Oxigraph, Fuseki, GraphDB, Virtuoso)."""

from __future__ import annotations

import click

from kg.commands.options import out_option, progress_every_option, quiet_option


@click.command("push")
@click.option("--endpoint", metavar="URL", help="An Oxigraph server (http://host:7878); its Graph Store is URL/store.")
@click.option("--graph-store", metavar="URL", help="The Graph Store Protocol URL, e.g. Fuseki http://host:3030/ds/data.")
@click.option("--user", help="User name for HTTP Basic authentication (Digest when the server asks for it, as Virtuoso does).")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="Password (or set KG_PUSH_PASSWORD).")
@click.option("--token", envvar="KG_PUSH_TOKEN", help="Bearer token (or set KG_PUSH_TOKEN).")
@click.option("--default-graph/--no-default-graph", "include_default", default=True, show_default=True,
              help="Also replace the remote default graph with the merged view, which plain queries read.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True, help="Seconds to wait for each request.")
@out_option
@quiet_option
@progress_every_option
def command(
    endpoint: str | None,
    graph_store: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    include_default: bool,
    timeout: float,
    out_dir: str,
    quiet: bool,
    every: int,
) -> None:
    """Load every document's named graph, the ontology and the merged view into a Graph Store.

    Each graph is PUT to `<graph store>?graph=<graph IRI>`, replacing what
    the remote store held under that name, so pushing again never duplicates.
    The merged view (one rdfs:label per entity, what `kg query` reads) replaces
    the remote default graph, so the same queries run there; --no-default-graph
    leaves that graph alone.
    Progress goes to stderr (a bar on a terminal, otherwise a line every
    --progress-every graphs and every 30 seconds), then the totals.

    \b
    Example:
      kg push --endpoint http://127.0.0.1:7878
      kg push --graph-store http://localhost:3030/kg/data --user admin --password secret
      kg push --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --password dba
    """
    from kg.commands.reporting import reporter
    from kg.errors import UsageError
    from kg.push import graph_store_url, push
    from kg.store import open_store

    if (user is None) != (password is None):
        raise UsageError("give both --user and --password (or KG_PUSH_PASSWORD), or neither")
    if token and user:
        raise UsageError("give --token or --user/--password, not both")
    url = graph_store_url(endpoint, graph_store)
    store = open_store(out_dir)

    with reporter(quiet, every) as show:
        report = push(
            store, url, auth=(user, password) if user and password is not None else None, token=token,
            include_default=include_default, timeout=timeout, on_progress=show,
        )
    click.echo(f"pushed {len(report.graphs)} graphs, {report.triples} triples to {url}", err=True)
