"""Open questions on constructed sources, parsed by the real model: what is refused (unnamed
subjects, pronouns, time words of the day, fragments, answered or past plans) and what is
still asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.analysis import analyse
from briefer.models import Article, OpenQuestion, PartialDate
from briefer.sections import BuildOptions
from briefer.sections.questions import build

FILLER = "The island has about 900 residents and a school."


def _article(name: str, text: str, published: PartialDate | None = None) -> Article:
    return Article(name, Path(f"{name}.txt"), text, published=published)


def _asked(*articles: Article) -> list[str]:
    return [q.question for q in build(analyse(tuple(articles)), BuildOptions())]


def _one(*sentences: str) -> list[str]:
    return _asked(_article("S1", "\n\n".join([*sentences, FILLER]) + "\n"))


def test_a_plan_told_in_an_object_relative_clause_is_not_asked():
    """ "the case that the court will hear": asked alone, the clause loses what it acts on."""
    text = (
        "Mr Holt thinks the ferry case is the most important that the harbour court will hear "
        "this year."
    )
    assert not any("hear" in q for q in _one(text))


def test_a_named_plan_is_asked():
    assert _one("Mayor Anna Berg will open the new ferry terminal in Dover in May 2031.") == [
        "Will Mayor Anna Berg open the new ferry terminal in Dover in May 2031?"
    ]


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "Norway has indicated it will reduce its fleet in the Barents Sea next spring.",
            ["Will Norway reduce its fleet in the Barents Sea next spring?"],
        ),
        # "it" of a thing, or of nothing: "it will take years", "it will go on sale"
        ("The UN said it will take years for the harbour of Portvik to recover.", []),
        ("Nordair said it will go on sale in Norway on December 2.", []),
        # "he" is as often someone the speaker speaks for
        ("Olaf Dahl's spokesman Piotr Nowak said he will visit the harbour in May.", []),
        ("Mayor Olaf Dahl said he will close the old ferry terminal in Dover in May.", []),
    ],
)
def test_a_plan_in_the_sayer_s_own_words_is_the_sayer_s(text, asked):
    """ "Britain said it will reduce …": "it" is the state, body or people who says so, when
    the verb acts on something and no other such name comes before it."""
    assert _one(text) == asked


def test_a_plan_for_next_year_says_which_year():
    """Asked without its article's date, "next year" would be the reader's next year."""
    text = "Mayor Anna Berg will step down when her contract expires next year."
    may = _article("S1", f"{text}\n\n{FILLER}\n", PartialDate(2031, 5, 8))
    assert _asked(may) == [
        "Will Mayor Anna Berg step down when her contract expires next year [2032]?"
    ]


def test_a_bare_definite_subject_is_not_asked():
    """ "Will the bill get a vote in the Senate?": which bill?"""
    assert _one("The bill awaits a vote in the Senate after the winter recess.") == []


def test_a_definite_subject_named_in_the_sentence_is_asked():
    assert _one("The Clean Harbours Bill awaits a vote in the Senate after the winter recess.") == [
        "Will the Clean Harbours Bill get a vote in the Senate after the winter recess?"
    ]


def test_time_words_of_the_day_are_not_asked():
    assert _one("Mayor Anna Berg is due to give a statement to the council at 4pm today.") == []


def test_first_person_in_a_claim_is_not_asked():
    """ "Is it true, as Osman said, that … we discussed work …": whose "we"?"""
    assert (
        _one("Mr Osman claimed that we discussed work and politics with the harbour board.") == []
    )


def test_a_named_claim_is_asked():
    assert _one(
        "Mayor Anna Berg claims that the Dover harbour board sold two ferries to a French "
        "company in 2029."
    ) == [
        "Is it true, as Mayor Anna Berg claims, that the Dover harbour board sold two ferries to a "
        "French company in 2029?"
    ]


def test_a_stance_or_a_forecast_is_no_claim_to_check():
    """ "Is it true, as Blair insists, that troops can not leave until …" asks nothing."""
    assert (
        _one(
            "Mayor Anna Berg insists that the Dover ferries can not sail until the harbour "
            "wall is repaired."
        )
        == []
    )


def test_what_someone_claims_can_be_done_is_asked():
    assert _one(
        "Mayor Anna Berg claimed that Portvik could deploy two new ferries within 45 minutes "
        "of an alert."
    ) == [
        "Is it true, as Mayor Anna Berg claimed, that Portvik could deploy two new ferries "
        "within 45 minutes of an alert?"
    ]


def test_a_claim_keeps_the_capital_of_a_name_it_opens_with():
    assert _one(
        "Mayor Anna Berg insists French ferries left Dover before the harbour was closed."
    ) == [
        "Is it true, as Mayor Anna Berg insists, that French ferries left Dover before the "
        "harbour was closed?"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Anna Berg said Dover and Calais hoped to avoid taking the ferry dispute to a "
        "European court.",
        "Mr Holt said the harbour board faced insurance claims from the Dover ferry company over "
        "the storm.",
        "Mayor Anna Berg said Dover and Calais hoped to avoid having to settle the dispute in a "
        "European court.",
    ],
)
def test_a_dispute_word_naming_a_thing_is_no_claim_to_check(text):
    """ "the trade dispute", "insurance claims" are things, and so is a dispute the reported
    words act on: the sentence disputes nothing."""
    assert _one(text) == []


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "Nordair will no longer fly from Portvik to Vessa after March 2032, the airline said.",
            [],
        ),
        (
            "Nordair does not intend to close its base in Portvik before the end of 2032, the "
            "airline said.",
            [],
        ),
        (
            "Nordair will fly from Portvik to Vessa after March 2032, the airline said.",
            ["Will Nordair fly from Portvik to Vessa after March 2032?"],
        ),
        (
            "Mayor Anna Berg will open the new ferry terminal in Dover no later than May 2031.",
            ["Will Mayor Anna Berg open the new ferry terminal in Dover no later than May 2031?"],
        ),
    ],
)
def test_a_plan_not_to_act_is_not_asked_without_its_negation(text, asked):
    """ "Will Nordair fly …?" from "will no longer fly" would drop what the plan says."""
    assert _one(text) == asked


def test_words_answering_the_claims_are_a_claim_to_check():
    assert _one(
        "Rejecting the claims, Portvik FC said that Tomas Dahl had repaid every loan from the "
        "club by 2029."
    ) == [
        "Is it true, as Portvik FC said, that Tomas Dahl had repaid every loan from the club "
        "by 2029?"
    ]


def test_a_plan_not_to_act_is_a_decision_not_a_question():
    """ "Will the FA take no action …?" asks nothing: the decision is announced."""
    plan = (
        "The Portvik Football Association will take {} against club chairman Tomas Berg over his "
        "remarks after the Harbour Cup final."
    )
    assert _one(plan.format("no action")) == []
    assert _one(plan.format("action")) == [
        "Will the Portvik Football Association take action against club chairman Tomas Berg "
        "over his remarks after the Harbour Cup final?"
    ]


def test_an_unattributed_dispute_is_not_quoted():
    """Never "Disputed: '…'" without saying who disputes what."""
    questions = _one("The statement also accused the harbour board of politicising the ferry link.")
    assert not any(q.startswith("Disputed") for q in questions)
    assert questions == []


def test_a_run_in_headline_is_not_asked():
    questions = _one(
        "Ferry row grows Mayor Anna Berg will open the new ferry terminal in Dover in May 2031."
    )
    assert questions == []


@pytest.mark.parametrize(
    "forecast",
    [
        "Two winter storms will define the future of the ferry link to the island.",
        # A thing, whoever makes it or names it, plans nothing.
        "The Nordvik ferry market will grow to 836m euros by the end of the decade.",
        "The K380 will replace the Nordvik 747 jumbo as the biggest ferry in the world.",
        "Nordvik's ferry radio will go on sale in Dover at the end of January.",
        # Bodies at large are no one in particular.
        "Airlines will fly smaller planes over longer distances in the next decade.",
    ],
)
def test_a_forecast_with_nobody_behind_it_is_not_a_plan(forecast):
    assert _one(forecast) == []


@pytest.mark.parametrize(
    ("plan", "asked"),
    [
        (
            "The Nordvik ferry company will buy three new boats for the island route.",
            "Will the Nordvik ferry company buy three new boats for the island route?",
        ),
        (
            "Nordvik Lines will buy three new boats for the island route.",
            "Will Nordvik Lines buy three new boats for the island route?",
        ),
        (
            "Democratic lawmakers will vote on the harbour bill in the Nordvik senate in May.",
            "Will Democratic lawmakers vote on the harbour bill in the Nordvik senate in May?",
        ),
    ],
)
def test_a_plan_of_someone_named_or_a_body_is_asked(plan, asked):
    assert _one(plan) == [asked]


def test_a_foretold_state_is_not_a_plan():
    assert _one("The Danes in Dover will be damned if they stay and damned if they go.") == []
    assert _one("A Danish coastguard presence will be needed in Dover for many years.") == []
    assert _one("The islanders of Dover will continue to need ferry support for a decade.") == []
    # …but a thing someone will do to something is one.
    assert _one(
        "The new Dover ferry timetable will be published by the harbour board in May 2031."
    ) == ["Will the new Dover ferry timetable be published by the harbour board in May 2031?"]


def test_a_negated_future_is_not_turned_around():
    """ "will never be found" must not become "Will … be found?"."""
    assert (
        _one("Mayor Anna Berg will never find the missing ferry accounts of Dover harbour.") == []
    )


def test_a_later_source_that_reports_the_plan_done_answers_it():
    first = _article(
        "S1",
        f"Mayor Anna Berg will travel to Calais for talks with the French ferry operators.\n\n"
        f"{FILLER}\n",
        PartialDate(2031, 3, 1),
    )
    later = _article(
        "S2",
        "Mayor Anna Berg travelled to Calais last week and met the ferry operators there.\n\n"
        f"{FILLER}\n",
        PartialDate(2031, 3, 12),
    )
    question = "Will Mayor Anna Berg travel to Calais for talks with the French ferry operators?"
    assert _asked(first) == [question]
    assert _asked(first, later) == []


def test_a_later_source_on_something_else_leaves_the_plan_open():
    first = _article(
        "S1",
        f"Mayor Anna Berg will travel to Calais for talks with the French ferry operators.\n\n"
        f"{FILLER}\n",
        PartialDate(2031, 3, 1),
    )
    later = _article(
        "S2",
        f"Fishermen in Dover protested against the new quotas.\n\n{FILLER}\n",
        PartialDate(2031, 3, 12),
    )
    assert _asked(first, later) == [
        "Will Mayor Anna Berg travel to Calais for talks with the French ferry operators?"
    ]


def test_a_plan_whose_date_is_past_at_the_latest_source_is_not_open():
    first = _article(
        "S1",
        f"Mayor Anna Berg will open the new ferry terminal in Dover on 5 March 2031.\n\n{FILLER}\n",
        PartialDate(2031, 3, 1),
    )
    later = _article(
        "S2",
        f"Fishermen in Dover protested against the new quotas.\n\n{FILLER}\n",
        PartialDate(2031, 3, 12),
    )
    assert _asked(first) == [
        "Will Mayor Anna Berg open the new ferry terminal in Dover on 5 March 2031?"
    ]
    assert _asked(first, later) == []


def test_a_plan_for_an_occasion_a_later_source_looks_back_on_is_answered():
    """ "during his upcoming trip" is over once a later source speaks of "his recent visit"."""
    first = _article(
        "S1",
        "Minister Karl Olsen will raise the fishing quotas with his Nordic counterparts during "
        f"his upcoming trip to the region.\n\n{FILLER}\n",
        PartialDate(2031, 3, 1),
    )
    later = _article(
        "S2",
        "Aides who accompanied Olsen on his recent visit to Oslo described the talks as frank."
        f"\n\n{FILLER}\n",
        PartialDate(2031, 3, 20),
    )
    assert len(_asked(first)) == 1
    assert _asked(first, later) == []


def test_a_plan_raised_long_before_the_latest_source_is_not_known_to_be_open():
    first = _article(
        "S1",
        f"Mayor Anna Berg will travel to Calais for talks with the French ferry operators.\n\n"
        f"{FILLER}\n",
        PartialDate(2031, 1, 1),
    )
    later = _article(
        "S2",
        f"Fishermen in Dover protested against the new quotas.\n\n{FILLER}\n",
        PartialDate(2031, 3, 12),
    )
    assert _asked(first, later) == []


def test_a_pronoun_after_the_name_it_stands_for_is_asked():
    assert _one("Mayor Anna Berg will present her budget for Dover harbour to the council.") == [
        "Will Mayor Anna Berg present her budget for Dover harbour to the council?"
    ]


def test_a_pronoun_before_any_name_is_not_asked():
    assert _one("His tour will include a visit to Belarus and talks in Minsk with officials.") == []


# ------------------------------------------------------------------ naming "the bill"
LAW = (
    "Last March the harbour council approved legislation that would oblige ferry operators to "
    "publish their safety inspections every month."
)


def _questions(*articles: Article) -> list[OpenQuestion]:
    return list(build(analyse(tuple(articles)), BuildOptions()))


def test_an_unnamed_bill_is_named_from_the_sentence_that_introduced_it():
    """ "Will the bill get a vote …?" names its bill in brackets and cites where it came from."""
    bill = "The bill awaits a vote in the regional parliament after the winter recess."
    questions = _questions(_article("S1", f"{LAW}\n\n{bill}\n\n{FILLER}\n"))
    assert [q.question for q in questions] == [
        # cut before "their", which the insertion could not resolve
        "Will the bill [legislation that would oblige ferry operators to publish …] get a vote "
        "in the regional parliament after the winter recess?"
    ]
    assert [(c.source, c.quote) for c in questions[0].citations] == [("S1", bill), ("S1", LAW)]


def test_a_referent_under_the_same_noun_is_named():
    introduced = "Dover and Calais signed an agreement on shared ferry timetables and port fees."
    pending = "The agreement awaits a vote in the French senate after the summer recess."
    assert _one(introduced, pending) == [
        "Will the agreement [agreement on shared ferry timetables and port fees] get a vote in "
        "the French senate after the summer recess?"
    ]


def test_a_thing_of_another_kind_does_not_name_it():
    """A treaty is not a bill: with no bill introduced before, the question is not asked."""
    treaty = "Dover and Calais signed a treaty on shared ferry timetables and port fees."
    assert _one(treaty, "The bill awaits a vote in the Senate after the winter recess.") == []


def test_a_referent_in_another_article_is_not_used():
    first = _article("S1", f"{LAW}\n\n{FILLER}\n")
    second = _article(
        "S2",
        f"The bill awaits a vote in the regional parliament after the winter recess.\n\n{FILLER}\n",
    )
    assert _asked(first, second) == []


def test_a_referent_too_far_back_is_not_used():
    far = [LAW, FILLER, "Ferries sail twice a day in summer.", "Fares rose by a tenth in 2030."]
    bill = "The bill awaits a vote in the regional parliament after the winter recess."
    assert _one(*far, bill) == []


def test_two_candidates_in_the_nearest_sentence_leave_the_question_unasked():
    """ "legislation … and a bill …": which one awaits the vote is not known."""
    two = (
        "The council approved legislation on ferry safety inspections and a bill on harbour "
        "dues for fishing boats."
    )
    assert _one(two, "The bill awaits a vote in the regional parliament after the recess.") == []


def test_a_decision_awaited_stays_open_longer_than_a_plan():
    """A vote awaited for five weeks is still open; after four months it is not known to be."""
    bill = "The bill awaits a vote in the regional parliament after the winter recess."
    first = _article("S1", f"{LAW}\n\n{bill}\n\n{FILLER}\n", PartialDate(2031, 1, 1))
    quiet = f"Fishermen in Dover protested against the new quotas.\n\n{FILLER}\n"
    weeks = _asked(first, _article("S2", quiet, PartialDate(2031, 2, 5)))
    assert len(weeks) == 1
    assert weeks[0].startswith("Will the bill [legislation")
    assert _asked(first, _article("S2", quiet, PartialDate(2031, 5, 1))) == []


def test_a_thing_of_the_kind_spoken_of_before_the_referent_leaves_it_unnamed():
    """Which bill awaits the vote, the one rejected or the legislation approved? Not asked."""
    rejected = "Last year the council rejected a bill on harbour dues for fishing boats."
    bill = "The bill awaits a vote in the regional parliament after the winter recess."
    assert _one(rejected, LAW, bill) == []


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab “”", max_size=20),
    st.lists(st.tuples(st.integers(-3, 25), st.integers(-3, 25)), max_size=4),
)
def test_quotes_are_blanked_as_a_character_by_character_test_would(text, quotes):
    from types import SimpleNamespace

    from briefer.analysis.sentence import Sentence
    from briefer.sections.questions import _blank_quotes

    sentence = SimpleNamespace(text=text, quotes=tuple(quotes))
    expected = "".join(
        " " if Sentence.quoted(sentence, i) else ch  # type: ignore[arg-type]
        for i, ch in enumerate(text)
    )
    assert _blank_quotes(sentence) == expected  # type: ignore[arg-type]


def test_a_hedged_passage_that_cannot_be_asked_is_not_pasted_as_a_point():
    """ "Unconfirmed: '…'" is no question a reader can take away: only rewrites are asked."""
    hedged = "Some other ports in the region, such as Portvik and Dover, may have similar problems."
    awaiting = "A ruling on the harbour of Vessa is still pending at the court in Portvik."
    questions = _one(hedged, awaiting)
    assert not any(q.startswith(("Unconfirmed", "Pending")) for q in questions)
    assert all(q.endswith("?") for q in questions)


# ------------------------------------------------------------------ who is "Holt"?
CROWD = (
    "Ministers of France, Germany, Spain, Italy, Poland, Greece, Austria and Belgium met in "
    "Brussels.\n\nFrance, Germany, Spain, Italy, Poland, Greece, Austria and Belgium signed the "
    "accord.\n\nFrance, Germany, Spain, Italy, Poland, Greece, Austria and Belgium will review it."
)
INSPECTOR = "Dr Lena Holt, a former harbour safety inspector, has published a report on the ferry."
HOLT_CLAIMS = (
    "Holt claims that the Dover harbour board sold two ferries to a French company in 2029."
)


def test_a_person_the_briefing_does_not_lead_with_is_introduced_by_their_role():
    """ "as Holt claims": the reader is told who Holt is, from the passage that says so."""
    questions = _questions(_article("S1", f"{CROWD}\n\n{INSPECTOR}\n\n{HOLT_CLAIMS}\n"))
    assert [q.question for q in questions] == [
        "Is it true, as Holt [former harbour safety inspector] claims, that the Dover harbour "
        "board sold two ferries to a French company in 2029?"
    ]
    assert [c.quote for c in questions[0].citations] == [HOLT_CLAIMS, INSPECTOR]


def test_another_person_of_the_same_surname_is_not_given_her_role():
    """ "as Mark Holt claims": not Dr Lena Holt, whose role the briefing knows."""
    other = HOLT_CLAIMS.replace("Holt claims", "Mark Holt claims")
    questions = _questions(_article("S1", f"{CROWD}\n\n{INSPECTOR}\n\n{other}\n"))
    assert all("[" not in q.question for q in questions)


def test_a_person_the_question_names_with_a_title_is_not_introduced_again():
    """ "as Judge Lena Holt claims": the title already says who she is ("[Texas Judge]")."""
    intro = "Texas Judge Lena Holt has published a report on the ferry."
    titled = HOLT_CLAIMS.replace("Holt claims", "Judge Lena Holt claims")
    questions = _questions(_article("S1", f"{CROWD}\n\n{intro}\n\n{titled}\n"))
    assert [q.question for q in questions] == [
        "Is it true, as Judge Lena Holt claims, that the Dover harbour board sold two "
        "ferries to a French company in 2029?"
    ]


def test_a_leading_actor_is_not_introduced_again():
    """Without the crowd, Holt is one of the story's leading actors, listed with her role."""
    assert _asked(_article("S1", f"{INSPECTOR}\n\n{HOLT_CLAIMS}\n\n{FILLER}\n")) == [
        "Is it true, as Holt claims, that the Dover harbour board sold two ferries to a French "
        "company in 2029?"
    ]


def test_of_equal_questions_the_newest_sources_come_first():
    older = _article(
        "S1",
        "Mayor Anna Berg claims that the Dover harbour board sold two ferries to a French "
        "company in 2029.\n\n" + FILLER + "\n",
        PartialDate(2031, 1, 5),
    )
    newer = _article(
        "S2",
        "Mayor Anna Berg claims that the Calais port authority sold three tugs to a Dutch "
        "company in 2030.\n\n" + FILLER + "\n",
        PartialDate(2031, 3, 9),
    )
    asked = _asked(older, newer)
    assert len(asked) == 2
    assert "Calais" in asked[0]


def test_a_claim_by_someone_in_apposition_closes_the_apposition():
    asked = _one(
        "Jack Keane, the former chief of the Dover harbour police, claimed that dock workers "
        "had stolen more than 50 cranes since the start of the strike."
    )
    assert asked == [
        "Is it true, as Jack Keane, the former chief of the Dover harbour police, claimed, that "
        "dock workers had stolen more than 50 cranes since the start of the strike?"
    ]


def test_a_claim_by_a_body_with_its_acronym_in_brackets_has_no_stray_comma():
    asked = _one(
        "The Dover Institute of Harbour Research (DIHR) claims that harbour fees need to rise "
        "by about a tenth if the Dover ferries are to sail."
    )
    assert asked == [
        "Is it true, as the Dover Institute of Harbour Research (DIHR) claims, that harbour "
        "fees need to rise by about a tenth if the Dover ferries are to sail?"
    ]


def test_a_claim_whose_clause_lost_its_subject_is_not_asked():
    # The parser takes "between 600 and 6,000 fighters" for what the sources claimed.
    asked = _one(
        "Harbour sources claimed between 600 and 6,000 fighters were holed up inside the old "
        "port of Dover."
    )
    assert all("that were" not in q for q in asked)


def test_what_someone_has_yet_to_do_is_asked():
    assert _one("The Dover harbour council has yet to decide whether the old ferry will sail.") == [
        "Will the Dover harbour council decide whether the old ferry will sail?"
    ]


def test_the_us_is_no_pronoun():
    assert _one("Mayor Anna Berg will meet US and French envoys in Dover in May 2031.") == [
        "Will Mayor Anna Berg meet US and French envoys in Dover in May 2031?"
    ]


def test_a_question_raised_months_before_the_latest_source_is_not_asked():
    old = _article(
        "S1",
        # It names two of the leading actors, the recent claim one.
        "Mayor Anna Berg claimed that engineer Olaf Lind had sold two ferries to a French "
        "company.\n\nMayor Anna Berg met the Dover harbour board.\n",
        PartialDate(2031, 1, 10),
    )
    recent = _article(
        "S2",
        "Harbour engineer Olaf Lind claimed that the new Dover crane had been built with stolen "
        "steel.\n",
        PartialDate(2031, 9, 10),
    )
    # A claim of January is no question of September: the story as it stands is asked about.
    assert [q.split(",")[1] for q in _asked(old, recent)] == [
        " as Harbour engineer Olaf Lind claimed"
    ]
    assert [q.split(",")[1] for q in _asked(old)] == [" as Mayor Anna Berg claimed"]


def test_a_demand_made_of_someone_named_is_asked():
    assert _one(
        "Mayor Anna Berg called on Portugal to reopen the Dover ferry route to Lisbon."
    ) == ["Will Portugal reopen the Dover ferry route to Lisbon?"]
    # Advice to anyone is no demand awaiting its answer.
    assert _one("Mayor Anna Berg urged people to avoid the Dover ferry route to Lisbon.") == []


def test_an_object_that_says_what_kind_it_is_is_identified():
    assert _one(
        "Mayor Anna Berg called on Portugal to end the campaign of repression at once."
    ) == ["Will Portugal end the campaign of repression at once?"]
    # "of the harbour police" says whose, not which campaign.
    assert (
        _one("Mayor Anna Berg called on Portugal to end the campaign of the harbour police.") == []
    )


def test_a_report_on_one_subject_is_asked_with_the_verb_agreeing():
    (asked,) = _one("Portvik is thought to extend greater control over the harbour than Dover.")
    assert (
        asked == "Is it confirmed that Portvik extends greater control over the harbour than Dover?"
    )
    (asked,) = _one("Dover and Calais are said to have agreed a new ferry timetable.")
    assert asked == "Is it confirmed that Dover and Calais have agreed a new ferry timetable?"


def test_a_name_opening_a_question_keeps_its_capital():
    (asked,) = _one(
        "Euronext chief executive Ann Lee has reportedly already held private talks with the "
        "mayor of Portvik, Tom Berg.",
        "Paris-based Euronext has also said it is interested in a bid.",
    )
    assert asked.startswith("Is it confirmed that Euronext chief executive Ann Lee has")


def test_words_someone_reportedly_said_are_not_asked_with_the_attribution_at_the_end():
    text = (
        "Portvik no longer needs the loan offered by the harbour board, Finance Minister Ann "
        "Lee has reportedly said."
    )
    assert not any(q.endswith("has said?") for q in _one(text))


def test_a_plan_asked_alone_drops_what_adds_it_to_another():
    text = "Mayor Anna Berg will open the new ferry terminal in Dover in May 2031, as well."
    assert _one(text) == ["Will Mayor Anna Berg open the new ferry terminal in Dover in May 2031?"]


def test_a_plan_of_no_particular_thing_is_not_asked():
    """ "Will a 512MB card store …?": which card?"""
    assert _one("A 512MB card will store about 30 minutes of video and 420 stills.") == []
    assert _one("An own-brand anti-virus program is due to follow by the end of 2031.") == []
    # A phrase after the noun says which: "a final decision on the new ferry link".
    assert _one(
        "A final decision on the new ferry link will be made by the harbour council in May 2031."
    )


@pytest.mark.parametrize(
    "text",
    [
        # a name, not a plan's "will"
        "Will Davies, senior research fellow at the IPPR told the BBC News website.",
        # a question word before the subject: the question would lose how or what
        "Voters wonder how good a prime minister Gordon Brown will make after the election.",
        "Nobody knows what the harbour council will do about the ferry link next year.",
    ],
)
def test_a_name_called_will_or_an_indirect_question_is_no_plan_to_ask(text):
    assert not any(q.startswith("Will Davies") or " make" in q or " do " in q for q in _one(text))


def test_a_plan_with_a_guess_inside_is_not_asked():
    text = "Mayor Anna Berg will open the new ferry terminal in Dover, probably in May 2031."
    assert _one(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Anna Berg claims that the party's sums for the Dover ferry terminal do not add up.",
        "Mayor Anna Berg claims the two leaders agreed on the ferry terminal in Dover.",
    ],
)
def test_a_definite_owner_or_count_without_a_name_is_not_asked(text):
    """ "the party's sums", "the two leaders": which party, which two?"""
    assert _one(text) == []


def test_days_ago_is_not_asked():
    assert (
        _one("Mayor Anna Berg reportedly met the ferry operator Tom Holt in Dover 11 days ago.")
        == []
    )


def test_a_demand_dated_to_an_earlier_year_is_not_asked():
    demand = "the Dover Residents Association urged the Harbour Trust to close its office in Dover."
    assert _one(f"Last year {demand}") == []
    assert _one(demand[0].upper() + demand[1:]) == [
        "Will the Harbour Trust close its office in Dover?"
    ]


def test_a_year_in_a_clause_of_its_own_does_not_date_the_plan():
    text = (
        "Yugansk, which the Harbour Trust bought late last year, will operate as a separate "
        "ferry firm headed by Tom Holt in Dover."
    )
    assert _one(text) == [
        "Will Yugansk operate as a separate ferry firm headed by Tom Holt in Dover?"
    ]


def test_a_plan_its_own_article_reports_done_further_on_is_not_asked():
    demand = "The Dover Residents Association urged the Harbour Trust to close its office in Dover."
    assert _one(demand) == ["Will the Harbour Trust close its office in Dover?"]
    assert _one(demand, "The Harbour Trust has since closed all its offices in Dover.") == []


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "Mayor Anna Berg will announce something more eye-catching for the Dover ferry in May.",
            False,
        ),
        (
            "Mayor Anna Berg will propose something bigger for the Dover ferry terminal in May.",
            False,
        ),
        (
            "Mayor Anna Berg will demand higher fees for the Dover ferry terminal after the vote.",
            True,
        ),
        ("Mayor Anna Berg will appeal to a higher court in Dover in May 2031.", True),
    ],
)
def test_a_comparison_without_its_other_term_is_not_asked(text, asked):
    """ "more eye-catching", "something bigger": than what? "higher fees" is an amount, "a
    higher court" a set phrase."""
    assert bool(_one(text)) is asked


def test_a_demand_made_since_an_earlier_year_is_still_asked():
    text = (
        "Since 2009 the Dover Residents Association has urged the Harbour Trust to shut its pier."
    )
    dated = _article("S1", f"{text}\n\n{FILLER}\n", published=PartialDate(2031, 5, 1))
    assert _asked(dated) == ["Will the Harbour Trust shut its pier?"]


def test_history_its_article_tells_further_on_answers_no_plan():
    plan = "Mayor Anna Berg will open the new ferry terminal in Dover in May 2031."
    history = "Mayor Anna Berg opened the old ferry terminal in Dover in 1998."
    assert _one(plan, history) == [
        "Will Mayor Anna Berg open the new ferry terminal in Dover in May 2031?"
    ]


def test_a_definite_owner_with_the_head_named_is_asked():
    text = "The party's leader, Michael Howard, will attend the ferry debate in Dover in May 2031."
    assert _one(text) == [
        "Will the party's leader, Michael Howard, attend the ferry debate in Dover in May 2031?"
    ]
