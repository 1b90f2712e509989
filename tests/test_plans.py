"""Plans and what became of them: a later source that reports the planned outing as past is
the plan's outcome; another person's outing, or an earlier source, is not."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from briefer.analysis import analyse
from briefer.analysis.currency import PlanIndex, ahead_of, is_plan, outcome
from briefer.analysis.dating import sentence_mentions
from briefer.models import Article, PartialDate
from briefer.sections import BuildOptions
from briefer.sections.timeline import build_timeline, planned


def _story(*dated_texts: tuple[str, str]) -> tuple:
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i}.txt"), text=text, published=PartialDate.parse(day))
        for i, (day, text) in enumerate(dated_texts, 1)
    )
    return analyse(articles).sentences


def _plan_and_outcome(*dated_texts: tuple[str, str]) -> tuple[str, str | None]:
    sentences = _story(*dated_texts)
    plan = next(s for s in sentences if is_plan(s))
    found = outcome(plan, PlanIndex.of(sentences))
    return plan.text, found.text if found else None


def test_a_later_report_of_the_trip_is_the_outcome_of_the_plan():
    plan, found = _plan_and_outcome(
        (
            "2020-01-02",
            "Foreign minister Anna Berg will raise the fishing dispute during her "
            "upcoming trip to the region.",
        ),
        (
            "2020-02-10",
            "Diplomats who accompanied Berg on her recent visit to Oslo said the talks "
            "had gone well.",
        ),
    )
    assert "upcoming trip" in plan
    assert found is not None
    assert found.startswith("Diplomats who accompanied Berg")


def test_a_journey_planned_with_a_verb_needs_two_shared_names():
    plan, found = _plan_and_outcome(
        (
            "2020-01-02",
            "After meetings in Bergen, Anna Berg will travel to Oslo for talks with "
            "the fishing council.",
        ),
        ("2020-02-10", "Officials who joined Berg on her recent visit to Oslo praised the talks."),
    )
    assert found is not None
    _, other = _plan_and_outcome(
        (
            "2020-01-02",
            "After meetings in Bergen, Anna Berg will travel to Oslo for talks with "
            "the fishing council.",
        ),
        ("2020-02-10", "Officials who joined Lars Holm on his recent visit to Oslo praised it."),
    )
    assert other is None


def test_an_earlier_or_undated_source_is_never_the_outcome():
    _, found = _plan_and_outcome(
        (
            "2020-03-01",
            "Foreign minister Anna Berg will raise the fishing dispute during her "
            "upcoming trip to the region.",
        ),
        (
            "2020-02-10",
            "Diplomats who accompanied Berg on her recent visit to Oslo said the talks "
            "had gone well.",
        ),
    )
    assert found is None


def test_the_samples_mark_the_trip_as_planned_and_say_it_took_place(sample_json):
    """The 3–7 January trip S1 announces is a plan, and S2's report of the visit follows it."""
    trip = [e for e in sample_json["timeline"] if e["date"] == "2020-01-03"]
    assert len(trip) == 1
    assert trip[0]["kind"] == "plan"
    assert trip[0]["end"] == "2020-01-07"
    outcome = trip[0]["outcome"]
    assert outcome["by"] == "2020-02"
    assert [c["source"] for c in outcome["citations"]] == ["S2"]
    assert "recent visit" in outcome["text"]
    past = [e for e in sample_json["timeline"] if e["date"].startswith("2019-06")]
    assert past
    assert all(e["kind"] == "event" and e["outcome"] is None for e in past)


def _kinds(published: str, text: str) -> list[tuple[str, str]]:
    """The timeline of one article: (date, kind) of each entry."""
    article = Article("S1", Path("1.txt"), text, published=PartialDate.parse(published))
    events = build_timeline(analyse((article,)), BuildOptions())
    return [(e.date.iso(), e.kind) for e in events]


@pytest.mark.parametrize(
    ("published", "text", "kinds"),
    [
        # After its own source's publication a date cannot be reported done, whatever the tense.
        (
            "2010-01-25",
            "On Friday, the charity is chartering a cargo plane to fly tents to the island.",
            [("2010-01-29", "plan")],
        ),
        (
            "2010-01-26",
            "The delegates agreed to hold a donors' conference in New York in March.",
            [("2010-03", "plan")],
        ),
        (
            "2010-01-29",
            "The singer says he is now planning another charity concert on 5 February.",
            [("2010-02-05", "plan")],
        ),
        (
            "2005-09-03",
            "The opposition said it would pull out its troops if it won next month's election.",
            [("2005-10", "plan")],
        ),
        (
            "2005-10-11",
            "The memoir, published by a small press tomorrow, tells of her year in the prison.",
            [("2005-10-12", "plan")],
        ),
        # On the day of publication: an expectation, a going under way, a future.
        (
            "2009-04-28",
            "Seven people were being tested for the virus in Bristol, with results expected "
            "later today.",
            [("2009-04-28", "plan")],
        ),
        (
            "2010-01-16",
            "The foreign minister is travelling to the capital on Saturday to see the damage.",
            [("2010-01-16", "plan")],
        ),
        (
            "2009-04-30",
            "The health department will also hold a briefing today in London for reporters.",
            [("2009-04-30", "plan")],
        ),
        # Told as done: events, even in a sentence that also announces something.
        (
            "2010-01-25",
            "Rescuers pulled a girl alive from the rubble of a school on Friday.",
            [("2010-01-22", "event")],
        ),
        (
            "2009-04-28",
            "In the capital, officials today ordered all restaurants and cinemas to close.",
            [("2009-04-28", "event")],
        ),
        (
            "2009-04-30",
            "The campaign launched today will run for six weeks on radio and television.",
            [("2009-04-30", "event")],
        ),
        # The day dates the announcement, which took place, not what it announces.
        (
            "2008-10-18",
            "The central bank announced Friday that it will change its rules for swaps.",
            [("2008-10-17", "event")],
        ),
        (
            "2008-11-25",
            "Bank chief Anna Berg and fund chief Olga Lind confirmed Monday that they will not "
            "lead the delegation in Doha.",
            [("2008-11-24", "event")],
        ),
        (
            "2005-11-04",
            "Prosecutors will call the vice president as a witness, and the adviser stood "
            "before a judge yesterday.",
            [("2005-11-03", "event")],
        ),
    ],
)
def test_an_entry_is_a_plan_by_its_date_and_its_own_clause(published, text, kinds):
    assert _kinds(published, text) == kinds


def test_a_simple_past_dated_after_publication_is_a_misread_date_not_a_plan():
    """The source tells it as done: the date is wrong (a year guessed forward), and the entry
    stays an event, to be seen, rather than hidden as a plan."""
    article = Article(
        "S1",
        Path("1.txt"),
        "The car plant added a third shift on 4 March as sales kept rising.",
        published=PartialDate(2008, 12, 1),
    )
    sentence = analyse((article,)).sentences[0]
    (mention,) = sentence_mentions(sentence)
    misread = replace(mention, date=PartialDate(2009, 3, 4))
    assert not planned(sentence, misread)


@pytest.mark.parametrize(
    ("date", "published", "ahead"),
    [
        (PartialDate(2010, 2, 5), PartialDate(2010, 1, 29), 1),
        (PartialDate(2010, 1, 29), PartialDate(2010, 1, 29), 0),
        (PartialDate(2010, 1, 28), PartialDate(2010, 1, 29), -1),
        (PartialDate(2010, 1), PartialDate(2010, 1, 29), 0),  # "this month"
        (PartialDate(2010, 3), PartialDate(2010, 1, 29), 1),
        (PartialDate(2010, 1, 30), PartialDate(2010, 1), 0),  # the month is all it can tell
        (PartialDate(2010, 1, 30), None, None),
    ],
)
def test_ahead_of_compares_at_the_coarser_precision(date, published, ahead):
    assert ahead_of(date, published) == ahead


def _plan_outcomes(*dated_texts: tuple[str, str]) -> list[tuple[str, str | None]]:
    """The timeline's plans of a story: (date, source of the outcome or None)."""
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i}.txt"), text=text, published=PartialDate.parse(day))
        for i, (day, text) in enumerate(dated_texts, 1)
    )
    events = build_timeline(analyse(articles), BuildOptions())
    return [
        (e.date.iso(), e.outcome.citations[0].source if e.outcome else None)
        for e in events
        if e.kind == "plan"
    ]


_CHARTER = (
    "2010-01-25",
    "On Friday, the charity ShelterBox is chartering a cargo plane to fly tents.",
)
_CONFERENCE = (
    "2010-01-26",
    "The delegates agreed to hold an international donors' conference in New York in March.",
)


@pytest.mark.parametrize(
    ("story", "found"),
    [
        # Any plan, whatever its tense, by its parties and a verb told as done.
        (
            (
                _CHARTER,
                ("2010-02-01", "ShelterBox chartered a cargo plane that carried 1,800 tents."),
            ),
            [("2010-01-29", "S2")],
        ),
        (
            (_CONFERENCE, ("2010-03-31", "The donors' conference opened at the UN headquarters.")),
            [("2010-03", "S2")],
        ),
        (
            (
                (
                    "2010-01-14",
                    "A British rescue team has landed in the Dominican Republic and will be in "
                    "Haiti later on Thursday.",
                ),
                ("2010-01-15", "The British rescue team has reached Haiti."),
            ),
            [("2010-01-14", "S2")],
        ),
        (
            (
                (
                    "2005-08-29",
                    "The debate will take place on September 14 in the Mason Hall in Gramercy "
                    "Park, Manhattan.",
                ),
                (
                    "2005-09-16",
                    "Outside the Mason Hall in Gramercy Park, Manhattan, a long line of people "
                    "stretched around the block.",
                ),
            ),
            [("2005-09-14", "S2")],
        ),
        # A journey is done when its traveller, by name, is reported arrived.
        (
            (
                (
                    "2010-01-15",
                    "Foreign minister Anna Berg is travelling to Haiti on Saturday to assess "
                    "the damage.",
                ),
                (
                    "2010-01-17",
                    "Mrs Berg, who is accompanied by aid officials, arrived on a military plane "
                    "carrying water.",
                ),
            ),
            [("2010-01-16", "S2")],
        ),
        (
            (
                (
                    "2010-01-15",
                    "Foreign minister Anna Berg is travelling to Haiti on Saturday to assess "
                    "the damage.",
                ),
                ("2010-01-17", "Mr Holm arrived on a military plane carrying water."),
            ),
            [("2010-01-16", None)],
        ),
        # Someone else's act, a report before the planned day, a bare restatement: none.
        (
            (_CHARTER, ("2010-02-01", "The Red Cross chartered a cargo plane to carry tents.")),
            [("2010-01-29", None)],
        ),
        (
            (_CHARTER, ("2010-01-27", "ShelterBox chartered a cargo plane to carry tents.")),
            [("2010-01-29", None)],
        ),
        (
            (_CONFERENCE, ("2010-03-31", "Aid officials said the conference would decide a lot.")),
            [("2010-03", None)],
        ),
        (
            (
                (
                    "2005-08-29",
                    "The debate will take place on September 14 in the Mason Hall in Gramercy "
                    "Park, Manhattan.",
                ),
                ("2005-09-16", "A long line of people queued outside the Mason Hall in Manhattan."),
            ),
            [("2005-09-14", None)],
        ),
    ],
)
def test_a_later_source_telling_the_planned_event_done_is_its_outcome(story, found):
    assert _plan_outcomes(*story) == found


def test_the_planned_verb_as_its_subjects_noun_is_the_outcome():
    """ "will address the nation" -> "reacted to Berg's address": the occasion, named by its
    verb and owned by the plan's named subject."""
    sentences = _story(
        ("2005-06-28", "Later today, President Anna Berg will address the nation about the war."),
        ("2005-06-29", "Opposition leaders reacted angrily to President Anna Berg's address."),
    )
    plan = sentences[0]
    verb = next(t for t in plan.span if t.lemma_ == "address")
    found = outcome(plan, PlanIndex.of(sentences), verb=verb, when=PartialDate(2005, 6, 28))
    assert found is sentences[1]
    other = _story(
        ("2005-06-28", "Later today, President Anna Berg will address the nation about the war."),
        ("2005-06-29", "Opposition leaders reacted angrily to Senator Lars Holm's address."),
    )
    verb = next(t for t in other[0].span if t.lemma_ == "address")
    assert outcome(other[0], PlanIndex.of(other), verb=verb, when=PartialDate(2005, 6, 28)) is None


@pytest.mark.parametrize(
    ("plan", "later", "found"),
    [
        # The same party by a particular description, the same object by its head noun.
        (
            "The USS Carl Vinson aircraft carrier will arrive on Thursday.",
            "Officials said the relief effort was the priority, as an aircraft carrier arrived.",
            True,
        ),
        (
            "Officials said the threat level will be raised on Wednesday.",
            "The health agency raised its global epidemic threat level to phase five.",
            True,
        ),
        # "People" is nobody in particular; a group of women is not Group Captain Lockwood.
        (
            "Many people will die on Wednesday in the cold.",
            "At the hospital people were dying in front of our eyes.",
            False,
        ),
        (
            "The minister will face Group Captain Al Lockwood on Wednesday.",
            "A prominent group of women met the ambassador in the capital.",
            False,
        ),
        # One name word shared of two is another party: "Bank of Korea", "Bank of England".
        (
            "The Bank of Korea will cut its main interest rate on Wednesday.",
            "The Bank of England cut its main interest rate by a full point to 2 percent.",
            False,
        ),
        # Three names shared, all of one person, are not an occasion.
        (
            'Lewis "Scooter" Libby will stand before a judge on Wednesday.',
            'Critics such as the recently indicted Lewis "Scooter" Libby learned from Strauss.',
            False,
        ),
    ],
)
def test_the_outcome_is_the_same_event_not_a_like_one(plan, later, found):
    sentences = _story(("2009-04-27", plan), ("2009-04-30", later))
    first = sentences[0]
    verb = next((t for t in first.span if t.lemma_ == "raise"), first.span.root)
    got = outcome(first, PlanIndex.of(sentences), verb=verb, when=PartialDate(2009, 4, 29))
    assert (got is sentences[1]) is found
