"""The contract between pipeline stages: frozen, typed dataclasses and nothing else."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

Json = dict[str, Any]


class BriefingItem(Protocol):
    """An item of a section: it says what it is in briefer's JSON contract."""

    def to_json(self) -> Json: ...


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None


class Granularity(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class Certainty(StrEnum):
    """Whether every part of a date was written in the text, some part was inferred, or the
    text gives no date and the day is the one its sources were published (reported)."""

    STATED = "stated"
    INFERRED = "inferred"
    REPORTED = "reported"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to year, month or day precision; never padded with invented parts."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None:
            assert self.month is not None
            if not 1 <= self.day <= calendar.monthrange(self.year, self.month)[1]:
                raise ValueError(f"day out of range: {self.year}-{self.month}-{self.day}")

    @property
    def granularity(self) -> Granularity:
        if self.day is not None:
            return Granularity.DAY
        if self.month is not None:
            return Granularity.MONTH
        return Granularity.YEAR

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def sort_key(self) -> tuple[int, int, int]:
        """Coarse dates sort before finer ones inside the same period."""
        return (self.year, self.month or 0, self.day or 0)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day the date may stand for: "January 2020" may be the 31st."""
        if self.day is not None or self.month is None:
            return dt.date(self.year, self.month or 12, self.day or 31)
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def human(self) -> str:
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError on anything else."""
        parts = value.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
        numbers = [int(p) for p in parts]
        return cls(*numbers)


@dataclass(frozen=True)
class Article:
    """One source after reading and cleaning. `text` is what every citation quotes from."""

    id: str
    path: Path
    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    removed_lines: tuple[str, ...] = ()
    # (offset into `text`, page number) where each page of a PDF source starts; () otherwise.
    page_starts: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The page of the source that the character at `offset` of `text` is on, if known."""
        page = None
        for start, number in self.page_starts:
            if start > offset:
                break
            page = number
        return page

    def page_of(self, quote: str) -> int | None:
        """The page where `quote` (a passage of `text`) starts, if the source has pages."""
        if not self.page_starts:
            return None
        found = self.text.find(quote)
        return self.page_at(found) if found >= 0 else None

    @property
    def blocks(self) -> list[str]:
        """Paragraph-like blocks: the lines of the cleaned text, never merged across lines."""
        return [line for line in self.text.split("\n") if line.strip()]

    def to_json(self) -> Json:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "author": self.author,
            "published": _iso(self.published),
            "url": self.url,
            "path": str(self.path),
        }


@dataclass(frozen=True)
class Passage:
    """A sentence of an article, located by character offsets into `Article.text`."""

    source: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation:
    source: str
    quote: str
    page: int | None = None  # of a paged source (a PDF): the page the quote starts on

    def to_json(self) -> Json:
        out: Json = {"source": self.source, "quote": self.quote}
        if self.page is not None:
            out["page"] = self.page
        return out


def citations_json(citations: tuple[Citation, ...]) -> list[Json]:
    return [c.to_json() for c in citations]


@dataclass(frozen=True)
class Statement:
    """A sentence of the briefing taken from a source, with the passages it rests on."""

    text: str
    citations: tuple[Citation, ...]

    def to_json(self) -> Json:
        return {"text": self.text, "citations": citations_json(self.citations)}


@dataclass(frozen=True)
class Quote:
    """Words an actor is reported to have said, verbatim from a source; where an attribution
    splits them, the words left out are marked "[…]"."""

    text: str
    citations: tuple[Citation, ...]

    def to_json(self) -> Json:
        return {"text": self.text, "citations": citations_json(self.citations)}


def source_order(source_id: str) -> tuple[str, int, str]:
    """Sort key of a source id: "S2" before "S10"."""
    match = re.fullmatch(r"(\D*)(\d+)(.*)", source_id)
    if match is None:
        return (source_id, 0, "")
    return (match.group(1), int(match.group(2)), match.group(3))


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str  # person, organisation, state, group
    role: str | None
    aliases: tuple[str, ...]
    mentions: int
    citations: tuple[Citation, ...]
    sources: tuple[str, ...] = ()  # in numeric order: S2 before S10
    quotes: tuple[Quote, ...] = ()
    # "S1:1043" for each sentence that names the actor: who appears with whom.
    passages: tuple[str, ...] = ()
    # What became of the actor by the latest report ("killed", "resigned"), with its passage.
    status: Statement | None = None
    # When a source last stated the role, in any of its forms, if it may pass to another.
    role_as_of: PartialDate | None = None

    def to_json(self) -> Json:
        return {
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "aliases": list(self.aliases),
            "mentions": self.mentions,
            "sources": list(self.sources),
            "quotes": [q.to_json() for q in self.quotes],
            "citations": citations_json(self.citations),
            "status": self.status.to_json() if self.status else None,
        }

    @property
    def source_count(self) -> int:
        return len(self.sources)

    def first_sources(self, limit: int) -> tuple[str, ...]:
        """The first `limit` sources in numeric order, for a compact listing."""
        return tuple(sorted(self.sources, key=source_order)[:limit])


@dataclass(frozen=True)
class Outcome:
    """What a later source reports of a planned event, by the date it was published."""

    text: str
    citations: tuple[Citation, ...]
    by: PartialDate | None

    def to_json(self) -> Json:
        return {"text": self.text, "by": _iso(self.by), "citations": citations_json(self.citations)}


@dataclass(frozen=True)
class Event:
    date: PartialDate
    certainty: Certainty
    text: str
    citations: tuple[Citation, ...]
    end: PartialDate | None = None
    kind: str = "event"  # "event" happened; "plan" was announced for that date
    outcome: Outcome | None = None  # for a plan: a later report that it took place

    def to_json(self) -> Json:
        return {
            "date": self.date.iso(),
            "end": _iso(self.end),
            "certainty": self.certainty.value,
            "kind": self.kind,
            "text": self.text,
            "citations": citations_json(self.citations),
            "outcome": self.outcome.to_json() if self.outcome else None,
        }


@dataclass(frozen=True)
class OpenQuestion:
    question: str
    citations: tuple[Citation, ...]
    kind: str = "unresolved"  # pending, uncertain, disputed, plan, disagreement, unresolved

    def to_json(self) -> Json:
        return {
            "question": self.question,
            "kind": self.kind,
            "citations": citations_json(self.citations),
        }


@dataclass(frozen=True)
class SourceEntry:
    """A numbered entry of the sources list; `opening` (the article's first words, verbatim)
    lets a reader recognise a source whose title is not known; `same_as` marks a repeat."""

    article: Article
    opening: str = ""
    same_as: str | None = None  # the earlier source with the same text, which is cited instead

    def to_json(self) -> Json:
        out = self.article.to_json()
        out["opening"] = self.opening or None
        out["same_as"] = self.same_as
        return out


@dataclass(frozen=True)
class SkippedFile:
    """A file under the sources that gave no article, and why: the briefing says so, so that a
    reader counting the sources knows what was not used."""

    file: str  # as under the sources folder ("045.txt")
    reason: str  # "no article text after cleaning"

    def to_json(self) -> Json:
        return {"file": self.file, "reason": self.reason}


@dataclass(frozen=True)
class Section:
    """One built section: what it is called, where its items go in the JSON, the partial that
    draws it, and its items. Rendering reads all of it from here, never from the registry."""

    name: str
    title: str
    items: tuple[BriefingItem, ...]
    json_key: str = ""  # default: the name
    template: str = ""  # default: sections/<name>.html.j2
    # One mark per item ("new", "changed" or None) once compared with an earlier briefing
    # (`--since`); empty when nothing was compared, so a plain build says nothing of it.
    marks: tuple[str | None, ...] = ()

    @property
    def key(self) -> str:
        return self.json_key or self.name

    def mark(self, index: int) -> str | None:
        """The mark of the item at `index`, or None."""
        return self.marks[index] if index < len(self.marks) else None

    @property
    def partial(self) -> str:
        return self.template or f"sections/{self.name}.html.j2"


@dataclass(frozen=True)
class PreviousBriefing:
    """An earlier briefing read back from its JSON (or the JSON its PDF embeds): what a build
    with `--since` is compared with."""

    path: Path
    title: str
    digest: str  # sha256 of its content (see briefer.render.json_output.content_digest)
    content: Json = field(compare=False)  # the JSON contract as written; `digest` stands for it

    def items(self, key: str) -> list[Json]:
        """The items under `key` that are JSON objects (none when the key is missing)."""
        value = self.content.get(key)
        return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


@dataclass(frozen=True)
class Briefing:
    title: str
    articles: tuple[Article, ...]
    sections: tuple[Section, ...] = field(default_factory=tuple)
    skipped: tuple[SkippedFile, ...] = ()  # files under the sources that gave no article

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)
