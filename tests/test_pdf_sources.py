"""PDF sources: PDFs made here with WeasyPrint (two columns, automatic hyphenation, running
header and footer, metadata) are read back and compared with the text they were made from."""

from __future__ import annotations

import base64
import difflib
import json
import logging
import re
import struct
import zlib
from collections.abc import Callable
from html import escape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefer.cli import app
from briefer.ingest import read_sources
from briefer.ingest.limits import Limits, applied
from briefer.ingest.pdf import follow_pages
from briefer.ingest.readers import read_pdf
from briefer.render.pdf import read_embedded_json

TITLE = "Harbour Authority Approves Expansion of the Northern Terminal"
AUTHOR = "Maria Kovalenko"
PARAGRAPHS = (
    "The regional harbour authority approved on Thursday a long-term plan to expand the "
    "northern container terminal, ending eighteen months of consultations with shipping "
    "companies, environmental organisations and the municipal administration.",
    "Under the proposal, the authority will construct two additional berths, dredge the "
    "approach channel to a depth of sixteen metres and install electrical connections that "
    "allow vessels to switch off their engines while they are unloading.",
    "Supporters of the project argued that the expansion was indispensable for the regional "
    "economy. Several international logistics operators had threatened to transfer their "
    "operations to competing harbours if the existing facilities were not modernised.",
    "Environmental organisations welcomed the electrical connections but criticised the "
    "dredging programme, which they said would disturb the feeding grounds of protected "
    "seabirds. A well-known marine biologist described the compensation measures as "
    "insufficient and announced an administrative complaint.",
    "The municipal administration negotiated a series of commitments concerning noise, "
    "traffic and employment. Construction vehicles will be prohibited from residential "
    "streets during the night, and the authority promised to recruit apprentices from "
    "neighbouring districts.",
    "Financing remains the most uncertain element of the undertaking. The authority estimates "
    "the total cost at roughly four hundred million euros, of which approximately one third "
    "is expected to come from national infrastructure programmes that parliament has not yet "
    "approved.",
    "Representatives of the dockworkers' union expressed cautious satisfaction. They pointed "
    "out that automation of the new berths could eventually reduce employment, and demanded "
    "binding guarantees before construction begins next spring.",
    "Independent economists questioned the traffic forecasts on which the authority based its "
    "calculations. According to their assessment, the projected growth of container volumes "
    "depends heavily on optimistic assumptions about international trade.",
    "The authority's chairwoman rejected this criticism, insisting that the forecasts had "
    "been verified by two consultancies. She acknowledged, however, that the timetable could "
    "change if the environmental complaint delayed the necessary permits.",
    "Construction is scheduled to begin in the second quarter of next year and to last "
    "approximately four years. The first of the additional berths should become operational "
    "before the end of the third year, according to the published timetable.",
    "Neighbouring municipalities have requested a share of the anticipated tax revenue, "
    "arguing that their residents will bear a considerable part of the additional traffic. "
    "Negotiations on a compensation mechanism are expected to continue throughout the summer.",
    "Shipping companies have not yet committed to long-term contracts for the new berths. "
    "Industry representatives said that their decisions would depend on the final tariffs, "
    "which the authority intends to publish after the financing has been secured.",
)
STYLE = """
@page { size: A6; margin: 16mm 10mm 14mm;
  @top-center { content: "The Coastal Gazette - Regional News"; font-size: 8pt }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-size: 8pt } }
body { font-family: serif; font-size: 8pt; columns: 2; column-gap: 6mm; hyphens: auto;
  text-align: justify }
h1 { font-size: 12pt; column-span: all }
p { margin: 0 0 2mm }
"""


def _html(body: str, *, title: str = TITLE, style: str = STYLE, meta: bool = True) -> str:
    head = (
        f'<title>{escape(title)}</title><meta name="author" content="{AUTHOR}">'
        '<meta name="dcterms.created" content="2024-03-05">'
        if meta
        else ""
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}'
        f"<style>{style}</style></head><body>{body}</body></html>"
    )


def _pdf(path: Path, html: str) -> Path:
    import weasyprint

    path.parent.mkdir(parents=True, exist_ok=True)
    weasyprint.HTML(string=html).write_pdf(path)
    return path


def _article_pdf(path: Path, paragraphs: tuple[str, ...] = PARAGRAPHS) -> Path:
    body = f"<h1>{escape(TITLE)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return _pdf(path, _html(body))


def _agreement(found: str, reference: str) -> float:
    return difflib.SequenceMatcher(None, found, reference, autojunk=False).ratio()


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.casefold())


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _article_pdf(tmp_path_factory.mktemp("pdf") / "harbour.pdf")


def test_two_column_hyphenated_article_reads_within_two_percent(
    article: Path, record_property: Callable[[str, object], None]
) -> None:
    from pypdf import PdfReader

    pages = PdfReader(article).pages
    raw = "".join(page.extract_text() for page in pages)
    assert len(pages) >= 2
    assert "\u2010\n" in raw  # WeasyPrint did hyphenate: the test is not a trivial one

    doc = read_pdf(article)
    reference = "\n".join(PARAGRAPHS)
    body = doc.text.split("\n", 1)[1] if doc.text.startswith(TITLE) else doc.text
    agreement = _agreement(body, reference)
    record_property("character_agreement", round(agreement, 4))
    assert agreement >= 0.98, f"character agreement {agreement:.4f}"
    assert body.split("\n") == list(PARAGRAPHS)  # each paragraph one line, none merged
    assert "well-known" in doc.text
    assert "Page" not in doc.text
    assert "Coastal Gazette" not in doc.text


def test_metadata_gives_title_author_and_date(article: Path) -> None:
    doc = read_pdf(article)
    assert (doc.title, doc.author, doc.published) == (TITLE, AUTHOR, "2024-03-05")


def test_manifest_wins_over_pdf_metadata(article: Path, tmp_path: Path) -> None:
    (tmp_path / "harbour.pdf").write_bytes(article.read_bytes())
    (tmp_path / "sources.toml").write_text(
        '["harbour.pdf"]\ntitle = "Terminal Plan"\nauthor = "Desk"\npublished = "2024-03"\n',
        encoding="utf-8",
    )
    (only,) = read_sources(tmp_path)
    assert (only.title, only.author, only.published and only.published.iso()) == (
        "Terminal Plan",
        "Desk",
        "2024-03",
    )


def test_page_starts_survive_cleaning(article: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    (tmp_path / "harbour.pdf").write_bytes(article.read_bytes())
    (only,) = read_sources(tmp_path)
    assert only.text.split("\n") == list(PARAGRAPHS)  # the headline went into the title
    pages = [page.extract_text() for page in PdfReader(article).pages]
    assert [page for _, page in only.page_starts] == list(range(1, len(pages) + 1))
    for start, page in only.page_starts:
        # The first words of each page's text are drawn on that page.
        assert _letters(only.text[start : start + 40]) in _letters(pages[page - 1])
        assert only.page_at(start) == page
    last = PARAGRAPHS[-1]
    assert only.page_of(last) == only.page_at(only.text.index(last))


def test_columns_are_read_in_order_even_when_drawn_right_first(tmp_path: Path) -> None:
    left, right = PARAGRAPHS[0], PARAGRAPHS[1]
    box = "position: absolute; top: 0; width: 45%; font-size: 10pt"
    body = (
        f'<div style="{box}; right: 0"><p>{escape(right)}</p></div>'
        f'<div style="{box}; left: 0"><p>{escape(left)}</p></div>'
    )
    pdf = _pdf(tmp_path / "columns.pdf", _html(body, style="@page { size: A5 }"))
    doc = read_pdf(pdf)
    assert doc.text.split("\n") == [left, right]


def test_running_header_of_a_one_page_three_column_article_stays_out_of_the_columns(
    tmp_path: Path,
) -> None:
    style = STYLE.replace("A6", "A4").replace("columns: 2", "columns: 3")
    body = f"<h1>{escape(TITLE)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in PARAGRAPHS)
    doc = read_pdf(_pdf(tmp_path / "three.pdf", _html(body, style=style)))
    assert len(_reader(tmp_path / "three.pdf")) == 1
    # One page, so its header repeats nowhere and stays; but it is read before the columns.
    assert doc.text.split("\n")[-len(PARAGRAPHS) :] == list(PARAGRAPHS)


def test_abbreviation_at_a_column_turn_does_not_end_the_paragraph(tmp_path: Path) -> None:
    # Two absolutely placed columns; the left one ends with "Sen." and the right one goes on.
    box = "position: absolute; top: 0; width: 45%; font-size: 10pt"
    body = (
        f'<div style="{box}; left: 0"><p>The plan was described by Sen.</p></div>'
        f'<div style="{box}; right: 0"><p>Jane Roe as a costly mistake.</p></div>'
    )
    doc = read_pdf(_pdf(tmp_path / "turn.pdf", _html(body, style="@page { size: A5 }")))
    assert doc.text == "The plan was described by Sen. Jane Roe as a costly mistake."


def test_hyphen_kept_in_compound_broken_at_line_end(tmp_path: Path) -> None:
    # A narrow column that breaks at the hyphen of "well-known": it must not become "wellknown".
    words = "The well-known proposal was discussed again by the committee."
    style = "@page { size: A6 } body { width: 16mm; font-size: 10pt; hyphens: manual }"
    doc = read_pdf(_pdf(tmp_path / "narrow.pdf", _html(f"<p>{words}</p>", style=style)))
    assert "well-\nknown" in "".join(p.extract_text() for p in _reader(tmp_path / "narrow.pdf"))
    assert doc.text == words


def _reader(path: Path) -> list:  # type: ignore[type-arg]
    from pypdf import PdfReader

    return list(PdfReader(path).pages)


def _png(width: int = 8, height: int = 8) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _image_page() -> str:
    src = "data:image/png;base64," + base64.b64encode(_png()).decode()
    return f'<div style="break-before: page"><img src="{src}" style="width: 80mm"></div>'


def test_scanned_page_is_reported_skipped(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    body = f"<p>{escape(PARAGRAPHS[0])}</p>{_image_page()}"
    pdf = _pdf(tmp_path / "mixed.pdf", _html(body, style="@page { size: A5 }"))
    with caplog.at_level(logging.WARNING, logger="briefer"):
        doc = read_pdf(pdf)
    assert doc.text == PARAGRAPHS[0]
    assert [r.getMessage() for r in caplog.records if r.name == "briefer"] == [
        f"{pdf}: page 2 has no text layer (scanned?); skipped"
    ]


def test_pdf_of_images_only_is_skipped_in_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _pdf(
        tmp_path / "scan.pdf",
        _html(_image_page() + _image_page(), style="@page { size: A5 }", meta=False),
    )
    (tmp_path / "story.txt").write_text(PARAGRAPHS[2] + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="briefer"):
        (only,) = read_sources(tmp_path)
    assert only.path.name == "story.txt"
    messages = [r.getMessage() for r in caplog.records if r.name == "briefer"]
    assert f"skipping {tmp_path / 'scan.pdf'}: no text in its 2 page(s)" in messages[-1]


def _encrypted(source: Path, target: Path, user_password: str = "secret") -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    with target.open("wb") as out:
        writer.write(out)
    return target


def test_pdf_locked_only_against_changes_is_read(article: Path, tmp_path: Path) -> None:
    # An owner password alone (no copying, no printing) still lets anyone open the file.
    locked = _encrypted(article, tmp_path / "locked.pdf", user_password="")
    assert read_pdf(locked).text == read_pdf(article).text


def test_pdf_over_its_size_limit_is_skipped(
    article: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "harbour.pdf").write_bytes(article.read_bytes())
    (tmp_path / "story.txt").write_text(PARAGRAPHS[2] + "\n", encoding="utf-8")
    size = article.stat().st_size
    with caplog.at_level(logging.WARNING, logger="briefer"):
        (only,) = read_sources(tmp_path, Limits(pdf_file_size=size - 1))
    assert only.path.name == "story.txt"
    assert "over the limit" in caplog.records[-1].getMessage()
    assert len(read_sources(tmp_path, Limits(pdf_file_size=size))) == 2


@pytest.mark.parametrize("kind", ["encrypted", "truncated", "garbage"])
def test_unreadable_pdf_gives_one_line(article: Path, tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    target = folder / "bad.pdf"
    if kind == "encrypted":
        _encrypted(article, target)
    elif kind == "truncated":
        target.write_bytes(article.read_bytes()[:2000])
    else:
        target.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    result = CliRunner().invoke(app, ["build", str(folder), "--format", "json", "-o", "x.json"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"skipping {target}:" in result.output
    reason = result.output.split(f"skipping {target}:", 1)[1].splitlines()[0]
    assert ("password" in reason) if kind == "encrypted" else ("not a readable PDF" in reason)


def test_page_limit_skips_a_long_pdf(article: Path) -> None:
    from briefer.ingest.decode import NotTextError

    with applied(Limits(pdf_pages=1)), pytest.raises(NotTextError, match="over the limit of 1"):
        read_pdf(article)


def test_cite_pages_reaches_nested_citations_and_leaves_others_alone(tmp_path: Path) -> None:
    from briefer.ingest import cite_pages
    from briefer.models import Actor, Article, Citation, Quote

    text = "First page text.\nSecond page text."
    pdf = Article("S1", tmp_path / "a.pdf", text, page_starts=((0, 1), (17, 2)))
    plain = Article("S2", tmp_path / "b.txt", text)
    actor = Actor(
        "Jane Roe",
        "person",
        None,
        (),
        2,
        (Citation("S1", "Second page text."),),
        quotes=(Quote("text", (Citation("S1", "First page text."), Citation("S2", "x"))),),
    )
    (paged,) = cite_pages((actor,), [pdf, plain])
    assert paged.citations[0].page == 2
    assert [c.page for c in paged.quotes[0].citations] == [1, None]
    assert paged.citations[0].to_json() == {"source": "S1", "quote": "Second page text.", "page": 2}
    assert cite_pages((actor,), [plain])[0] is actor


def test_follow_pages_through_removed_and_cut_lines() -> None:
    source = "Header\nFirst para\nPage 1\nBy Someone: second para\nthird"
    derived = "First para\nsecond para\nthird"
    pages = [(0, 1), (source.index("Page 1") + 7, 2), (source.index("third"), 3)]
    assert follow_pages(source, derived, pages) == ((0, 1), (11, 2), (23, 3))


def test_briefing_from_pdf_sources_cites_pages(article: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "harbour.pdf").write_bytes(article.read_bytes())
    second = tuple(p.replace("authority", "port authority") for p in reversed(PARAGRAPHS))
    _article_pdf(folder / "follow-up.pdf", second)
    out = tmp_path / "briefing.pdf"
    result = CliRunner().invoke(app, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output

    data = read_embedded_json(out)
    assert data is not None
    assert json.loads(json.dumps(data)) == data
    pages = {
        s["id"]: [p.extract_text() for p in PdfReader(s["path"]).pages] for s in data["sources"]
    }
    citations = [
        c
        for key in ("key_points", "background", "timeline", "open_questions")
        for item in data.get(key, [])
        for c in item["citations"]
    ]
    assert citations
    assert all("page" in c for c in _all_citations(data))  # actors' quotes and outcomes too
    for c in citations:
        # The quote's opening is on the page it is cited with.
        assert _letters(c["quote"])[:30] in _letters(pages[c["source"]][c["page"] - 1])
    assert {c["page"] for c in citations} != {1}  # not every citation says page 1

    printed = " ".join(p.extract_text() for p in PdfReader(out).pages)
    notes = set(re.findall(r"(S\d+), p\.\s(\d+):", printed))  # "S2, p. 3: “…”"
    assert notes
    assert notes <= {(c["source"], str(c["page"])) for c in _all_citations(data)}


def _all_citations(value: object) -> list[dict[str, object]]:
    if isinstance(value, list):
        return [c for item in value for c in _all_citations(item)]
    if isinstance(value, dict):
        found = [c for c in value.get("citations", []) if isinstance(c, dict)]
        return found + [c for v in value.values() for c in _all_citations(v)]
    return []


@pytest.mark.parametrize(
    ("end", "start", "joined"),
    [
        ("the inter-", "national body", "the international body"),  # whole word seen
        ("a well-", "known case", "a well-known case"),  # compound seen
        ("the pre-", "war era", "the pre-war era"),  # no evidence: the hyphen stays
        ("INTER-", "NATIONAL", "INTERNATIONAL"),
        ("an AB-", "CD case", "an AB-CD case"),
        ("co\u2010", "operation", "cooperation"),  # U+2010 only ever at line ends
        ("Mc\u2010", "Cain said", "McCain said"),
        ("events --", "they said", "events -- they said"),
        ("soft\u00ad", "ware", "software"),
        ("Anglo-", "American", "Anglo-American"),
        ("in 2019-", "2020", "in 2019-2020"),
        ("a pause -", "then more", "a pause - then more"),
        ("plain", "next", "plain next"),
    ],
)
def test_line_ends_join_conservatively(end: str, start: str, joined: str) -> None:
    from briefer.ingest.pdf import _join, _Layout

    layout = _Layout({}, 40, frozenset({"international"}), frozenset({"well-known"}), True)
    assert _join(end, start, layout) == joined
