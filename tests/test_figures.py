"""Running counts (the dead, the cases): which numbers are counts, and which later ones revise
them."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.analysis import analyse
from briefer.analysis.figures import figures, revised_figures
from briefer.models import Article, PartialDate


def sentence_of(text: str):
    [sentence] = analyse((Article("S1", Path("a.txt"), text, published=DAY1),)).sentences
    return sentence


DAY1, DAY3 = PartialDate(2011, 3, 1), PartialDate(2011, 3, 3)


def reports(*dated: tuple[PartialDate, str]) -> tuple[Article, ...]:
    """One article per (publication date, text), S1 first."""
    return tuple(
        Article(f"S{i}", Path(f"{i}.txt"), text, published=published)
        for i, (published, text) in enumerate(dated, 1)
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("At least 81 people have died in Portvik, officials said.", [("dead", "", {"81"})]),
        ("The death toll in Portvik rose to more than 150 on Monday.", [("dead", "", {"150"})]),
        ("Between 100 and 200 people may have died in the storm.", [("dead", "", {"100", "200"})]),
        ("The virus has infected 1,000 people in the region.", [("cases", "", {"1,000"})]),
        ("So far 37 members of the mission have been killed.", [("dead", "member", {"37"})]),
        # an order of size, an estimate of the count as it stands
        ("Hundreds of people are feared dead in Portvik.", [("dead", "", {"hundreds"})]),
        ("Tens of thousands are feared dead after the storm.", [("dead", "", {"tens"})]),
        ("Two fishermen are feared dead after their boat sank off Portvik.", []),
        ("Hundreds of people were killed in the blast in Portvik.", []),
        # one incident's count, an increment, a part, a number that counts nothing
        ("A bomb killed 20 people at the market in Portvik.", []),
        ("Two more cases have been confirmed in Vessa.", []),
        ("Five of these cases have resulted in stays in hospital.", []),
        ("The 7.0-magnitude storm hit the island on Tuesday.", []),
    ],
)
def test_which_numbers_are_running_counts(text, found):
    got = [(f.measure, f.counted, set(f.numbers)) for f in figures(sentence_of(text))]
    assert got == found


def test_a_later_count_of_the_same_place_revises_an_earlier_one():
    earlier = "At least 81 people have died in Portvik, officials said on Tuesday."
    articles = reports(
        (DAY1, earlier),
        (DAY3, "The death toll in Portvik has risen to 150."),
        (DAY3, "More than 90 people have died in Vessa."),
        (DAY3, "Up to 81 people have died in Portvik."),
    )
    sentences = analyse(articles).sentences
    revised = revised_figures(sentences)
    # Only the count of the same place with another number revises it, and only later.
    assert {sentences[0].text: revised[id(sentences[0])].text} == {
        earlier: "The death toll in Portvik has risen to 150."
    }
    assert len(revised) == 1


def test_an_order_of_size_is_revised_by_a_count_and_revises_none():
    feared = "Hundreds of people are feared dead in Portvik after the storm."
    counted = "The death toll in Portvik has risen to 1,200."
    articles = reports(
        (DAY1, feared),
        (DAY3, counted),
        (DAY3, "Thousands have died in Portvik, aid workers say."),
        (PartialDate(2011, 3, 5), "Thousands of people have died in Portvik."),
    )
    sentences = analyse(articles).sentences
    revised = revised_figures(sentences)
    assert {s.text: revised[id(s)].text for s in sentences if id(s) in revised} == {feared: counted}


def test_a_revised_count_is_not_the_story_as_it_stands():
    old = "At least 81 people have died in Portvik, officials said on Tuesday."
    new = "The death toll in Portvik has risen to 150 as rescuers reach the northern villages."
    articles = reports((DAY1, old), (DAY3, new))
    ranked = {r.sentence.text: r for r in analyse(articles).ranked}
    overtaken_by = ranked[old].overtaken_by
    assert overtaken_by is not None
    assert overtaken_by.text == new
    assert ranked[new].current
