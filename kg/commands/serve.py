"""`kg serve`: a read-only SPARQL endpoint over the built graph."""

from __future__ import annotations

import click

from kg.commands.options import out_option

# not 7878, Oxigraph server's own default, so that `kg serve` and an Oxigraph server that `kg push` fills can run side by side
DEFAULT_PORT = 7879


@click.command("serve")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 exposes the graph to your network.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, help="Query time limit in seconds (503 past it).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=50_000_000, show_default=True, help="Largest answer in bytes (503 past it).")
@click.option("--replica/--no-replica", default=True, show_default=True,
              help="Answer default-graph queries from an in-memory copy of the graph, loaded in the background at start.")
@click.option("-q", "--quiet", is_flag=True, help="Do not log requests on stderr.")
@out_option
def command(port: int, host: str, timeout: float, max_bytes: int, replica: bool, quiet: bool, out_dir: str) -> None:
    """Serve a read-only SPARQL 1.1 endpoint, with a query page at /.

    GET or POST `query=` to /sparql; the answer's format follows the Accept
    header (SPARQL JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD for
    CONSTRUCT/DESCRIBE) or a `format=` parameter. `limit=` and `offset=`
    answer one page, with a Link header to the next. Updates are refused.
    Ctrl-C stops it.

    \b
    Example:
      kg serve --port 7879
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a kg:Fund }' http://127.0.0.1:7879/sparql
    """
    import signal

    from kg.serve import Limits, make_server

    log = None if quiet else (lambda line: click.echo(line, err=True))
    server = make_server(out_dir, host, port, Limits(timeout, max_bytes), log=log, replica=replica)

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    click.echo(f"SPARQL endpoint at {server.url} (query page: {server.url.removesuffix('sparql')}); Ctrl-C stops it", err=True)
    if replica:
        _announce_replica(server)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    click.echo("stopped", err=True)
    if server.runner.busy():
        # a query still computing inside Oxigraph cannot be interrupted, and the
        # store's teardown would wait for it: leave without waiting
        import os
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _announce_replica(server: object) -> None:
    """Say on stderr when the in-memory replica answers (a thread: the server answers from the store meanwhile)."""
    import threading
    import time

    started = time.monotonic()

    def wait() -> None:
        if server.runner.holder.wait_for_replica():  # type: ignore[attr-defined]
            click.echo(f"in-memory replica loaded in {time.monotonic() - started:.1f} s", err=True)

    threading.Thread(target=wait, name="kg-replica-announce", daemon=True).start()
