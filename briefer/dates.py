"""A rule-based temporal tagger: find date expressions and anchor them to the publication date.

Follows HeidelTime's approach: one pattern per kind of expression, then resolution against the
document date, using the tense of the governing verb for underspecified ones. The result keeps
the granularity the text gives and says whether any part of the date was inferred.
Durations ("25 years", "two years") match no pattern and are never dates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from briefer.models import Certainty, PartialDate

Tense = Literal["past", "present", "future"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
}

# "May" is only a month when something around it says so; the other names are unambiguous.
_MONTH = (
    r"(?P<{g}>January|February|March|April|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|May)"
)
_DAY = r"(?P<{g}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>1[6-9]\d\d|20\d\d)"
_WEEKDAY = r"(?P<{g}>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"


def _p(template: str, **groups: str) -> str:
    parts = {
        "MONTH": _MONTH,
        "DAY": _DAY,
        "YEAR": _YEAR,
        "WEEKDAY": _WEEKDAY,
    }
    out = template
    for placeholder, group in groups.items():
        kind = re.sub(r"\d", "", placeholder)
        out = out.replace("{" + placeholder + "}", parts[kind].format(g=group), 1)
    return out


_ANCHOR = (
    r"(?:in|on|since|during|by|until|till|from|through|before|after|of|early|late|mid-?"
    r"|between|and|to)"
)

# Between the two days of a range: "January 5-7", "from 6 to 9 January" ("and" names two days).
_DAYS_JOINER = r"\s*(?:[-–]\s*|(?:to|through|until|till)\s+)"
_MD_RANGE = r"\b{MONTH} {DAY}" + _DAYS_JOINER + r"{DAY2}"
_DM_RANGE = r"\b{DAY}" + _DAYS_JOINER + r"{DAY2} (?:of )?{MONTH}"
_RANGE_GROUPS = {"MONTH": "m", "DAY": "d", "DAY2": "d2"}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    # A range of days first, so that its year and its first day are not lost to a part of it.
    ("mdy_range", re.compile(_p(_MD_RANGE + r",? {YEAR}\b", **_RANGE_GROUPS, YEAR="y"))),
    ("dmy_range", re.compile(_p(_DM_RANGE + r",? {YEAR}\b", **_RANGE_GROUPS, YEAR="y"))),
    ("md_range", re.compile(_p(_MD_RANGE + r"\b(?!,? \d)(?![:.,]?\d)", **_RANGE_GROUPS))),
    ("dm_range", re.compile(_p(_DM_RANGE + r"\b(?!,? \d)", **_RANGE_GROUPS))),
    ("mdy", re.compile(_p(r"\b{MONTH} {DAY},? {YEAR}\b", MONTH="m", DAY="d", YEAR="y"))),
    ("dmy", re.compile(_p(r"\b{DAY} (?:of )?{MONTH},? {YEAR}\b", DAY="d", MONTH="m", YEAR="y"))),
    ("my", re.compile(_p(r"\b{MONTH},? {YEAR}\b", MONTH="m", YEAR="y"))),
    ("md", re.compile(_p(r"\b{MONTH} {DAY}\b(?!,? \d)(?![:.]\d)", MONTH="m", DAY="d"))),
    ("dm", re.compile(_p(r"\b{DAY} (?:of )?{MONTH}\b(?!,? \d)", DAY="d", MONTH="m"))),
    (
        "rel_month",
        re.compile(_p(r"\b(?P<rel>last|this|next|this coming|past) {MONTH}\b", MONTH="m"), re.I),
    ),
    ("month", re.compile(_p(r"(?i:\b" + _ANCHOR + r") {MONTH}\b", MONTH="m"))),
    (
        "year",
        re.compile(
            r"(?i:\b"
            + _ANCHOR
            + r"(?: the (?:year|end of|start of))?) "
            + _YEAR.format(g="y")
            + r"\b(?![-–]\d|[.,]\d|'s|’s| per\b)"  # not a figure: "to 1983.73", "to 2,500"
        ),
    ),
    (
        "weekday",
        re.compile(
            _p(r"\b(?:(?P<rel>last|this|next|this coming|on) )?{WEEKDAY}\b", WEEKDAY="w"), re.I
        ),
    ),
    (
        "deictic_day",
        re.compile(
            r"\b(?P<w>yesterday|today|tomorrow|last night|this (?:morning|afternoon|evening))\b",
            re.I,
        ),
    ),
    ("rel_unit", re.compile(r"\b(?P<rel>last|this|next|past) (?P<unit>month|year)\b", re.I)),
    (
        "ago",
        re.compile(
            r"(?<![\d,.])\b"  # not the end of "2,000" or "1.5"
            r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an) "
            r"(?P<unit>days?|months?|years?) ago\b",
            re.I,
        ),
    ),
]

_RELATIVE_KINDS = {"weekday", "deictic_day", "rel_unit", "ago", "rel_month"}
# A weekday followed by its written date: "Saturday March 6", "Monday, 1 February".
_WEEKDAY_THEN_DATE = re.compile(
    _p(
        r",?\s+(?:the\s+)?(?:{MONTH}\s+{DAY}\b|{DAY2}\s+(?:of\s+)?{MONTH2}\b)",
        MONTH="m",
        DAY="d",
        DAY2="d2",
        MONTH2="m2",
    )
)
_RANGE_JOINER = re.compile(r"^\s*(?:through|to|until|till|and|[-–—])\s*$", re.I)
_FUTURE_WORDS = re.compile(r"\b(next|coming|upcoming)\b", re.I)
# A month (and day) whose year the text leaves out.
_UNDATED_KINDS = {"md", "dm", "md_range", "dm_range", "month"}
_DAY_RANGE_KINDS = {"mdy_range", "dmy_range", "md_range", "dm_range"}
# The year an undated month is told right after it: "in March last year", "December 17 this
# year"; "in June of that year" points at a year named elsewhere, which stays unknown.
_YEAR_AFTER = re.compile(
    r"\s+(?:of\s+)?(?P<rel>last|this|next|that)\s+(?:[a-z]+\s+)?year\b(?!['’]s)", re.I
)
# …or that the end of its range carries: "between April 10 and 12 2003", "from March to
# autumn 2003", "from January to March 2004", "in July and August of last year".
_RANGE_END_YEAR = re.compile(
    _p(
        r"\s*(?:[-–]|to|and|through|until|till)\s+(?:(?:early|late|mid-?|the)\s+)?"
        r"(?:(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s+)?(?:{MONTH},?\s+)?"
        r"(?P<season>(?:spring|summer|autumn|fall|winter)\s+)?(?:of\s+)?"
        r"(?:{YEAR}|(?P<rel>last|this|next)\s+year)\b(?!,?\d|['’]s)",
        MONTH="m2",
        YEAR="y2",
    ),
    re.I,
)
_POSSESSIVE = re.compile(r"['’]s\b")
_YEAR_OFFSET = {"last": -1, "this": 0, "next": 1}


@dataclass(frozen=True)
class DateMention:
    """A date expression at [start, end) of the analysed text, resolved to a calendar date;
    `undated` when it names a month (and day) whose year came from the publication date."""

    start: int
    end: int
    text: str
    date: PartialDate
    certainty: Certainty
    end_date: PartialDate | None = None
    undated: bool = False


def names_a_day(word: str) -> bool:
    """A weekday's or a month's name ("Friday", "March", "Sept.")."""
    name = word.lower().rstrip(".")
    return name in _WEEKDAYS or name in _MONTHS


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _safe_date(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def _as_date(p: PartialDate) -> dt.date:
    return dt.date(p.year, p.month or 1, p.day or 1)


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _year_for_month(month: int, day: int | None, pub: PartialDate, tense: Tense) -> int:
    """The year that puts an undated month (and day) on the side of publication the tense says
    (the nearer side for the present); a day within two months of publication is taken as that
    nearby one whatever the tense."""
    assert pub.month is not None
    if day is not None:
        anchor = dt.date(pub.year, pub.month, pub.day or 15)
        near = [
            year
            for year in (pub.year - 1, pub.year, pub.year + 1)
            if abs((dt.date(year, month, min(day or 15, 28)) - anchor).days) <= 62
        ]
        if near:
            return near[0]
    here = (month, day or 0)
    now = (pub.month, pub.day or 0 if day else 0)
    ahead = pub.year if here >= now else pub.year + 1
    behind = pub.year if here <= now else pub.year - 1
    if tense == "future":
        return ahead
    if tense == "present":
        # "the planting season begins in March": a present tense names the nearer such month,
        # whichever side of publication it falls (the earlier one when both are as near).
        published = 12 * pub.year + pub.month
        return min(behind, ahead, key=lambda year: abs(12 * year + month - published))
    return behind


Resolved = tuple[PartialDate, Certainty] | None


def _stated(found: PartialDate | None) -> Resolved:
    return (found, Certainty.STATED) if found else None


def _inferred(found: PartialDate | None) -> Resolved:
    return (found, Certainty.INFERRED) if found else None


def _day_of(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def _r_iso(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    return _stated(_safe_date(int(g["y"]), int(g["m"]), int(g["d"])))


def _r_full(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    return _stated(_safe_date(int(g["y"]), _month(g["m"]), int(g["d"])))


def _r_month_year(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    return _stated(PartialDate(int(g["y"]), _month(g["m"])))


def _r_year(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    return _stated(PartialDate(int(g["y"])))


def _r_month_day(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    month, day = _month(g["m"]), int(g["d"])
    return _inferred(_safe_date(_year_for_month(month, day, pub, tense), month, day))


def _r_month(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    month = _month(g["m"])
    return _inferred(PartialDate(_year_for_month(month, None, pub, tense), month))


def _r_rel_month(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    assert pub.month is not None
    month, rel = _month(g["m"]), g["rel"].lower()
    if rel in ("last", "past"):
        year = pub.year if month < pub.month else pub.year - 1
    elif rel in ("next", "this coming"):
        year = pub.year if month > pub.month else pub.year + 1
    else:
        year = _year_for_month(month, None, pub, tense)
    return _inferred(PartialDate(year, month))


def _r_rel_unit(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    assert pub.month is not None
    delta = {"last": -1, "past": -1, "this": 0, "next": 1}[g["rel"].lower()]
    if g["unit"].lower() == "year":
        return _inferred(PartialDate(pub.year + delta))
    return _inferred(PartialDate(*_shift_months(pub.year, pub.month, delta)))


def _r_ago(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    assert pub.month is not None
    n = int(g["n"]) if g["n"].isdigit() else _NUMBERS[g["n"].lower()]
    unit = g["unit"].lower().rstrip("s")
    if unit == "year":
        found = PartialDate(pub.year - n)
    elif unit == "month":
        found = PartialDate(*_shift_months(pub.year, pub.month, -n))
    elif pub.day is None or n >= (_as_date(pub) - dt.date.min).days:
        return None
    else:
        found = _day_of(_as_date(pub) - dt.timedelta(days=n))
    # "5000 years ago" is before year 1, which no calendar date here can hold.
    return _inferred(found) if found.year >= dt.MINYEAR else None


def _r_deictic(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    if pub.day is None:
        return None
    word = g["w"].lower()
    offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
    return _inferred(_day_of(_as_date(pub) + dt.timedelta(days=offset)))


def weekday_date(published: dt.date, weekday: int, rel: str, tense: Tense) -> dt.date:
    """The day a weekday name points at from the publication day: "last" that day of the week
    before (weeks opening on Sunday; never yesterday, which no one calls "last Wednesday"),
    "next" strictly after; otherwise the tense decides, the last such day on or before
    publication for the past, the next on or after it for the present and future."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if rel == "last":
        # "last Tuesday" in a Thursday's article is the Tuesday of the week before: the
        # Tuesday two days back would be "on Tuesday".
        sunday = published - dt.timedelta(days=(published.weekday() + 1) % 7)
        day = sunday - dt.timedelta(days=7 - (weekday + 1) % 7)
        return day - dt.timedelta(days=7) if (published - day).days < 2 else day
    if rel in ("next", "this coming"):
        return published + dt.timedelta(days=ahead or 7)
    if tense == "past":
        return published - dt.timedelta(days=back)
    return published + dt.timedelta(days=ahead)


def _r_weekday(g: dict[str, str], pub: PartialDate, tense: Tense) -> Resolved:
    if pub.day is None:
        return None
    rel = (g.get("rel") or "").lower()
    return _inferred(_day_of(weekday_date(_as_date(pub), _WEEKDAYS[g["w"].lower()], rel, tense)))


_RESOLVERS: dict[str, Callable[[dict[str, str], PartialDate, Tense], Resolved]] = {
    "iso": _r_iso,
    "mdy": _r_full,
    "dmy": _r_full,
    "mdy_range": _r_full,
    "dmy_range": _r_full,
    "md_range": _r_month_day,
    "dm_range": _r_month_day,
    "my": _r_month_year,
    "year": _r_year,
    "md": _r_month_day,
    "dm": _r_month_day,
    "month": _r_month,
    "rel_month": _r_rel_month,
    "rel_unit": _r_rel_unit,
    "ago": _r_ago,
    "deictic_day": _r_deictic,
    "weekday": _r_weekday,
}
# Kinds that need no publication date: every part is written.
_ABSOLUTE_KINDS = {"iso", "mdy", "dmy", "mdy_range", "dmy_range", "my", "year"}


def _resolve(kind: str, m: re.Match[str], pub: PartialDate | None, tense: Tense) -> Resolved:
    """Resolve one match; relative kinds need a publication date of at least month precision
    (a day for days and weekdays) and are anchored to it, never to another article."""
    if kind not in _ABSOLUTE_KINDS and (pub is None or pub.month is None):
        return None
    anchor = pub if pub is not None else PartialDate(1)
    return _RESOLVERS[kind](
        {k: v for k, v in m.groupdict().items() if v is not None}, anchor, tense
    )


def _match_span(kind: str, m: re.Match[str]) -> tuple[int, int]:
    """The characters that are the date: "in 2003" is the year, "in March" the month."""
    if kind == "year":
        return m.span("y")
    if kind == "month":
        return m.start("m"), m.end()
    return m.span()


def _wanted(
    kind: str,
    m: re.Match[str],
    text: str,
    span: tuple[int, int],
    quoted: Callable[[int], bool] | None,
) -> bool:
    """Whether a match is a date at all: "May" only as the month, a bare weekday only
    after a preposition, no relative expression inside a quotation, no month "of that
    year" (a year told elsewhere), and no "Today" capitalised inside a sentence or "This
    Morning" anywhere, which are names ("USA Today", "the Today programme")."""
    if _a_word_of_another_kind(kind, m, text, span[0]):
        return False
    if kind == "year" and _a_clock_time(text, span):
        return False
    if kind in _RELATIVE_KINDS and quoted is not None and quoted(span[0]):
        return False
    if kind in _UNDATED_KINDS and (after := _YEAR_AFTER.match(text, span[1])):
        return after.group("rel").lower() != "that"  # "in June of that year": told elsewhere
    if kind == "weekday" and _WEEKDAY_THEN_DATE.match(text, span[1]):
        return False  # "on Monday, February 1": the written date says which Monday
    return not (kind == "weekday" and not m.group("rel") and not _weekday_context(text, span[0]))


# "Wednesday 19 January, from 1930 on BBC One", "from 1945 GMT": four figures that tell the hour.
_DAY_BEFORE = re.compile(
    _p(
        r"(?:{WEEKDAY}|\d{1,2} {MONTH1}|{MONTH2} \d{1,2}),\s+from\s+$",
        WEEKDAY="w",
        MONTH1="m1",
        MONTH2="m2",
    ),
    re.I,
)
_ZONE_AFTER = re.compile(r"\s*(?:GMT|BST|UTC|CET|local time|hrs|hours)\b")
_CHANNEL_AFTER = re.compile(r"\s+on [A-Z]")  # "from 1930 on BBC One"


def _a_clock_time(text: str, span: tuple[int, int]) -> bool:
    """Four figures that are an hour, not a year: a time zone after them, or a day just
    before and a channel after ("on Wednesday 19 January, from 1930 on BBC One"); not "every
    6 April, from 2008, in line with earnings"."""
    hour, minute = int(text[span[0] : span[0] + 2]), int(text[span[0] + 2 : span[1]])
    if hour > 23 or minute > 59:
        return False
    if _ZONE_AFTER.match(text, span[1]):
        return True
    return bool(_DAY_BEFORE.search(text[: span[0]]) and _CHANNEL_AFTER.match(text, span[1]))


def _a_word_of_another_kind(kind: str, m: re.Match[str], text: str, start: int) -> bool:
    """ "May" as a verb or a name ("May said", "a letter to May"): the month only with a day
    ("May 5", "5 May") or after a word that only times ("in May", "since May"). Or "Today"
    or "Last Night" as a name ("USA Today", "the Last Night of the Proms") or a label ("Today:").
    "Tonight" is never read: in a speech's transcript, or on a page stamped after midnight, it
    is the evening before the publication date."""
    if kind in ("md", "dm", "month") and m.group("m") == "May":
        if kind == "month":
            return _MONTH_ONLY_BEFORE_MAY.match(m.group()) is None
        return kind == "md" and not re.match(r"May \d", m.group())
    if kind != "deictic_day":
        return False
    said = m.group("w")
    if " " in said and said.split()[1][0].isupper():
        return True  # "Last Night of the Proms", "This Morning presenter …"
    if text[m.end() : m.end() + 1] == ":":
        return True  # "Today: …", a programme's label
    return (
        said[0].isupper()
        and said not in ("Yesterday", "Tomorrow")
        and _inside_sentence(text, start)
    )


# Words after which "May" is the month, never a person ("confidence in May" is rare beside
# "in May"; "by May", "to May", "after May" are often the prime minister).
_MONTH_ONLY_BEFORE_MAY = re.compile(r"(?:in|since|during|until|till|through|early|late) ", re.I)


def _inside_sentence(text: str, start: int) -> bool:
    """Whether a word other than a sentence's first stands at `start`."""
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“‘'([—–-"


def tag_dates(
    text: str,
    published: PartialDate | None,
    *,
    tense_at: Callable[[int], Tense] | None = None,
    quoted: Callable[[int], bool] | None = None,
) -> list[DateMention]:
    """Find and resolve every date expression in `text`, anchored to `published`, the
    publication date of the article the text stands in.

    `tense_at(offset)` gives the tense of the verb governing the expression at that offset
    (default past); `quoted(offset)` says whether it sits inside a quotation, where relative
    expressions belong to an unknown moment of speech and are skipped.
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            span = _match_span(kind, m)
            if any(s < span[1] and span[0] < e for s, e in taken):
                continue
            if not _wanted(kind, m, text, span, quoted):
                continue
            tense: Tense = tense_at(span[0]) if tense_at is not None else "past"
            if tense != "past" and _bare_weekday(kind, m, text, span[0]):
                # Which way it points is anyone's guess: a caption's present ("A trader pauses
                # Friday") is past, a schedule's ("talks resume Friday") ahead.
                continue
            mention = _mention(kind, m, text, span, published, tense)
            if mention is not None:
                taken.append((mention.start, mention.end))
                found.append(mention)
    found.sort(key=lambda d: d.start)
    return _join_ranges(text, found)


def _mention(
    kind: str,
    m: re.Match[str],
    text: str,
    span: tuple[int, int],
    published: PartialDate | None,
    tense: Tense,
) -> DateMention | None:
    """One match resolved: a "next"/"coming" before it makes it future, a possessive month
    ("December's elections") names the nearer one, and a year told right after an undated
    month is its year ("June 28 last year" is one mention, not a day and a year)."""
    if _FUTURE_WORDS.search(text[max(0, span[0] - 12) : span[0]]):
        tense = "future"
    undated = kind in _UNDATED_KINDS
    if undated and _POSSESSIVE.match(text, span[1]):
        tense = "present"  # "after December's elections": the noun's own time, the nearer one
    told = _year_told(text, span[1], m, published) if undated else None
    resolved = _resolve(kind, m, published, tense) if told is None else told
    if resolved is None:
        return None
    date, certainty = resolved
    start, end = span
    if told is not None and (after := _YEAR_AFTER.match(text, end)):
        end = after.end()
    last = _last_day(kind, m, date)
    if kind in _DAY_RANGE_KINDS and last is None:
        return None  # "5-3 May" is no range: a score, a count
    return DateMention(start, end, text[start:end], date, certainty, last, undated and not told)


def _last_day(kind: str, m: re.Match[str], first: PartialDate) -> PartialDate | None:
    """The last day of a range of days ("January 5-7"), in its first day's month and year."""
    if kind not in _DAY_RANGE_KINDS or first.day is None or int(m.group("d2")) <= first.day:
        return None
    return _safe_date(first.year, first.month, int(m.group("d2")))


def _year_told(text: str, end: int, m: re.Match[str], pub: PartialDate | None) -> Resolved:
    """The date of a month (and day) named without its year when the words right after it tell
    the year: "in March last year", "between April 10 and 12 2003", "from March to autumn
    2003"; None when they do not."""
    month = _month(m.group("m"))
    day = int(m.group("d")) if m.groupdict().get("d") else None
    after = _YEAR_AFTER.match(text, end)
    ranged = _RANGE_END_YEAR.match(text, end)
    if after and pub is not None:
        return _inferred(
            _safe_date(pub.year + _YEAR_OFFSET[after.group("rel").lower()], month, day)
        )
    if ranged is None or not (ranged.group("d2") or ranged.group("m2") or ranged.group("season")):
        return None
    if ranged.group("y2"):
        year = int(ranged.group("y2"))
    elif pub is not None:
        year = pub.year + _YEAR_OFFSET[ranged.group("rel").lower()]
    else:
        return None
    if ranged.group("m2") and _month(ranged.group("m2")) < month:
        year -= 1  # "from December to February 2004"
    return _inferred(_safe_date(year, month, day))


def _weekday_context(text: str, start: int) -> bool:
    """A bare weekday name is a date after a preposition ("from Friday") or, as American
    reports write it, after the verb or its object ("announced a plan Thursday"); not in a
    name ("the Sunday Times", "Good Friday")."""
    if _after_preposition(text, start):
        return True
    before = text[max(0, start - 12) : start]
    word = re.search(r"\b([a-z][a-z'-]*),?\s+$", before)
    if word is None or word.group(1) in _NOT_BEFORE_A_DAY:
        return False
    end = re.match(r"[A-Za-z]+", text[start:])
    after = text[start + (end.end() if end else 0) :]
    return re.match(r"\s+[A-Z]", after) is None  # "a Sunday Times poll"


def _after_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start]
    return bool(
        re.search(r"\b(on|from|by|until|till|through|since|before|after|and|or)\s+$", before, re.I)
    )


def _bare_weekday(kind: str, m: re.Match[str], text: str, start: int) -> bool:
    """ "announced a plan Thursday": a weekday with neither "on", "last" nor "next" before it."""
    return kind == "weekday" and not m.group("rel") and not _after_preposition(text, start)


# Words after which a weekday is a name or a kind of day, not a date: "the Sunday Times", "a
# Friday night", "every Monday".
_NOT_BEFORE_A_DAY = frozenset("the a an every each any one that of".split())


def _joins(text: str, prev: DateMention, mention: DateMention) -> bool:
    """Whether `prev` opens a range that `mention` closes ("from X through Y", "X-Y")."""
    between = text[prev.end : mention.start]
    opener = text[max(0, prev.start - 9) : prev.start].lower()
    return (
        prev.end_date is None
        and bool(_RANGE_JOINER.match(between))
        and (bool(re.search(r"(from|between)\s+$", opener)) or between.strip() in "-–—")
        and prev.date.sort_key() <= mention.date.sort_key()
    )


def _join_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Merge "from X through Y" / "between X and Y" into one mention with an end date."""
    out: list[DateMention] = []
    for mention in mentions:
        if out and _joins(text, out[-1], mention):
            prev = out[-1]
            certainty = (
                Certainty.STATED
                if prev.certainty == mention.certainty == Certainty.STATED
                else Certainty.INFERRED
            )
            out[-1] = DateMention(
                prev.start,
                mention.end,
                text[prev.start : mention.end],
                prev.date,
                certainty,
                mention.date,
                prev.undated,
            )
            continue
        out.append(mention)
    return out
