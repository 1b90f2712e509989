"""How a briefing is presented, as opposed to what it says: the front page facts, the paper,
the PDF flavour and the one date a reproducible build may carry."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime

from briefer.errors import ConfigError
from briefer.models import Actor, Briefing, PartialDate, SkippedFile, SourceEntry

PAPERS = {"a4": "A4", "letter": "letter"}  # option value -> CSS page size
# Only variants WeasyPrint writes without a clock or a random id, so rebuilds stay identical.
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "pdf/a-3u")
TOPIC_NAMES = 4


@dataclass(frozen=True)
class DocumentOptions:
    """Front-page facts and print settings chosen by the user; None means "leave it out"."""

    org: str | None = None
    author: str | None = None
    marking: str | None = None  # handling instruction, e.g. "For internal use"
    topic: str | None = None  # default: the most salient actors
    as_of: PartialDate | None = None  # default: the latest source's publication date
    paper: str = "a4"
    pdf_variant: str | None = None
    timestamp: datetime | None = None  # SOURCE_DATE_EPOCH; without it the PDF carries no date

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ConfigError(f"unknown paper {self.paper!r}; choose from: {', '.join(PAPERS)}")
        if self.pdf_variant is not None and self.pdf_variant not in PDF_VARIANTS:
            raise ConfigError(
                f"unknown PDF variant {self.pdf_variant!r}; choose from: {', '.join(PDF_VARIANTS)}"
            )


def source_date_epoch() -> datetime | None:
    """The build date a reproducible build asks for (SOURCE_DATE_EPOCH), if any."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {value!r}"
        ) from None


def parse_as_of(value: str) -> PartialDate:
    """`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `today` (SOURCE_DATE_EPOCH's day when it is set)."""
    if value.strip().lower() == "today":
        stamp = source_date_epoch()
        day = stamp.date() if stamp is not None else date.today()
        return PartialDate(day.year, day.month, day.day)
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise ConfigError(f"--as-of: {exc}") from None


@dataclass(frozen=True)
class FrontMatter:
    """Everything the front page and the PDF metadata say about the briefing, as plain text."""

    title: str
    topic: str | None
    keywords: tuple[str, ...]
    as_of: str
    sources: str
    description: str
    org: str | None
    author: str | None
    marking: str | None
    paper: str  # CSS page size
    first_source: PartialDate | None = None  # the earliest source's date


def date_range(first: PartialDate, last: PartialDate) -> str:
    """ "25–30 April 2009", "31 December 2019 – February 2020": shared parts said once."""
    if first == last:
        return first.human()
    if first.day and last.day and (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.human()}"
    if first.day and last.day and first.year == last.year:
        return f"{first.human().rsplit(' ', 1)[0]} – {last.human()}"
    return f"{first.human()} – {last.human()}"


def _topic_actors(briefing: Briefing) -> list[Actor]:
    section = briefing.section("actors")
    actors = [a for a in (section.items if section else ()) if isinstance(a, Actor)]
    return actors[:TOPIC_NAMES]


def _sources_line(briefing: Briefing, dated: list[PartialDate]) -> str:
    """ "37 sources, published 3–9 May 2031 (2 undated); 4 repeats of another, counted once"."""
    count = len(briefing.articles)
    sources = f"{count} source{'s' * (count != 1)}"
    if dated:
        sources += f", published {date_range(dated[0], dated[-1])}"
    undated = count - len(dated)
    if dated and undated:
        sources += f" ({undated} undated)"
    listed = briefing.section("sources")
    entries = listed.items if listed else ()
    repeats = sum(1 for e in entries if isinstance(e, SourceEntry) and e.same_as)
    if repeats:
        sources += f"; {repeats} repeat{'s' * (repeats != 1)} of another, counted once"
    return sources + _skipped_line(briefing.skipped)


SKIPPED_NAMED = 3  # files not used that the front block names; more are counted


def _skipped_line(skipped: tuple[SkippedFile, ...]) -> str:
    """ "; not used: 045.txt (no article text after cleaning)": what a reader counting the
    files would miss."""
    if not skipped:
        return ""
    named = "; ".join(f"{s.file} ({s.reason})" for s in skipped[:SKIPPED_NAMED])
    more = len(skipped) - SKIPPED_NAMED
    return f"; not used: {named}" + (f" and {more} more" if more > 0 else "")


def front_matter(briefing: Briefing, options: DocumentOptions) -> FrontMatter:
    dated = sorted(
        (a.published for a in briefing.articles if a.published), key=PartialDate.sort_key
    )
    if options.as_of is not None:
        as_of = f"As of {options.as_of.human()}"
    elif dated:
        as_of = f"As of {dated[-1].human()}, the date of the latest source"
    else:
        as_of = "Sources undated"
    sources = _sources_line(briefing, dated)
    names = tuple(a.name for a in _topic_actors(briefing))
    topic = options.topic or (" · ".join(names) if names else None)
    keywords = tuple(k.strip() for k in options.topic.split(",")) if options.topic else names
    return FrontMatter(
        title=briefing.title,
        topic=topic,
        keywords=tuple(k for k in keywords if k),
        as_of=as_of,
        sources=sources,
        description=f"Briefing built from {sources}; every statement cites its source.",
        org=options.org,
        author=options.author,
        marking=options.marking,
        paper=PAPERS[options.paper],
        first_source=next(iter(dated), None),
    )
