"""SPARQL over the built graph: execution, result writers and the shipped `.rq` library.

Nothing here imports spaCy or click; `kg query` and `kg serve` build on it.
"""

from kg.query.execute import QueryResult, run_query

__all__ = ["QueryResult", "run_query"]
