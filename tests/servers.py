"""Helpers for tests that start servers on loopback: a free port, a clean stop."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# the server of PyPI `oxigraph`, installed beside this Python by the test extras
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    """A loopback port nobody listens on now (bind port 0 and ask)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:  # type: ignore[type-arg]
    """Terminate a server process (SIGTERM), killing it if it does not stop within `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# Debian's Virtuoso (package virtuoso-opensource, installed for CI by .ci/install-virtuoso.sh) -------------------------

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
# the graph that Virtuoso's Graph Store writes for `?default` and its /sparql endpoint reads as the default graph
VIRTUOSO_DEFAULT_GRAPH = "https://w3id.org/policy-kg/id/graph/default"
VIRTUOSO_DEFAULT_GRAPH_SQL = (
    f"INSERT INTO DB.DBA.SYS_SPARQL_HOST (SH_HOST, SH_GRAPH_URI) VALUES ('%', '{VIRTUOSO_DEFAULT_GRAPH}');"
)


def virtuoso_ini(folder: str, sql_port: int, http_port: int) -> str:
    """A virtuoso.ini for a private instance: database files in `folder`, both ports on 127.0.0.1 only, and no
    silent truncation of long answers (Virtuoso's defaults cap a result at 10,000 rows and a query at 60 s)."""
    return f"""[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 4
MaxClientConnections = 4

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


@contextmanager
def serving(out: Path, **options: Any) -> Iterator[Any]:
    """`kg serve`'s server for the graph in `out` (make_server's options), answering in a thread until the block ends."""
    from kg.serve import make_server

    srv = make_server(out, port=0, **options)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
