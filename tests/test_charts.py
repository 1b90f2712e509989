"""The figures: computed label geometry never overlaps, stays inside the picture, escapes text."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import xml.etree.ElementTree as ET

import pytest

from briefer.models import Actor, Certainty, Citation, Event, PartialDate
from briefer.render.charts import (
    Box,
    Figure,
    co_mentions,
    network_figure,
    text_width,
    timeline_figure,
)

SVG = "{http://www.w3.org/2000/svg}"
FILLER = (
    "Ministers met in Brussels to agree the new sanctions package against the regime while "
    "officials warned that talks could collapse within days"
).split()


def event(date: str, *, inferred: bool = False, end: str | None = None, text: str = "") -> Event:
    words = text or " ".join(random.Random(date).sample(FILLER, 8))
    return Event(
        PartialDate.parse(date),
        Certainty.INFERRED if inferred else Certainty.STATED,
        words,
        (Citation("S1", words),),
        PartialDate.parse(end) if end else None,
    )


def three_events() -> list[Event]:
    return [
        event("2019-10"),
        event("2020-01-03", end="2020-01-07", inferred=True),
        event("2020-01-09"),
    ]


def fifteen_events() -> list[Event]:
    """One event decades before the rest, years, months, a same-day cluster, a range."""
    dates = [
        "1949",
        "2015",
        "2018-10",
        "2019-06",
        "2019-07",
        "2019-08",
        "2019-10",
        "2019-10",
        "2019-12",
        "2019-12-30",
        "2020-01",
        "2020-01-03",
        "2020-01-03",
        "2020-01-05",
        "2020-01-09",
    ]
    return [
        event(d, inferred=i % 4 == 3, end="2020-01-07" if d == "2020-01-05" else None)
        for i, d in enumerate(dates)
    ]


def forty_events() -> list[Event]:
    """Three early events, then months of 2020 and a dense April with many same-day events."""
    rng = random.Random(7)
    events = [event("1989"), event("1995-03"), event("2001-09-11")]
    events += [event(f"2020-0{rng.randint(1, 9)}", inferred=rng.random() < 0.3) for _ in range(9)]
    events += [
        event(f"2020-04-{rng.randint(1, 28):02d}", inferred=rng.random() < 0.3) for _ in range(28)
    ]
    return sorted(events, key=lambda e: e.date.sort_key())


def days_events() -> list[Event]:
    return [event(f"2021-03-{d:02d}", inferred=d % 3 == 0) for d in (1, 1, 2, 4, 4, 4, 5, 7, 8, 8)]


def decades_events() -> list[Event]:
    years = (1950, 1962, 1975, 1989, 1990, 2001, 2008, 2020)
    return [event(str(y)) for y in years] + [event("1991-08-19", end="1991-08-21")]


CASES = {
    "three": three_events,
    "fifteen": fifteen_events,
    "forty": forty_events,
    "days": days_events,
    "decades": decades_events,
}


def assert_clean_layout(figure: Figure) -> ET.Element:
    """No two text boxes overlap, all lie inside the viewBox, and the SVG is well-formed XML."""
    boxes = figure.labels
    for i, a in enumerate(boxes):
        assert a.inside(figure.width, figure.height), a
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)
    root = ET.fromstring(str(figure.svg))
    assert root.tag == f"{SVG}svg"
    view = [float(v) for v in root.get("viewBox").split()]
    assert view == pytest.approx([0, 0, figure.width, figure.height], abs=0.01)
    assert root.get("width") == "100%"
    assert root.find(f"{SVG}title") is not None
    assert root.get("aria-label")
    for text in root.iter(f"{SVG}text"):
        assert float(text.get("font-size")) >= 6.5
    return root


def badge_numbers(root: ET.Element) -> list[int]:
    """Every event number shown on a badge, with ranges like `4–6, 9` expanded."""
    numbers = []
    for text in root.iter(f"{SVG}text"):
        if text.get("font-weight") != "bold":
            continue
        for part in text.text.split(", "):
            first, _, last = part.partition("–")
            numbers.extend(range(int(first), int(last or first) + 1))
    return numbers


@pytest.mark.parametrize("case", CASES)
def test_timeline_labels_never_overlap_and_number_every_event(case: str) -> None:
    events = CASES[case]()
    figure = timeline_figure(events)
    assert figure is not None
    root = assert_clean_layout(figure)
    assert sorted(badge_numbers(root)) == list(range(1, len(events) + 1))
    # A leader runs from its label down to its mark and passes behind no other label.
    assert len(figure.leaders) == len(
        [t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    )
    for leader in figure.leaders:
        for box in figure.labels:
            crosses = box.x < leader.x1 < box.right and box.y < leader.y2 and leader.y1 < box.bottom
            assert not crosses, (leader, box)


def test_timeline_fits_the_page_width_and_stays_short() -> None:
    for make in CASES.values():
        figure = timeline_figure(make())
        assert figure is not None
        assert figure.width == pytest.approx(482)  # ~170 mm of A4 text width in points
        assert figure.height < 200  # under 7 cm even for 40 events


def test_a_lone_early_event_breaks_the_axis_but_evenly_spread_years_do_not() -> None:
    broken = timeline_figure(fifteen_events())
    even = timeline_figure(decades_events())
    assert broken is not None
    assert even is not None
    assert "axis broken" in broken.svg
    assert "broken" in ET.fromstring(str(broken.svg)).find(f"{SVG}desc").text
    assert "axis broken" not in even.svg


def test_a_year_around_a_week_of_days_zooms_in_on_the_days() -> None:
    """ "2009" would squeeze a week of dated days into a sliver: the axis shows the week and the
    year's bar runs on past both ends, said so in the legend."""
    events = [event("2009"), *(event(f"2009-04-{d}") for d in range(21, 29))]
    figure = timeline_figure(events)
    assert figure is not None
    assert_clean_layout(figure)
    texts = [t.text or "" for t in ET.fromstring(str(figure.svg)).iter(f"{SVG}text")]
    assert "runs on past the axis" in texts
    assert any(re.fullmatch(r"2\d Apr( 2009)?", t) for t in texts), texts  # day ticks


def test_few_events_get_words_and_dates_crowded_ones_numbers() -> None:
    few = timeline_figure(three_events())
    many = timeline_figure(forty_events())
    assert few is not None
    assert many is not None
    texts = [t.text for t in ET.fromstring(str(few.svg)).iter(f"{SVG}text")]
    assert any(t and t.startswith("Oct 2019: ") for t in texts), texts
    assert "3–7 Jan 2020" in " ".join(t for t in texts if t)
    root = ET.fromstring(str(many.svg))
    badges = [t for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    dated = [t for t in root.iter(f"{SVG}text") if t.get("fill") == "#1a1a1a"]
    assert 0 < len(dated) < len(badges)  # dates where there is room, bare numbers elsewhere


def test_approximate_and_inferred_dates_are_drawn_and_explained() -> None:
    figure = timeline_figure(three_events())
    assert figure is not None
    svg = str(figure.svg)
    assert "only the month or year is known" in svg
    assert "date inferred or only reported" in svg
    root = ET.fromstring(svg)
    hollow = [c for c in root.iter(f"{SVG}circle") if c.get("fill") == "white"]
    assert hollow  # the legend's hollow marker at least
    # The October bar spans the whole month: wider than a day point.
    bars = [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("height") == "4.4"]
    assert max(bars) > 50


def test_too_few_events_draw_no_figure() -> None:
    assert timeline_figure([]) is None
    assert timeline_figure(three_events()[:2]) is None


def test_hostile_event_text_is_escaped() -> None:
    hostile = '<script>alert("x")</script> & Sons met "quietly" in <b>Paris</b>'
    events = [
        event("2019-10", text=hostile),
        event("2019-11", text=hostile),
        event("2020-01-09", text=hostile),
    ]
    figure = timeline_figure(events)
    assert figure is not None
    svg = str(figure.svg)
    assert "<script" not in svg
    assert "<b>" not in svg
    assert "&lt;script&gt;" in svg
    assert "&amp;" in svg
    root = assert_clean_layout(figure)
    assert any("<script>" in (t.text or "") for t in root.iter(f"{SVG}text"))


def test_text_width_is_conservative_for_wide_and_foreign_text() -> None:
    assert text_width("WWWW", 10) > text_width("iiii", 10) * 3
    assert text_width("中文", 10) >= 20  # a full em each
    assert text_width("é", 10) == pytest.approx(text_width("e", 10))
    assert text_width("Mike", 10, bold=True) > text_width("Mike", 10)  # digits are not


def test_box_geometry() -> None:
    a = Box(0, 0, 10, 10)
    assert a.overlaps(Box(5, 5, 10, 10))
    assert not a.overlaps(Box(10, 0, 5, 5))
    assert a.overlaps(Box(11, 0, 5, 5), gap=2)
    assert a.inside(10, 10)
    assert not Box(-1, 0, 2, 2).inside(10, 10)


def test_sample_briefing_renders_the_timeline_figure(sample_briefing) -> None:
    from pypdf import PdfReader

    from briefer.render import render_bytes

    html = render_bytes(sample_briefing, "html").decode()
    timeline = html[html.index('id="timeline"') :]
    assert '<figure class="chart chart-timeline">' in timeline
    assert "<svg" in timeline
    assert 'class="event-number"' in timeline
    first = min((a.published for a in sample_briefing.articles if a.published), key=_sort_key)
    figure = timeline_figure(sample_briefing.section("timeline").items, since=first)
    assert figure is not None
    ticks = [
        t.text
        for t in ET.fromstring(str(figure.svg)).iter(f"{SVG}text")
        if t.get("fill") == "#555555" and re.search(r"\d{4}", t.text or "")
    ]
    pdf = render_bytes(sample_briefing, "pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert ticks
    assert all(tick in text for tick in ticks), ticks


def _sort_key(date: PartialDate) -> tuple[int, int, int]:
    return date.sort_key()


def test_background_long_before_the_first_source_is_listed_but_not_drawn() -> None:
    """Years of background must not squeeze the story's own weeks into a corner of the axis."""
    events = [
        event("2001-09-11"),
        event("2003"),
        *(event(f"2005-03-{day:02d}") for day in (2, 9, 16, 23)),
    ]
    drawn = timeline_figure(events, since=PartialDate(2005, 3, 1))
    assert drawn is not None
    assert drawn.left_off == (1, 2)
    years = {t.text for t in ET.fromstring(str(drawn.svg)).iter(f"{SVG}text")}
    assert not any("2001" in (y or "") or "2003" in (y or "") for y in years)
    everything = timeline_figure(events)  # no first source given: everything is drawn
    assert everything is not None
    assert everything.left_off == ()


def test_a_year_before_the_story_known_only_as_a_year_is_listed_but_not_drawn() -> None:
    """ "2004" beside a story of 2005 would stretch the axis over a year of nothing else; the
    months just before the first source are still drawn, and so is a year the story is in."""
    events = [
        event("2004"),
        event("2004-11"),
        event("2005"),
        *(event(f"2005-03-{day:02d}") for day in (2, 9, 16, 23)),
    ]
    drawn = timeline_figure(events, since=PartialDate(2005, 3, 1))
    assert drawn is not None
    assert drawn.left_off == (1,)


def test_a_month_after_weeks_of_days_breaks_the_axis() -> None:
    """A plan told for a month three weeks after three weeks of daily events must not take
    half the axis from them."""
    days = [event(f"2010-01-{day:02d}") for day in range(12, 31)]
    figure = timeline_figure([*days, event("2010-02-07"), event("2010-03"), event("2010-03-06")])
    assert figure is not None
    assert "axis broken" in figure.svg


def random_events(seed: int) -> list[Event]:
    """3 to 40 events over days to decades, some ranges, some coarse, some inferred."""
    rng = random.Random(seed)
    count = rng.randint(3, 40)
    base = rng.randint(1940, 2020)
    spread_days = rng.choice([3, 20, 200, 2000, 20000])
    events = []
    for _ in range(count):
        date = dt.date.fromordinal(dt.date(base, 1, 1).toordinal() + rng.randint(0, spread_days))
        precision = rng.random()
        if precision < 0.15:
            value = f"{date.year:04d}"
        elif precision < 0.35:
            value = f"{date.year:04d}-{date.month:02d}"
        else:
            value = date.isoformat()
        end = None
        if len(value) == 10 and rng.random() < 0.1:
            end = dt.date.fromordinal(date.toordinal() + rng.randint(1, 40))
        events.append(
            event(value, inferred=rng.random() < 0.3, end=end.isoformat() if end else None)
        )
    return sorted(events, key=lambda e: e.date.sort_key())


@pytest.mark.parametrize("seed", range(40))
def test_random_timelines_keep_labels_apart(seed: int) -> None:
    events = random_events(seed)
    figure = timeline_figure(events)
    assert figure is not None
    root = assert_clean_layout(figure)
    assert sorted(badge_numbers(root)) == list(range(1, len(events) + 1))


# --- Co-mention network ---

NAMES = (
    "Mike Pompeo",
    "World Health Organization",
    "Xinjiang",
    "United States",
    "Kazakhstan",
    "Centers for Disease Control and Prevention",
    "Mexico City",
    "Alan Johnson",
    "Uygurs",
    "Nur-Sultan",
    "Felipe Calderón",
    "Department of Health",
    "Scotland",
    "Richard Besser",
    "European Union",
    "Margaret Chan",
    "New Zealand",
    "Health Protection Agency",
    "Muslims",
    "Sairagul Sauytbay",
    "Washington",
    "Atajurt",
)
KINDS = ("person", "organisation", "state", "group")


def actors(count: int, seed: int = 0, names: tuple[str, ...] = NAMES) -> list[Actor]:
    """`count` ranked actors; each shares sentences with the leader and a few random others."""
    rng = random.Random(seed)
    keys: list[set[str]] = [{f"S1:{i * 1000}"} for i in range(count)]
    sentence = 0
    for i in range(1, count):
        for j in {0, *rng.sample(range(count), min(3, count))} - {i}:
            for _ in range(rng.randint(1, 4)):
                sentence += 1
                keys[i].add(f"S2:{sentence}")
                keys[j].add(f"S2:{sentence}")
    ranked = sorted(range(count), key=lambda i: -len(keys[i]))
    return [
        Actor(
            names[n % len(names)],
            KINDS[n % 4],
            None,
            (),
            len(keys[i]),
            (),
            ("S1", "S2"),
            (),
            tuple(sorted(keys[i])),
        )
        for n, i in enumerate(ranked)
    ]


def assert_clean_network(figure: Figure) -> ET.Element:
    root = assert_clean_layout(figure)
    for box in figure.labels:
        for node in figure.nodes:
            assert not box.touches_circle(node), (box, node)
    for leader in figure.leaders:
        touching = [
            b
            for b in figure.labels
            if b.x - 0.01 <= leader.x2 <= b.right + 0.01
            and b.y - 0.01 <= leader.y2 <= b.bottom + 0.01
        ]
        assert len(touching) == 1  # ends on its own name, and only there
    return root


@pytest.mark.parametrize("count", [3, 10, 20])
def test_network_names_never_overlap_each_other_or_the_nodes(count: int) -> None:
    cast = actors(count)
    figure = network_figure(cast)
    assert figure is not None
    root = assert_clean_network(figure)
    assert len(figure.nodes) == count
    shown = {t.text for t in root.iter(f"{SVG}text")}
    for actor in cast:  # long names are shortened with an ellipsis
        assert any(
            t == actor.name or (t.endswith("…") and actor.name.startswith(t[:-1]))
            for t in shown
            if t
        ), actor.name
    assert "link width: sentences naming both" in " ".join(t for t in shown if t)


@pytest.mark.parametrize("seed", range(12))
def test_random_networks_keep_names_apart(seed: int) -> None:
    count = random.Random(seed).randint(3, 25)
    figure = network_figure(actors(count, seed))
    assert figure is not None
    assert_clean_network(figure)
    assert len(figure.nodes) == min(count, 20)


def test_network_is_deterministic_and_sized_for_the_page() -> None:
    first, second = network_figure(actors(20, 3)), network_figure(actors(20, 3))
    assert first is not None
    assert second is not None
    assert first.svg == second.svg
    assert first.width == pytest.approx(482)
    assert first.height < 320


def _link_widths(shared: dict[tuple[int, int], int]) -> list[float]:
    """The drawn widths, thinnest first, of three actors' links sharing `shared` sentences."""
    keys: list[list[str]] = [[], [], []]
    sentence = 0
    for (a, b), count in shared.items():
        for _ in range(count):
            sentence += 1
            keys[a].append(f"S1:{sentence}")
            keys[b].append(f"S1:{sentence}")
    cast = [
        Actor(name, "person", None, (), len(k), (), ("S1",), (), tuple(k))
        for name, k in zip(("Ann Berg", "Bo Dahl", "Cy Lund"), keys, strict=True)
    ]
    figure = network_figure(cast)
    assert figure is not None
    root = ET.fromstring(figure.svg)
    links = [e for e in root.iter() if e.tag.endswith("line") and e.get("stroke-linecap")]
    assert len(links) == len(shared)  # leaders and the legend's swatch have square ends
    return sorted(float(e.get("stroke-width", "0")) for e in links)


def test_a_large_storys_links_still_differ_by_weight() -> None:
    """Beside a link of 95 shared sentences, one of 6 is slight; in a small story one of 6 is
    the widest and one shared sentence always the thinnest."""
    one, six, heaviest = _link_widths({(0, 1): 95, (0, 2): 6, (1, 2): 1})
    assert (one, heaviest) == (pytest.approx(0.6), pytest.approx(3.6))
    assert six < 1.0
    assert _link_widths({(0, 1): 6, (0, 2): 2, (1, 2): 1}) == pytest.approx([0.6, 1.2, 3.6])


def test_network_is_skipped_without_enough_linked_actors() -> None:
    assert network_figure(actors(2)) is None
    loners = [
        Actor(f"Actor {i}", "person", None, (), 3, (), ("S1",), (), (f"S1:{i}",)) for i in range(6)
    ]
    assert network_figure(loners) is None
    assert network_figure([]) is None


def test_co_mentions_count_shared_sentences() -> None:
    a = Actor("A", "person", None, (), 3, (), (), (), ("S1:0", "S1:10", "S2:5"))
    b = Actor("B", "state", None, (), 2, (), (), (), ("S1:10", "S2:5"))
    c = Actor("C", "group", None, (), 1, (), (), (), ("S3:0",))
    assert co_mentions([a, b, c]) == {(0, 1): 2}


def test_hostile_actor_names_are_escaped() -> None:
    hostile = ("<script>alert(1)</script>", 'Smith & Sons "Ltd"', "<img src=x onerror=y>")
    figure = network_figure(actors(5, names=hostile))
    assert figure is not None
    svg = str(figure.svg)
    assert "<script" not in svg
    assert "<img" not in svg
    assert "&lt;script&gt;" in svg
    assert "Smith &amp; Sons" in svg
    root = assert_clean_network(figure)
    assert "<script>alert(1)</script>" in {t.text for t in root.iter(f"{SVG}text")}


def test_sample_briefing_renders_the_network_and_sources_column(sample_briefing) -> None:
    from pypdf import PdfReader

    from briefer.render import render_bytes

    html = render_bytes(sample_briefing, "html").decode()
    actors_part = html[html.index('id="actors"') : html.index('id="timeline"')]
    assert '<th class="sources">Sources</th>' in actors_part
    assert '<td class="sources">S1, S2</td>' in actors_part
    assert '<figure class="chart chart-network">' in actors_part
    pdf = render_bytes(sample_briefing, "pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "link width: sentences naming both" in text
