"""How sections defer to one another, and what a briefing is called when sources lack titles."""

from __future__ import annotations

from io import BytesIO

from conftest import SAMPLES, write
from pypdf import PdfReader

from briefer.pipeline import build_briefing
from briefer.render import briefing_to_json, render_bytes
from briefer.sections import BuildOptions


def test_background_leaves_out_what_the_key_points_say(sample_json):
    key_points = {item["text"] for item in sample_json["key_points"]}
    background = {item["text"] for item in sample_json["background"]}
    assert key_points, "the samples have key points"
    assert not key_points & background


def test_background_keeps_the_central_sentences_without_key_points(sample_json):
    """Built alone, the background may use what the key points would have said."""
    options = BuildOptions(background_size=12)
    alone = briefing_to_json(build_briefing(SAMPLES, exclude=["key_points"], options=options))
    assert "key_points" not in alone
    background = {item["text"] for item in alone["background"]}
    assert {item["text"] for item in sample_json["key_points"]} & background


def test_background_leaves_out_what_the_timeline_tells(sample_json):
    """A reader meets each statement once: a dated one in the timeline, not the background
    too; the background is still full."""
    told = {(c["source"], c["quote"]) for e in sample_json["timeline"] for c in e["citations"]}
    background = [
        (c["source"], c["quote"]) for b in sample_json["background"] for c in b["citations"]
    ]
    assert background
    assert not told & set(background)
    full = build_briefing(SAMPLES, sections=["background"])
    assert len(background) == len(next(s for s in full.sections if s.name == "background").items)


def test_untitled_sources_are_named_after_their_shared_subject(tmp_path):
    sentences = [
        "The harbour council voted on Tuesday to approve the new ferry link to the island.",
        "Residents said the new ferry link would cut their journey to the mainland by an hour.",
        "The mayor said the ferry link would open next summer if the pier is finished in time.",
    ]
    for number, sentence in enumerate(sentences):
        write(tmp_path, f"{number}.txt", f"{sentence}\n\nThe island has about 900 residents.\n")
    briefing = build_briefing(tmp_path, sections=["sources"])
    assert briefing.title == "Ferry link: a briefing from 3 sources"


def test_untitled_sources_without_a_shared_subject_are_named_after_their_actors(tmp_path):
    """No phrase that most sources share: the title names the most salient actors and the months
    the sources span, never a bare count."""
    bodies = [
        ("2031-03-04", "Mayor Anna Lindqvist said on Monday that Norway would send grain to Chad."),
        ("2031-04-11", "Lindqvist told reporters that Norway had paid for the boats."),
        ("2031-06-20", "Norway and Chad signed the accord, Lindqvist said in Oslo."),
    ]
    for number, (day, body) in enumerate(bodies):
        write(tmp_path, f"{number}.md", f"---\npublished: {day}\n---\n{body}\n")
    briefing = build_briefing(tmp_path, sections=["sources"])
    names, _, rest = briefing.title.partition(": a briefing from 3 sources, ")
    assert rest == "March – June 2031"
    assert "Anna Lindqvist" in names
    assert "Norway" in names


def test_a_date_in_a_relative_clause_dates_that_clause(sample_json):
    """'Volkan … (who wrote a piece … last month), explained that …': the entry is the piece."""
    entry = next(e for e in sample_json["timeline"] if "wrote a piece" in e["text"])
    assert entry["date"] == "2020-01"
    assert entry["text"].startswith("[Methmet Volkan] wrote a piece")
    assert "explained" not in entry["text"]
    assert any("who wrote a piece" in c["quote"] for c in entry["citations"])


def _questions(tmp_path, *sentences: str) -> list[str]:
    write(tmp_path, "a.txt", "\n\n".join(sentences) + "\n")
    briefing = briefing_to_json(build_briefing(tmp_path, sections=["questions"]))
    return [q["question"] for q in briefing["open_questions"]]


def test_future_passives_keep_their_auxiliary(tmp_path):
    questions = _questions(
        tmp_path,
        "A final decision on the new ferry link will be made by the harbour council in May 2031.",
        "The island has about 900 residents and a school.",
    )
    assert questions == [
        "Will a final decision on the new ferry link be made by the harbour council in May 2031?"
    ]


def test_hedged_claims_are_asked_in_agreement(tmp_path):
    questions = _questions(
        tmp_path,
        "The infection in Dover is believed to have resulted from contact with a traveller.",
        "The island has about 900 residents and a school.",
    )
    assert questions == [
        "Is it confirmed that the infection in Dover has resulted from contact with a traveller?"
    ]


def test_a_hedge_inside_a_relative_clause_does_not_make_the_claim_unconfirmed(tmp_path):
    questions = _questions(
        tmp_path,
        "Mayor Anna Berg has launched an appeal for 2m pounds to help 3,000 islanders in Vessa, "
        "most of whom are thought to need new homes.",
        "The island has about 900 residents and a school.",
    )
    assert not any("appeal" in q for q in questions)


def test_a_hedged_claim_the_parse_cuts_in_two_is_not_asked(tmp_path):
    questions = _questions(
        tmp_path,
        "Around 900 people are thought to have died in the 12 January storm with 1,500 "
        "islanders now believed to be homeless.",
        "The island has about 900 residents and a school.",
    )
    assert not any(q.endswith("with 1,500 islanders?") for q in questions)


def test_a_source_that_repeats_another_is_listed_once_as_a_repeat_and_counted_once(tmp_path):
    story = (
        "Mayor Anna Lindqvist said on Monday that Norway would send grain to Chad.\n\n"
        "Lindqvist told reporters that Norway had paid for the boats.\n"
    )
    write(tmp_path, "a.txt", story)
    write(tmp_path, "b.txt", "Chad and Norway signed the grain accord, Lindqvist said in Oslo.\n")
    write(tmp_path, "c.txt", story.replace("\n\n", "\n\n  "))  # the same story, run again
    data = briefing_to_json(build_briefing(tmp_path, sections=["sources", "actors"]))
    assert [s.get("same_as") for s in data["sources"]] == [None, None, "S1"]
    lindqvist = next(a for a in data["actors"] if a["name"] == "Anna Lindqvist")
    assert lindqvist["sources"] == ["S1", "S2"]
    pdf = PdfReader(BytesIO(render_bytes(build_briefing(tmp_path, sections=["sources"]), "pdf")))
    text = " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())
    assert "3 sources; 1 repeat of another, counted once" in text
    assert "Same text as S1; cited as S1." in text
