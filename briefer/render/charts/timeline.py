"""The timeline figure: events on a date axis, broken or zoomed where the dates call for it,
with numbered labels in lanes above, each joined to its mark by a straight, uncrossed leader."""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from briefer.models import Certainty, Event, Granularity, PartialDate
from briefer.render.charts.metrics import TextMetrics, builtin_metrics
from briefer.render.charts.primitives import (
    ASCENT,
    DESCENT,
    INK,
    LABEL_SIZE,
    LEADER_COLOUR,
    MUTED,
    NAVY,
    SMALL_SIZE,
    WIDTH,
    Box,
    Figure,
    Line,
    TextLine,
    element,
    legend,
    line_svg,
    num,
    svg_root,
)

APPROX_FILL = "#c9d7e7"
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
GAP_SHARE = 0.25  # an empty stretch this share of the span may break the axis
TICK_GAP = 7.0
MIN_SEGMENT_SHARE = 0.2
MIN_TIMELINE_EVENTS = 3
BACKGROUND_DAYS = 91  # events ended over a quarter before the first source are not drawn
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
    "in",
    "on",
    "at",
    "by",
    "since",
    "from",
    "until",
    "through",
    "throughout",
    "early",
    "late",
    "mid",
    "last",
    "this",
    "next",
    "earlier",
    "later",
    "of",
    "the",
    "year",
    "month",
    "week",
    "day",
    "days",
    "weeks",
    "months",
    "years",
    "ago",
    "and",
    "then",
    "sept",
    *(m.lower() for m in calendar.month_name if m),
    *(m.lower() for m in calendar.month_abbr if m),
    *(d.lower() for d in calendar.day_name),
}


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
        return self.event.certainty is not Certainty.STATED  # inferred, or only reported

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

    def text(self, words: int | None, metrics: TextMetrics) -> TextLine:
        numbers = _compact_numbers([m.number for m in self.marks])
        if words is None:
            return TextLine(numbers, "", LABEL_SIZE, metrics)
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
        return TextLine(numbers, when, LABEL_SIZE, metrics)


@dataclass
class _Label:
    cluster: _Cluster
    text: TextLine
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
    a, b = _extent(group)
    zoomed = _zoomed_domain(group, a, b)
    if zoomed is not None:
        return zoomed
    pad = max(0.04 * (b - a), 0.6)
    return a - pad, b + pad


def _extent(marks: Sequence[_Mark]) -> tuple[float, float]:
    """The first day and the day after the last that `marks` cover."""
    return min(m.start for m in marks), max(m.end for m in marks)


def _zoomed_domain(group: list[_Mark], a: float, b: float) -> tuple[float, float] | None:
    """The tight run of short events that every long one in `group` (spanning `a`..`b`)
    encloses, padded; None when the long ones do not dwarf a run of at least two dates."""
    long = [m for m in group if m.end - m.start > 0.5 * (b - a)]
    short = [m for m in group if m not in long]
    if not long or len({(m.start, m.end) for m in short}) < 2:
        return None
    c, d = _extent(short)
    if d - c >= 0.3 * (b - a) or not all(m.start <= c and d <= m.end for m in long):
        return None
    pad = max(0.12 * (d - c), 0.6)
    return c - pad, d + pad


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
    """Split at the widest gap while it is a large part of the span (GAP_SHARE) and the events
    would be crowded: a plan a month after three weeks of days must not halve their room."""
    marks = _flat(runs)
    if breaks <= 0 or len(runs) < 2:
        return [marks]
    gap, i = max(
        (runs[k + 1][0].start - max(m.end for m in runs[k]), k) for k in range(len(runs) - 1)
    )
    if gap <= GAP_SHARE * _length(runs):
        return [marks]
    before, after = runs[: i + 1], runs[i + 1 :]
    share_before, share_after = _shares([_flat(before), _flat(after)])
    if not _break_helps(runs, width, ((before, share_before), (after, share_after))):
        return [marks]
    first = _split(before, width * share_before, breaks - 1)
    return first + _split(after, width * share_after, breaks - len(first))


def _flat(runs: list[list[_Mark]]) -> list[_Mark]:
    return [m for run in runs for m in run]


def _break_helps(
    runs: list[list[_Mark]], width: float, sides: Sequence[tuple[list[list[_Mark]], float]]
) -> bool:
    """Whether breaking the axis into `sides` (runs, share of the width) gives the most crowded
    dates clearly more room than one scale would."""
    unbroken = _closest(_flat(runs), _length(runs), width)
    broken = min(_closest(_flat(side), _length(side), width * share) for side, share in sides)
    return unbroken < 14 and broken >= 1.6 * unbroken


def _length(runs: list[list[_Mark]]) -> float:
    return max(m.end for m in runs[-1]) - runs[0][0].start


def _closest(marks: list[_Mark], total: float, width: float) -> float:
    """The smallest distance between two distinct dates on one unbroken scale, in points."""
    centres = sorted({(m.start + m.end) / 2 for m in marks})
    scale = width / max(total, 1.0)
    return min(((b - a) * scale for a, b in zip(centres, centres[1:], strict=False)), default=WIDTH)


_TICK_STEPS = (
    ("day", 1),
    ("day", 2),
    ("day", 7),
    ("day", 14),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
    ("year", 20),
    ("year", 50),
    ("year", 100),
    ("year", 200),
    ("year", 500),
    ("year", 1000),
)
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


def _ticks(segment: _Segment, y: float, metrics: TextMetrics) -> list[tuple[float, TextLine, Box]]:
    """The finest tick step whose labels fit the segment with room to spare."""
    span = segment.d1 - segment.d0
    low, high = max(0.0, segment.x0 - 3), min(WIDTH, segment.x1 + 3)
    for kind, step in _TICK_STEPS:
        if span / (_STEP_DAYS[kind] * step) > 80:
            continue
        placed: list[tuple[float, TextLine, Box]] = []
        previous = None
        for t, day in _tick_dates(kind, step, segment.d0, segment.d1):
            text = TextLine("", _tick_label(kind, day, previous), SMALL_SIZE, metrics)
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


def timeline_figure(
    events: Sequence[Event], metrics: TextMetrics | None = None, since: PartialDate | None = None
) -> Figure | None:
    """The events on a date axis, numbered as in the list; None when there are too few. Given
    `since` (the first source's date), background events that ended a quarter or more before it,
    or years known only as years that began then, are left off the axis (their numbers in
    `left_off`), so that the story's own span is not squeezed into a corner of an axis reaching
    back years."""
    metrics = metrics or builtin_metrics()
    marks, left_off = [], []
    first = _day_span(since)[0] if since is not None else None
    for number, event in enumerate(events, start=1):
        start, end = _day_span(event.date)
        if event.end is not None:
            end = max(end, _day_span(event.end)[1])
        if first is not None and _background(event, start, end, first):
            left_off.append(number)
            continue
        marks.append(_Mark(number, event, start, end))
    if len(marks) < MIN_TIMELINE_EVENTS:
        return None
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

    labels = _label_layout([_Cluster(list(c.marks)) for c in clusters], metrics)
    figure = _draw_timeline(marks, labels, segments, tracks, metrics)
    return replace(figure, left_off=tuple(left_off))


def _background(event: Event, start: int, end: int, first: int) -> bool:
    """Ended a quarter or more before the first source's day `first`; or a year known only as
    a year, before the story, that began that long before it ("2004" beside a story of 2005
    would stretch the axis over a year of nothing else)."""
    cutoff = first - BACKGROUND_DAYS
    whole_year = event.date.month is None and event.end is None
    return end <= cutoff or (whole_year and start <= cutoff and end <= first)


def _stack_tracks(marks: list[_Mark]) -> int:
    """Give overlapping marks separate tracks above the axis; returns the number of tracks."""
    occupied: list[list[tuple[float, float]]] = []
    for mark in sorted(marks, key=lambda m: (not m.point, m.x0, m.number)):
        span = (mark.x0 - 0.8, mark.x1 + 0.8)
        free = (
            t
            for t, taken in enumerate(occupied)
            if all(span[1] <= a or b <= span[0] for a, b in taken)
        )
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


def _label_layout(clusters: list[_Cluster], metrics: TextMetrics) -> list[_Label]:
    """The richest labels that fit in `MAX_LANES` lanes, each leader straight and uncrossed.

    A few words of every event when all fit; otherwise number and date, cut back to the bare
    number only where labels crowd (a lane overflows or two labels block each other's leaders).
    Two bare numbers that still block each other become one label ("4–5").
    """
    for words in (5, 3):
        labels, blocked = _place_labels(clusters, [words] * len(clusters), metrics)
        if not blocked and _lanes(labels) <= MAX_LANES:
            return labels
    detail: list[int | None] = [_DATE_ONLY] * len(clusters)
    while True:
        labels, blocked = _place_labels(clusters, detail, metrics)
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
        under = [j for j, other in enumerate(labels) if j != i and _covers(labels[i], other.anchor)]
        if not under:
            return chain
        i = max(under, key=lambda k: labels[k].lane)
        chain.append(i)


def _place_labels(
    clusters: list[_Cluster], detail: Sequence[int | None], metrics: TextMetrics
) -> tuple[list[_Label], list[int]]:
    """Labels placed in lanes, or (when leaders block each other) the labels that do."""
    labels = [_Label(c, c.text(d, metrics)) for c, d in zip(clusters, detail, strict=True)]
    for i, label in enumerate(labels):
        label.x = _flag_position(labels, i)
    order, stuck = _above_order(labels)
    if stuck:
        # Blame the labels that block each other, not those merely waiting above them.
        return labels, _mutually_blocking(labels, stuck) or stuck
    _assign_lanes(labels, order)
    return labels, []


def _flag_position(labels: list[_Label], i: int) -> float:
    """Where label `i` starts: the side of its leader where it spans the fewest leaders that
    an earlier label spans back (those can never be stacked), then the fewest leaders at all."""
    label = labels[i]
    scored = []
    for rank, side in enumerate(("left", "right", "centre")):
        label.x = _flag_x(label.anchor, label.width, side)
        blocked = sum(
            1 for j, other in enumerate(labels) if j != i and _covers(label, other.anchor)
        )
        mutual = sum(1 for other in labels[:i] if _blocks_each_other(label, other))
        scored.append(((mutual, blocked, rank), label.x))
    return min(scored)[1]


def _blocks_each_other(a: _Label, b: _Label) -> bool:
    return _covers(a, b.anchor) and _covers(b, a.anchor)


def _mutually_blocking(labels: list[_Label], stuck: list[int]) -> list[int]:
    return [
        i for i in stuck if any(j != i and _blocks_each_other(labels[i], labels[j]) for j in stuck)
    ]


def _assign_lanes(labels: list[_Label], order: list[int]) -> None:
    """Put each label, in `order`, in the lowest lane above every leader it spans where it
    keeps `LABEL_GAP` from the labels already there."""
    lanes: list[list[_Label]] = []
    for i in order:
        label = labels[i]
        # The order puts every label whose leader this one spans before it.
        lowest = 1 + max(
            (o.lane for j, o in enumerate(labels) if j != i and _covers(label, o.anchor)),
            default=-1,
        )
        lane = _free_lane(lanes, label.text.box(label.x, 0), lowest)
        while len(lanes) <= lane:
            lanes.append([])
        lanes[lane].append(label)
        label.lane = lane


def _free_lane(lanes: list[list[_Label]], box: Box, lowest: int) -> int:
    """The first lane from `lowest` up where `box` keeps its distance from every label."""
    lane = lowest
    while lane < len(lanes) and any(
        box.x < o.x + o.width + LABEL_GAP and o.x < box.right + LABEL_GAP for o in lanes[lane]
    ):
        lane += 1
    return lane


def _above_order(labels: list[_Label]) -> tuple[list[int], list[int]]:
    """An order in which every label comes after the labels whose leaders it spans, and the
    labels left out because they span each other's leaders in a cycle."""
    n = len(labels)
    # below[i]: the labels that must sit under label i, because it spans their leaders.
    below = [
        {j for j, other in enumerate(labels) if j != i and _covers(label, other.anchor)}
        for i, label in enumerate(labels)
    ]
    order = _topological_order(below, [-label.anchor for label in labels])
    done = set(order)
    return order, [i for i in range(n) if i not in done]


def _topological_order(below: list[set[int]], priority: list[float]) -> list[int]:
    """Kahn's sort: each item after all of `below[item]`; of the items free to go next, the one
    with the lowest priority first. Items in a cycle are left out."""
    n = len(below)
    dependants = [[i for i in range(n) if j in below[i]] for j in range(n)]
    waiting = [len(under) for under in below]
    ready = [(priority[i], i) for i in range(n) if waiting[i] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        _, i = heapq.heappop(ready)
        order.append(i)
        for k in dependants[i]:
            waiting[k] -= 1
            if waiting[k] == 0:
                heapq.heappush(ready, (priority[k], k))
    return order


def _merge_blocking(
    labels: list[_Label], stuck: list[int], detail: list[int | None]
) -> tuple[list[_Cluster], list[int | None]]:
    """Join two neighbouring clusters that block each other's leaders (the closest pair)."""
    stuck_set = set(stuck)
    pairs = [
        (labels[i + 1].anchor - labels[i].anchor, i)
        for i in range(len(labels) - 1)
        if i in stuck_set and i + 1 in stuck_set
    ] or [(labels[i + 1].anchor - labels[i].anchor, i) for i in range(len(labels) - 1)]
    _, i = min(pairs)
    clusters = [label.cluster for label in labels]
    joined = _Cluster(clusters[i].marks + clusters[i + 1].marks)
    merged = [*clusters[:i], joined, *clusters[i + 2 :]]
    merged_detail = [*detail[:i], _NUMBER_ONLY, *detail[i + 2 :]]
    order = sorted(
        range(len(merged)), key=lambda k: (merged[k].anchor, min(m.number for m in merged[k].marks))
    )
    return [merged[k] for k in order], [merged_detail[k] for k in order]


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
    rect = element(
        "rect",
        {
            "x": x0,
            "y": y - BAR_H / 2,
            "width": x1 - x0,
            "height": BAR_H,
            "fill": fill,
            "stroke": NAVY,
            "stroke-width": 0.6,
        },
    )
    path = ""
    reach = BAR_H / 2 + 1.4
    for x, outward, open_end in ((x0, -1, runs_on[0]), (x1, 1, runs_on[1])):
        if open_end:  # an arrowhead: the period goes on past the end of the axis
            tip = x + outward * 3.6
            path += f"M{num(x)} {num(y - reach)}L{num(tip)} {num(y)}L{num(x)} {num(y + reach)}Z"
        elif approximate:  # a bracket: the date is somewhere inside, not the whole stretch
            path += f"M{num(x)} {num(y - reach)}V{num(y + reach)}"
    if not path:
        return rect
    return rect + element("path", {"d": path, "stroke": NAVY, "stroke-width": 0.7, "fill": NAVY})


def _point_svg(x: float, y: float, *, inferred: bool) -> str:
    return element(
        "circle",
        {
            "cx": x,
            "cy": y,
            "r": POINT_R,
            "fill": "white" if inferred else NAVY,
            "stroke": NAVY,
            "stroke-width": 0.9,
        },
    )


def _break_svg(x: float, y: float) -> str:
    return element(
        "path",
        {
            "d": f"M{num(x - 4)} {num(y + 3.5)}L{num(x - 1)} {num(y - 3.5)}"
            f"M{num(x + 1)} {num(y + 3.5)}L{num(x + 4)} {num(y - 3.5)}",
            "stroke": MUTED,
            "stroke-width": 0.8,
            "fill": "none",
        },
    )


def _draw_timeline(
    marks: list[_Mark],
    labels: list[_Label],
    segments: list[_Segment],
    tracks: int,
    metrics: TextMetrics,
) -> Figure:
    lanes = 1 + max(label.lane for label in labels)
    rows = _Rows(lanes, tracks)
    body, boxes = _draw_axis(segments, rows, metrics)
    # Marks: bars under points so a point inside a bar stays visible.
    for mark in sorted(marks, key=lambda m: (m.point, m.number)):
        body.append(_mark_svg(mark, rows.track_y(mark)))
    leaders: list[Line] = []
    for label in labels:
        svg, box, leader = _draw_label(label, rows)
        body.append(svg)
        boxes.append(box)
        leaders.append(leader)
    legend_top = rows.tick_top + SMALL_SIZE * (ASCENT + DESCENT) + 6
    legend_svg, legend_boxes, bottom = legend(
        _legend_items(marks, len(segments) > 1), legend_top, metrics
    )
    body.extend(legend_svg)
    boxes.extend(legend_boxes)
    height = bottom + 1.5
    name, description = _timeline_caption(marks, len(segments) > 1)
    svg = svg_root("chart-timeline", height, name, description, body)
    return Figure(svg, WIDTH, height, tuple(boxes), tuple(leaders))


@dataclass(frozen=True)
class _Rows:
    """The figure's rows from the top: label lanes, mark tracks stacked on the axis, ticks."""

    lanes: int
    tracks: int
    top: float = 1.0

    @property
    def lane_pitch(self) -> float:
        return LABEL_SIZE * (ASCENT + DESCENT) + LANE_GAP

    @property
    def axis_y(self) -> float:
        labels_bottom = self.top + self.lanes * self.lane_pitch - LANE_GAP
        return labels_bottom + 5 + (self.tracks - 1) * TRACK_PITCH + BAR_H / 2 + 1.4

    @property
    def tick_top(self) -> float:
        return self.axis_y + BAR_H / 2 + 3.0

    def lane_y(self, lane: int) -> float:
        """The top of a lane; lane 0 is the lowest, nearest the axis."""
        return self.top + (self.lanes - 1 - lane) * self.lane_pitch

    def track_y(self, mark: _Mark) -> float:
        return self.axis_y - mark.track * TRACK_PITCH


def _draw_axis(
    segments: list[_Segment], rows: _Rows, metrics: TextMetrics
) -> tuple[list[str], list[Box]]:
    """The axis segments, the breaks between them and their ticks; svg and tick label boxes."""
    body: list[str] = []
    boxes: list[Box] = []
    axis_y = rows.axis_y
    for i, segment in enumerate(segments):
        body.append(line_svg(Line(segment.x0, axis_y, segment.x1, axis_y), MUTED, 0.6))
        if i:
            body.append(_break_svg((segments[i - 1].x1 + segment.x0) / 2, axis_y))
        for x, text, box in _ticks(segment, rows.tick_top, metrics):
            body.append(line_svg(Line(x, axis_y, x, axis_y + BAR_H / 2 + 1.5), MUTED, 0.5))
            body.append(text.svg(box, fill=MUTED))
            boxes.append(box)
    return body, boxes


def _mark_svg(mark: _Mark, y: float) -> str:
    if mark.point:
        return _point_svg(mark.anchor, y, inferred=mark.inferred)
    return _bar_svg(
        mark.x0,
        mark.x1,
        y,
        approximate=mark.approximate,
        inferred=mark.inferred,
        runs_on=mark.runs_on,
    )


def _draw_label(label: _Label, rows: _Rows) -> tuple[str, Box, Line]:
    """A label in its lane with its leader down to the highest of its marks, and a bracket
    across the marks when it stands for several apart; svg, box and leader."""
    box = label.text.box(label.x, rows.lane_y(label.lane))
    mark_top = min(rows.track_y(m) for m in label.cluster.marks) - BAR_H / 2 - 1.6
    leader = Line(label.anchor, box.bottom + 0.8, label.anchor, mark_top)
    svg = line_svg(leader, LEADER_COLOUR, 0.5)
    spread = [m.anchor for m in label.cluster.marks]
    if max(spread) - min(spread) > 1.0:
        svg += line_svg(Line(min(spread), mark_top, max(spread), mark_top), LEADER_COLOUR, 0.5)
    return svg + label.text.svg(box, fill=NAVY, rest_fill=INK), box, leader


def _legend_items(marks: list[_Mark], broken: bool) -> list[tuple[str, str]]:
    """Swatches and captions for only what the figure shows."""
    bar = partial(_bar_svg, -4.5, 4.5, 0, inferred=False)
    shown = [
        (
            any(m.point and not m.inferred for m in marks),
            _point_svg(0, 0, inferred=False),
            "exact date",
        ),
        (
            any(m.approximate for m in marks),
            bar(approximate=True),
            "only the month or year is known",
        ),
        (any(not m.point and not m.approximate for m in marks), bar(approximate=False), "period"),
        (
            any(m.inferred for m in marks),
            _point_svg(0, 0, inferred=True),
            "hollow: date inferred or only reported",
        ),
        (
            any(any(m.runs_on) for m in marks),
            _bar_svg(-4.5, 2.5, 0, approximate=True, inferred=False, runs_on=(False, True)),
            "runs on past the axis",
        ),
        (broken, _break_svg(0, 0), "axis broken"),
    ]
    return [(swatch, caption) for wanted, swatch, caption in shown if wanted]


def _timeline_caption(marks: list[_Mark], broken: bool) -> tuple[str, str]:
    """The figure's accessible name and description."""
    first = min((m.event.date for m in marks), key=PartialDate.sort_key)
    last = max((m.last_date for m in marks), key=PartialDate.sort_key)
    label = f"Timeline of {len(marks)} events, {first.human()} to {last.human()}"
    description = (
        "Events on a date axis, numbered as in the list that follows. Bars with brackets cover "
        "the whole month or year when only that is known; hollow marks are dates partly "
        "inferred, or only the day the sources reported them."
    )
    if broken:
        description += " The axis is broken where long stretches hold no events."
    return label, description
