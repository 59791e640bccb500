"""Helpers for tests that start servers on loopback: a free port, a clean stop."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

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
