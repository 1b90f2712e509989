"""The harness's own rules, on constructed examples: each check flags the junk it is for and
passes real names and ordinary sentences; the baselines count what they say they count."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from briefer.evaluation import (
    caption_kind,
    central_sentence,
    check_content,
    duplicate_pairs,
    expected_f1_ties_at_random,
    fold_name,
    furniture_kind,
    is_fragment_name,
    is_reporter,
    mention_count,
    pub_count,
    sentences_of,
)
from briefer.models import Article, PartialDate

REAL_NAMES = [
    "Barack Obama",
    "Jean-Max Bellerive",
    "Conor O'Brien",
    "Ban Ki-moon",
    "Moammar Gadhafi",
    "BP",
    "Mahmoud al-Zahar",
    "Ludwig van Beethoven",
    "World Health Organization",
    "Nouri al-Maliki",
    "Rene Preval",
    'Lewis "Scooter" Libby',
]


@pytest.mark.parametrize(
    "name",
    [
        "NATO Al-Obeidy: '",
        "'Gadhafi",
        'Obama said "we',
        "G20 summit",
        "of Libya",
        "Clinton and",
        "White House - George W Bush",
        "Mr (Smith)",
        "Jos Angel C rdova",
    ],
)
def test_fragment_names_are_flagged(name):
    assert is_fragment_name(name)


def test_two_known_names_run_together_are_a_fragment():
    known = ["Misrata", "Tripoli", "CNN", "NATO"]
    assert is_fragment_name("Misrata Tripoli", known)
    assert is_fragment_name("CNN National Security Contributor NATO", known)
    assert not is_fragment_name("Tripoli", known)  # its own name is not two names
    assert not is_fragment_name("NATO Secretary General", known)  # one name, then words


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_are_not_fragments(name):
    assert not is_fragment_name(name, [n for n in REAL_NAMES if n != name])


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("with CNN", None),
        ("by Sarah Boseley", None),
        ("Nic Robertson", "CNN's senior correspondent"),
        ("Jon Snow", "the Channel 4 News presenter"),
        ("Ben Wedeman", "reporter"),
        ("CNN National Security Contributor", None),
    ],
)
def test_reporters_are_flagged(name, role):
    assert is_reporter(name, role)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Barack Obama", "US president"),
        ("Hillary Clinton", "secretary of state"),
        ("Withers", None),
        ("Byrne", "minister"),
        ("Margaret Chan", "director-general of the WHO"),
    ],
)
def test_actors_are_not_reporters(name, role):
    assert not is_reporter(name, role)


def actor(name, kind="person", aliases=()):
    return {"name": name, "kind": kind, "aliases": list(aliases)}


@pytest.mark.parametrize(
    ("short", "long"),
    [
        (actor("Obama"), actor("Barack Obama")),
        (actor("Barack"), actor("Barack Obama")),
        (actor("BP", "organisation"), actor("BP PLC", "organisation")),
        (actor("Gadhafi"), actor("Gadhafi")),
        (actor("Felipe Calder"), actor("Felipe Calderón")),
        (actor("René Préval"), actor("Rene Preval")),
        (actor("Pentagon", "organisation"), actor("the Pentagon", "organisation")),
        (actor("Muammar"), actor("Libyan leader", aliases=["Muammar"])),
        (
            actor("Disasters Emergency Committee", "organisation", ["DEC"]),
            actor("Disasters and Emergency Committee", "organisation", ["DEC"]),
        ),
        (actor("US Navy", "organisation", ["UN"]), actor("United Nations", "organisation", ["UN"])),
    ],
)
def test_duplicates_are_paired(short, long):
    assert duplicate_pairs([long, short]) == [(short["name"], long["name"])]


@pytest.mark.parametrize(
    "pair",
    [
        [actor("Bill Clinton"), actor("Hillary Clinton")],
        [actor("Jordan", "place"), actor("Michael Jordan")],
        [actor("United States", "place"), actor("United States Army", "organisation")],
        [actor("Al"), actor("Al Gore")],
        [actor("George Bush"), actor("George W. Bush")],
    ],
)
def test_different_entities_are_not_duplicates(pair):
    # "Al" is a given name of two letters and "George Bush" / "George W. Bush" differ inside:
    # neither rule claims them (precision over recall).
    expected = [("Al", "Al Gore")] if pair[0]["name"] == "Al" else []
    assert duplicate_pairs(pair) == expected


def test_fold_name_ignores_accents_case_and_the():
    assert fold_name("The Élysée") == fold_name("elysee") == "elysee"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("AP Apr. 21: An oil slick is seen off the coast.", "wire caption"),
        ("(AP Photo) President Obama speaks in the Rose Garden.", "photo credit"),
        ("Workers clean a beach. Photograph: Dave Martin/AP", "photo credit"),
        ("By the CNN Wire Staff A still from an undated video shows the leader.", "still"),
        ("A still from a video shows smoke over the port.", "still"),
        ("February 11, 2011 | By Ben Wedeman, CNN", "dated byline"),
        ("The crowd cheered | By Ben Wedeman, CNN", "byline"),
        ("By Sarah Boseley The virus has spread to Spain.", "byline"),
        ("Djerba, Tunisia (CNN) -- Hundreds of people fled.", "dateline"),
        ("BAGHDAD, Iraq -- A car bomb exploded.", "dateline"),
        ("WASHINGTON (Reuters) - The Fed cut rates.", "dateline"),
        (
            "A broker sits at the exchange in Frankfurt on Wednesday, Oct. 15, 2008.",
            "photo caption",
        ),
        (
            "President Bush returns a salute, Friday, October 17, 2008 in Washington.",
            "photo caption",
        ),
    ],
)
def test_captions_bylines_and_datelines_are_flagged(text, kind):
    assert caption_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "By Wednesday, the death toll had risen to 150.",
        "By the end of April, 20 cases were known.",
        "The WHO (World Health Organization) raised its alert to phase five.",
        "A still unknown number of people died.",
        "The photo was taken by a tourist.",
        "NATO said the strike hit a command centre.",
        "On April 21, the rig sank.",
        "US-led forces entered the city - a turning point, officials said.",
        "The Dow closed Friday, Sept. 19 up 3.4 percent.",
        "On Wednesday, shares fell again.",
        "Voting ended on 12 January 2010 at 6pm.",
    ],
)
def test_ordinary_sentences_are_not_captions(text):
    assert caption_kind(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "At 6:53 P.M. on Jan 13, 2010, Jessica Clark wrote: My deepest sympathy.",
            "reader comment",
        ),
        ("Reuters UK Haiti seeks years of aid - 7 hrs ago IAfrica", "page furniture"),
    ],
)
def test_page_furniture_is_flagged(text, kind):
    assert furniture_kind(text) == kind
    assert caption_kind(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "At 6pm the minister wrote to the council.",
        "The flood came 7 hours ago, he said.",
        "She wrote: the aid is late.",
    ],
)
def test_ordinary_sentences_are_not_furniture(text):
    assert furniture_kind(text) is None


def test_check_content_counts_each_check():
    briefing = {
        "actors": [
            actor("Barack Obama"),
            actor("Obama"),
            actor("with CNN", "organisation"),
            actor("Haiti", "place"),
            actor("NATO Al-Obeidy: '", "organisation"),
        ],
        "key_points": [{"text": "(AP Photo) Smoke rises."}, {"text": "The rig sank."}],
        "background": [{"text": "The spill began in April."}],
        "timeline": [{"text": "Djerba, Tunisia (CNN) -- Hundreds fled.", "date": "2011-02-24"}],
    }
    report = check_content(briefing)
    assert report.duplicate_actors == ("Obama ~ Barack Obama",)
    assert report.reporter_actors == ("with CNN",)
    assert report.place_actors == ("Haiti",)
    assert "NATO Al-Obeidy: '" in report.fragment_actors
    assert "Barack Obama" not in report.fragment_actors
    assert report.counts()["caption_items"] == 2


def article(number, published, text):
    return Article(f"S{number}", Path(f"{number}.txt"), text, published=published)


def test_sentences_of_splits_lines_and_sentences():
    text = 'He left. "It is over." She stayed\nA new line, no stop'
    assert sentences_of(article(1, None, text)) == [
        "He left.",
        '"It is over."',
        "She stayed",
        "A new line, no stop",
    ]


def test_central_sentence_shares_most_words_with_the_others():
    candidates = [
        "Rain fell.",
        "The quake struck the capital.",
        "Rescuers searched the capital.",
        "Rescuers searched the capital after the quake struck.",
    ]
    assert central_sentence(candidates) == candidates[-1]


def test_pub_count_takes_the_days_with_most_articles():
    day1, day2 = PartialDate(2010, 1, 13), PartialDate(2010, 1, 14)
    articles = [
        article(1, day1, "A quake struck."),
        article(2, day1, "The quake killed many."),
        article(3, day2, "Aid arrived."),
    ]
    assert list(pub_count(articles, 1)) == ["2010-01-13"]
    assert list(pub_count(articles, 5)) == ["2010-01-13", "2010-01-14"]


def test_mention_count_resolves_each_sentence_against_its_article():
    articles = [
        article(1, PartialDate(2010, 1, 14), "The quake struck on Tuesday. Aid came in March."),
        article(2, PartialDate(2010, 1, 15), "Tuesday's quake killed thousands on 12 January."),
        article(3, PartialDate(2010, 1, 20), "Looting began yesterday."),
    ]
    days = mention_count(articles, 2)
    assert list(days) == ["2010-01-12", "2010-01-19"]
    assert days["2010-01-12"] == "The quake struck on Tuesday."


def test_a_baseline_with_ties_at_random_earns_what_its_counts_earn():
    counts = Counter({"01-12": 5, "01-13": 3, "01-14": 3, "01-15": 3, "01-16": 3})
    # Earliest first, told 3 days, the tie-break alone picks the gold 01-13 and 01-14.
    assert expected_f1_ties_at_random(counts, 3, {"01-12", "01-13", "01-14"}) == pytest.approx(
        (1 + 2 * 2 / 4) / 3
    )
    # Without ties, it is the plain F1: 01-12 right, 01-13 wrong, of two gold days.
    plain = Counter({"01-12": 2, "01-13": 1})
    assert expected_f1_ties_at_random(plain, 2, {"01-12", "01-20"}) == pytest.approx(0.5)
