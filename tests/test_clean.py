"""Cleaning: page furniture and promotions go, the article's own sentences stay, bylines become
authors. First on the real samples, then on synthetic text for the general rules."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES, write

from briefer.ingest import read_sources
from briefer.ingest.clean import clean_text, repeated_captions, repeated_lines
from briefer.ingest.decode import decode_bytes
from briefer.pipeline import build_briefing

S1 = "000_379b809811c93afb.txt"
S2 = "002_3c858da60930a016.txt"

# Every line of furniture in the raw samples, read off the files in sources/.
FURNITURE = {
    S1: [
        "Owen Churchill",  # byline
        "1,000 protest in Istanbul over China’s treatment of Uygurs",  # related-story teaser
        "Pompeo’s trip comes as the US seeks to encourage countries globally to confront "
        "Beijing on its policies in Xinjiang. Photo: AP",  # photo caption and credit
        "Uygur tweets ‘show athletes can use fame for good’",  # related-story teaser
        "Sign up now for our 50% early bird offer from SCMP Research: China AI Report.",
        "The all new SCMP China AI Report gives you exclusive first-hand insights",
        "More from South China Morning Post:",
        "This article Top US diplomat Mike Pompeo to raise Uygur issue with Beijing’s allies on "
        "upcoming Central Asian tour first appeared on South China Morning Post",
        "For the latest news from the South China Morning Post download our mobile app.",
        "Copyright 2020.",
    ],
    S2: [
        "Crossroads Asia",  # section label
        "Recent Features",  # section label
        "Crossroads Asia\xa0|\xa0Diplomacy\xa0|\xa0Central Asia",  # breadcrumb
        "US Looks to Central Asia to Stand Up to China on Xinjiang",  # headline repeated
        "Credit: State Department Photo by Ron Przysucha/ Public Domain",  # photo credit
        "Dreaming of a career in the Asia-Pacific?",  # job-board ad
        "Try The Diplomat's jobs board.",
        "Find your Asia-Pacific job",
    ],
}
# Short pieces of that furniture that must not surface anywhere in the briefing's sections.
FURNITURE_MARKERS = [
    "Owen Churchill",
    "Churchill",
    "Istanbul",
    "athletes can use fame",
    "Photo: AP",
    "early bird",
    "China AI Report",
    "SCMP Research",
    "More from South China Morning Post",
    "first appeared on",
    "mobile app",
    "Copyright",
    "Crossroads Asia",
    "Recent Features",
    "Diplomacy\xa0|",
    "Przysucha",
    "Public Domain",
    "Dreaming of a career",
    "jobs board",
    "Asia-Pacific",
]
GENUINE = {
    S1: [
        "The United States’ top diplomat, Mike Pompeo, will raise China’s mass internment of "
        "Muslim ethnic minorities with his central Asian counterparts during his upcoming trip "
        "to the region, a senior State Department official said on Monday.",
        "In October, Belarus issued a statement at the United Nations on behalf of 54 countries",
        "The C5+1, so named for central Asia’s five nation states",
        "Envoys from four of the five central Asian countries have previously taken part",
        "The bill awaits a vote in the Senate, where lawmakers are likely to be preoccupied with "
        "the impeachment trial of US President Donald Trump when they return from the winter "
        "recess.",
    ],
    S2: [
        "Washington’s messaging is aimed both at Beijing and Central Asian capitals.",
        "In one of the pictures, U.S. Secretary of State Mike Pompeo stands inside the "
        "beautifully carpeted yurt",
        "Speaking in Washington a few days later, Ambassador Alice Wells, principal deputy "
        "assistant secretary for South and Central Asia, called the meeting “extremely moving.”",
        "We are calling on Beijing to end the campaign of repression",
        "In June 2019, Sauytbay left Kazakhstan for Sweden, where she has been granted asylum.",
        "The group’s founder, Serikzhan Bilash, was charged with incitement",
        "As it wrestles with balancing Chinese pressure, the touchy domestic dynamics surrounding "
        "the Xinjiang issue, and now Western pressure, too, Kazakhstan remains in a tough "
        "position.",
    ],
}


@pytest.fixture(scope="module")
def samples():
    return {a.path.name: a for a in read_sources(SAMPLES)}


def raw_lines(name: str) -> set[str]:
    text = decode_bytes((SAMPLES / name).read_bytes()).replace("\r\n", "\n")
    return {line.strip() for line in text.split("\n") if line.strip()}


def sections_text(briefing_json: dict) -> str:
    """Everything the briefing's sections say, with the sources list (titles, authors) left out."""
    body = {k: v for k, v in briefing_json.items() if k not in ("sources", "title", "sections")}
    return json.dumps(body, ensure_ascii=False)


# ---------------------------------------------------------------- the real samples


def test_furniture_lines_really_are_in_the_raw_samples():
    """Guards the lists above: a typo there would make the absence checks pass vacuously."""
    for name, lines in FURNITURE.items():
        raw = "\n".join(raw_lines(name))
        for line in lines:
            assert line in raw, line
    for name, sentences in GENUINE.items():
        raw = "\n".join(raw_lines(name))
        for sentence in sentences:
            assert sentence in raw, sentence


@pytest.mark.parametrize("name", [S1, S2])
def test_no_furniture_survives_cleaning(samples, name):
    text = samples[name].text
    for line in FURNITURE[name]:
        assert line not in text, line


@pytest.mark.parametrize("name", [S1, S2])
def test_furniture_is_recorded_as_removed(samples, name):
    removed = "\n".join(samples[name].removed_lines)
    for line in FURNITURE[name]:
        if line != "Crossroads Asia":  # the file's first line, taken as its own headline
            assert line in removed, line


@pytest.mark.parametrize("name", [S1, S2])
def test_genuine_sentences_are_kept(samples, name):
    text = samples[name].text
    for sentence in GENUINE[name]:
        assert sentence in text, sentence


@pytest.mark.parametrize("name", [S1, S2])
def test_cleaning_keeps_lines_or_their_verbatim_ends(samples, name):
    """Every kept line is a line of the file or its end (a leading dateline or stamp cut off),
    and every removed piece is that line or its beginning: citations stay quotable."""
    raw = raw_lines(name)
    for line in samples[name].text.split("\n"):
        if line.strip():
            assert any(r.endswith(line.strip()) for r in raw), line
    for piece in samples[name].removed_lines:
        assert any(r.startswith(piece) for r in raw), piece


def test_byline_of_the_sample_is_the_author_not_text(samples):
    assert samples[S1].author == "Owen Churchill"
    assert "Owen Churchill" not in samples[S1].text


def test_no_furniture_in_any_section_of_the_briefing(sample_json):
    assert {"background", "actors", "timeline", "open_questions"} <= set(sample_json)
    said = sections_text(sample_json)
    for marker in FURNITURE_MARKERS:
        assert marker not in said, marker
    for line in FURNITURE[S1] + FURNITURE[S2]:
        assert line not in said, line


def test_no_furniture_actor(sample_json):
    names = {n.casefold() for a in sample_json["actors"] for n in [a["name"], *a["aliases"]]}
    for furniture in (
        "owen churchill",
        "churchill",
        "ron przysucha",
        "przysucha",
        "istanbul",
        "asia-pacific",
        "public domain",
        "china ai report",
        "scmp research",
        "crossroads asia",
        "recent features",
        "ap",
    ):
        assert furniture not in names


# ---------------------------------------------------------------- general rules, synthetic


def article(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


SHARED_QUOTE = (
    "“We have waited long enough for this crossing and the island deserves a proper service,” "
    "said the harbour master Petra Lind in a statement issued after the vote."
)
HARBOUR = article(
    "Harbour council approves ferry link",
    "By Jane Doe",
    "The harbour council voted on Tuesday to approve a new ferry link between the old port and "
    "the island of Vessa, ending a dispute that had lasted almost three years.",
    "The Coastal Times is an independent regional newspaper founded in 1901.",
    "The mayor, Tomas Berg, said the link would cut the journey for island residents from two "
    "hours to forty minutes.",
    SHARED_QUOTE,
)
PIER = article(
    "Contractor chosen for the new pier",
    "The council chose the Nordhavn construction company to build the new pier for the ferry "
    "link, councillors said on Thursday.",
    "The Coastal Times is an independent regional newspaper founded in 1901.",
    SHARED_QUOTE,
    "Work on the pier is expected to begin in the autumn, and the first crossings are planned "
    "for the following summer.",
    # The byline author of another source, named in the text: still not an actor of the story.
    "Jane Doe, who has covered the harbour dispute from the start, contributed reporting from "
    "the island of Vessa.",
)
FARES = article(
    "Ferry fares set for island residents",
    "Island residents will pay half the normal fare on the new ferry link, the mayor, Tomas "
    "Berg, announced on Friday.",
    "Follow us on Twitter",
    "Follow us on Twitter for the latest harbour news.",
    "© 2020 Coastal Times Ltd",
    "© 2020 Coastal Times Ltd. All rights reserved.",
    "Photo: Erik Holm/Coastal Times.",
    "Opponents on the council, led by Anna Sand, said the discount would cost the town more "
    "than the new pier itself.",
    "More from The Coastal Times:",
    "Read more: Storm damage to the breakwater worse than feared.",
    "Sign up for our morning newsletter to get the harbour news first.",
)
SYNTHETIC_FURNITURE = [
    "By Jane Doe",
    "The Coastal Times is an independent regional newspaper founded in 1901.",
    "Follow us on Twitter",
    "Follow us on Twitter for the latest harbour news.",
    "© 2020 Coastal Times Ltd",
    "© 2020 Coastal Times Ltd. All rights reserved.",
    "Photo: Erik Holm/Coastal Times.",
    "More from The Coastal Times:",
    "Read more: Storm damage to the breakwater worse than feared.",
    "Sign up for our morning newsletter to get the harbour news first.",
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    write(folder, "harbour.txt", HARBOUR)
    write(folder, "pier.txt", PIER)
    write(folder, "fares.txt", FARES)
    return folder


@pytest.fixture(scope="module")
def synthetic_articles(synthetic):
    return {a.path.stem: a for a in read_sources(synthetic)}


@pytest.fixture(scope="module")
def synthetic_json(synthetic):
    from briefer.render import briefing_to_json

    return briefing_to_json(build_briefing(synthetic))


def test_line_repeated_across_sources_is_removed(synthetic_articles):
    line = "The Coastal Times is an independent regional newspaper founded in 1901."
    for name in ("harbour", "pier"):
        assert line not in synthetic_articles[name].text
        assert line in synthetic_articles[name].removed_lines


def test_long_passage_shared_by_two_of_three_sources_is_kept(synthetic_articles):
    """A quotation two reports both carry is copy, not boilerplate."""
    quote = "“We have waited long enough for this crossing"
    assert quote in synthetic_articles["harbour"].text
    assert quote in synthetic_articles["pier"].text


def test_social_copyright_credit_and_promotion_lines_are_removed(synthetic_articles):
    fares = synthetic_articles["fares"]
    for line in SYNTHETIC_FURNITURE[2:]:
        assert line not in fares.text, line
    assert "Island residents will pay half the normal fare" in fares.text
    assert "Opponents on the council, led by Anna Sand" in fares.text


def test_byline_becomes_the_author(synthetic_articles):
    harbour = synthetic_articles["harbour"]
    assert harbour.author == "Jane Doe"
    assert "Jane Doe" not in harbour.text
    assert harbour.text.startswith("The harbour council voted on Tuesday")
    assert synthetic_articles["pier"].author is None


def test_synthetic_furniture_is_nowhere_in_the_briefing(synthetic_json):
    said = sections_text(synthetic_json)
    for line in SYNTHETIC_FURNITURE:
        assert line not in said, line
    for marker in ("By Jane Doe", "Erik Holm", "Twitter", "©", "newsletter", "Read more"):
        assert marker not in said, marker
    assert "ferry" in said  # the briefing does say something


def test_byline_author_is_never_an_actor(synthetic_json):
    names = {n.casefold() for a in synthetic_json["actors"] for n in [a["name"], *a["aliases"]]}
    assert synthetic_json["actors"], "the synthetic story has actors"
    assert not names & {"jane doe", "doe", "jane", "erik holm", "holm"}
    authors = {s["title"]: s["author"] for s in synthetic_json["sources"]}
    assert authors["Harbour council approves ferry link"] == "Jane Doe"


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe now to read the full story.",
        "Sign up to our newsletter for the morning briefing.",
        "More from Reuters:",
        "Related: Ferry fares to rise next year",
        "This article first appeared on The Coastal Times.",
        "Download our app for the latest news.",
        "Copyright 2021 Coastal Times.",
        "© Coastal Times 2021.",
        "All rights reserved.",
        "Photo: Reuters.",
        "Photograph: Erik Holm/AP.",
        "Image: Getty Images.",
        "Follow us on Facebook and Instagram.",
        "Click here to read the full report.",
        "https://coastal.example.org/news/ferry-link",
        "newsroom@coastal.example.org",
        "Advertisement",
        "Share this article",
        "Try our jobs board.",
    ],
)
def test_furniture_rules(line):
    body = "The harbour council voted to approve the ferry link after a long debate."
    cleaned = clean_text(f"{body}\n\n{line}\n\n{body}", title=None, author=None)
    assert line not in cleaned.text
    assert line in cleaned.removed
    assert cleaned.text.count(body) == 2


@pytest.mark.parametrize(
    "line",
    [
        "The mayor said the council would follow the advice of its engineers.",
        "Councillors said the photo of the damaged pier showed the scale of the problem.",
        "The island has more than 2,000 residents, most of whom work on the mainland.",
        "Asked whether fares would rise, Berg said: “Not this year.”",
    ],
)
def test_prose_that_mentions_furniture_words_is_kept(line):
    cleaned = clean_text(f"{line}\n", title=None, author=None)
    assert cleaned.text == line


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("by Mark Martin", "Mark Martin"),
        ("By Julia Augustine", "Julia Augustine"),
        ("By Jane Doe and John Smith", "Jane Doe and John Smith"),
        ("By Ana María O’Neill-Smith, Octavia Decker", "Ana María O’Neill-Smith, Octavia Decker"),
    ],
)
def test_byline_names(line, author):
    text = f"{line}\n\nThe harbour council voted to approve the link."
    cleaned = clean_text(text, title="Ferry link", author=None)
    assert cleaned.author == author
    assert cleaned.text == "The harbour council voted to approve the link."


def test_dated_line_is_no_byline():
    dated = clean_text("By March 2020 the pier was finished.\n", title=None, author=None)
    assert dated.author is None
    assert dated.text == "By March 2020 the pier was finished."


def test_known_author_line_is_removed_wherever_it_is():
    text = "The council voted.\n\nJane Doe\n\nThe mayor agreed."
    cleaned = clean_text(text, title=None, author="Jane Doe")
    assert "Jane Doe" not in cleaned.text
    assert cleaned.author == "Jane Doe"


def test_repeated_lines_threshold():
    short = "The Coastal Times is a regional paper."
    long = "The harbour master said the island deserves a proper ferry service at long last now."
    texts = [f"{short}\n{long}\nOne.", f"{short}\n{long}\nTwo.", "Three."]
    found = repeated_lines(texts)
    assert short in found
    assert long not in found  # a long line shared by two of three sources is copy
    assert long in repeated_lines([*texts[:2], f"{long}\nThree."])


def test_a_caption_run_into_different_sentences_is_cut_off_them(tmp_path):
    caption = "Anna Berg describes the scene at the island's ruined harbour"
    write(tmp_path, "1.txt", f"{caption}  Aid workers reached the island on Monday by boat.\n")
    write(tmp_path, "2.txt", f"{caption} The government will rebuild the pier this year.\n")
    write(tmp_path, "3.txt", "Coach Tom Lee says Harbour Town will win the cup this season.\n")
    write(tmp_path, "4.txt", "Coach Tom Lee says Ferry Rovers must sell two players soon.\n")
    articles = {a.path.name: a for a in read_sources(tmp_path)}
    assert articles["1.txt"].text == "Aid workers reached the island on Monday by boat."
    assert articles["2.txt"].text == "The government will rebuild the pier this year."
    assert caption in articles["1.txt"].removed_lines
    # A speaker, a name that goes on, and one sentence told twice are no captions.
    assert articles["3.txt"].text.startswith("Coach Tom Lee says")


@pytest.mark.parametrize(
    "lines",
    [
        (
            "Fears about the crisis helped Prime Minister Stephen Harper win seats on Tuesday.",
            "Fears about the crisis helped Prime Minister Stephen Harper's party gain seats.",
        ),
        (
            "According to the island's harbour master Anna Berg, aid arrived on the island.",
            "According to the island's harbour master Anne Berg, aid arrived on the island.",
        ),
        (  # a verb that goes on to its object
            "Tory leader Michael Howard has accused Tony Blair of performing U-turns on crime.",
            "Tory leader Michael Howard has accused Mr Blair of steamrolling the arrest plans.",
        ),
        (  # the label of a list's items
            "- Anna Berg, Harbour News: Film - The Aviator; director - Martin Scorsese.",
            "- Anna Berg, Harbour News: Film - Sideways; director - Alexander Payne today.",
        ),
    ],
)
def test_a_name_that_goes_on_or_one_sentence_told_twice_is_no_caption(lines):
    assert repeated_captions(list(lines)) == frozenset()
