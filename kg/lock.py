"""One build at a time per output folder: an advisory lock the kernel drops when its process dies."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import BuildLockedError


@contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's build lock, or fail at once naming the holder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".build.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "ignore").strip() or "another process"
            raise BuildLockedError(
                f"another `kg build` (pid {holder}) is writing to '{out_dir}'; wait for it to finish or use another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)
