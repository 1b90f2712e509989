"""`briefer fetch` of PDFs, against a real HTTP server on 127.0.0.1 serving PDFs made here with
WeasyPrint: kept as served as NAME.pdf, checked with the build's own PDF reader, and then built
offline with citations that name their page."""

from __future__ import annotations

import base64
import json
import re
import struct
import tomllib
import zlib
from html import escape
from pathlib import Path

import pytest
from fetch_support import Route, Site, rss, serving
from typer.testing import CliRunner

from briefer.cli import app
from briefer.fetch import FetchOptions, NothingFetchedError, fetch_sources
from briefer.fetch.store import RAW_FOLDER, STATE_NAME
from briefer.ingest import read_sources

pytestmark = pytest.mark.usefixtures("no_proxy")

FAST = FetchOptions(rate=500, timeout=2)
TITLE = "Harbour Authority Approves Expansion of the Northern Terminal"
AUTHOR = "Maria Kovalenko"
PARAGRAPHS = (
    "The regional harbour authority approved on Thursday a long-term plan to expand the northern "
    "container terminal, ending eighteen months of consultations with shipping companies.",
    "Under the proposal, the authority will construct two additional berths and dredge the "
    "approach channel to a depth of sixteen metres, officials said at a press conference.",
    "Environmental organisations criticised the dredging programme, which they said would "
    "disturb the feeding grounds of protected seabirds along the northern shore.",
    "The authority estimates the total cost at roughly four hundred million euros, of which "
    "one third is expected to come from national infrastructure programmes.",
    "Representatives of the dockworkers' union demanded binding guarantees on employment "
    "before construction begins next spring, according to a statement on Friday.",
    "Construction is scheduled to begin in the second quarter of next year and to last about "
    "four years, the chairwoman of the authority told the municipal council.",
)
# Small pages, so that the article runs over several and its citations name different ones.
STYLE = "@page { size: A6; margin: 12mm } body { font-family: serif; font-size: 9pt }"


def make_pdf(paragraphs: tuple[str, ...] = PARAGRAPHS, *, body: str | None = None) -> bytes:
    """A PDF article as a publisher would make one: title, author and date in its metadata."""
    import weasyprint

    content = body or f"<h1>{escape(TITLE)}</h1>" + "".join(
        f"<p>{escape(p)}</p>" for p in paragraphs
    )
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{TITLE}</title>'
        f'<meta name="author" content="{AUTHOR}"><meta name="dcterms.created" '
        f'content="2024-03-05"><style>{STYLE}</style></head><body>{content}</body></html>'
    )
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf


def scanned_pdf() -> bytes:
    """Two pages of image only, as a scanner makes them: no text layer."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80\x20\x20" * 8 for _ in range(8))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    image = f'<img src="data:image/png;base64,{base64.b64encode(png).decode()}" width="200">'
    return make_pdf(body=f"{image}<div style='break-before: page'>{image}</div>")


@pytest.fixture(scope="module")
def article_pdf() -> bytes:
    return make_pdf()


@pytest.fixture
def site(article_pdf):
    site = Site()
    site.routes["/robots.txt"] = Route(404)
    site.routes["/reports/harbour.pdf"] = Route(body=article_pdf, content_type="application/pdf")
    with serving(site):
        yield site


def entries(folder: Path) -> dict[str, dict[str, str]]:
    return tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))


def test_a_pdf_is_kept_as_served_and_read_by_the_build(site, tmp_path, article_pdf):
    url = site.url("/reports/harbour.pdf")
    report = fetch_sources(tmp_path, [url], options=FAST)

    name = report.fetched[url]
    assert name == "127-0-0-1-reports-harbour.pdf"
    assert (tmp_path / name).read_bytes() == article_pdf  # the source itself, as served
    assert not (tmp_path / RAW_FOLDER).exists()  # so no second copy
    assert not list(tmp_path.glob("*.txt"))
    assert entries(tmp_path) == {name: {"url": url}}  # the rest is the PDF's own, read at build
    assert "application/pdf" in site.requests("/reports/harbour.pdf")[0].headers["Accept"]

    (article,) = read_sources(tmp_path)
    assert article.path == tmp_path / name
    assert (article.title, article.author, article.url) == (TITLE, AUTHOR, url)
    assert article.published is not None
    assert article.published.iso() == "2024-03-05"
    assert article.page_starts  # a paged source: its citations will give pages


def test_a_feed_item_linking_a_pdf_gives_the_feeds_facts_over_the_pdfs(site, tmp_path):
    """A feed's title, author and date are the publisher's; a PDF's metadata is often a file
    name, a user name and the day the file was made. The manifest holds the feed's, and the
    build lets the manifest win."""
    item = {
        "title": "Terminal expansion approved",
        "link": site.url("/reports/harbour.pdf"),
        "author": "desk@example.org (Port Desk)",
        "pubDate": "Sun, 10 Mar 2024 08:00:00 GMT",
    }
    site.routes["/rss"] = Route(body=rss("Harbour News", [item]))
    report = fetch_sources(tmp_path, feeds=[site.url("/rss")], options=FAST)

    (name,) = report.fetched.values()
    assert entries(tmp_path)[name] == {
        "title": "Terminal expansion approved",
        "author": "Port Desk",
        "publisher": "Harbour News",
        "published": "2024-03-10",
        "url": site.url("/reports/harbour.pdf"),
    }
    (article,) = read_sources(tmp_path)
    assert (article.title, article.author, article.publisher) == (
        "Terminal expansion approved",
        "Port Desk",
        "Harbour News",
    )
    assert article.published is not None
    assert article.published.iso() == "2024-03-10"


def test_a_pdf_served_without_a_type_is_known_by_its_header(site, tmp_path, article_pdf):
    site.routes["/download"] = Route(body=article_pdf, content_type="application/octet-stream")
    report = fetch_sources(tmp_path, [site.url("/download")], options=FAST)
    assert report.fetched[site.url("/download")].endswith(".pdf")


def test_a_scanned_pdf_is_skipped_with_its_reason(site, tmp_path):
    site.routes["/scan.pdf"] = Route(body=scanned_pdf(), content_type="application/pdf")
    report = fetch_sources(
        tmp_path, [site.url("/scan.pdf"), site.url("/reports/harbour.pdf")], options=FAST
    )
    failure = report.skipped[site.url("/scan.pdf")]
    assert failure.kind == "no text"
    assert "no text in its 2 page(s); a scanned PDF needs OCR first" in str(failure)
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["127-0-0-1-reports-harbour.pdf"]
    assert list(entries(tmp_path)) == ["127-0-0-1-reports-harbour.pdf"]


def test_a_file_served_as_pdf_that_is_not_one_is_skipped(site, tmp_path):
    site.routes["/fake.pdf"] = Route(body=b"<html>not a PDF</html>", content_type="application/pdf")
    with pytest.raises(NothingFetchedError, match=r"no text 1"):
        fetch_sources(tmp_path, [site.url("/fake.pdf")], options=FAST)
    assert not list(tmp_path.glob("*.pdf"))


def test_the_same_pdf_is_captured_once(site, tmp_path, article_pdf):
    site.routes["/mirror/copy.pdf"] = Route(body=article_pdf, content_type="application/pdf")
    first = site.url("/reports/harbour.pdf")
    copy = site.url("/mirror/copy.pdf")
    report = fetch_sources(tmp_path, [first, first + "?utm_source=x", copy], options=FAST)
    assert list(report.fetched) == [first]
    assert report.skipped[copy].kind == "duplicate"
    assert len(list(tmp_path.glob("*.pdf"))) == 1

    again = fetch_sources(tmp_path, [first, copy], options=FAST)
    assert set(again.unchanged) == {first, copy}
    assert site.paths().count("/reports/harbour.pdf") == 1  # known: not asked again
    assert site.paths().count("/mirror/copy.pdf") == 1
    state = json.loads((tmp_path / STATE_NAME).read_text(encoding="utf-8"))
    assert set(state["texts"].values()) == {"127-0-0-1-reports-harbour.pdf"}


def test_a_pdf_has_the_builds_pdf_size_cap_not_the_pages(site, tmp_path, article_pdf):
    size = len(article_pdf)
    under_html_cap = FetchOptions(rate=500, max_bytes=size // 2)
    report = fetch_sources(
        tmp_path / "a", [site.url("/reports/harbour.pdf")], options=under_html_cap
    )
    assert len(report.fetched) == 1  # a page's cap does not hold a PDF back

    capped = FetchOptions(rate=500, max_pdf_bytes=size // 2)
    with pytest.raises(NothingFetchedError, match="too large 1"):
        fetch_sources(tmp_path / "b", [site.url("/reports/harbour.pdf")], options=capped)
    assert not list((tmp_path / "b").glob("*.pdf"))


def test_a_captured_pdf_builds_offline_and_is_cited_with_its_pages(site, tmp_path):
    from pypdf import PdfReader

    sources = tmp_path / "sources"
    url = site.url("/reports/harbour.pdf")
    result = CliRunner().invoke(app, ["fetch", url, "--into", str(sources), "--rate", "100"])
    assert result.exit_code == 0, result.output
    assert "fetched 1" in result.output
    site.routes.clear()  # nothing is served from here on: the build has only the folder

    out = tmp_path / "briefing.json"
    built = CliRunner().invoke(
        app, ["build", str(sources), "-f", "json", "-o", str(out), "--no-cache", "-q"]
    )
    assert built.exit_code == 0, built.output
    assert site.paths() == ["/robots.txt", "/reports/harbour.pdf"]
    data = json.loads(out.read_text(encoding="utf-8"))
    (source,) = data["sources"]
    assert (source["url"], source["title"]) == (url, TITLE)
    pages = [page.extract_text() for page in PdfReader(source["path"]).pages]
    assert len(pages) > 1
    citations = [
        c
        for key in ("key_points", "background", "timeline")
        for i in data.get(key, [])
        for c in i["citations"]
    ]
    assert citations
    letters = [re.sub(r"[^a-z]", "", p.casefold()) for p in pages]
    for citation in citations:
        assert citation["source"] == source["id"]
        opening = re.sub(r"[^a-z]", "", citation["quote"].casefold())[:30]
        assert opening in letters[citation["page"] - 1], citation
    assert len({c["page"] for c in citations}) > 1
