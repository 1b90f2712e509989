"""The printed briefing: front page, key points, page furniture, links, fonts, metadata,
reproducibility and theming. Real WeasyPrint; PDFs read back with pypdf."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from datetime import UTC, datetime

import pytest
from conftest import SAMPLES, write
from pypdf import PdfReader

from briefer.models import Statement
from briefer.render import DocumentOptions, render_bytes, render_html
from briefer.render.document import date_range, front_matter, parse_as_of
from briefer.render.templates import builtin_templates
from briefer.sections import BuildOptions, registry, resolve_sections

OPTIONS = DocumentOptions(
    org="Ministry of Examples", author="Policy Unit", marking="For internal use"
)


@pytest.fixture(scope="session")
def sample_pdf(sample_briefing) -> bytes:
    return render_bytes(sample_briefing, "pdf", None, OPTIONS)


@pytest.fixture(scope="session")
def reader(sample_pdf) -> PdfReader:
    return PdfReader(io.BytesIO(sample_pdf))


@pytest.fixture(scope="session")
def short_briefing(sample_briefing):
    """Key points and sources only: fits on one or two pages, so renders quickly."""
    keep = ("key_points", "sources")
    return dataclasses.replace(
        sample_briefing, sections=tuple(s for s in sample_briefing.sections if s.name in keep)
    )


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


def _annotations(reader: PdfReader) -> list[dict]:
    return [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link"
    ]


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"].get("/Font") or {}
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/"))
    return names


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# --- key points ------------------------------------------------------------------------------


def test_key_points_are_registered_first_and_excludable():
    # First in every plain build; only a build --since an earlier briefing opens with `since`.
    plain = [name for name, spec in registry().items() if spec.applies(BuildOptions())]
    assert plain[0] == "key_points"
    assert registry()["key_points"].title == "Key points"
    names = [s.name for s in resolve_sections(exclude=["key_points"])]
    assert "key_points" not in names
    assert "background" in names


def test_key_points_are_three_to_five_verbatim_statements(sample_briefing, sample_json):
    section = sample_briefing.section("key_points")
    assert section is not None
    assert 3 <= len(section.items) <= 5
    texts = {a.id: a.text for a in sample_briefing.articles}
    for item in section.items:
        assert isinstance(item, Statement)
        assert item.citations
        for citation in item.citations:
            assert citation.quote in texts[citation.source]
    assert len({i.text for i in section.items}) == len(section.items)
    # The JSON contract carries them like the background.
    assert sample_json["sections"][0] == "key_points"
    assert [k["text"] for k in sample_json["key_points"]] == [i.text for i in section.items]
    assert set(sample_json["key_points"][0]["citations"][0]) == {"source", "quote"}


def test_key_points_name_a_top_actor_and_spread_over_sources(sample_briefing):
    items = sample_briefing.section("key_points").items
    # The leading actors: the first eight; a key point names one of them as a whole word.
    names = [a.name.split()[-1] for a in sample_briefing.section("actors").items[:8]]
    assert all(any(re.search(rf"\b{re.escape(n)}\b", i.text) for n in names) for i in items)
    assert len({c.source for i in items for c in i.citations}) == 2  # both samples contribute


def test_key_points_and_title_tell_the_story_as_it_stands(sample_briefing):
    """The Diplomat (S2, February) reports the Central Asia visit done; the key points open on
    the latest source, and neither they nor the title still call the trip "upcoming"."""
    items = sample_briefing.section("key_points").items
    assert items[0].citations[0].source == "S2"
    assert not any("upcoming" in i.text or "will raise" in i.text for i in items)
    assert "upcoming" not in sample_briefing.title
    assert sample_briefing.title == "US Looks to Central Asia to Stand Up to China on Xinjiang"


def test_exclude_key_points_from_the_command_line(tmp_path):
    from typer.testing import CliRunner

    from briefer.cli import app

    out = tmp_path / "b.json"
    result = CliRunner().invoke(
        app, ["build", str(SAMPLES), "-o", str(out), "-f", "json", "--exclude", "key_points"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "key_points" not in data
    assert "key_points" not in data["sections"]
    assert data["background"]


# --- front page ------------------------------------------------------------------------------


def test_front_page_says_as_of_the_latest_source_never_today(sample_briefing):
    front = front_matter(sample_briefing, DocumentOptions())
    assert front.as_of == "As of February 2020, the date of the latest source"
    assert front.sources == "2 sources, published 31 December 2019 – February 2020"
    assert "Mike Pompeo" in (front.topic or "")
    asked = front_matter(sample_briefing, DocumentOptions(as_of=parse_as_of("2020-03-01")))
    assert asked.as_of == "As of 1 March 2020"


def test_as_of_today_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023
    assert parse_as_of("today").iso() == "2023-11-14"


def test_date_range_says_shared_parts_once():
    from briefer.models import PartialDate as D

    assert date_range(D(2009, 4, 25), D(2009, 4, 30)) == "25–30 April 2009"
    assert date_range(D(2009, 4, 25), D(2009, 5, 2)) == "25 April – 2 May 2009"
    assert date_range(D(2019, 12, 31), D(2020, 2)) == "31 December 2019 – February 2020"
    assert date_range(D(2020, 2), D(2020, 2)) == "February 2020"


def test_front_page_in_the_pdf(reader):
    first = reader.pages[0].extract_text()
    assert "Ministry of Examples".upper() in first.upper()
    assert "Policy Unit" in first
    assert "As of February 2020" in first
    assert "2 sources, published 31 December 2019 – February 2020" in first
    assert "Key points" in first
    for page in reader.pages:
        assert "FOR INTERNAL USE" in page.extract_text()  # the marking, on every page


def test_bad_paper_or_variant_is_a_config_error():
    from briefer.errors import ConfigError

    with pytest.raises(ConfigError, match="paper"):
        DocumentOptions(paper="a5")
    with pytest.raises(ConfigError, match="variant"):
        DocumentOptions(pdf_variant="pdf/x-4")


# --- page furniture, links, fonts, metadata ---------------------------------------------------


def test_bookmarks_have_the_title_then_every_section_once(reader, sample_briefing):
    outline = _outline(reader)
    assert outline[0][:2] == (0, sample_briefing.title)
    children = [title for depth, title, _ in outline[1:] if depth == 1]
    expected = [s.title for s in sample_briefing.sections] + ["Notes"]
    assert children == expected
    assert all(depth <= 1 for depth, _, _ in outline)


def test_page_count_furniture_and_contents_with_page_numbers(reader):
    pages = len(reader.pages)
    assert pages > 2
    texts = [page.extract_text() for page in reader.pages]
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {pages}" in text
    assert "CONTENTS" in texts[0].upper()
    where = {title: page + 1 for _, title, page in _outline(reader)}
    for title in ("Key actors", "Timeline", "Notes"):
        listed = re.search(rf"^{title}[ .]*(\d+)\s*$", texts[0], re.MULTILINE)
        assert listed, f"{title} missing from the contents"
        assert int(listed.group(1)) == where[title]


def test_short_briefing_has_no_contents(short_briefing):
    pdf = render_bytes(short_briefing, "pdf")
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2
    assert "CONTENTS" not in _text(pdf).upper()


def test_citations_link_to_notes_and_sources_link_out(reader, sample_briefing):
    links = _annotations(reader)
    internal = [a for a in links if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    targets = {str(a.get("/Dest") or a["/A"]["/D"]) for a in internal}
    assert any(t.startswith("note-") for t in targets)  # marker -> endnote
    assert any(t.startswith("ref-") for t in targets)  # endnote -> back to the text
    assert {"key_points", "notes"} <= targets  # the contents
    uris = {a["/A"]["/URI"] for a in links if a.get("/A", {}).get("/S") == "/URI"}
    assert {a.url for a in sample_briefing.articles if a.url} <= uris


def test_fonts_are_the_shipped_ones_embedded_and_subset(reader):
    fonts = _fonts(reader)
    assert fonts
    assert all(re.fullmatch(r"[A-Z]{6}\+.+", name) for name in fonts), fonts
    families = {name.split("+", 1)[1].split("-")[0] for name in fonts}
    assert families == {"Caladea", "Open"}, fonts  # Open-Sans
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]  # embedded


def test_fonts_ship_with_their_licences():
    fonts = builtin_templates() / "fonts"
    assert len(list(fonts.glob("*.ttf"))) == 8
    assert (fonts / "OFL-1.1-Caladea.txt").read_text().startswith("Copyright 2012 The Caladea")
    assert "Apache License" in (fonts / "Apache-2.0-OpenSans.txt").read_text()
    assert sum(f.stat().st_size for f in fonts.glob("*.ttf")) < 2_000_000


def test_metadata(reader, sample_briefing):
    info = reader.metadata
    assert info.title == sample_briefing.title
    assert info.author == "Policy Unit"
    assert "2 sources" in info.subject
    assert "Mike Pompeo" in info["/Keywords"]
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert info.creation_date is None  # no date unless one is asked for


def test_letter_paper(short_briefing):
    pdf = render_bytes(short_briefing, "pdf", None, DocumentOptions(paper="letter"))
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_tagged_pdf_ua(short_briefing):
    pdf = render_bytes(short_briefing, "pdf", None, DocumentOptions(pdf_variant="pdf/ua-1"))
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root


# --- reproducibility ---------------------------------------------------------------------------


def test_rebuild_is_byte_identical(sample_briefing, sample_pdf):
    assert render_bytes(sample_briefing, "pdf", None, OPTIONS) == sample_pdf


def test_source_date_epoch_is_the_only_date(short_briefing, monkeypatch):
    from briefer.render.document import source_date_epoch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamp = source_date_epoch()
    assert stamp == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    first = render_bytes(short_briefing, "pdf", None, DocumentOptions(timestamp=stamp))
    again = render_bytes(short_briefing, "pdf", None, DocumentOptions(timestamp=stamp))
    assert first == again
    reader = PdfReader(io.BytesIO(first))
    assert reader.metadata.creation_date == stamp
    assert reader.metadata.modification_date == stamp
    assert _attachment_dates(reader) == ("D:20231114221320Z", "D:20231114221320Z")
    undated = PdfReader(io.BytesIO(render_bytes(short_briefing, "pdf")))
    assert undated.metadata.creation_date is None
    assert _attachment_dates(undated) == ("D:19700101000000Z", "D:19700101000000Z")


def _attachment_dates(reader: PdfReader) -> tuple[str, str]:
    """CreationDate and ModDate of the embedded briefing.json."""
    names = reader.trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[names.index("briefing.json") + 1].get_object()
    params = spec["/EF"]["/F"].get_object()["/Params"]
    return str(params["/CreationDate"]), str(params["/ModDate"])


# --- theming and HTML -------------------------------------------------------------------------


def test_a_user_partial_overrides_only_that_partial(tmp_path, sample_briefing):
    write(tmp_path, "sections/background.html.j2", '<p class="mine">Our own background.</p>\n')
    html = render_html(sample_briefing, tmp_path)
    assert "Our own background." in html
    assert '<ol class="timeline">' in html  # the other partials are still the built-in ones


def test_user_css_changes_the_pdf_and_fonts_still_resolve(tmp_path, short_briefing):
    write(tmp_path, "custom.css", "@page { size: 100mm 150mm; }\n")
    pdf = render_bytes(short_briefing, "pdf", str(tmp_path))
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        100,
        150,
    )
    assert any("Caladea" in name for name in _fonts(reader))

    replaced = tmp_path / "whole"
    css = 'html { font-family: "Open Sans"; }\n.method { display: none; }\n'
    write(replaced, "style.css", css)
    assert "Every statement is quoted" in _text(render_bytes(short_briefing, "pdf"))
    pdf = render_bytes(short_briefing, "pdf", str(replaced))
    assert "Every statement is quoted" not in _text(pdf)
    fonts = _fonts(PdfReader(io.BytesIO(pdf)))
    assert any("Open-Sans" in name for name in fonts)  # the shipped font, found


def test_html_reads_in_a_browser(sample_briefing):
    html = render_html(sample_briefing, None, OPTIONS)
    assert "@media screen" in html
    assert "max-width" in html
    assert 'class="running' not in html  # page furniture is for print only
    assert "@font-face" not in html  # a browser has no access to the shipped files
    assert '<meta name="author" content="Policy Unit">' in html
    assert '<html lang="en">' in html


def test_only_web_urls_become_links(tmp_path):
    from briefer.pipeline import build_briefing

    write(tmp_path, "a.txt", "Ferry link approved\n\nThe council approved the ferry link today.\n")
    write(tmp_path, "sources.toml", '["a.txt"]\nurl = "javascript:alert(1)"\n')
    html = render_html(build_briefing(tmp_path, sections=["sources"]), None, OPTIONS)
    assert "javascript:alert(1)" in html  # shown as text…
    assert 'href="javascript' not in html  # …never a link


def test_user_fonts_are_found_in_the_user_folder(tmp_path, short_briefing):
    shipped = builtin_templates() / "fonts" / "Caladea-Italic.ttf"
    write(tmp_path, "fonts/Mine.ttf", shipped.read_bytes())
    face = '@font-face { font-family: Mine; src: url("fonts/Mine.ttf"); }'
    write(tmp_path, "fonts/fonts.css", face)
    write(tmp_path, "custom.css", "html, h1, h2, h3, .kicker, nav.contents { font-family: Mine; }")
    fonts = _fonts(PdfReader(io.BytesIO(render_bytes(short_briefing, "pdf", str(tmp_path)))))
    assert any("+Mine" in name for name in fonts)  # embedded from the user's folder
    assert not any("Open-Sans" in name for name in fonts)  # the built-in fonts.css was replaced


def test_print_flags_from_the_command_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from briefer.cli import app

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "b.pdf"
    flags = ["--paper", "letter", "--marking", "Restricted", "--author", "Desk", "--org", "Org"]
    result = CliRunner().invoke(
        app, ["build", str(SAMPLES), "-o", str(out), "-s", "key_points,sources", *flags]
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert reader.metadata.author == "Desk"
    assert reader.metadata.creation_date == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert "RESTRICTED" in reader.pages[0].extract_text()

    bad = CliRunner().invoke(app, ["build", str(SAMPLES), "-o", str(out), "--paper", "a5"])
    assert bad.exit_code == 3
    assert "unknown paper" in bad.output


def test_print_settings_from_the_config_file(tmp_path):
    from briefer.config import build_settings, load_config

    config = write(
        tmp_path,
        "briefer.toml",
        '[build]\norg = "Org"\nauthor = "Desk"\nmarking = "Restricted"\npaper = "letter"\n'
        'pdf_variant = "pdf/ua-1"\ntopic = "Xinjiang"\n',
    )
    settings = build_settings(load_config(config))
    assert (settings.org, settings.author, settings.marking) == ("Org", "Desk", "Restricted")
    assert (settings.paper, settings.pdf_variant) == ("letter", "pdf/ua-1")
    assert settings.topic == "Xinjiang"


def test_a_source_title_ending_in_a_question_mark_takes_no_full_stop(tmp_path):
    folder = tmp_path / "src"
    write(
        folder,
        "a.txt",
        "Will the ferry run?\n\nThe council met on Monday and approved the budget.\n",
    )
    from briefer.pipeline import build_briefing

    html = render_html(build_briefing(folder, sections=["sources"]))
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "Will the ferry run? " in text
    assert "run?." not in text


def test_source_entries_separate_their_parts(tmp_path):
    """An untitled source with a publisher and a URL reads as separate parts, not run together."""
    folder = tmp_path / "src"
    write(folder, "a.txt", "The council met on Monday and approved the harbour budget.\n")
    write(
        folder,
        "sources.toml",
        '["a.txt"]\npublisher = "Daily News"\npublished = "2020-01-06"\n'
        'url = "https://example.org/a"\n',
    )
    from briefer.pipeline import build_briefing

    html = render_html(build_briefing(folder, sections=["sources"]))
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    entry = (
        "Untitled (a.txt), opening The council met on Monday and approved the harbour budget. "
        "Daily News. Author not stated. 6 January 2020. https://example.org/a"
    )
    assert entry in text


def test_an_alias_that_only_misspells_the_name_is_not_printed(tmp_path):
    """ "Felipe Caldern" merged into Felipe Calderon is kept in the JSON, not shown as another
    name the reader would meet."""
    folder = tmp_path / "src"
    write(
        folder,
        "a.txt",
        "President Felipe Caldern spoke on Monday. Felipe Caldern closed schools.\n",
    )
    write(folder, "b.txt", "Felipe Caldern met the doctors. Caldern said the flu was spreading.\n")
    write(folder, "c.txt", "President Felipe Calderon asked for calm. Calderon said it was over.\n")
    from briefer.pipeline import build_briefing

    briefing = build_briefing(folder, sections=["actors"])
    [calderon] = [a for a in briefing.section("actors").items if a.name == "Felipe Calderon"]
    assert "Felipe Caldern" in calderon.aliases
    text = " ".join(re.sub(r"<[^>]+>", "", render_html(briefing)).split())
    row = re.search(r"Felipe Calderon\s*also (.*?) person", text)
    assert row is not None
    assert row.group(1) == "Calderon"


def test_an_alias_in_two_cases_is_printed_once():
    from briefer.render.html import other_names

    assert other_names("Martin van Creveld", ["Van Creveld", "van Creveld"]) == ["Van Creveld"]


def test_an_alias_that_cuts_the_last_word_short_is_not_printed():
    from briefer.render.html import other_names

    assert other_names("Hugo Chvez", ["Chvez", "Hugo Ch"]) == ["Chvez"]
    assert other_names("Hugo Chvez", ["Hugo"]) == ["Hugo"]
