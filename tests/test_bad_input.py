"""`kg build` over a folder of bad documents: one exact line each, the right exit code, no traceback, good graph unchanged."""

from __future__ import annotations

import os
import pathlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import kg.parallel
from kg.cli import cli

MB = 1024 * 1024
DEFAULT_LIMIT = 20 * MB  # kg build's documented --max-bytes default

# name → bytes (or None for files made specially); these are built, perhaps with a warning
GOOD: dict[str, bytes] = {
    "good.txt": b"Border news\n\nThe EU decided to close two crossings.\n",
    "good.md": b"# Fences\n\nThe EU will fund new fences at the border.\n",
    "latin1.txt": "Nouvelles\n\nThe EU and the Ministère de l'Intérieur agreed à côté.\n".encode("latin-1"),
    "utf16.txt": "\ufeffNews\n\nThe EU closes crossings at Narva.\n".encode("utf-16-le"),
    "mixed.txt": "Café news\n\nThe EU café opened.\n".encode() + "Le résumé est à côté.\n".encode("latin-1"),
    "malformed.html": b"<html><head><title>Broken</title><body><p>The EU <b>closes <div>the border</p></i>\n<p>unclosed <a href='x",
}
# name → the reason printed after "skipped <path>: "
BAD: dict[str, str] = {
    "empty.txt": "empty file",
    "image.txt": "binary file, not text (NUL bytes found)",
    "huge.txt": f"file is {50 * MB:,} bytes, over the --max-bytes limit of {DEFAULT_LIMIT:,}",
    "encrypted.pdf": "encrypted PDF; decrypt it first (e.g. qpdf --decrypt)",
    "scanned.pdf": "PDF has no text layer (scanned image?); run OCR first",
    "locked.txt": "permission denied",
    "loop.txt": "symbolic link loop",
    "ring-a.md": "symbolic link loop",
    "ring-b.md": "symbolic link loop",
}


def _first_bad_byte(data: bytes) -> int:
    """Where UTF-8 decoding of `data` first fails."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    raise AssertionError("valid UTF-8")


WARNINGS: dict[str, str] = {
    name: f"not valid UTF-8 (byte {_first_bad_byte(GOOD[name])}); read the invalid bytes as Windows-1252/Latin-1"
    for name in ("latin1.txt", "mixed.txt")
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + bytes(64)


def _pdf(path: Path, *, password: str | None) -> None:
    """A one-page PDF without a text layer, encrypted when a password is given."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if password:
        writer.encrypt(password)
    with path.open("wb") as stream:
        writer.write(stream)


def make_bad_folder(folder: Path) -> Path:
    """Write every good and bad document into `folder`."""
    folder.mkdir(parents=True)
    for name, data in GOOD.items():
        (folder / name).write_bytes(data)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(PNG)
    with (folder / "huge.txt").open("wb") as stream:  # sparse: 50 MB on paper, no disk or time spent
        stream.truncate(50 * MB)
    _pdf(folder / "encrypted.pdf", password="secret")
    _pdf(folder / "scanned.pdf", password=None)
    (folder / "locked.txt").write_text("The EU cannot be read here.\n")
    os.symlink("loop.txt", folder / "loop.txt")
    os.symlink("ring-b.md", folder / "ring-a.md")
    os.symlink("ring-a.md", folder / "ring-b.md")
    return folder


@pytest.fixture()
def no_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    """`kg build` extracts with the model-free extractor and a cache of its own."""
    monkeypatch.setattr(kg.parallel, "extract_parallel", lambda documents, workers, **_: fake_extractor(documents))
    monkeypatch.delenv("KG_CACHE_DIR", raising=False)
    # a private snapshot of ontology/: the pipeline version digests it, and colleagues may edit it mid-test
    from kg.resources import ontology_dir

    snapshot = tmp_path / "ontology"
    shutil.copytree(ontology_dir(), snapshot)
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(snapshot))


@pytest.fixture()
def unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    """`locked.txt` cannot be read, as with chmod 000 for a user who is not root."""
    real = pathlib.Path.read_bytes

    def read_bytes(self: pathlib.Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)


def run(*args: str) -> Result:
    """Invoke `kg` in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def assert_clean(result: Result) -> None:
    """No traceback and no stray exception reached the user."""
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def summary(stderr: str) -> str:
    """The last line of stderr with the triple count masked."""
    return re.sub(r"\d+ triples", "N triples", stderr.splitlines()[-1])


def test_each_bad_document_costs_one_line_and_the_rest_is_built(tmp_path: Path, no_model: None, unreadable: None) -> None:
    docs = make_bad_folder(tmp_path / "docs")
    out = tmp_path / "out"

    result = run("build", str(docs), "--out", str(out))

    assert_clean(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    expected = {f"skipped {docs / name}: {reason}" for name, reason in BAD.items()}
    expected |= {f"warning {docs / name}: {message}" for name, message in WARNINGS.items()}
    lines = result.stderr.splitlines()
    assert set(lines[:-1]) == expected
    assert len(lines[:-1]) == len(expected)  # one line each, no more
    assert summary(result.stderr) == f"{len(GOOD)} built, 0 unchanged, {len(BAD)} skipped; {len(GOOD)} documents, N triples in {out}/graph.ttl"


def test_good_documents_make_the_same_graph_as_when_built_alone(tmp_path: Path, no_model: None, unreadable: None) -> None:
    docs = make_bad_folder(tmp_path / "docs")
    assert run("build", str(docs), "--out", str(tmp_path / "with-bad")).exit_code == 1
    for name in BAD:
        (docs / name).unlink()
    alone = run("build", str(docs), "--out", str(tmp_path / "alone"))
    assert_clean(alone)
    assert alone.exit_code == 0
    assert (tmp_path / "with-bad" / "graph.ttl").read_bytes() == (tmp_path / "alone" / "graph.ttl").read_bytes()


def test_all_good_is_exit_0_even_with_warnings(tmp_path: Path, no_model: None) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("good.txt", "latin1.txt", "utf16.txt", "malformed.html"):
        (docs / name).write_bytes(GOOD[name])
    result = run("build", str(docs), "--out", str(tmp_path / "out"))
    assert_clean(result)
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:-1] == [f"warning {docs / 'latin1.txt'}: {WARNINGS['latin1.txt']}"]
    assert summary(result.stderr) == f"4 built, 0 unchanged, 0 skipped; 4 documents, N triples in {tmp_path / 'out'}/graph.ttl"


def test_mixed_encodings_keep_both_halves_readable(tmp_path: Path) -> None:
    from kg.ingest import read_document

    path = tmp_path / "mixed.txt"
    path.write_bytes(GOOD["mixed.txt"])
    document, warning = read_document(path)
    assert "Café news" in document.text and "Le résumé est à côté." in document.text
    assert warning == WARNINGS["mixed.txt"]


def test_max_bytes_is_an_option(tmp_path: Path, no_model: None) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_bytes(GOOD["good.txt"])
    size = len(GOOD["good.txt"])
    result = run("build", str(docs), "--out", str(tmp_path / "out"), "--max-bytes", "10")
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"skipped {docs / 'good.txt'}: file is {size} bytes, over the --max-bytes limit of 10"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode; see the monkeypatched case above")
def test_chmod_000_is_permission_denied(tmp_path: Path, no_model: None) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_bytes(GOOD["good.txt"])
    locked = docs / "locked.txt"
    locked.write_text("The EU cannot be read here.\n")
    locked.chmod(0)
    try:
        result = run("build", str(docs), "--out", str(tmp_path / "out"))
    finally:
        locked.chmod(0o644)
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"skipped {locked}: permission denied"


def test_links_in_and_out_of_folders(tmp_path: Path, no_model: None) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "good.txt").write_bytes(GOOD["good.txt"])
    os.symlink("..", docs / "sub" / "up")  # a folder link back to an ancestor: a loop
    os.symlink("sub", docs / "again")  # a second way to the same folder: read once, no message
    os.symlink("gone.txt", docs / "dangling.txt")
    result = run("build", str(docs), str(docs / "dangling.txt"), "--out", str(tmp_path / "out"))
    assert_clean(result)
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()[:-1]) == sorted(
        [
            f"skipped {docs / 'dangling.txt'}: broken symbolic link",
            f"skipped {docs / 'dangling.txt'}: broken symbolic link",
            f"skipped {docs / 'sub' / 'up'}: symbolic link loop",
        ]
    )
    assert summary(result.stderr).startswith("1 built, 0 unchanged, 3 skipped; 1 documents")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--max-bytes", "0"], "Invalid value for '--max-bytes'"),
        (["--no-such-option"], "Error: No such option '--no-such-option'."),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, no_model: None, args: list[str], message: str) -> None:
    result = run("build", str(tmp_path), "--out", str(tmp_path / "out"), *args)
    assert_clean(result)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder` with its bytes (None for folders and links), to see that nothing changed."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() and not p.is_symlink() else None) for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("missing", ["does-not-exist/", "nowhere/missing.txt"])
def test_a_path_that_does_not_exist_is_a_usage_error_and_nothing_is_made(tmp_path: Path, no_model: None, missing: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = run("build", missing, "--out", str(out))
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: no such file or folder: '{missing}'"]
    assert not out.exists()


def test_a_missing_path_beside_good_ones_leaves_the_built_graph_as_it_was(tmp_path: Path, no_model: None) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_bytes(GOOD["good.txt"])
    out = tmp_path / "out"
    assert run("build", str(docs), "--out", str(out)).exit_code == 0
    before = _snapshot(out)
    (docs / "new.txt").write_bytes(GOOD["good.md"])
    result = run("build", str(docs), str(tmp_path / "gone"), str(tmp_path / "gone.md"), "--out", str(out))
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: no such file or folder: '{tmp_path / 'gone'}', '{tmp_path / 'gone.md'}'"]
    assert _snapshot(out) == before


def test_out_that_is_a_file_is_a_usage_error(tmp_path: Path, no_model: None) -> None:
    (tmp_path / "out").write_text("not a folder")
    result = run("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith("Error: ")


def test_unexpected_failure_is_one_line_without_debug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from kg import cli as cli_module

    def boom(documents, workers, **_):  # type: ignore[no-untyped-def]
        raise RuntimeError("model exploded")
        yield  # pragma: no cover

    monkeypatch.setattr(kg.parallel, "extract_parallel", boom)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "good.txt").write_bytes(GOOD["good.txt"])
    argv = ["kg", "build", str(tmp_path / "docs"), "--out", str(tmp_path / "out")]
    monkeypatch.setattr("sys.argv", argv)
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.splitlines() == ["Error: unexpected failure: RuntimeError: model exploded (run with --debug for details)"]
    assert not (tmp_path / "out" / "graph.ttl").exists()  # nothing half-built was left as the graph

    # another --out: the failed build's store may still be open in this process through the kept exception
    monkeypatch.setattr("sys.argv", ["kg", "--debug", *argv[1:-1], str(tmp_path / "out2")])
    with pytest.raises(RuntimeError, match="model exploded"):  # --debug lets the traceback through
        cli_module.main()


def test_bad_folder_is_reusable_fixture(tmp_path: Path) -> None:
    """The folder maker itself: every planned file is there, the huge one sparse."""
    docs = make_bad_folder(tmp_path / "docs")
    names = {p.name for p in docs.iterdir()}
    assert names == set(GOOD) | set(BAD)
    assert (docs / "huge.txt").stat().st_size == 50 * MB


def test_file_name_that_is_not_utf8(tmp_path: Path, no_model: None) -> None:
    """A Latin-1 file name (common on old archives) is built, named on stderr and carried into valid RDF."""
    import pyoxigraph as ox

    docs = tmp_path / "docs"
    docs.mkdir()
    raw = os.fsencode(docs) + b"/caf\xe9-report.txt"
    with open(raw, "wb") as stream:
        stream.write(GOOD["good.txt"])
    with open(os.fsencode(docs) + b"/vide\xe9.txt", "wb"):
        pass
    result = run("build", str(docs), "--out", str(tmp_path / "out"))
    assert_clean(result)
    assert result.exit_code == 1
    # the byte that is not UTF-8 is shown escaped, as Python writes any such name to a terminal
    assert result.stderr.splitlines()[0] == f"skipped {docs}/vide\\udce9.txt: empty file"
    assert summary(result.stderr).startswith("1 built, 0 unchanged, 1 skipped; 1 documents")
    assert list(ox.parse((tmp_path / "out" / "graph.ttl").read_bytes(), ox.RdfFormat.TURTLE))
