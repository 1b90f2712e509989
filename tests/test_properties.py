"""Property tests (Hypothesis) of the parts that take text from strangers: the readers and
cleaning, the temporal tagger, the address parser and the JSON writer. Whatever they are given,
only briefer's own errors escape, every kept line stays verbatim, every date is a real date and
the JSON survives a round trip (issue 12)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.dates import tag_dates
from briefer.errors import ConfigError, MailError, SourceError
from briefer.ingest import read_sources
from briefer.ingest.clean import clean_text
from briefer.ingest.limits import LONG_LINE, LONG_RUN, split_long_lines
from briefer.mail.addresses import parse_mailbox, split_addresses
from briefer.models import (
    Actor,
    Article,
    Briefing,
    Certainty,
    Citation,
    Event,
    OpenQuestion,
    PartialDate,
    Quote,
    Section,
    SourceEntry,
    Statement,
)
from briefer.render import render_bytes
from briefer.render.json_output import briefing_to_json

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Lines a news page really has, furniture included, so cleaning's rules are exercised; mixed
# with arbitrary text so that nothing is assumed about the rest.
PHRASES = [
    "By Jane Doe",
    "By JANE DOE and John Roe",
    "Jane Doe, Reuters",
    "LONDON (Reuters) - The council met on Monday.",
    "Photo: AFP/Getty Images",
    "Subscribe to our newsletter",
    "Copyright © 2020 The Daily. All rights reserved.",
    "More from The Daily:",
    "Share this article",
    "Updated 3 March 2020, 10:04 GMT",
    "https://example.org/story",
    "The minister said the plan would go ahead.",
    "“We will not back down,” she said.",
    "---",
    "title: A headline",
    "# A heading",
    "* a list item",
    "[a link](https://example.org) and **bold** text",
    "Comments",
    "| a | table |",
    "   ",
    "",
]
line = st.one_of(st.sampled_from(PHRASES), st.text(max_size=120))
article_text = st.lists(line, max_size=25).map("\n".join)


def _normalised(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return "\n".join(part.rstrip() for part in text.split("\n"))


# ---------------------------------------------------------------- readers and cleaning


@FAST
@given(text=article_text, title=st.none() | line, author=st.none() | line)
def test_cleaning_keeps_lines_verbatim(text, title, author):
    cleaned = clean_text(text, title=title, author=author, byline_first=title is not None)
    for kept in cleaned.text.split("\n"):
        assert kept in text


def _repeated(chunk: st.SearchStrategy[str], length: int) -> st.SearchStrategy[str]:
    """A chunk repeated to somewhat over `length` characters: long lines in few draws."""
    return st.builds(
        lambda piece, extra: (piece * (length // len(piece) + 2))[: length + extra],
        chunk,
        st.integers(-10, 3 * length),
    )


@FAST
@given(
    text=st.lists(
        st.one_of(
            _repeated(st.text(alphabet="ab. ”\t!?…", min_size=1, max_size=60), LONG_RUN),
            _repeated(st.text(alphabet="xy .", min_size=1, max_size=60), LONG_LINE),
            line,
        ),
        max_size=4,
    ).map("\n".join)
)
def test_long_lines_are_split_into_verbatim_pieces(text):
    split = split_long_lines(text)
    for piece in split.split("\n"):
        assert len(piece) <= LONG_LINE
        assert piece in text


def _read_one_file(name: str, data: bytes) -> tuple[Article, ...] | None:
    """read_sources on a folder holding one file; None when it is refused with a SourceError."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(data)
        try:
            return read_sources(folder)
        except SourceError:
            return None


@FAST
@given(text=article_text)
def test_text_files_read_into_verbatim_lines(text):
    logging.getLogger("briefer").setLevel(logging.ERROR)  # skipped files warn; not the point
    articles = _read_one_file("a.txt", text.encode("utf-8"))
    for article in articles or ():
        for kept in article.text.split("\n"):
            assert kept in _normalised(text)


@FAST
@given(text=article_text, encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_markdown_files_never_raise_anything_but_a_source_error(text, encoding):
    logging.getLogger("briefer").setLevel(logging.ERROR)
    _read_one_file("a.md", text.encode(encoding, errors="replace"))


@settings(FAST, max_examples=40)
@given(
    body=st.lists(
        st.one_of(
            st.sampled_from(["<p>", "</p>", "<div>", "<script>", "<title>", "<meta", ">", "&amp;"]),
            line,
        ),
        max_size=30,
    ).map(" ".join)
)
def test_html_files_never_raise_anything_but_a_source_error(body):
    logging.getLogger("briefer").setLevel(logging.ERROR)
    _read_one_file("a.html", f"<html><body>{body}</body></html>".encode())


@FAST
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_raise_anything_but_a_source_error(data):
    logging.getLogger("briefer").setLevel(logging.ERROR)
    for name in ("a.txt", "a.md"):
        _read_one_file(name, data)


# ---------------------------------------------------------------- the temporal tagger

DATE_WORDS = [
    "on",
    "in",
    "since",
    "last",
    "next",
    "this",
    "past",
    "coming",
    "ago",
    "the",
    "of",
    "and",
    "to",
    "until",
    "-",
    "–",
    "year",
    "years",
    "month",
    "months",
    "day",
    "days",
    "week",
    "Monday",
    "Friday",
    "Sunday",
    "today",
    "yesterday",
    "tomorrow",
    "January",
    "February",
    "March",
    "May",
    "June",
    "September",
    "Dec.",
    "Sept.",
    "a",
    "an",
    "one",
    "ten",
    ",",
    ".",
    "2020",
    "1999",
    "0001",
    "9999",
    "12",
    "31",
    "29",
    "2020-02-29",
    "2019-13-01",
    "5000",
    "99999",
    "1000000",
    "2,000",
]
date_text = st.lists(
    st.one_of(
        st.sampled_from(DATE_WORDS),
        st.integers(0, 10**7).map(str),
        st.builds(
            "{} {} ago".format, st.integers(0, 10**7), st.sampled_from(["days", "months", "years"])
        ),
        st.text(max_size=8),
    ),
    max_size=20,
).map(" ".join)


@st.composite
def publication_dates(draw: st.DrawFn) -> PartialDate | None:
    if draw(st.booleans()):
        return None
    day = draw(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _real(date: PartialDate) -> None:
    assert isinstance(date, PartialDate)
    assert dt.MINYEAR <= date.year <= dt.MAXYEAR, date
    dt.date(date.year, date.month or 1, date.day or 1)  # a day Python can hold


@FAST
@given(
    text=date_text,
    published=publication_dates(),
    tense=st.sampled_from(["past", "present", "future"]),
)
def test_every_tagged_date_is_a_real_date_at_its_place(text, published, tense):
    for mention in tag_dates(text, published, tense_at=lambda _offset: tense):
        assert mention.text == text[mention.start : mention.end]
        _real(mention.date)
        assert isinstance(mention.certainty, Certainty)
        if mention.end_date is not None:
            _real(mention.end_date)


def test_thousands_of_years_ago_is_no_date_before_year_one():
    """Found by the property above: "5000 years ago" went below year 1 (and "900000 days
    ago" overflowed Python's dates)."""
    for text in ("5000 years ago", "99999 months ago", "900000 days ago"):
        assert tag_dates(text, PartialDate(2020, 5, 3)) == []
    (mention,) = tag_dates("It was built 300 years ago.", PartialDate(2020, 5, 3))
    assert mention.date == PartialDate(1720)


def test_part_of_a_number_is_no_count_of_years():
    """Found beside it: "2,000 years ago" read as "000 years ago", the publication year."""
    for text in ("founded 2,000 years ago", "some 1.5 years ago"):
        assert tag_dates(text, PartialDate(2020, 5, 3)) == []


def test_control_character_in_front_matter_is_a_source_error():
    """Found by the reader property: YAML refuses a control character before parsing, and
    that refusal escaped as an internal error."""
    assert _read_one_file("a.md", "---\n\x1f0\n---\nThe council met.\n".encode("utf-16")) is None


# ---------------------------------------------------------------- the address parser

address_text = st.lists(
    st.one_of(
        st.sampled_from(
            [
                '"',
                "<",
                ">",
                ",",
                ";",
                "@",
                ".",
                " ",
                "\\",
                "jane",
                "example.org",
                "Doe, Jane",
                "é",
                "\n",
                "\r",
                "\x00",
                "\u2028",
                "xn--",
                "a@b",
                "@@",
                "[1.2.3.4]",
            ]
        ),
        st.text(max_size=10),
    ),
    max_size=12,
).map("".join)


@FAST
@given(value=address_text)
def test_address_parsing_raises_only_briefers_errors(value):
    try:
        addresses = split_addresses([value])
    except (MailError, ConfigError):
        return
    for address in addresses:
        # What the parser accepts it accepts again unchanged: no header can grow on a re-read.
        assert split_addresses([address]) == (address,)
        assert "\n" not in address
        assert "\r" not in address


@FAST
@given(value=address_text)
def test_parse_mailbox_raises_only_briefers_errors(value):
    try:
        mailbox = parse_mailbox(value, "to")
    except (MailError, ConfigError):
        return
    assert "\n" not in str(mailbox)


# ---------------------------------------------------------------- the JSON writer

words = st.text(max_size=40)
maybe_words = st.none() | words
partial_dates = st.builds(
    lambda d, precision: PartialDate(d.year, *(d.month, d.day)[:precision]),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.integers(0, 2),
)
citations = st.lists(st.builds(Citation, source=words, quote=words), max_size=3).map(tuple)
articles = st.builds(
    Article,
    id=words,
    path=st.builds(Path, st.text(min_size=1, max_size=20).filter(lambda s: "\x00" not in s)),
    text=words,
    title=maybe_words,
    author=maybe_words,
    publisher=maybe_words,
    published=st.none() | partial_dates,
    url=maybe_words,
)
items = st.one_of(
    st.builds(Statement, text=words, citations=citations),
    st.builds(
        Event,
        date=partial_dates,
        certainty=st.sampled_from(Certainty),
        text=words,
        citations=citations,
        end=st.none() | partial_dates,
    ),
    st.builds(OpenQuestion, question=words, citations=citations, kind=words),
    st.builds(
        Actor,
        name=words,
        kind=words,
        role=maybe_words,
        aliases=st.lists(words, max_size=3).map(tuple),
        mentions=st.integers(0, 10**6),
        citations=citations,
        sources=st.lists(words, max_size=3).map(tuple),
        quotes=st.lists(st.builds(Quote, text=words, citations=citations), max_size=2).map(tuple),
    ),
)


@st.composite
def briefings(draw: st.DrawFn) -> Briefing:
    sources = tuple(draw(st.lists(articles, max_size=4)))
    names = draw(st.lists(st.text(min_size=1, max_size=12), max_size=4, unique=True))
    sections = [
        Section(name, draw(words), tuple(draw(st.lists(items, max_size=4))))
        for name in names
        if name != "sources"
    ]
    if draw(st.booleans()):
        sections.append(Section("sources", "Sources", tuple(SourceEntry(a) for a in sources)))
    return Briefing(draw(words), sources, tuple(sections))


@FAST
@given(briefing=briefings())
def test_json_output_round_trips(briefing):
    data = briefing_to_json(briefing)
    assert json.loads(json.dumps(data)) == data
    assert json.loads(render_bytes(briefing, "json")) == data
    assert [source["id"] for source in data["sources"]] == [a.id for a in briefing.articles]
