"""Check that a wheel carries every file of the repository's ontology/ as kg/ontology/, byte for byte.

Usage: python .ci/check-wheel.py WHEEL ONTOLOGY_DIR. Exit 1 naming each file
that is missing or differs, so a new ontology file that the packaging would
leave out fails CI.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path


def main(wheel: str, ontology: str) -> int:
    """Compare the folder with the wheel's kg/ontology/; print problems; 0 when none."""
    folder = Path(ontology)
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name: archive.read(name) for name in archive.namelist() if name.startswith("kg/ontology/")}
    problems = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = "kg/ontology/" + path.relative_to(folder).as_posix()
        if name not in shipped:
            problems.append(f"{name}: missing from {wheel}")
        elif shipped[name] != path.read_bytes():
            problems.append(f"{name}: differs from {path}")
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print(f"{wheel}: all {len(shipped)} ontology files are in kg/ontology/", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
