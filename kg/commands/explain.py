"""`kg explain`: why an edge exists or is missing, sentence by sentence."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("explain")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sentence", "-s", type=click.IntRange(min=1), default=None, help="Only sentence N (counted from 1).")
def command(path: Path, sentence: int | None) -> None:
    """Print each sentence's frames and, for every frame rule, whether it fired and why.

    A frame is one predicate of the sentence: its lemma, form, voice, stance
    (modality, negation, condition, hedge, question) and roles. Under each frame
    come the rules of ontology/frame-rules.json that read its trigger, and after
    the frames the measures and relations the sentence gave the graph.

    \b
    Example:
      kg explain seeds/001_3f2e04321a86e5a9.txt --sentence 4
      kg explain report.html
    """
    from kg.errors import DocumentError
    from kg.extract.explain import explain
    from kg.ingest import read_document

    document, problem = read_document(path)
    if problem:
        raise DocumentError(str(path), problem)
    click.echo(explain(document, sentence), nl=False)
