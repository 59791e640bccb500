"""The extraction pipeline's version, importable without spaCy (the parse cache and incremental builds key on it)."""

PIPELINE_VERSION = "1"
