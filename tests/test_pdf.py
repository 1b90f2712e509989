"""The sample briefing as a PDF read back, and the acceptance checks of the sample's content."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from briefer.models import PartialDate
from briefer.render import render_bytes
from briefer.render.pdf import read_embedded_json
from briefer.sections import BuildOptions, registry

CITED_SECTIONS = ("background", "actors", "timeline", "open_questions")
ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# What a sentence must say for a day-precise date to be honest: a weekday, a relative day,
# "January 7", "7 January", or a numeric date.
DAY_EXPRESSION = re.compile(
    rf"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b"
    rf"|\b(yesterday|today|tomorrow|tonight)\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?\b"
    rf"|\b\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTH}"
    rf"|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b",
    re.IGNORECASE,
)


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


@pytest.fixture(scope="module")
def text(sample_pdf):
    return pdf_text(sample_pdf)


@pytest.fixture(scope="module")
def articles(sample_briefing):
    return {a.id: a for a in sample_briefing.articles}


@pytest.fixture(scope="module")
def actors(sample_json):
    return {a["name"]: a for a in sample_json["actors"]}


def all_citations(briefing_json):
    """Every (where, citation) pair of the JSON: section items and actors' quotes."""
    for key, value in briefing_json.items():
        if key == "sources" or not isinstance(value, list):
            continue
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                continue
            for citation in item.get("citations", []):
                yield f"{key}[{index}]", citation
            for quote in item.get("quotes", []):
                for citation in quote["citations"]:
                    yield f"{key}[{index}].quotes", citation


# ---------------------------------------------------------------- the PDF read back


def test_each_key_point_and_background_item_shows_when_its_source_reported_it(text, sample_json):
    published = {s["id"]: s["published"] for s in sample_json["sources"]}
    assert sample_json["key_points"]
    assert sample_json["background"]
    for point in sample_json["key_points"] + sample_json["background"]:
        day = PartialDate.parse(published[point["citations"][0]["source"]]).human()
        assert flat(point["text"]) in text
        after = text.split(flat(point["text"]), 1)[1]
        assert after.lstrip(" 0123456789").startswith(f"— reported {day}"), after[:60]


def test_no_note_marker_starts_a_line_on_its_own(sample_pdf):
    """A marker is bound to the word before it: a line holding only "15" reads as a stray
    number, not as the note of the sentence above it."""
    lines = [
        line
        for page in PdfReader(sample_pdf).pages
        for line in page.extract_text(extraction_mode="layout").splitlines()
    ]
    assert any(re.search(r"[a-z.”]\d+(,\d+)*$", line.rstrip()) for line in lines)
    assert not [line for line in lines if re.fullmatch(r"\s*\d+(,\d+)*\s*", line)]


def test_pdf_is_a_pdf(sample_pdf):
    data = sample_pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"%%EOF" in data[-1024:]
    assert len(PdfReader(sample_pdf).pages) >= 2


def test_pdf_has_every_section_heading(text, sample_briefing):
    plain = [name for name, spec in registry().items() if spec.applies(BuildOptions())]
    assert [s.name for s in sample_briefing.sections] == plain
    for section in sample_briefing.sections:
        assert section.title in text, section.title


def test_pdf_metadata_title_is_the_briefing_title(sample_pdf, sample_briefing):
    assert PdfReader(sample_pdf).metadata.title == sample_briefing.title


def test_pdf_shows_the_title_and_content(text, sample_briefing, sample_json):
    assert flat(sample_briefing.title) in text
    for name in ("Mike Pompeo", "Alice Wells", "Lisa Curtis", "Serikzhan Bilash"):
        assert name in text
    for statement in sample_json["background"]:
        assert flat(statement["text"]) in text
    for source in sample_json["sources"]:
        assert flat(source["title"]) in text


def test_embedded_json_equals_the_json_output(sample_pdf, sample_briefing, sample_json):
    embedded = read_embedded_json(sample_pdf)
    assert embedded is not None
    assert embedded == json.loads(render_bytes(sample_briefing, "json"))
    assert embedded == json.loads(json.dumps(sample_json))


def test_excluded_sections_are_not_in_the_pdf(sample_briefing, tmp_path):
    chosen = tuple(s for s in sample_briefing.sections if s.name not in ("actors", "questions"))
    briefing = dataclasses.replace(sample_briefing, sections=chosen)
    path = tmp_path / "some.pdf"
    path.write_bytes(render_bytes(briefing, "pdf"))
    text = pdf_text(path)
    for section in chosen:
        assert section.title in text
    for name in ("actors", "questions"):
        assert registry()[name].title not in text
    embedded = read_embedded_json(path)
    assert "actors" not in embedded
    assert "open_questions" not in embedded
    assert embedded["sections"] == [s.name for s in chosen]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
def test_pdftotext_reads_the_same_headings(sample_pdf, sample_briefing):
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(sample_pdf), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    text = flat(done.stdout.decode("utf-8"))
    for section in sample_briefing.sections:
        assert section.title in text
    for name in ("Mike Pompeo", "Alice Wells", "Lisa Curtis", "Serikzhan Bilash"):
        assert name in text
    assert "In June 2019, Sauytbay left Kazakhstan for Sweden" in text


# ---------------------------------------------------------------- citations


def test_every_quote_is_verbatim_in_its_source(sample_json, articles):
    checked = 0
    for where, citation in all_citations(sample_json):
        assert citation["source"] in articles, (where, citation)
        assert citation["quote"].strip(), where
        assert citation["quote"] in articles[citation["source"]].text, (where, citation)
        checked += 1
    assert checked >= 20


def test_actor_quotes_are_verbatim(sample_json, articles):
    quotes = [(a["name"], q) for a in sample_json["actors"] for q in a["quotes"]]
    assert quotes, "some actor is quoted in the samples"
    for name, quote in quotes:
        assert quote["citations"], name
        cited = " ".join(articles[c["source"]].text for c in quote["citations"])
        assert quote["text"] in cited, (name, quote["text"])


@pytest.mark.parametrize("key", CITED_SECTIONS)
def test_every_item_is_cited(sample_json, key):
    assert sample_json[key], f"{key} is empty on the samples"
    for item in sample_json[key]:
        assert len(item["citations"]) >= 1, item


def test_every_other_section_item_is_cited(sample_json):
    """Sections added later (key points …) follow the same rule: nothing uncited."""
    for key, value in sample_json.items():
        if key in ("sources", "sections", *CITED_SECTIONS) or not isinstance(value, list):
            continue
        for item in value:
            assert item.get("citations"), (key, item)


def test_citations_refer_to_listed_sources(sample_json):
    ids = {s["id"] for s in sample_json["sources"]}
    for where, citation in all_citations(sample_json):
        assert citation["source"] in ids, where


# ---------------------------------------------------------------- timeline


def test_timeline_dates_are_partial_iso(sample_json):
    for event in sample_json["timeline"]:
        assert ISO_DATE.match(event["date"]), event["date"]
        assert event["end"] is None or ISO_DATE.match(event["end"]), event["end"]
        assert event["certainty"] in ("stated", "inferred", "reported")


def test_timeline_is_in_date_order(sample_json):
    keys = [PartialDate.parse(e["date"]).sort_key() for e in sample_json["timeline"]]
    assert keys == sorted(keys)


def test_no_invented_day(sample_json):
    for event in sample_json["timeline"]:
        for value in (event["date"], event["end"]):
            if value and PartialDate.parse(value).day is not None:
                quoted = " ".join(c["quote"] for c in event["citations"])
                assert DAY_EXPRESSION.search(quoted), (value, quoted)


def test_day_expression_pattern():
    for said in ("said on Monday", "from Friday through January 7", "on 7 January", "2020-01-07"):
        assert DAY_EXPRESSION.search(said), said
    for said in ("In June 2019", "last August", "in 2015", "In October, Belarus"):
        assert not DAY_EXPRESSION.search(said), said


def entry_quoting(sample_json, words):
    found = [e for e in sample_json["timeline"] if any(words in c["quote"] for c in e["citations"])]
    assert found, f"no timeline entry cites {words!r}"
    return found


def test_sauytbay_left_for_sweden_in_june_2019(sample_json):
    entries = entry_quoting(sample_json, "In June 2019, Sauytbay left Kazakhstan for Sweden")
    assert [e["date"] for e in entries] == ["2019-06"]
    assert entries[0]["certainty"] == "stated"


def test_belarus_statement_in_october_2019(sample_json):
    entries = entry_quoting(sample_json, "In October, Belarus issued a statement")
    assert [e["date"] for e in entries] == ["2019-10"]
    assert entries[0]["certainty"] == "inferred"  # the year comes from the publication date


# ---------------------------------------------------------------- actors


@pytest.mark.parametrize(
    ("name", "role_words"),
    [
        ("Mike Pompeo", ["top diplomat", "secretary of state"]),
        ("Alice Wells", ["ambassador", "principal deputy assistant secretary"]),
        ("Lisa Curtis", ["deputy assistant to the president", "senior director"]),
        ("Serikzhan Bilash", ["founder"]),
    ],
)
def test_key_people_have_the_role_the_text_gives(actors, name, role_words):
    assert name in actors, sorted(actors)
    actor = actors[name]
    assert actor["kind"] == "person"
    assert actor["role"], name
    assert any(word in actor["role"].lower() for word in role_words), actor["role"]
    assert actor["citations"]


def test_byline_and_photo_credits_are_not_actors(actors):
    names = {n.casefold() for a in actors.values() for n in [a["name"], *a["aliases"]]}
    for not_an_actor in (
        "Owen Churchill",  # byline of S1
        "Churchill",
        "Ron Przysucha",  # photo credit in S2
        "Przysucha",
        "AP",  # photo credit in S1
        "South China Morning Post",  # publisher
        "The Diplomat",
    ):
        assert not_an_actor.casefold() not in names, not_an_actor


def test_actor_json_shape(sample_json):
    for actor in sample_json["actors"]:
        assert actor["kind"] in ("person", "organisation", "state", "group")
        assert actor["mentions"] >= 1
        assert set(actor["sources"]) <= {"S1", "S2"}
        assert actor["role"] is None or actor["role"].strip()


def test_a_role_not_stated_cites_no_passage(sample_briefing):
    """A passage that names an actor does not show that the sources give no role."""
    html = render_bytes(sample_briefing, "html").decode()
    cells = re.findall(
        r'<span class="unknown">role not stated in the sources</span>(.{0,40})', html
    )
    assert cells
    assert not any("<sup" in after or "<a " in after for after in cells)


def test_only_a_person_is_shown_as_having_no_stated_role(sample_briefing):
    """A person's missing role is worth saying; an organisation's row is left blank, as a
    state's is ("role not stated" beside the United Nations reads as a fault)."""
    html = render_bytes(sample_briefing, "html").decode()
    rows = re.findall(r"<tr[^>]*>.*?</tr>", html, flags=re.S)
    unstated = [r for r in rows if "role not stated in the sources" in r]
    actors = sample_briefing.section("actors").items
    bodies = [a.name for a in actors if a.kind != "person" and not a.role]
    assert bodies
    assert unstated
    assert not any(name in row for name in bodies for row in unstated)
