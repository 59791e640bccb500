"""`kg text`: the exact text a document's evidence offsets index."""

from __future__ import annotations

import sys

import click

from kg.commands.options import out_option


@click.command("text")
@click.argument("document")
@out_option
def command(document: str, out_dir: str) -> None:
    """Print the text that DOCUMENT's evidence offsets index (DOCUMENT: a path, file name or document id).

    For a .txt file it is the file as decoded; for Markdown the file with its
    markup blanked to spaces (the same positions as the file); for a web page
    or a PDF the text kg extracted. Each evidence record's
    text[kg:startOffset:kg:endOffset] is its kg:sentence, counted in Unicode
    characters. Printed as UTF-8, byte for byte, with no newline added.

    \b
    Example:
      kg text seeds/001_3f2e04321a86e5a9.txt
      kg text page.html > page.txt
    """
    from kg.texts import document_text

    data = document_text(out_dir, document)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
