"""Plans and what became of them: a later source that reports the planned outing as past is
the plan's outcome; another person's outing, or an earlier source, is not."""

from __future__ import annotations

from pathlib import Path

from briefer.analysis import analyse
from briefer.analysis.currency import is_plan, outcome
from briefer.models import Article, PartialDate


def _story(*dated_texts: tuple[str, str]) -> tuple:
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i}.txt"), text=text, published=PartialDate.parse(day))
        for i, (day, text) in enumerate(dated_texts, 1)
    )
    return analyse(articles).sentences


def _plan_and_outcome(*dated_texts: tuple[str, str]) -> tuple[str, str | None]:
    sentences = _story(*dated_texts)
    plan = next(s for s in sentences if is_plan(s))
    found = outcome(plan, sentences)
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
