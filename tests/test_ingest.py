"""Files → Documents: formats, metadata, page furniture, offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import DocumentError
from kg.ingest import Skipped, find_files, read_document

SEED_1 = Path(__file__).resolve().parent.parent / "seeds" / "000_1a9ad0cce239f248.txt"


def test_seed_furniture_is_blanked_but_offsets_are_kept() -> None:
    doc, warning = read_document(SEED_1)
    assert warning is None
    assert len(doc.body) == len(doc.text)
    for furniture in ["No time to read", "Get a summary", "Previous Article", "Next Article", "Yakupov", "BRICS"]:
        assert furniture in doc.text
        assert furniture not in doc.body
    assert doc.title == "EU Tightens Border Controls on Russia and Belarus"
    assert "EU Tightens" not in doc.body  # the headline is metadata, not a sentence to extract from
    assert "EU leaders decided to increase immigration controls" in doc.body
    assert doc.body.index("EU leaders decided") == doc.text.index("EU leaders decided")


def test_trailing_reference_list_becomes_references(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("The Commission will fund fences.\nFor more information\nA report on borders\nPress release: more money\n")
    doc, _ = read_document(path)
    assert doc.references == ("A report on borders", "Press release: more money")
    assert "A report on borders" not in doc.body


def test_markdown_title_date_and_url(tmp_path: Path) -> None:
    path = tmp_path / "release.md"
    path.write_text("# Frontex deploys officers\n\nPublished 12 March 2024\nSource: https://example.org/news/1\n\nFrontex will deploy 100 officers.\n")
    doc, _ = read_document(path)
    assert (doc.title, doc.date, doc.url, doc.media_type) == ("Frontex deploys officers", "2024-03-12", "https://example.org/news/1", "text/markdown")


def test_html_article_without_navigation(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        """<html><head><title>Poland builds a fence</title>
        <meta property="article:published_time" content="2024-05-02T10:00:00Z">
        <link rel="canonical" href="https://example.org/fence"></head>
        <body><nav>Home | World | Sport</nav>
        <article><h1>Poland builds a fence</h1><p>Poland will build a fence on the border with Belarus.</p>
        <div class="related-articles"><a>Football results of the week</a></div></article>
        <footer>Copyright</footer><script>alert(1)</script></body></html>"""
    )
    doc, _ = read_document(path)
    assert doc.title == "Poland builds a fence"
    assert doc.date == "2024-05-02"
    assert doc.url == "https://example.org/fence"
    assert "Poland will build a fence on the border with Belarus." in doc.text
    for furniture in ["Home | World", "Football results", "Copyright", "alert(1)"]:
        assert furniture not in doc.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file")],
)
def test_unreadable_documents_raise_one_clear_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=reason):
        read_document(path)


def test_latin1_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Les autorités françaises ont décidé.".encode("latin-1"))
    doc, warning = read_document(path)
    assert "autorités" in doc.text
    assert warning is not None and "not valid UTF-8" in warning


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("The Commission proposed a fund.".encode("utf-16"))
    doc, warning = read_document(path)
    assert doc.text == "The Commission proposed a fund." and warning is None


def test_find_files_orders_folders_and_reports_missing(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "skip.csv").write_text("x")
    found = list(find_files([tmp_path, tmp_path / "nope.txt"]))
    assert [Path(str(f)).name for f in found[:2]] == ["a.md", "b.txt"]
    assert found[2] == Skipped(str(tmp_path / "nope.txt"), "no such file or directory")


def test_navigation_rows_are_furniture(tmp_path: Path) -> None:
    path = tmp_path / "statement.md"
    path.write_text("# Statement\n\nThe coalition calls on Poland to end pushbacks.\n\nShare this statement | Follow us | Donate\nHome › News › Europe\n")
    doc, _ = read_document(path)
    assert "Share this statement" not in doc.body and "Home" not in doc.body
    assert "The coalition calls on Poland to end pushbacks." in doc.body


def test_calls_to_subscribe_are_furniture(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_text("The ministry will extend the fence.\n\nSubscribe to our weekly border newsletter\nSign up for news from the ministry\n"
                    "Subscribers to the register must renew their permits.\n")
    doc, _ = read_document(path)
    assert "Subscribe to" not in doc.body and "Sign up" not in doc.body
    assert "The ministry will extend the fence." in doc.body
    assert "Subscribers to the register must renew their permits." in doc.body  # a sentence about subscribers stays
