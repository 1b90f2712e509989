"""The briefing's two figures as inline SVG: a timeline of the events and a co-mention network.

Every label position is computed here, not left to the renderer, so the result carries its own
geometry (`Figure.labels`) and tests can prove that no two labels overlap. No JavaScript, no
raster images, no external files; all text from the articles is escaped.

The viewBox is `WIDTH` user units wide, about one point each at the A4 text width (170 mm), so
font sizes below are close to their printed size in points.
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from briefer.models import Actor, Certainty, Event, Granularity, PartialDate

WIDTH = 482.0
# Presentation attribute for renderers that do not apply the page stylesheet inside inline SVG
# (WeasyPrint); in a browser the `.chart-text` rule in style.css takes precedence.
FONT_FAMILY = "'Open Sans', 'DejaVu Sans', sans-serif"
LABEL_SIZE = 7.2
SMALL_SIZE = 6.8
ASCENT, DESCENT = 0.93, 0.24  # DejaVu Sans, in em
BADGE_SCALE, BADGE_PAD = 0.92, 1.4  # event numbers: white on a navy badge

INK = "#1a1a1a"
NAVY = "#1f3a5f"
MUTED = "#555555"
APPROX_FILL = "#c9d7e7"

# Advance widths for ASCII 32..126 in thousandths of an em: the wider of DejaVu Sans and Open
# Sans for each character, so the estimate holds whichever of the two the renderer picks.
_REGULAR = tuple(int(w) for w in (
    "318 401 460 838 636 950 780 275 390 390 552 838 318 361 318 367 636 636 636 636 636 636 "
    "636 636 636 636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 "
    "557 903 754 787 603 787 695 635 611 732 684 989 685 611 685 390 367 390 838 500 577 613 "
    "635 550 635 615 352 635 634 278 278 579 278 974 634 612 635 635 411 521 392 634 592 818 "
    "592 592 525 636 551 636 838"
).split())
_BOLD = tuple(int(w) for w in (
    "348 456 521 838 696 1002 872 306 457 457 545 838 380 415 380 413 696 696 696 696 696 696 "
    "696 696 696 696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 "
    "637 995 837 850 733 850 770 720 682 812 774 1103 771 724 725 457 413 457 838 500 607 675 "
    "716 593 716 678 435 716 712 343 343 665 343 1042 712 687 716 716 493 595 478 712 652 924 "
    "645 652 582 712 551 712 838"
).split())
_PUNCTUATION = {"–": 500, "—": 1000, "…": 1000, "·": 318, "‘": 318, "’": 318, "“": 518, "”": 518}
_SAFETY = 1.04  # kerning only ever narrows text; a little slack covers a metric-compatible swap


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """A conservative estimate of `text`'s width in user units, from the fonts' own metrics."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for char in text:
        code = ord(char)
        if 32 <= code < 127:
            total += table[code - 32]
        elif char in _PUNCTUATION:
            total += _PUNCTUATION[char] + (140 if bold else 0)
        elif unicodedata.combining(char):
            continue
        else:
            base = unicodedata.normalize("NFKD", char)[:1]
            if base and 32 <= ord(base) < 127 and base != char:
                total += table[ord(base) - 32]
            else:
                total += 1000  # unknown script or symbol: assume a full em
    return total / 1000 * size * _SAFETY


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in the figure's user units (y grows downwards)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        return not (
            self.right + gap <= other.x
            or other.right + gap <= self.x
            or self.bottom + gap <= other.y
            or other.bottom + gap <= self.y
        )

    def inside(self, width: float, height: float) -> bool:
        return self.x >= 0 and self.y >= 0 and self.right <= width and self.bottom <= height

    def touches_circle(self, circle: Circle, gap: float = 0.0) -> bool:
        nearest_x = min(max(circle.cx, self.x), self.right)
        nearest_y = min(max(circle.cy, self.y), self.bottom)
        return math.hypot(circle.cx - nearest_x, circle.cy - nearest_y) < circle.r + gap


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Figure:
    """A finished SVG with the geometry it was drawn from, for checking rather than re-parsing.

    `labels` holds the box of every piece of text drawn (event labels, ticks, legend, names);
    `leaders` the lines joining labels to what they name; `nodes` the network's node outlines.
    """

    svg: Markup
    width: float
    height: float
    labels: tuple[Box, ...]
    leaders: tuple[Line, ...] = ()
    nodes: tuple[Circle, ...] = ()


# --- SVG writing -----------------------------------------------------------------------------


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _el(tag: str, attrs: dict[str, object], content: str | None = None) -> str:
    """One SVG element; attribute values and text are escaped, numbers rounded."""
    parts = []
    for name, value in attrs.items():
        if value is None:
            continue
        shown = _num(value) if isinstance(value, float | int) else str(value)
        parts.append(f'{name}="{escape(shown)}"')
    opening = f"<{tag} {' '.join(parts)}" if parts else f"<{tag}"
    if content is None:
        return opening + "/>"
    return f"{opening}>{content}</{tag}>"


@dataclass(frozen=True)
class _Text:
    """A line of text, left-aligned, after an optional badge (white on navy: an event number)."""

    lead: str
    rest: str
    size: float

    @property
    def lead_width(self) -> float:
        if not self.lead:
            return 0.0
        return text_width(self.lead, self.size * BADGE_SCALE, bold=True) + 2 * BADGE_PAD

    @property
    def gap(self) -> float:
        return self.size * 0.3 if self.lead and self.rest else 0.0

    @property
    def width(self) -> float:
        return self.lead_width + self.gap + text_width(self.rest, self.size)

    @property
    def height(self) -> float:
        return self.size * (ASCENT + DESCENT)

    def box(self, x: float, y: float) -> Box:
        return Box(x, y, self.width, self.height)

    def svg(self, box: Box, fill: str = INK, rest_fill: str | None = None) -> str:
        baseline = box.y + self.size * ASCENT
        parts = []
        if self.lead:
            parts.append(_el("rect", {"x": box.x, "y": box.y + 0.3, "width": self.lead_width,
                                      "height": box.height - 0.6, "rx": 1.6, "fill": fill}))
            parts.append(_el(
                "text",
                {"x": box.x + BADGE_PAD, "y": baseline - 0.3, "font-size": self.size * BADGE_SCALE,
                 "font-weight": "bold", "fill": "white"},
                str(escape(self.lead)),
            ))  # fmt: skip
        if self.rest:
            parts.append(_el(
                "text",
                {"x": box.x + self.lead_width + self.gap, "y": baseline, "font-size": self.size,
                 "fill": rest_fill or fill},
                str(escape(self.rest)),
            ))  # fmt: skip
        return "".join(parts)


def _svg(kind: str, height: float, label: str, description: str, body: list[str]) -> Markup:
    """The root element: scales to the column (width 100%), named for screen readers."""
    title = _el("title", {}, str(escape(label)))
    desc = _el("desc", {}, str(escape(description)))
    return Markup(
        _el(
            "svg",
            {
                "xmlns": "http://www.w3.org/2000/svg",
                "viewBox": f"0 0 {_num(WIDTH)} {_num(height)}",
                "width": "100%",
                "class": f"chart-svg chart-text {kind}",
                "role": "img",
                "aria-label": label,
                "font-family": FONT_FAMILY,
            },
            title + desc + "".join(body),
        )
    )


# --- Timeline --------------------------------------------------------------------------------

LANE_GAP = 3.0  # vertical space between label lanes
LABEL_GAP = 5.0  # horizontal space between labels in one lane
LEADER_CLEAR = 1.5  # a leader keeps this far from any other label
FLAG_PAD = 1.5  # a flag label starts this far before its leader
POINT_R = 2.3
BAR_H = 4.4
TRACK_PITCH = 5.6
MAX_TRACKS = 4
CLUSTER_PT = 5.5  # points closer than this share a label
BREAK_W = 16.0  # room taken by a break in the axis
TICK_GAP = 7.0
MIN_SEGMENT_SHARE = 0.2
MIN_TIMELINE_EVENTS = 3
_MONTHS = tuple(calendar.month_abbr)


def _year(value: int) -> int:
    return min(max(value, 1), 9998)


def _day_span(date: PartialDate) -> tuple[int, int]:
    """Ordinal of the first day `date` may mean and of the day after the last one."""
    year = _year(date.year)
    if date.month is None:
        return dt.date(year, 1, 1).toordinal(), dt.date(year + 1, 1, 1).toordinal()
    first = dt.date(year, date.month, 1).toordinal()
    if date.day is None:
        return first, first + calendar.monthrange(year, date.month)[1]
    return first + date.day - 1, first + date.day


def _short(date: PartialDate, *, with_year: bool = True) -> str:
    if date.month is None:
        return str(date.year)
    text = _MONTHS[date.month] if date.day is None else f"{date.day} {_MONTHS[date.month]}"
    return f"{text} {date.year}" if with_year else text


def _short_range(first: PartialDate, last: PartialDate) -> str:
    (a0, a1), (b0, b1) = _day_span(first), _day_span(last)
    if a0 <= b0 and b1 <= a1:  # "April 2020" already says "19 April 2020"
        return _short(first)
    if b0 <= a0 and a1 <= b1:
        return _short(last)
    if first.year == last.year and first.month is not None and last.month is not None:
        if first.month == last.month and first.day is not None and last.day is not None:
            return f"{first.day}–{last.day} {_MONTHS[first.month]} {first.year}"
        return f"{_short(first, with_year=False)} – {_short(last)}"
    return f"{_short(first)} – {_short(last)}"


_DATE_WORDS = {
    "in", "on", "at", "by", "since", "from", "until", "through", "throughout", "early", "late",
    "mid", "last", "this", "next", "earlier", "later", "of", "the", "year", "month", "week",
    "day", "days", "weeks", "months", "years", "ago", "and", "then", "sept",
    *(m.lower() for m in calendar.month_name if m),
    *(m.lower() for m in calendar.month_abbr if m),
    *(d.lower() for d in calendar.day_name),
}  # fmt: skip


def _gist(text: str, words: int) -> str:
    """The first `words` words of an event, after the date phrase it usually opens with."""
    tokens = text.split()
    start = 0
    while start < len(tokens) - 1:
        bare = tokens[start].strip(",.;:()").lower()
        if bare in _DATE_WORDS or bare.rstrip("stndrh").isdigit():
            start += 1
        else:
            break
    if start and tokens[start - 1].lower().strip(",") == "the":
        start -= 1  # "the following day" reads better than "following day"
    chosen = tokens[start : start + words]
    gist = " ".join(chosen).rstrip(",;:.")
    return gist + "…" if start + words < len(tokens) else gist


def _compact_numbers(numbers: Sequence[int]) -> str:
    """`[3, 4, 5, 9]` → `3–5, 9`: the event numbers a label stands for."""
    ordered = sorted(set(numbers))
    runs: list[list[int]] = []
    for n in ordered:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


@dataclass
class _Segment:
    """A stretch of the date axis: days `d0`..`d1` drawn from `x0` to `x1`."""

    d0: float
    d1: float
    x0: float
    x1: float

    def x(self, day: float) -> float:
        return self.x0 + (day - self.d0) / (self.d1 - self.d0) * (self.x1 - self.x0)


@dataclass
class _Mark:
    number: int
    event: Event
    start: float  # day ordinals
    end: float
    x0: float = 0.0
    x1: float = 0.0
    track: int = 0
    runs_on: tuple[bool, bool] = (False, False)  # continues beyond the axis: left, right

    @property
    def point(self) -> bool:
        return self.event.date.granularity is Granularity.DAY and self.event.end is None

    @property
    def approximate(self) -> bool:
        dates = [self.event.date] + ([self.event.end] if self.event.end else [])
        return any(d.granularity is not Granularity.DAY for d in dates)

    @property
    def inferred(self) -> bool:
        return self.event.certainty is Certainty.INFERRED

    @property
    def anchor(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def last_date(self) -> PartialDate:
        return self.event.end or self.event.date


@dataclass
class _Cluster:
    marks: list[_Mark]

    @property
    def anchor(self) -> float:
        anchors = [m.anchor for m in self.marks]
        return (min(anchors) + max(anchors)) / 2

    def accepts(self, mark: _Mark) -> bool:
        first = self.marks[0]
        if mark.point and all(m.point for m in self.marks):
            return mark.anchor - min(m.anchor for m in self.marks) <= CLUSTER_PT
        if not mark.point and not any(m.point for m in self.marks):
            return abs(mark.x0 - first.x0) <= 1.5 and abs(mark.x1 - first.x1) <= 1.5
        return False

    def text(self, words: int | None) -> _Text:
        numbers = _compact_numbers([m.number for m in self.marks])
        if words is None:
            return _Text(numbers, "", LABEL_SIZE)
        dates = {(m.event.date, m.event.end) for m in self.marks}
        if len(dates) == 1:
            first, end = next(iter(dates))
            when = _short_range(first, end) if end else _short(first)
        else:
            first = min((m.event.date for m in self.marks), key=PartialDate.sort_key)
            last = max((m.last_date for m in self.marks), key=PartialDate.sort_key)
            when = _short_range(first, last)
        if words and len(self.marks) == 1:
            when = f"{when}: {_gist(self.marks[0].event.text, words)}"
        return _Text(numbers, when, LABEL_SIZE)


@dataclass
class _Label:
    cluster: _Cluster
    text: _Text
    x: float = 0.0
    lane: int = 0
    # Fixed once made; kept as fields because the layout asks for them many times.
    anchor: float = field(init=False)
    width: float = field(init=False)

    def __post_init__(self) -> None:
        self.anchor = self.cluster.anchor
        self.width = self.text.width


def _axis(marks: list[_Mark], left: float, right: float) -> list[tuple[_Segment, list[_Mark]]]:
    """Date segments across the width, each with its events: broken where a long empty stretch
    would crowd the rest, and zoomed where a whole year or month would dwarf its dated days."""
    runs: list[list[_Mark]] = []
    for mark in sorted(marks, key=lambda m: m.start):
        if runs and mark.start <= max(m.end for m in runs[-1]):
            runs[-1].append(mark)
        else:
            runs.append([mark])
    groups = _split(runs, right - left, 2)
    spans = [_domain(group) for group in groups]
    shares = _shares(groups)
    available = (right - left) - BREAK_W * (len(groups) - 1)
    segments, x = [], left
    for (a, b), share, group in zip(spans, shares, groups, strict=True):
        segments.append((_Segment(a, b, x, x + share * available), group))
        x += share * available + BREAK_W
    return segments


def _domain(group: list[_Mark]) -> tuple[float, float]:
    """The days a segment shows: all of its events, padded, unless a few long ones (a year
    known only as a year) enclose a tight run of the others; then that run, and the long ones
    are drawn running on beyond the axis."""
    a, b = min(m.start for m in group), max(m.end for m in group)
    long = [m for m in group if m.end - m.start > 0.5 * (b - a)]
    short = [m for m in group if m not in long]
    if long and len({(m.start, m.end) for m in short}) >= 2:
        c, d = min(m.start for m in short), max(m.end for m in short)
        if d - c < 0.3 * (b - a) and all(m.start <= c and d <= m.end for m in long):
            pad = max(0.12 * (d - c), 0.6)
            return c - pad, d + pad
    pad = max(0.04 * (b - a), 0.6)
    return a - pad, b + pad


def _shares(groups: Sequence[Sequence[_Mark]]) -> list[float]:
    """Width shares of axis segments: a quarter by time covered, the rest by events held."""
    lengths = [max(m.end for m in g) - min(m.start for m in g) for g in groups]
    counts = [len(g) for g in groups]
    raw = [
        max(0.25 * length / sum(lengths) + 0.75 * count / sum(counts), MIN_SEGMENT_SHARE)
        for length, count in zip(lengths, counts, strict=True)
    ]
    return [r / sum(raw) for r in raw]


def _split(runs: list[list[_Mark]], width: float, breaks: int) -> list[list[_Mark]]:
    """Split at the widest gap while it is most of the span and the events would be crowded."""
    marks = [m for run in runs for m in run]
    if breaks <= 0 or len(runs) < 2:
        return [marks]
    start, end = runs[0][0].start, max(m.end for m in runs[-1])
    gap, i = max(
        (runs[k + 1][0].start - max(m.end for m in runs[k]), k) for k in range(len(runs) - 1)
    )
    if gap <= 0.5 * (end - start):
        return [marks]
    before, after = runs[: i + 1], runs[i + 1 :]
    share_before, share_after = _shares(
        [[m for r in before for m in r], [m for r in after for m in r]]
    )
    # Break only when it gives the most crowded dates clearly more room than one scale would.
    unbroken = _closest(marks, end - start, width)
    broken = min(
        _closest([m for r in side for m in r], _length(side), width * share)
        for side, share in ((before, share_before), (after, share_after))
    )
    if unbroken >= 14 or broken < 1.6 * unbroken:
        return [marks]
    first = _split(before, width * share_before, breaks - 1)
    return first + _split(after, width * share_after, breaks - len(first))


def _length(runs: list[list[_Mark]]) -> float:
    return max(m.end for m in runs[-1]) - runs[0][0].start


def _closest(marks: list[_Mark], total: float, width: float) -> float:
    """The smallest distance between two distinct dates on one unbroken scale, in points."""
    centres = sorted({(m.start + m.end) / 2 for m in marks})
    scale = width / max(total, 1.0)
    return min(((b - a) * scale for a, b in zip(centres, centres[1:], strict=False)), default=WIDTH)


_TICK_STEPS = (
    ("day", 1), ("day", 2), ("day", 7), ("day", 14), ("month", 1), ("month", 2), ("month", 3),
    ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20),
    ("year", 50), ("year", 100), ("year", 200), ("year", 500), ("year", 1000),
)  # fmt: skip
_STEP_DAYS = {"day": 1, "month": 30.4, "year": 365.25}


def _tick_dates(kind: str, step: int, d0: float, d1: float) -> list[tuple[float, dt.date]]:
    first, last = dt.date.fromordinal(max(1, math.floor(d0))), dt.date.fromordinal(math.ceil(d1))
    ticks: list[tuple[float, dt.date]] = []
    if kind == "day":
        keep = {1: None, 2: set(range(1, 30, 2)), 7: {1, 8, 15, 22}, 14: {1, 15}}[step]
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = dt.date.fromordinal(ordinal)
            if keep is None or day.day in keep:
                ticks.append((ordinal + 0.5, day))
    elif kind == "month":
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            if (month - 1) % step == 0:
                day = dt.date(year, month, 1)
                ticks.append((day.toordinal(), day))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        for year in range(first.year, last.year + 1):
            if year % step == 0:
                day = dt.date(year, 1, 1)
                ticks.append((day.toordinal(), day))
    return [(t, day) for t, day in ticks if d0 <= t <= d1]


def _tick_label(kind: str, day: dt.date, previous: dt.date | None) -> str:
    if kind == "year":
        return str(day.year)
    new_year = previous is None or previous.year != day.year
    if kind == "month":
        return f"{_MONTHS[day.month]} {day.year}" if new_year else _MONTHS[day.month]
    text = f"{day.day} {_MONTHS[day.month]}"
    return f"{text} {day.year}" if new_year else text


def _ticks(segment: _Segment, y: float) -> list[tuple[float, _Text, Box]]:
    """The finest tick step whose labels fit the segment with room to spare."""
    span = segment.d1 - segment.d0
    low, high = max(0.0, segment.x0 - 3), min(WIDTH, segment.x1 + 3)
    for kind, step in _TICK_STEPS:
        if span / (_STEP_DAYS[kind] * step) > 80:
            continue
        placed: list[tuple[float, _Text, Box]] = []
        previous = None
        for t, day in _tick_dates(kind, step, segment.d0, segment.d1):
            text = _Text("", _tick_label(kind, day, previous), SMALL_SIZE)
            x = segment.x(t)
            box = text.box(x - text.width / 2, y)
            if low <= box.x and box.right <= high:
                placed.append((x, text, box))
                previous = day
        clear = all(
            not a[2].overlaps(b[2], TICK_GAP) for a, b in zip(placed, placed[1:], strict=False)
        )
        if placed and clear:
            return placed
    return []


def timeline_figure(events: Sequence[Event]) -> Figure | None:
    """The events on a date axis, numbered as in the list; None when there are too few."""
    if len(events) < MIN_TIMELINE_EVENTS:
        return None
    marks = []
    for number, event in enumerate(events, start=1):
        start, end = _day_span(event.date)
        if event.end is not None:
            end = max(end, _day_span(event.end)[1])
        marks.append(_Mark(number, event, start, end))
    axis = _axis(marks, 4.0, WIDTH - 4.0)
    for segment, members in axis:
        for mark in members:
            if mark.point:
                centre = segment.x(mark.start + 0.5)
                mark.x0, mark.x1 = centre - POINT_R, centre + POINT_R
                continue
            mark.runs_on = (mark.start < segment.d0, mark.end > segment.d1)
            mark.x0 = segment.x(max(mark.start, segment.d0))
            mark.x1 = segment.x(min(mark.end, segment.d1))
            if mark.x1 - mark.x0 < 3.0:
                centre = (mark.x0 + mark.x1) / 2
                mark.x0, mark.x1 = centre - 1.5, centre + 1.5
    segments = [segment for segment, _ in axis]
    tracks = _stack_tracks(marks)
    clusters = _cluster(marks)

    labels = _label_layout([_Cluster(list(c.marks)) for c in clusters])
    return _draw_timeline(marks, labels, segments, tracks)


def _stack_tracks(marks: list[_Mark]) -> int:
    """Give overlapping marks separate tracks above the axis; returns the number of tracks."""
    occupied: list[list[tuple[float, float]]] = []
    for mark in sorted(marks, key=lambda m: (not m.point, m.x0, m.number)):
        span = (mark.x0 - 0.8, mark.x1 + 0.8)
        free = (
            t for t, taken in enumerate(occupied)
            if all(span[1] <= a or b <= span[0] for a, b in taken)
        )  # fmt: skip
        track = next(free, None)
        if track is None and len(occupied) < MAX_TRACKS:
            occupied.append([])
            track = len(occupied) - 1
        elif track is None:
            track = MAX_TRACKS - 1  # very dense: overlap in the top track
        occupied[track].append(span)
        mark.track = track
    return len(occupied)


def _cluster(marks: list[_Mark]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for mark in sorted(marks, key=lambda m: (m.anchor, m.number)):
        for cluster in reversed(clusters[-4:]):
            if cluster.accepts(mark):
                cluster.marks.append(mark)
                break
        else:
            clusters.append(_Cluster([mark]))
    return sorted(clusters, key=lambda c: (c.anchor, min(m.number for m in c.marks)))


def _flag_x(anchor: float, width: float, side: str) -> float:
    x = {"left": anchor - FLAG_PAD, "right": anchor + FLAG_PAD - width}.get(side)
    if x is None:
        x = anchor - width / 2
    return min(max(x, 0.0), WIDTH - width)


def _covers(label: _Label, anchor: float) -> bool:
    return label.x - LEADER_CLEAR < anchor < label.x + label.width + LEADER_CLEAR


MAX_LANES = 5
_DATE_ONLY, _NUMBER_ONLY = 0, None


def _label_layout(clusters: list[_Cluster]) -> list[_Label]:
    """The richest labels that fit in `MAX_LANES` lanes, each leader straight and uncrossed.

    A few words of every event when all fit; otherwise number and date, cut back to the bare
    number only where labels crowd (a lane overflows or two labels block each other's leaders).
    Two bare numbers that still block each other become one label ("4–5").
    """
    for words in (5, 3):
        labels, blocked = _place_labels(clusters, [words] * len(clusters))
        if not blocked and _lanes(labels) <= MAX_LANES:
            return labels
    detail: list[int | None] = [_DATE_ONLY] * len(clusters)
    while True:
        labels, blocked = _place_labels(clusters, detail)
        if blocked:
            shrinkable = [i for i in blocked if detail[i] is not _NUMBER_ONLY]
            if shrinkable:
                detail[max(shrinkable, key=lambda i: labels[i].width)] = _NUMBER_ONLY
            else:
                clusters, detail = _merge_blocking(labels, blocked, detail)
            continue
        if _lanes(labels) <= MAX_LANES:
            return labels
        shrinkable = [i for i in _top_chain(labels) if detail[i] is not _NUMBER_ONLY]
        if not shrinkable:
            return labels  # bare numbers need more lanes: taller, still clear
        detail[max(shrinkable, key=lambda i: labels[i].width)] = _NUMBER_ONLY


def _lanes(labels: list[_Label]) -> int:
    return 1 + max(label.lane for label in labels)


def _top_chain(labels: list[_Label]) -> list[int]:
    """The labels that stack the highest one up: each spans the next one's leader."""
    i = max(range(len(labels)), key=lambda k: labels[k].lane)
    chain = [i]
    while True:
        under = [
            j for j, other in enumerate(labels)
            if j != i and _covers(labels[i], other.anchor)
        ]  # fmt: skip
        if not under:
            return chain
        i = max(under, key=lambda k: labels[k].lane)
        chain.append(i)


def _place_labels(
    clusters: list[_Cluster], detail: Sequence[int | None]
) -> tuple[list[_Label], list[int]]:
    """Labels placed in lanes, or (when leaders block each other) the labels that do."""
    labels = [_Label(c, c.text(d)) for c, d in zip(clusters, detail, strict=True)]
    for i, label in enumerate(labels):
        best = None
        for rank, side in enumerate(("left", "right", "centre")):
            label.x = _flag_x(label.anchor, label.width, side)
            blocked = sum(
                1
                for j, other in enumerate(labels)
                if j != i and _covers(label, other.anchor)
            )
            mutual = sum(
                1
                for other in labels[:i]
                if _covers(label, other.anchor) and _covers(other, label.anchor)
            )
            score = (mutual, blocked, rank)
            if best is None or score < best[0]:
                best = (score, label.x)
        assert best is not None
        label.x = best[1]
    order, stuck = _above_order(labels)
    if stuck:
        # Blame the labels that block each other, not those merely waiting above them.
        mutual = [
            i for i in stuck
            if any(
                j != i and _covers(labels[i], labels[j].anchor)
                and _covers(labels[j], labels[i].anchor)
                for j in stuck
            )
        ]  # fmt: skip
        return labels, mutual or stuck
    lanes: list[list[_Label]] = []
    for i in order:
        label = labels[i]
        # The order puts every label whose leader this one spans before it.
        lowest = 1 + max(
            (o.lane for j, o in enumerate(labels) if j != i and _covers(label, o.anchor)),
            default=-1,
        )
        box = label.text.box(label.x, 0)
        lane = lowest
        while lane < len(lanes) and any(
            box.x < o.x + o.width + LABEL_GAP and o.x < box.right + LABEL_GAP
            for o in lanes[lane]
        ):
            lane += 1
        while len(lanes) <= lane:
            lanes.append([])
        lanes[lane].append(label)
        label.lane = lane
    return labels, []


def _above_order(labels: list[_Label]) -> tuple[list[int], list[int]]:
    """An order in which every label comes after the labels whose leaders it spans, and the
    labels left out because they span each other's leaders in a cycle."""
    n = len(labels)
    below: list[set[int]] = [set() for _ in range(n)]  # below[i]: labels that must sit under i
    waiting = [0] * n
    for i, label in enumerate(labels):
        for j, other in enumerate(labels):
            if i != j and _covers(label, other.anchor):
                below[i].add(j)
                waiting[i] += 1
    dependants: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        for j in below[i]:
            dependants[j].append(i)
    ready = [(-labels[i].anchor, i) for i in range(n) if waiting[i] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _, i = heapq.heappop(ready)
        order.append(i)
        for k in dependants[i]:
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(ready, (-labels[k].anchor, k))
    done = set(order)
    return order, [i for i in range(n) if i not in done]


def _merge_blocking(
    labels: list[_Label], stuck: list[int], detail: list[int | None]
) -> tuple[list[_Cluster], list[int | None]]:
    """Join two neighbouring clusters that block each other's leaders (the closest pair)."""
    stuck_set = set(stuck)
    pairs = [
        (labels[i + 1].anchor - labels[i].anchor, i)
        for i in range(len(labels) - 1)
        if i in stuck_set and i + 1 in stuck_set
    ] or [
        (labels[i + 1].anchor - labels[i].anchor, i)
        for i in range(len(labels) - 1)
    ]
    _, i = min(pairs)
    clusters = [label.cluster for label in labels]
    joined = _Cluster(clusters[i].marks + clusters[i + 1].marks)
    merged = [*clusters[:i], joined, *clusters[i + 2 :]]
    merged_detail = [*detail[:i], _NUMBER_ONLY, *detail[i + 2 :]]
    order = sorted(
        range(len(merged)), key=lambda k: (merged[k].anchor, min(m.number for m in merged[k].marks))
    )
    return [merged[k] for k in order], [merged_detail[k] for k in order]


def _legend(
    items: list[tuple[str, str]], top: float
) -> tuple[list[str], list[Box], float]:
    """Swatches with captions in rows across the width; returns svg, caption boxes, bottom."""
    parts: list[str] = []
    boxes: list[Box] = []
    height = SMALL_SIZE * (ASCENT + DESCENT)
    x, y = 0.0, top
    for swatch, caption in items:
        text = _Text("", caption, SMALL_SIZE)
        item_width = 14 + text.width
        if x > 0 and x + item_width > WIDTH:
            x, y = 0.0, y + height + 3
        middle = y + height / 2
        parts.append(f'<g transform="translate({_num(x + 5)} {_num(middle)})">{swatch}</g>')
        box = text.box(x + 13, y)
        parts.append(text.svg(box, fill=MUTED))
        boxes.append(box)
        x += item_width + 12
    return parts, boxes, y + height


def _bar_svg(
    x0: float,
    x1: float,
    y: float,
    *,
    approximate: bool,
    inferred: bool,
    runs_on: tuple[bool, bool] = (False, False),
) -> str:
    fill = "white" if inferred else (APPROX_FILL if approximate else NAVY)
    rect = _el(
        "rect",
        {
            "x": x0, "y": y - BAR_H / 2, "width": x1 - x0, "height": BAR_H,
            "fill": fill, "stroke": NAVY, "stroke-width": 0.6,
        },
    )  # fmt: skip
    path = ""
    reach = BAR_H / 2 + 1.4
    for x, outward, open_end in ((x0, -1, runs_on[0]), (x1, 1, runs_on[1])):
        if open_end:  # an arrowhead: the period goes on past the end of the axis
            tip = x + outward * 3.6
            path += (
                f"M{_num(x)} {_num(y - reach)}L{_num(tip)} {_num(y)}L{_num(x)} {_num(y + reach)}Z"
            )
        elif approximate:  # a bracket: the date is somewhere inside, not the whole stretch
            path += f"M{_num(x)} {_num(y - reach)}V{_num(y + reach)}"
    if not path:
        return rect
    return rect + _el("path", {"d": path, "stroke": NAVY, "stroke-width": 0.7, "fill": NAVY})


def _point_svg(x: float, y: float, *, inferred: bool) -> str:
    return _el(
        "circle",
        {
            "cx": x, "cy": y, "r": POINT_R, "fill": "white" if inferred else NAVY,
            "stroke": NAVY, "stroke-width": 0.9,
        },
    )  # fmt: skip


def _break_svg(x: float, y: float) -> str:
    return _el(
        "path",
        {
            "d": f"M{_num(x - 4)} {_num(y + 3.5)}L{_num(x - 1)} {_num(y - 3.5)}"
            f"M{_num(x + 1)} {_num(y + 3.5)}L{_num(x + 4)} {_num(y - 3.5)}",
            "stroke": MUTED, "stroke-width": 0.8, "fill": "none",
        },
    )  # fmt: skip


def _draw_timeline(
    marks: list[_Mark], labels: list[_Label], segments: list[_Segment], tracks: int
) -> Figure:
    label_height = LABEL_SIZE * (ASCENT + DESCENT)
    lanes = 1 + max(label.lane for label in labels)
    top = 1.0
    labels_bottom = top + lanes * (label_height + LANE_GAP) - LANE_GAP
    axis_y = labels_bottom + 5 + (tracks - 1) * TRACK_PITCH + BAR_H / 2 + 1.4

    def track_y(mark: _Mark) -> float:
        return axis_y - mark.track * TRACK_PITCH

    body: list[str] = []
    boxes: list[Box] = []
    leaders: list[Line] = []
    # Axis, breaks and ticks.
    tick_top = axis_y + BAR_H / 2 + 3.0
    for i, segment in enumerate(segments):
        body.append(_el("line", {"x1": segment.x0, "y1": axis_y, "x2": segment.x1, "y2": axis_y,
                                 "stroke": MUTED, "stroke-width": 0.6}))
        if i:
            body.append(_break_svg((segments[i - 1].x1 + segment.x0) / 2, axis_y))
        for x, text, box in _ticks(segment, tick_top):
            body.append(_el("line", {"x1": x, "y1": axis_y, "x2": x, "y2": axis_y + BAR_H / 2 + 1.5,
                                     "stroke": MUTED, "stroke-width": 0.5}))
            body.append(text.svg(box, fill=MUTED))
            boxes.append(box)
    # Marks: bars under points so a point inside a bar stays visible.
    for mark in sorted(marks, key=lambda m: (m.point, m.number)):
        y = track_y(mark)
        if mark.point:
            body.append(_point_svg(mark.anchor, y, inferred=mark.inferred))
        else:
            body.append(_bar_svg(mark.x0, mark.x1, y, approximate=mark.approximate,
                                 inferred=mark.inferred, runs_on=mark.runs_on))
    # Labels and leaders.
    for label in labels:
        y = top + (lanes - 1 - label.lane) * (label_height + LANE_GAP)
        box = label.text.box(label.x, y)
        anchor = label.anchor
        mark_top = min(track_y(m) for m in label.cluster.marks) - BAR_H / 2 - 1.6
        leader = Line(anchor, box.bottom + 0.8, anchor, mark_top)
        leaders.append(leader)
        body.append(_el("line", {"x1": leader.x1, "y1": leader.y1, "x2": leader.x2,
                                 "y2": leader.y2, "stroke": "#8a99ab", "stroke-width": 0.5}))
        spread = [m.anchor for m in label.cluster.marks]
        if max(spread) - min(spread) > 1.0:
            body.append(_el("line", {"x1": min(spread), "y1": mark_top, "x2": max(spread),
                                     "y2": mark_top, "stroke": "#8a99ab", "stroke-width": 0.5}))
        body.append(label.text.svg(box, fill=NAVY, rest_fill=INK))
        boxes.append(box)
    # Legend: only what the figure shows.
    items = []
    if any(m.point and not m.inferred for m in marks):
        items.append((_point_svg(0, 0, inferred=False), "exact date"))
    if any(m.approximate for m in marks):
        items.append((_bar_svg(-4.5, 4.5, 0, approximate=True, inferred=False),
                      "only the month or year is known"))
    if any(not m.point and not m.approximate for m in marks):
        items.append((_bar_svg(-4.5, 4.5, 0, approximate=False, inferred=False), "period"))
    if any(m.inferred for m in marks):
        items.append((_point_svg(0, 0, inferred=True), "hollow: date partly inferred"))
    if any(any(m.runs_on) for m in marks):
        items.append((_bar_svg(-4.5, 2.5, 0, approximate=True, inferred=False,
                               runs_on=(False, True)), "runs on past the axis"))
    if len(segments) > 1:
        items.append((_break_svg(0, 0), "axis broken"))
    legend_top = tick_top + SMALL_SIZE * (ASCENT + DESCENT) + 6
    legend, legend_boxes, bottom = _legend(items, legend_top)
    body.extend(legend)
    boxes.extend(legend_boxes)
    height = bottom + 1.5

    first = min((m.event.date for m in marks), key=PartialDate.sort_key)
    last = max((m.last_date for m in marks), key=PartialDate.sort_key)
    label = f"Timeline of {len(marks)} events, {first.human()} to {last.human()}"
    description = (
        "Events on a date axis, numbered as in the list that follows. Bars with brackets cover "
        "the whole month or year when only that is known; hollow marks are dates partly inferred."
    )
    if len(segments) > 1:
        description += " The axis is broken where long stretches hold no events."
    svg = _svg("chart-timeline", height, label, description, body)
    return Figure(svg, WIDTH, height, tuple(boxes), tuple(leaders))


# --- Co-mention network ----------------------------------------------------------------------

MAX_ACTORS = 20
MIN_NETWORK_ACTORS = 3
NAME_CHARS = 28
_KINDS = {  # kind: (colour, legend caption)
    "person": ("#1f5fa8", "person"),
    "organisation": ("#b5562b", "organisation"),
    "place": ("#2e7d4f", "place"),
    "group": ("#7b4fa0", "group"),
}
_OTHER_KIND = ("#6b7785", "other")
EDGE_COLOUR = "#9aa9ba"


@dataclass
class _Node:
    actor: Actor
    rank: int
    radius: float
    x: float = 0.0
    y: float = 0.0

    @property
    def outline(self) -> Circle:
        """A circle around whatever shape the node is drawn as."""
        return Circle(self.x, self.y, self.radius * 1.25)


def co_mentions(actors: Sequence[Actor]) -> dict[tuple[int, int], int]:
    """Sentences naming both actors, for each pair (by index) that shares any."""
    passages = [set(a.passages) for a in actors]
    weights = {}
    for i in range(len(actors)):
        for j in range(i + 1, len(actors)):
            shared = len(passages[i] & passages[j])
            if shared:
                weights[(i, j)] = shared
    return weights


def network_figure(actors: Sequence[Actor]) -> Figure | None:
    """The top actors linked by the sentences that name them together; None when fewer than
    three are linked at all. Deterministic: the same actors always give the same picture."""
    top = list(actors[:MAX_ACTORS])
    weights = co_mentions(top)
    linked = sorted({i for pair in weights for i in pair})
    if len(linked) < MIN_NETWORK_ACTORS:
        return None
    keep = {old: new for new, old in enumerate(linked)}
    top = [top[i] for i in linked]
    weights = {(keep[a], keep[b]): w for (a, b), w in weights.items()}
    most = max(a.mentions for a in top) or 1
    nodes = [
        _Node(actor, rank, 3.2 + 5.0 * math.sqrt(max(actor.mentions, 1) / most))
        for rank, actor in enumerate(top)
    ]
    order = _circle_order(len(nodes), weights)
    names = [_Text("", _name(n.actor.name), LABEL_SIZE) for n in nodes]
    widest = max(t.width for t in names)
    for extra in (0.0, 20.0, 40.0, 60.0, 90.0):
        rx = min(175.0, WIDTH / 2 - widest - 16)
        ry = min(105.0, 40.0 + 3.2 * len(nodes)) + extra / 2
        top_margin = LABEL_SIZE * (ASCENT + DESCENT) + max(n.radius for n in nodes) * 1.25 + 5
        plot_height = 2 * ry + 2 * top_margin
        cx, cy = WIDTH / 2, top_margin + ry
        for position, index in enumerate(order):
            angle = -math.pi / 2 + 2 * math.pi * position / len(nodes)
            nodes[index].x = cx + rx * math.cos(angle)
            nodes[index].y = cy + ry * math.sin(angle)
        placed = _place_names(nodes, names, cx, cy, plot_height)
        if placed is not None:
            return _draw_network(nodes, names, placed, weights, plot_height)
    return None  # not reached in practice: the last, tallest attempt has room for every name


def _name(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1].rstrip() + "…"


def _circle_order(count: int, weights: dict[tuple[int, int], int]) -> list[int]:
    """Positions around the ring that keep strongly linked actors near each other.

    Greedy chain from the top actor, then pairwise swaps while they shorten the weighted arcs:
    fewer, shorter chords means fewer crossings. No randomness.
    """
    def weight(a: int, b: int) -> int:
        return weights.get((min(a, b), max(a, b)), 0)

    order = [0]
    rest = set(range(1, count))
    while rest:
        last = order[-1]
        before = order[-2] if len(order) > 1 else last
        best = max(rest, key=lambda k: (2 * weight(last, k) + weight(before, k), -k))
        order.append(best)
        rest.remove(best)

    def cost(sequence: list[int]) -> int:
        where = {node: p for p, node in enumerate(sequence)}
        total = 0
        for (a, b), w in weights.items():
            gap = abs(where[a] - where[b])
            total += w * min(gap, count - gap)
        return total

    current = cost(order)
    for _ in range(12):
        improved = False
        for i in range(1, count):  # the top actor stays at the top
            for j in range(i + 1, count):
                order[i], order[j] = order[j], order[i]
                trial = cost(order)
                if trial < current:
                    current, improved = trial, True
                else:
                    order[i], order[j] = order[j], order[i]
        if not improved:
            break
    return order


def _place_names(
    nodes: list[_Node], names: list[_Text], cx: float, cy: float, height: float
) -> list[tuple[Box, Line | None]] | None:
    """A box per name beside its node, clear of other names and nodes; None if one has no room.

    Candidates go outward first (names sit outside the ring), then round the node, then further
    out with a leader line. Larger actors choose first.
    """
    circles = [n.outline for n in nodes]
    placed: list[tuple[Box, Line | None] | None] = [None] * len(nodes)
    boxes: list[Box] = []
    for index in sorted(range(len(nodes)), key=lambda k: nodes[k].rank):
        node, text = nodes[index], names[index]
        for box, leader in _name_candidates(node, text, cx, cy):
            if not (box.x >= 0 and box.y >= 0 and box.right <= WIDTH and box.bottom <= height):
                continue
            if any(box.overlaps(other, 1.5) for other in boxes):
                continue
            if any(box.touches_circle(c, 1.2) for c in circles):
                continue
            if leader is not None and any(
                _segment_hits_box(leader, other) for other in boxes
            ):
                continue
            placed[index] = (box, leader)
            boxes.append(box)
            break
        else:
            return None
    return [p for p in placed if p is not None]


def _name_candidates(
    node: _Node, text: _Text, cx: float, cy: float
) -> list[tuple[Box, Line | None]]:
    w, h, r = text.width, text.height, node.radius * 1.25 + 1.5
    dx, dy = node.x - cx, node.y - cy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length

    def around(distance: float) -> list[Box]:
        x, y = node.x, node.y
        d = r + distance
        right = Box(x + d, y - h / 2, w, h)
        left = Box(x - d - w, y - h / 2, w, h)
        above = Box(x - w / 2, y - d - h, w, h)
        below = Box(x - w / 2, y + d, w, h)
        above_right = Box(x + d * 0.6, y - d * 0.6 - h, w, h)
        above_left = Box(x - d * 0.6 - w, y - d * 0.6 - h, w, h)
        below_right = Box(x + d * 0.6, y + d * 0.6, w, h)
        below_left = Box(x - d * 0.6 - w, y + d * 0.6, w, h)
        if ux > 0.35:
            first = [right, above_right, below_right]
        elif ux < -0.35:
            first = [left, above_left, below_left]
        elif uy < 0:
            first = [above, above_right, above_left]
        else:
            first = [below, below_right, below_left]
        others = [right, left, above, below, above_right, above_left, below_right, below_left]
        return first + [b for b in others if b not in first]

    candidates: list[tuple[Box, Line | None]] = [(b, None) for b in around(0.5)]
    for distance in (8.0, 16.0, 26.0, 38.0, 52.0):
        for box in around(distance):
            # A leader from the node's edge to the nearest point of the name.
            tx = min(max(node.x, box.x), box.right)
            ty = min(max(node.y, box.y), box.bottom)
            gap = math.hypot(tx - node.x, ty - node.y) or 1.0
            sx = node.x + (tx - node.x) / gap * r
            sy = node.y + (ty - node.y) / gap * r
            candidates.append((box, Line(sx, sy, tx, ty)))
    return candidates


def _segment_hits_box(line: Line, box: Box) -> bool:
    """Whether a straight segment passes through a box (sampled finely enough for labels)."""
    steps = 24
    for k in range(1, steps):
        t = k / steps
        x = line.x1 + (line.x2 - line.x1) * t
        y = line.y1 + (line.y2 - line.y1) * t
        if box.x < x < box.right and box.y < y < box.bottom:
            return True
    return False


def _node_svg(node: _Node) -> str:
    colour = _KINDS.get(node.actor.kind, _OTHER_KIND)[0]
    return _shape_svg(node.actor.kind, node.x, node.y, node.radius, colour)


def _shape_svg(kind: str, x: float, y: float, r: float, colour: str) -> str:
    style = {"fill": colour, "stroke": "white", "stroke-width": 0.8}
    if kind == "organisation":
        side = r * 1.7
        return _el("rect", {"x": x - side / 2, "y": y - side / 2, "width": side,
                            "height": side, **style})  # fmt: skip
    if kind == "place":
        d = r * 1.2
        points = f"{_num(x)},{_num(y - d)} {_num(x + d)},{_num(y)} {_num(x)},{_num(y + d)} " \
                 f"{_num(x - d)},{_num(y)}"  # fmt: skip
        return _el("polygon", {"points": points, **style})
    if kind == "group":
        d = r * 1.25
        points = " ".join(
            f"{_num(x + d * math.cos(a))},{_num(y + d * math.sin(a))}"
            for a in (-math.pi / 2, math.pi / 6, 5 * math.pi / 6)
        )
        return _el("polygon", {"points": points, **style})
    return _el("circle", {"cx": x, "cy": y, "r": r, **style})


def _link_width(shared: int) -> float:
    return min(0.6 + 0.6 * (shared - 1), 3.6)


def _draw_network(
    nodes: list[_Node],
    names: list[_Text],
    placed: list[tuple[Box, Line | None]],
    weights: dict[tuple[int, int], int],
    plot_height: float,
) -> Figure:
    body: list[str] = []
    heaviest = max(weights.values())
    # An absolute scale (not relative to the heaviest link), so one shared sentence always looks
    # slight; single links also fade so the strong ones stand out in a dense network.
    for (a, b), w in sorted(weights.items(), key=lambda item: item[1]):
        body.append(_el("line", {
            "x1": nodes[a].x, "y1": nodes[a].y, "x2": nodes[b].x, "y2": nodes[b].y,
            "stroke": EDGE_COLOUR, "stroke-width": _link_width(w),
            "stroke-opacity": 0.5 if w == 1 else 0.9, "stroke-linecap": "round",
        }))  # fmt: skip
    for node in sorted(nodes, key=lambda n: -n.radius):
        body.append(_node_svg(node))
    boxes, leaders = [], []
    for text, (box, leader) in zip(names, placed, strict=True):
        if leader is not None:
            leaders.append(leader)
            body.append(_el("line", {"x1": leader.x1, "y1": leader.y1, "x2": leader.x2,
                                     "y2": leader.y2, "stroke": "#8a99ab", "stroke-width": 0.5}))
        # A white ground keeps a name legible where a link passes behind it.
        body.append(_el("rect", {"x": box.x - 0.8, "y": box.y, "width": box.width + 1.6,
                                 "height": box.height, "fill": "white", "fill-opacity": 0.85}))
        body.append(text.svg(box))
        boxes.append(box)
    kinds = list(dict.fromkeys(n.actor.kind for n in nodes))
    items = []
    for kind in [*(k for k in _KINDS if k in kinds), *(k for k in kinds if k not in _KINDS)]:
        colour, caption = _KINDS.get(kind, _OTHER_KIND)
        items.append((_shape_svg(kind, 0, 0, 3.2, colour), caption))
    thick = _el("line", {"x1": -5, "y1": 0, "x2": 5, "y2": 0, "stroke": EDGE_COLOUR,
                         "stroke-width": _link_width(heaviest)})  # fmt: skip
    span = f"1–{heaviest}" if heaviest > 1 else "1"
    items.append((thick, f"link width: sentences naming both ({span})"))
    sizes = _el("circle", {"cx": -2.5, "cy": 0, "r": 1.6, "fill": _OTHER_KIND[0]}) + _el(
        "circle", {"cx": 2.6, "cy": 0, "r": 3.0, "fill": _OTHER_KIND[0]}
    )
    items.append((sizes, "size: mentions"))
    legend, legend_boxes, bottom = _legend(items, plot_height + 2)
    body.extend(legend)
    boxes.extend(legend_boxes)
    height = bottom + 1.5

    strongest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:5]
    pairs = "; ".join(
        f"{nodes[a].actor.name} and {nodes[b].actor.name} ({w})" for (a, b), w in strongest
    )
    label = f"Network of {len(nodes)} actors linked when the same sentence names them"
    description = f"Strongest links, by sentences naming both: {pairs}."
    svg = _svg("chart-network", height, label, description, body)
    circles = tuple(n.outline for n in nodes)
    return Figure(svg, WIDTH, height, tuple(boxes), tuple(leaders), circles)
