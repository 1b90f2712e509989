"""Timeline rules on constructed sentences with the real model: tense, what counts as an event
date, self-contained entries, and the date-ranking maths on its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.analysis import Analysis, analyse
from briefer.analysis.dating import cited_with_its_days, clause_tense, sentence_mentions
from briefer.analysis.introductions import Introduction, introductions, with_roles
from briefer.analysis.sentence import Sentence
from briefer.models import Article, Certainty, PartialDate
from briefer.sections import BuildOptions
from briefer.sections.timeline import (
    MIN_AUTO,
    DayEvidence,
    RankWeights,
    auto_length,
    build_timeline,
    choose_days,
    cover_the_end,
    day_evidence,
    day_scores,
    fills,
    is_event,
    nowadays,
    standalone,
)

THURSDAY = PartialDate(2011, 1, 27)


def corpus(*texts: str, published: PartialDate = THURSDAY) -> Analysis:
    articles = tuple(
        Article(f"S{i}", Path(f"{i}.txt"), text, published=published)
        for i, text in enumerate(texts, 1)
    )
    return analyse(articles)


def only(text: str, published: PartialDate = THURSDAY) -> Sentence:
    sentences = corpus(text, published=published).sentences
    assert len(sentences) == 1, [s.text for s in sentences]
    return sentences[0]


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("The ministers met on Friday in Cairo.", "past"),
        ("The ministers have met on Friday in Cairo.", "past"),
        ("The ministers will meet on Friday in Cairo.", "future"),
        ("The ministers are expected to meet on Friday in Cairo.", "future"),
        ("The ministers meet on Friday in Cairo.", "present"),
        ("The ministers are to meet on Friday in Cairo.", "future"),  # arranged
        ("The ministers were to meet on Friday in Cairo.", "past"),  # a past's future
    ],
)
def test_clause_tense(text, tense):
    sentence = only(text)
    friday = next(t for t in sentence.span if t.text == "Friday")
    assert clause_tense(friday) == tense


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("The ministers met on Friday in Cairo, officials said.", "2011-01-21"),
        ("The ministers will meet on Friday in Cairo, officials said.", "2011-01-28"),
        ("Back to the question the host put to me on Tuesday: what should we do?", "2011-01-25"),
    ],
)
def test_weekday_follows_the_tense_of_its_sentence(text, iso):
    [mention] = sentence_mentions(only(text))
    assert mention.date.iso() == iso


# A month named without its year: the clause says on which side of publication it falls; a
# commitment's infinitive ("agreed to hold") takes the nearer side.
JANUARY_26 = PartialDate(2010, 1, 26)
SEPTEMBER_25 = PartialDate(2005, 9, 25)


@pytest.mark.parametrize(
    ("text", "published", "iso"),
    [
        ("The delegates agreed to hold a donors' conference in March.", JANUARY_26, "2010-03"),
        ("The minister welcomed the offer to host a conference in March.", JANUARY_26, "2010-03"),
        ("The minister agreed to step down in March, the party said.", SEPTEMBER_25, "2005-03"),
        (
            "The council will appoint a prime minister to lead the country until the next "
            "elections take place in December.",
            PartialDate(2005, 4, 6),
            "2005-12",
        ),
        ("Farmers need seed before the planting season begins in March.", JANUARY_26, "2010-03"),
        ("Exports rose sharply in March, the ministry said.", JANUARY_26, "2009-03"),
        ("Prices may have peaked in March, the ministry said.", JANUARY_26, "2009-03"),
        ("The two men tried to meet in March, the ministry said.", JANUARY_26, "2009-03"),
    ],
)
def test_the_year_of_a_bare_month_follows_its_clause(text, published, iso):
    [mention] = sentence_mentions(only(text, published))
    assert mention.date.iso() == iso


def test_each_sentence_resolves_against_its_own_article():
    found = corpus(
        "Officials met on Friday in the capital.", "Ministers met on Friday in the capital."
    )
    later = Article(
        "S9",
        Path("9.txt"),
        "Officials met on Friday in the capital.",
        published=PartialDate(2011, 2, 3),
    )
    both = [*found.sentences, *analyse((later,)).sentences]
    days = [sentence_mentions(s)[0].date.iso() for s in both]
    assert days == ["2011-01-21", "2011-01-21", "2011-01-28"]


def event_dates(text: str) -> list[str]:
    sentence = only(text)
    return [m.date.iso() for m in sentence_mentions(sentence) if is_event(sentence, m)]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("The director was born in 1969 in a small border town.", ["1969"]),
        ("In 1999, he was the first assistant on a small film.", []),  # nothing happened then
        ("Turnout fell from 71% in 1997 to 59% in the last vote.", []),  # the year dates a figure
        ("The journalist has been held in prison since 2017 without charge.", []),  # a state
        ("Shortly after 11 September 2001 the adviser got to work on a new plan.", []),
        # a date further down a phrase that bounds a period
        ("Forty soldiers have died in Portvik since the start of the war in March 2003.", []),
        ("The ferry sank on 3 May 2004, a week before the new timetable began.", ["2004-05-03"]),
        ("Wednesday 23 February 2005 12.14 GMT A tank moves into position.", []),  # a timestamp
        ("Posted by a reader on April 25, 2009 at 10:14 am in reply to the editor.", []),
        ("Iraq war archive: March 2003, April 2003, May 2003", []),  # a list, no verb
        ("Troops took the city on April 9 2003 and toppled the statue.", ["2003-04-09"]),
        # an earlier figure compared with, an aside in brackets, an outcome granted
        ("The agency counted 236 cases on 2 May 2009, up from 148 on 1 May 2009.", ["2009-05-02"]),
        ("The only change from 1 May 2009 is an additional 20 cases at a school.", []),
        (
            "Funds held $1.7 trillion in September 2008 (down from $1.9 trillion in June 2008).",
            ["2008-09"],
        ),
        ("However the markets trade on 3 May 2009, the reforms will continue apace.", []),
        ("Harbour fees have fallen 25 percent from their peak in 2006 to a new low.", []),
        ("No reply had come from the board by the time of going to press last night.", []),
        # the end of the period a figure covers
        ("Nordvik Lines made a profit of £75m in the three months to 31 December 2004.", []),
        ("Profits for the quarter ending 30 September 2004 rose by 12% to $1.2bn.", []),
        ("The ferry line reported a loss in the year ended 31 March 2004, its first.", []),
        ("Nordvik Lines cut its fares on 31 December 2004, up to a third.", ["2004-12-31"]),
        ("The vote in Portvik has been delayed by a month to 3 June 2004.", ["2004-06-03"]),
    ],
)
def test_what_is_an_event_date(text, events):
    assert event_dates(text) == events


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # "today" that means these days: on a noun that is no occasion, or a present state.
        ("Better rules would help in avoiding repetitions of today's predicament.", []),
        ("His story is a great advertisement for today's army, a retired officer said.", []),
        ("The army is ill-prepared for the sort of struggle it faces today.", []),
        ("The challenge facing the new government today is to rebuild the ministries.", []),
        ("In 1918, the country did not have a national health service at all.", []),
        # …but "today" on an occasion, or on something that happens, dates it.
        ("Most relatives will attend today's memorial service at the cathedral.", ["2011-01-27"]),
        ("Officials in the capital today ordered all restaurants to close.", ["2011-01-27"]),
        ("Experts from six countries today criticise the two governments.", ["2011-01-27"]),
        ("The first reports of the strain came from Kansas in 1918.", ["1918"]),
    ],
)
def test_today_as_these_days_and_a_state_in_a_year_date_no_event(text, events):
    sentence = only(text)
    dated = [m for m in sentence_mentions(sentence) if is_event(sentence, m)]
    assert [m.date.iso() for m in dated if not nowadays(sentence, m)] == events


def test_today_as_these_days_is_never_an_entry():
    analysis = corpus(
        "Better rules would help in avoiding repetitions of today's predicament, he wrote.",
        "Officials in the capital today ordered all restaurants and cinemas to close.",
    )
    entries = [e.text for e in build_timeline(analysis, BuildOptions())]
    assert entries == [
        "Officials in the capital today ordered all restaurants and cinemas to close."
    ]


# A month (and day) named without its year is an event date only where a preposition of time
# places something in it; as a name ("the lessons of September 11") the article's date cannot
# say which year it means. Published Thursday 30 June 2005.
JUNE_30 = PartialDate(2005, 6, 30)


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("Critics accused him of exploiting the sacred ground of September 11 in a speech.", []),
        ("Officials stressed that attacks, including September 11, took place before it.", []),
        ("The banks were, as of March, five major ones, the report said.", []),
        ("The poll showed the lessons of May 5 were forgotten by the voters.", []),
        ("On the night of April 8 came a vicious fire fight in the south.", ["2005-04-08"]),
        (
            "Exports fell sharply in January and February, the ministry said.",
            ["2005-01", "2005-02"],
        ),
        ("The bombers struck the city on June 7, killing dozens of people.", ["2005-06-07"]),
    ],
)
def test_a_month_without_its_year_is_an_event_date_only_where_it_places_something(text, events):
    sentence = only(text, JUNE_30)
    assert [m.date.iso() for m in sentence_mentions(sentence) if is_event(sentence, m)] == events


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("On March 17, the minister stated that the country was in breach.", []),
        ("The lawyer said his client was set to be interviewed on March 17.", ["2005-03-17"]),
        ("The minister will state on March 17 that the country is in breach.", ["2005-03-17"]),
    ],
)
def test_a_simple_past_cannot_tell_a_day_still_to_come(text, events):
    """In an article of 23 February, "On March 17, the minister stated" is no March to come:
    the nearby year is wrong, and no other can be told."""
    sentence = only(text, PartialDate(2005, 2, 23))
    assert [m.date.iso() for m in sentence_mentions(sentence) if is_event(sentence, m)] == events


@pytest.mark.parametrize(
    ("text", "published", "events"),
    [
        # the head of a list entry: the list, not the article, gives the year
        (
            "March 24: Sergeant John Smith, 33, was killed in action near the border.",
            PartialDate(2005, 5, 2),
            [],
        ),
        (
            "On March 24 Sergeant John Smith, 33, was killed in action near the border.",
            PartialDate(2005, 5, 2),
            ["2005-03-24"],
        ),
        # a day half a year or more before publication would have been given its year
        ("In his speech the president mentioned September 11 five times.", JUNE_30, []),
        ("After September 11, the president made a commitment to the people.", JUNE_30, []),
        (
            "On November 8, the army launched its biggest assault on the city.",
            PartialDate(2005, 1, 11),
            ["2004-11-08"],
        ),
    ],
)
def test_a_day_without_its_year_far_from_publication_or_heading_a_list_is_no_event(
    text, published, events
):
    sentence = only(text, published)
    assert [m.date.iso() for m in sentence_mentions(sentence) if is_event(sentence, m)] == events


_ROLL = (
    "March 21: Eight servicemen died when their helicopter crashed.\n"
    "April 6: Three soldiers were killed as troops swept into the city.\n"
    "December 26: A soldier was found dead at the base.\n"
    "January 30: Ten personnel were killed when a transport plane crashed.\n"
    "Lt Tweedie was taken to hospital on April 3 and died from his injuries on April 22."
)


@pytest.mark.parametrize(
    ("roll", "events"),
    [
        # the list wraps from December to January: it spans years it does not name
        (_ROLL, []),
        # in date order and before the article's date: the article's year holds
        (
            _ROLL.replace("December 26", "April 12").replace("January 30", "April 20"),
            ["2005-04-03", "2005-04-22"],
        ),
        # newest first, within the article's year: the article's year holds
        (
            "April 20: Ten personnel were killed when a transport plane crashed.\n"
            "April 12: A soldier was found dead at the base.\n"
            "April 6: Three soldiers were killed as troops swept into the city.\n"
            "Lt Tweedie was taken to hospital on April 3 and died from his injuries on April 22.",
            ["2005-04-03", "2005-04-22"],
        ),
    ],
)
def test_a_day_without_its_year_in_a_list_spanning_unnamed_years_is_no_event(roll, events):
    """A roll of the dead since 2003 in an article of May 2005 names no years: its "April 3"
    is not April 2005."""
    [sentence] = [
        s for s in corpus(roll, published=PartialDate(2005, 5, 2)).sentences if "Tweedie" in s.text
    ]
    assert [m.date.iso() for m in sentence_mentions(sentence) if is_event(sentence, m)] == events


def test_a_possessive_month_in_the_timeline_is_the_nearer_one():
    """ "soon after December's nationwide elections" in September 2005: December 2005."""
    text = "The first steps could be put in place soon after December's nationwide elections."
    [mention] = sentence_mentions(only(text, PartialDate(2005, 9, 25)))
    assert mention.date.iso() == "2005-12"


def pair(first: str, second: str) -> tuple[Sentence, Sentence]:
    sentences = corpus(f"{first} {second}").sentences
    assert len(sentences) == 2, [s.text for s in sentences]
    return sentences[0], sentences[1]


def test_pronoun_subject_becomes_the_name_in_brackets():
    before, sentence = pair(
        "The most prominent case is that of Sairagul Sauytbay.",
        "In June 2019, she appealed the decision of the court in Almaty.",
    )
    assert standalone(sentence, sentence.text, before) == (
        "In June 2019, [Sauytbay] appealed the decision of the court in Almaty."
    )


@pytest.mark.parametrize(
    ("text", "clause", "shown"),
    [
        (
            "Hoddle, who will work alongside Tom Berg, has been out of the game since he was "
            "sacked by the club in 2003.",
            "he was sacked by the club in 2003",
            None,
        ),
        (
            "Standing next to Mr Tom Berg, he signed the harbour treaty in Dover in 2003.",
            "he signed the harbour treaty in Dover in 2003",
            None,
        ),
        (
            "After meeting Tom Berg, he signed the harbour treaty in Dover in 2003.",
            "he signed the harbour treaty in Dover in 2003",
            None,
        ),
        (
            "When Tom Berg arrived in Dover, he signed the harbour treaty in 2003.",
            "he signed the harbour treaty in 2003",
            "[Berg] signed the harbour treaty in 2003",
        ),
        (
            "Harbour Ltd said Tom Berg would retire in 2031 after he turned 60 in 2030.",
            "he turned 60 in 2030",
            "[Berg] turned 60 in 2030",
        ),
        (
            "Fans opposed the takeover by Tom Berg since he first showed interest in the club "
            "in September 2003.",
            "he first showed interest in the club in September 2003",
            "[Berg] first showed interest in the club in September 2003",
        ),
    ],
)
def test_he_is_the_one_his_own_sentence_names(text, clause, shown):
    """Not a name in a phrase whose unsaid subject is his ("Standing next to X, he"), nor one
    when another subject is named ("Hoddle, who … alongside Berg, … since he")."""
    assert standalone(only(text), clause, None) == shown


def test_pronoun_after_a_person_told_by_role_drops_the_entry():
    """ "he" may be the prime minister as well as Mr Peston, the one person named."""
    before, sentence = pair(
        'According to Mr Peston the prime minister said: "Help me to get through the year."',
        "But he then changed his mind in June 2004, after allies in the Cabinet intervened.",
    )
    assert standalone(sentence, sentence.text, before) is None


def test_pronoun_after_another_named_subject_drops_the_entry():
    """ "He" is the subject before it, Anthony, not Lopez whose husband he became."""
    before, sentence = pair(
        "Anthony became Lopez's third husband in June 2004.",
        "He won a Grammy in 1998 and is nominated for two more this year.",
    )
    assert standalone(sentence, sentence.text, before) is None


def test_pronoun_without_a_clear_name_drops_the_entry():
    before, sentence = pair(
        "John Smith met Peter Jones in the capital.",
        "On Monday, he appealed the decision of the court.",
    )
    assert standalone(sentence, sentence.text, before) is None


@pytest.mark.parametrize(
    "text",
    [
        "The promise came after talks on Monday between the two leaders.",
        "This came after talks on Monday between the two leaders.",
        "They signed the agreement on Monday in the capital.",
        "Despite that, more than 130 people were pulled alive from the rubble on Wednesday.",
        "To do so, the harbour board must at a minimum meet the unions on Friday.",
        "Then there was anger on Monday that the harbour was run by the same few families.",
        "Instead the ministers on Monday agreed on the closest possible harbour co-operation.",
        "The latest cases came on Monday as the harbour council met in Portvik.",
        "The two rivals clashed in a rousing debate on the harbour in Portvik on Monday.",
        "The MP, elected to the council on Monday, said the harbour had been sold.",
        "Her son said he had heard her cries on Thursday morning under the harbour wall.",
        "Yesterday's report also stated that the harbour board had sold two ferries on Monday.",
        "There was no official acknowledgment of the milestone at the harbour on Monday.",
        # An object that only points back: a shell noun nothing in the sentence identifies.
        "Anna Berg announced the move, which should help 2,000 families, in Portvik on Monday.",
        "The board asked the harbour police to respond to the allegations on Wednesday.",
        "Her deputy, Lars Holm, raised the issue in the harbour council on Monday.",
        # A pronoun for object, or a subject that counts things told before.
        "The harbour council took it as its first business at the meeting on Monday.",
        "Both were closed to ferries by the harbour board in Portvik on Monday.",
        "The latter said on Monday that the harbour would be sold to the city.",
    ],
)
def test_entries_that_only_point_back_are_dropped(text):
    assert standalone(only(text), text, None) is None


@pytest.mark.parametrize(
    "text",
    [
        # The sentence tells what the shell noun refers to, or identifies it.
        "After her asylum application was denied on Monday, Anna Berg appealed the decision.",
        "Anna Berg announced the move to close the harbour on Monday in Portvik.",
        "The board asked the police to respond to the allegations of fraud on Wednesday.",
        "The harbour board's report stated on Monday that two ferries had been sold in May.",
        # The "it" stands for the clause that follows.
        "The harbour board made it clear on Monday that the ferries would be sold in May.",
        "Both ferries were sold by the harbour board in Portvik on Monday.",
    ],
)
def test_a_shell_noun_the_sentence_identifies_stands(text):
    assert standalone(only(text), text, None) is not None


def test_a_leading_conjunction_is_trimmed():
    text = "But the ministers met the envoy on Monday in Cairo."
    assert standalone(only(text), text, None) == "The ministers met the envoy on Monday in Cairo."


def test_the_citation_quotes_the_sentence_verbatim_and_only_the_text_is_edited():
    material = corpus(
        "The most prominent case is that of Sairagul Sauytbay. "
        "In June 2019, she appealed the decision of the court in Almaty."
    )
    [event] = build_timeline(material, BuildOptions())
    assert event.text.startswith("In June 2019, [Sauytbay] appealed")
    assert event.citations[0].quote == (
        "In June 2019, she appealed the decision of the court in Almaty."
    )


def test_an_entry_cites_the_reports_of_its_event_not_others_of_its_day():
    """Two reports of the team's landing are cited; a sentence sharing only the day is not."""
    landed = "A British rescue team with heavy lifting gear landed in Port-au-Prince on Tuesday."
    again = "The British rescue team with its heavy lifting gear landed in Haiti on Tuesday."
    other = "The last contact we had was on Tuesday."
    events = build_timeline(corpus(landed, again, other), BuildOptions())
    cited = {c.quote for e in events for c in e.citations if "rescue team" in e.text}
    assert cited == {landed, again}


# ------------------------------------------------------------------ the ranking maths

D = dt.date(2010, 1, 12)


def test_day_evidence_counts_sentences_sources_lateness_and_publication():
    pointers = [
        (D, "S1", D),
        (D, "S1", D),
        (D, "S2", D + dt.timedelta(days=3)),
        (D + dt.timedelta(days=1), "S3", None),
    ]
    evidence = day_evidence(pointers, [D, D, D + dt.timedelta(days=5)])
    assert evidence[D].sentences == 3
    assert evidence[D].sources == 2
    assert evidence[D].published == 2
    assert evidence[D].later == pytest.approx(1.3862943)  # log(1 + 3): one source, 3 days on
    assert evidence[D + dt.timedelta(days=5)].sources == 0
    assert evidence[D + dt.timedelta(days=5)].published == 1


def test_day_scores_are_relative_to_the_material():
    small = {D: DayEvidence(2, 1, 0.0, 0), D + dt.timedelta(days=1): DayEvidence(1, 1, 0.0, 0)}
    big = {d: DayEvidence(e.sentences * 10, e.sources * 10, 0.0, 0) for d, e in small.items()}
    weights = RankWeights(sentences=1.0, later=0.0, published=0.0, outside=1.0)
    assert day_scores(small, weights) == pytest.approx(day_scores(big, weights))
    assert day_scores(small, weights)[D] > day_scores(small, weights)[D + dt.timedelta(days=1)]


def test_days_outside_the_span_are_weighted():
    evidence = {D: DayEvidence(1, 1, 0.0, 0, inside=False)}
    assert day_scores(evidence, RankWeights(0, 0, 0, outside=0.5))[D] == pytest.approx(0.5)


def test_auto_length_grows_with_span_and_density():
    def story(days: int, supported: int) -> dict[dt.date, DayEvidence]:
        evidence = {D + dt.timedelta(days=i): DayEvidence(1, 0, 0.0, 1) for i in range(days)}
        for i in range(supported):
            day = D + dt.timedelta(days=i) if supported <= days else D - dt.timedelta(days=i)
            evidence[day] = DayEvidence(3, 2, 0.0, int(i < days))
        return evidence

    week, year = auto_length(story(7, 40)), auto_length(story(365, 200))
    assert week < 25
    assert 30 < year < 100
    assert auto_length(story(365, 12)) < year  # a sparse year needs fewer entries


def _month_of_single_sources() -> dict[dt.date, DayEvidence]:
    """Articles on the first and last of 60 days; one source each points at 30 days between
    them and at 20 days years before them."""
    evidence = {D: DayEvidence(published=1), D + dt.timedelta(days=59): DayEvidence(published=1)}
    for i in range(1, 31):
        evidence[D + dt.timedelta(days=i)] = DayEvidence(1, 1, 0.0, 0)
    for i in range(20):
        evidence[D - dt.timedelta(days=1000 + i)] = DayEvidence(1, 1, 0.0, 0, inside=False)
    return evidence


def test_auto_length_counts_the_days_one_source_points_at_within_the_span():
    assert auto_length(_month_of_single_sources()) == 30


def test_undated_material_has_no_span_to_corroborate_a_day():
    pointers = [(D + dt.timedelta(days=i), f"S{i}", None) for i in range(30)]
    pointers += [(D - dt.timedelta(days=1), "S1", None), (D - dt.timedelta(days=1), "S2", None)]
    evidence = day_evidence(pointers, [])
    assert not any(e.inside for e in evidence.values())
    assert auto_length(evidence) == MIN_AUTO  # one day two sources point at; the least length


def test_unless_told_a_size_a_day_one_source_points_at_outside_the_span_is_left_out():
    evidence = _month_of_single_sources()
    told = {d for d, e in evidence.items() if e.sources}
    inside = {d for d in told if evidence[d].inside}
    assert set(choose_days(evidence, told, set(), 40, fill=False)) == inside
    filled = choose_days(evidence, told, set(), 40, fill=True)
    assert len(filled) == 40
    assert inside < set(filled)


def test_thin_material_or_a_size_told_fills_with_uncorroborated_days():
    evidence = _month_of_single_sources()
    told = {d for d, e in evidence.items() if e.sources}
    outside = {d for d in told if not evidence[d].inside}
    assert not fills(evidence, told, told_a_size=False)
    assert fills(evidence, told, told_a_size=True)
    few = outside | set(sorted(told - outside)[:5])  # five corroborated days, twenty not
    assert fills(evidence, few, told_a_size=False)


def test_cover_the_end_keeps_the_latest_days():
    days = [D + dt.timedelta(days=i) for i in range(30)]
    chosen = days[:5]
    kept = cover_the_end(chosen, [*chosen, days[29], days[28]], days[29], 30)
    assert days[29] in kept
    assert len(kept) == 5
    assert cover_the_end(days[25:30], days, days[29], 30) == days[25:30]


def test_the_last_tenth_of_the_span_holds_its_share_of_the_days():
    """A year of news with 20 days chosen: the last tenth holds two of them, days a dated event
    tells, in the places of the weakest chosen."""
    days = [D + dt.timedelta(days=i) for i in range(365)]
    chosen = days[0:200:10]  # 20 days, best first, none in the last tenth
    late = [days[340], days[350], days[360]]
    told = set(chosen) | {days[340], days[360]}
    kept = cover_the_end(chosen, [*chosen, *late], days[364], 365, told)
    assert len(kept) == 20
    assert set(kept) - set(chosen) == {days[340], days[360]}
    assert set(chosen) - set(kept) == {days[180], days[190]}


@pytest.mark.parametrize(
    "text",
    [
        "At 6:53 P.M. on Jan 13, 2010, Jessica Clark wrote: my thoughts are with the people.",
        "Here is the full list of those who died: March 21:",
        "Today is a sad day for the country, and tomorrow might be worse.",
    ],
)
def test_comment_stamps_list_heads_and_dates_as_subjects_are_not_events(text):
    assert event_dates(text) == []


def test_an_adverb_opener_is_trimmed_only_when_it_stands_apart():
    text = "However things go on the markets today, the reform will continue apace."
    kept = standalone(only(text), text, None)
    assert kept is None or kept.startswith("However things go")


def test_a_fragment_without_its_own_verb_is_dropped():
    text = "The takeover of the two lenders by the government on Sept. 9 in Washington."
    assert standalone(only(text, PartialDate(2008, 9, 20)), text, None) is None


@pytest.mark.parametrize(
    "text",
    [
        "The crew member who flew out to Mexico on 20 April with the team",
        "The group that traveled with the president to Mexico on April 16",
    ],
)
def test_a_name_with_its_relative_clause_stands(text):
    sentence = only(f"{text} was tested.", PartialDate(2009, 4, 27))
    assert standalone(sentence, text, None) == text


def test_a_weekday_on_a_noun_keeps_the_past_whatever_the_main_verb():
    text = (
        "The daily toll passes almost unnoticed now: a judge on Tuesday, five policemen on Monday."
    )
    days = [m.date.iso() for m in sentence_mentions(only(text, PartialDate(2005, 3, 4)))]
    assert days == ["2005-03-01", "2005-02-28"]


# ------------------------------------------------------------------ days the sources reported


def reports(*dated: tuple[PartialDate, str]) -> Analysis:
    articles = tuple(
        Article(f"S{i}", Path(f"{i}.txt"), text, published=published)
        for i, (published, text) in enumerate(dated, 1)
    )
    return analyse(articles)


def test_told_more_days_than_dated_the_busiest_publication_days_fill_in_marked_reported():
    monday, tuesday, friday = PartialDate(2011, 1, 24), PartialDate(2011, 1, 25), THURSDAY
    material = reports(
        (friday, "The central bank raised its main interest rate on Wednesday in Frankfurt."),
        (monday, "Thousands of protesters marched through the capital against the new tax law."),
        (monday, "The finance minister defended the tax law in a long speech to parliament."),
        (tuesday, "The opposition party asked the court to suspend the new tax law at once."),
    )
    told = build_timeline(material, BuildOptions(timeline_size=2))
    assert [(e.date.iso(), e.certainty) for e in told] == [
        ("2011-01-24", Certainty.REPORTED),  # the busiest publication day, no stated date
        ("2011-01-26", Certainty.INFERRED),  # "on Wednesday" before a Thursday's publication
    ]
    reported = told[0]
    assert reported.citations[0].quote == reported.text  # a lead sentence quoted verbatim
    assert reported.citations[0].source in ("S2", "S3")
    # Never more than asked, and the automatic length invents no reported day.
    assert len(build_timeline(material, BuildOptions(timeline_size=1))) == 1
    assert all(e.certainty != Certainty.REPORTED for e in build_timeline(material, BuildOptions()))


def test_a_lead_naming_another_day_does_not_tell_its_publication_day():
    material = reports(
        (THURSDAY, "The central bank raised its main interest rate on Wednesday in Frankfurt."),
        (
            PartialDate(2011, 1, 24),
            "Protesters marched through the capital on Friday, police said.",
        ),
    )
    told = build_timeline(material, BuildOptions(timeline_size=3))
    # The 24th's only sentence names Friday the 21st: it cannot tell the 24th; and the 21st,
    # outside the sources' span and named by one source, gives way when the material is thin.
    assert [(e.date.iso(), e.certainty) for e in told] == [("2011-01-26", Certainty.INFERRED)]
    auto = build_timeline(material, BuildOptions())
    assert [e.date.iso() for e in auto] == ["2011-01-21", "2011-01-26"]


@pytest.mark.parametrize(
    "lead",
    [
        "Why did the markets of the whole region fall so hard at the opening bell?",
        "Which is why the finance minister of the country was asked to resign.",
        "A trader in the capital pauses Friday to make a call to his bank.",
        "The harbour pilot Anna Berg was last week awarded a medal for bravery at sea.",
        "A fact highlighted this week when the mayor called for the harbour to be closed.",
        # A state, however much its clauses tell of things done, is no event of the day.
        "One of the saddest aspects of the closure is that the ferries have now gone for good.",
    ],
)
def test_a_question_a_dangling_clause_or_an_unresolved_weekday_tells_no_day(lead):
    material = reports(
        (THURSDAY, "The central bank raised its main interest rate on Wednesday in Frankfurt."),
        (PartialDate(2011, 1, 25), lead),
    )
    told = build_timeline(material, BuildOptions(timeline_size=2))
    assert [e.certainty for e in told] == [Certainty.INFERRED]


@pytest.mark.parametrize(
    ("named", "text", "dated"),
    [
        # Two articles write "September 11 2001": "comments on September 11" names that day.
        (True, "Senator Mark Bell hit the wrong note with his comments on September 11.", False),
        (False, "Senator Mark Bell hit the wrong note with his comments on September 11.", True),
        # An anniversary is an event of its own year.
        (True, "Ten thousand people marched through the city on September 11 in silence.", True),
    ],
)
def test_a_day_the_sources_write_with_an_earlier_year_names_that_date(named, text, dated):
    published = PartialDate(2005, 9, 20)
    history = [
        (published, f"The attacks of September 11 2001 changed the city of {city} for good.")
        for city in ("Boston", "Denver")
    ]
    material = reports(
        *(history if named else []),
        (published, text),
        (published, "Governor Ann Ray signed the state budget into law on September 14 2005."),
    )
    days = [e.date.iso() for e in build_timeline(material, BuildOptions())]
    assert ("2005-09-11" in days) is dated
    assert "2005-09-14" in days


def test_the_page_marks_a_reported_day_so_it_is_not_read_as_a_stated_date():
    from briefer.models import Briefing
    from briefer.pipeline import build_sections
    from briefer.render import render_html
    from briefer.sections import resolve_sections

    material = reports(
        (THURSDAY, "The central bank raised its main interest rate on Wednesday in Frankfurt."),
        (PartialDate(2011, 1, 24), "Thousands of protesters marched through the capital city."),
    )
    options = BuildOptions(timeline_size=2)
    built = build_sections(material, resolve_sections(["timeline"]), options)
    html = render_html(Briefing("t", material.articles, built))
    assert 'title="the day the sources reported it; the text gives no date">reported<' in html
    assert "Reported: the day the sources reported it" in html
    plain = build_sections(material, resolve_sections(["timeline"]), BuildOptions())
    assert ">reported<" not in render_html(Briefing("t", material.articles, plain))


# ------------------------------------------------------------------ one date's reports merged


def _merge_by_scanning(group):
    """The reference: each report joins the first event whose first report makes its point."""
    from briefer.analysis.text import same_point

    events = []
    for candidate in group:
        match = next((e for e in events if same_point(candidate.words, e[0].words)), None)
        if match is None:
            events.append([candidate])
        else:
            match.append(candidate)
    return sorted(events, key=lambda e: -len({m.sentence.passage for m in e}))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from("abcdefgh"), max_size=5), max_size=30))
def test_merging_by_shared_words_groups_as_a_full_scan_does(word_sets):
    """The word index only skips events that share no word, which can never make the same
    point: the groups, and their order, are those of comparing every pair."""
    from types import SimpleNamespace

    from briefer.sections.timeline import _merge

    group = [
        SimpleNamespace(words=words, sentence=SimpleNamespace(passage=n))
        for n, words in enumerate(word_sets)
    ]
    assert _merge(group) == _merge_by_scanning(group)


def test_a_sentence_naming_several_days_is_one_entry():
    """ "… killed yesterday, 13 soldiers on Wednesday, a judge on Tuesday": one entry, not the
    same sentence under three days; a day another report tells keeps its own entry."""
    drip = (
        "The slaughter goes on: five policemen were killed in two car bombs yesterday, "
        "13 soldiers were killed on Tuesday and a judge was shot dead on Monday."
    )
    judge = "A judge was shot dead outside his home in the capital on Monday."
    events = build_timeline(corpus(drip, judge), BuildOptions())
    texts = [e.text for e in events]
    assert len(texts) == len(set(texts))
    assert sum(text.startswith("The slaughter goes on") for text in texts) == 1
    assert any(e.date == PartialDate(2011, 1, 24) and e.text == judge for e in events)


def test_a_later_clause_takes_the_subject_it_shares_in_brackets():
    text = (
        "Corporal Anna Berg was taken to hospital on Monday but died from her injuries on "
        "Wednesday."
    )
    sentence = only(text)
    wednesday = next(m for m in sentence_mentions(sentence) if m.date.day == 26)
    clause = sentence.text[sentence.text.index("died") :].rstrip(".")
    assert standalone(sentence, clause, None) == f"[Corporal Anna Berg] {clause}"
    entries = [e.text for e in build_timeline(corpus(text), BuildOptions())]
    assert f"[Corporal Anna Berg] {clause}" in entries or text in entries
    assert "Died from her injuries on Wednesday" not in entries
    assert wednesday.date == PartialDate(2011, 1, 26)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # An undated "but" clause qualifies the dated one: the entry keeps it.
        (
            "Six men have been arrested in Leeds under the Terrorism Act, police said on "
            "Monday, but a police source said the arrests were not linked to the July 7 attacks.",
            "Six men have been arrested in Leeds under the Terrorism Act, police said on "
            "Monday, but a police source said the arrests were not linked to the July 7 attacks.",
        ),
        # A "but" clause dated itself is another event: each clause is its own entry.
        (
            "Corporal Anna Berg was taken to hospital on Monday but died from her injuries on "
            "Wednesday.",
            "Corporal Anna Berg was taken to hospital on Monday",
        ),
        # So is one whose reported clause is dated.
        (
            "Sergeant Tom Hale was arrested in Basra on Monday, but his lawyer said he was "
            "released without charge on Wednesday.",
            "Sergeant Tom Hale was arrested in Basra on Monday",
        ),
    ],
)
def test_a_clause_cut_at_but_only_where_what_follows_is_dated(text, entry):
    monday = [e.text for e in build_timeline(corpus(text), BuildOptions()) if e.date.day == 24]
    assert monday == [entry]


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        # The date is of the deed that names the men, not of their claim.
        (
            "Two of the men accused of taking part in the failed attacks on the harbour on "
            "Monday have claimed the plot was inspired by the war.",
            False,
        ),
        (
            "Two men took part in the failed attacks on the harbour on Monday, the police "
            "said in a statement.",
            True,
        ),
        # Nor is a date of what befell a noun, set off by commas, the sentence's.
        (
            "The motives of the bombers, arrested in Rome on Monday, have been revealed by "
            "one of them in a letter to his family.",
            False,
        ),
        (
            "Hussain Osman, arrested in Rome on Monday, has revealed how the bombers watched "
            "hours of footage from the war.",
            False,
        ),
        (
            "The police arrested Hussain Osman in Rome on Monday, and he has since revealed how "
            "the bombers watched hours of footage from the war.",
            True,
        ),
        # The sentence tells the aside's deed itself, or a deed of the same day.
        (
            "A Unicef report, published on Monday, found that many children in Portvik go hungry.",
            True,
        ),
        ("A ferry, hijacked off Portvik on Monday, landed its passengers safely in Nordvik.", True),
    ],
)
def test_a_date_of_the_deed_someone_is_accused_of_dates_no_entry(text, dated):
    days = [e.date.day for e in build_timeline(corpus(text), BuildOptions())]
    assert (24 in days) is dated


def test_a_bare_definite_subject_the_story_seldom_names_needs_its_article():
    """ "The van was stopped …": which van? Told before, in its own article. "The government"
    is named across the story: a reader knows which."""
    events = build_timeline(
        corpus(
            "The van was stopped by the police outside the harbour office on Monday.",
            "The government met the harbour board on Tuesday to discuss the ferry fares.",
            "The government said the ferry fares would not rise this year.",
            "Officials said the government would review the harbour budget in the spring.",
            "Ferry fares rose by a tenth last year, the harbour board said.",
        ),
        BuildOptions(),
    )
    texts = [e.text for e in events]
    assert not any(t.startswith("The van") for t in texts)
    assert any(t.startswith("The government met") for t in texts)


# ------------------------------------------------------------------ the same event a week apart


MONDAY_AFTER, SUNDAY_LATER = PartialDate(2010, 1, 25), PartialDate(2010, 1, 31)
RIDE = "{} rode his bike five miles around the park in Portvik on Sunday to raise money for it."


def test_the_same_event_a_week_later_is_the_one_its_first_source_told():
    material = reports(
        (MONDAY_AFTER, RIDE.format("Charlie")), (SUNDAY_LATER, RIDE.format("Charlie Berg"))
    )
    assert [e.date.iso() for e in build_timeline(material, BuildOptions())] == ["2010-01-24"]


def test_an_event_that_recurs_a_week_later_keeps_both_days():
    again = RIDE.format("Charlie Berg").replace(" on Sunday", " again on Sunday")
    material = reports((MONDAY_AFTER, RIDE.format("Charlie")), (SUNDAY_LATER, again))
    days = [e.date.iso() for e in build_timeline(material, BuildOptions())]
    assert days == ["2010-01-24", "2010-01-31"]


def test_a_plan_in_the_words_of_last_week_s_event_keeps_its_day():
    met = "The harbour board met the ferry workers in Portvik on Friday to discuss pay."
    plan = "The harbour board will meet the ferry workers in Portvik on Friday to discuss pay."
    material = reports((MONDAY_AFTER, met), (PartialDate(2010, 1, 27), plan))
    days = [e.date.iso() for e in build_timeline(material, BuildOptions())]
    assert days == ["2010-01-22", "2010-01-29"]


def test_a_date_that_only_dates_a_noun_tells_no_entry():
    text = "Up to 200 people may have died in the storm that struck last Tuesday."
    material = corpus(text, "The ferry service was suspended on Wednesday by the harbour board.")
    assert [e.text for e in build_timeline(material, BuildOptions())] == [
        "The ferry service was suspended on Wednesday by the harbour board."
    ]


def test_a_caption_run_into_the_lead_tells_no_entry():
    glued = (
        "Hundreds are dead or missing in Vessa Caricom has joined the world on Monday in "
        "trying to work out how it can help the island after the storm."
    )
    material = corpus(glued, "The harbour board met the ferry workers on Tuesday in Portvik.")
    assert material.sentences[0].garbled
    entries = [e.text for e in build_timeline(material, BuildOptions())]
    assert entries == ["The harbour board met the ferry workers on Tuesday in Portvik."]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # told as done, but the day named without its year is still to come: which year?
        ("The minister read out an answer issued under his name on March 17.", []),
        ("On March 17, the minister stated the ferry would sail.", []),
        ("The minister said he did not write the answer on March 17.", []),
        ("The answer was issued under his name on March 17.", []),
        # scheduled: the day to come is meant
        ("The council has a meeting scheduled for March 17 in the town hall.", ["2005-03-17"]),
        ("The vote was set for March 17 after a long debate.", ["2005-03-17"]),
        ("The ferry company issued a new timetable on February 17.", ["2005-02-17"]),
    ],
)
def test_a_day_without_its_year_told_as_past_is_not_still_to_come(text, events):
    sentence = only(text, PartialDate(2005, 2, 23))
    assert [m.date.iso() for m in sentence_mentions(sentence) if is_event(sentence, m)] == events


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # a relative clause is told with its noun only when the noun says which one it is
        (
            "Critics blamed the harbour board, which last Monday alone sold four old ferries to "
            "a French company.",
            True,
        ),
        (
            "Critics blamed this crisis, which last Monday alone wiped away the value of four "
            "old ferries.",
            False,
        ),
        (
            "The inquiry looked at a separate case, which the board revealed last Monday in a "
            "short statement.",
            False,
        ),
    ],
)
def test_a_relative_clause_needs_a_noun_that_says_which(text, told):
    events = build_timeline(corpus(text), BuildOptions())
    assert any(e.text.startswith("[") or "…" in e.text for e in events) is told


def test_a_plan_whose_date_passed_unreported_is_printed_unconfirmed():
    """ "Planned" must not read as "happened" when later sources are silent on it; a plan still
    ahead of the latest source is not flagged."""
    from briefer.models import Briefing
    from briefer.pipeline import build_sections
    from briefer.render import render_html
    from briefer.sections import resolve_sections

    plan = (
        PartialDate(2011, 1, 24),
        "The foreign minister Anna Berg will visit the capital on Friday.",
    )
    rates = (THURSDAY, "The central bank raised its main interest rate on Wednesday in Frankfurt.")
    march = (PartialDate(2011, 2, 3), "Thousands of protesters marched through the capital city.")

    def page(material: Analysis) -> str:
        built = build_sections(material, resolve_sections(["timeline"]), BuildOptions())
        assert [e.kind for e in built[0].items if "Berg" in e.text] == ["plan"]
        return render_html(Briefing("t", material.articles, built))

    unconfirmed = "Unconfirmed: no later source reports whether it took place."
    assert page(reports(plan, rates, march)).count(unconfirmed) == 1  # Friday 28th has passed
    assert unconfirmed not in page(reports(plan, rates))  # the latest source is the 27th


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        # A present that reports no one's words is a view or a state, not the dated event.
        ("Anna Berg is not responsible for the 50 dead and 700 injured on Monday.", 0),
        (
            "The daily toll of the strike passes almost unnoticed now, after 13 arrests on Monday.",
            0,
        ),
        ("The harbour strike of Monday dominates Thursday's papers in Portvik and Brest.", 0),
        # The news's own present, a report of words, a past: entries.
        ("Experts from six ports today castigate the harbour board for its silence.", 1),
        ("The harbour board says the dock workers voted to strike on Monday.", 1),
        ("The dock workers voted to strike on Monday after the talks in Portvik failed.", 1),
        ("The harbour council meets on Friday to decide the future of the Portvik docks.", 1),
    ],
)
def test_a_present_view_is_no_dated_event(text, entries):
    assert len(build_timeline(corpus(text), BuildOptions())) == entries


@pytest.mark.parametrize(
    "text",
    [
        "Today is Portvik, but tomorrow might be another harbour town on the coast.",
        "Senior officers fear there could be a third strike at the harbour on Thursday.",
        "The harbour chief may resign on Friday if the dock workers stay out on strike.",
    ],
)
def test_a_conjecture_is_no_dated_entry(text):
    assert build_timeline(corpus(text), BuildOptions()) == ()


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("The harbour board has closed the port of Portvik to all cargo ships.", True),
        ("Harbour officials say the damage to the port of Portvik will take months to mend.", True),
        ("The harbour board closed the port of Portvik to all cargo ships on Thursday.", True),
        # An undated past may tell any earlier day; a view or a state tells none.
        ("Anna Berg was in a meeting with the board when the harbour office collapsed.", False),
        ("Leaders must avoid the temptation to agonise over who caused the harbour crisis.", False),
        ("Now, in more and more ports of the region, there is acceptance of the new rules.", False),
    ],
)
def test_a_day_is_told_by_a_lead_only_in_the_form_of_news(text, news):
    from briefer.sections.timeline import _news_lead

    assert _news_lead(only(text)) is news


@pytest.mark.parametrize(
    ("before", "dated"),
    [
        # A retelling of 1996: "on June 26" is not June of the year it was published.
        (
            "In 1996 the coup plot in Portvik collapsed. By July 1996 the plotters had fled. "
            "The inquiry of 1996 blamed the harbour police.",
            [],
        ),
        # One past year named in passing leaves the day in the year of publication.
        ("The harbour was built in 1996 and rebuilt after the storm.", ["2010-06-26"]),
    ],
)
def test_a_day_without_its_year_in_a_retelling_of_another_year_is_no_event(before, dated):
    text = f"{before} On June 26, the harbour master Anna Berg resigned over the ferry sale."
    material = corpus(text, published=PartialDate(2010, 9, 28))
    days = [e.date.iso() for e in build_timeline(material, BuildOptions()) if e.date.day]
    assert days == dated


def test_a_date_after_since_dates_what_began_the_period_not_the_sentence():
    text = "The council has spent more than £3bn on the harbour since Labour won power in 1997."
    events = build_timeline(corpus(text), BuildOptions())
    assert [(e.date.iso(), e.text) for e in events] == [("1997", "Labour won power in 1997")]


def test_a_date_under_a_relative_clause_dates_that_clause():
    text = (
        "Her aides say she wants to learn more about the island's school policies, which "
        "included introducing free lunches in early 2003."
    )
    (event,) = build_timeline(corpus(text), BuildOptions())
    assert event.date.iso() == "2003"
    assert event.text.startswith("The island's school policies … which included introducing")


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # A name takes the place of the pronoun subject of its relative clause.
        (
            "The union praised Anna Berg, who sold four old ferries to a French company in 2003.",
            "[Anna Berg] sold four old ferries to a French company in 2003.",
        ),
        # "which" may stand for a whole clause, and a name after a preposition may not be who
        # the clause is about: no name put in the pronoun's place.
        ("Rebels blew up the pipeline near Kirkuk, which sent oil prices up 5% in 2003.", None),
        ("A lawyer for Anna Berg, who was abducted in Portvik in 2003, spoke on Monday.", None),
        (
            "Their daughter, Anna Berg, who left Portvik for Oslo in 2003, spoke on Monday.",
            "[Anna Berg] left Portvik for Oslo in 2003.",
        ),
        # Whose ferry it is, the sentence before says: no entry.
        (
            "The union praised its new Nordvik ferry, which entered service on the route in 2003.",
            None,
        ),
    ],
)
def test_a_name_takes_the_place_of_its_relative_pronoun(text, entry):
    events = build_timeline(corpus(text), BuildOptions())
    told = [e.text for e in events if e.date.iso() == "2003"]
    assert told == [entry] if entry else not any(t.startswith("[") for t in told)


def told_on_a_day_articles_speak_from(lead: str) -> list[str]:
    """The entries of 20 January, a day three pieces opening with `lead` speak from ("today's
    predicament") among 26 days one source dates each: it ranks first, told only by a lead."""
    opinions = [
        f"{lead} Better rules would help in avoiding repetitions of today's predicament {where}."
        for where in ("in the north", "in the south", "on the coast")
    ]
    dated = [
        (
            PartialDate(2011, 1, 31),
            f"The council of district {day} approved its new harbour budget on {day} January 2011.",
        )
        for day in range(1, 28)
        if day != 20
    ]
    material = reports(*dated, *[(PartialDate(2011, 1, 20), text) for text in opinions])
    entries = build_timeline(material, BuildOptions())
    return [e.text for e in entries if e.date == PartialDate(2011, 1, 20)]


@pytest.mark.parametrize(
    ("lead", "told"),
    [
        # An opinion piece opens on a view, not on the news of its day.
        ("Martyrdom was an astonishingly effective propaganda tool for the rebels.", False),
        ("The rebels have seized the northern port of Kalda after a week of fighting.", True),
    ],
)
def test_a_day_chosen_because_articles_speak_from_it_is_told_only_by_a_news_lead(lead, told):
    """Only a lead in the form of the day's news may tell it."""
    assert told_on_a_day_articles_speak_from(lead) == ([lead] if told else [])


@pytest.mark.parametrize(
    ("lead", "told"),
    [
        # "The van": a bare "the N" the story never names was introduced in a lost context.
        ("The van has been stopped by police officers on the coast road near Kalda.", False),
        ("A delivery van has been stopped by police officers on the coast road near Kalda.", True),
    ],
)
def test_a_lead_telling_its_day_stands_alone(lead, told):
    """A lead leaning on what its article told before tells nothing; an article's opening has
    nothing before it ("The storm has killed …" opens its story)."""
    opening = (
        "Storm Kai hits Kalda. Storm Kai hit the harbour towns of the south coast of Kalda "
        "overnight."
    )
    assert told_on_a_day_articles_speak_from(f"{opening} {lead}") == ([lead] if told else [])
    assert told_on_a_day_articles_speak_from(lead) == [lead]


def test_a_busy_days_second_event_is_one_more_than_one_source_tells():
    """A day's second entry is an event two sources report, not a sentence of one source that
    names the day twice."""
    towns = "Arden Bexley Corby Dorset Ely Frome Goole Hythe Ilkley Jarrow Kendal Leek Malton"
    things = "bridge school library harbour museum tramway hospital stadium market canal park"
    fillers = [
        f"The {town} council approved a new {thing} on January {day}, 2011."
        for day, (town, thing) in enumerate(
            zip(towns.split()[:12] * 2, things.split() * 3, strict=False), 1
        )
    ]
    busy = [
        "Army engineers reopened the main port road on Wednesday after clearing debris.",
        "Soldiers on Wednesday reopened the main port road after clearing debris from it.",
        "Rescuers pulled a boy alive from the rubble of the cathedral in the capital on Wednesday.",
        "On Wednesday rescuers pulled a boy alive from the cathedral rubble in the capital.",
        "Two nurses were flown to the capital on Wednesday with medical supplies for the "
        "wounded, the health minister of the country said late on Wednesday.",
    ]
    material = corpus(*fillers, *busy)
    wednesday = PartialDate(2011, 1, 26)
    entries = [e for e in build_timeline(material, BuildOptions()) if e.date == wednesday]
    assert len(entries) == 2
    assert all(len({c.source for c in e.citations}) == 2 for e in entries)


def test_a_month_before_the_span_is_told_only_by_an_event_two_sources_tell():
    """Of March 2010, before articles of January 2011, two sources tell the port's opening; the
    asides of one source each (a prize, a wedding) are no background."""
    towns = "Arden Bexley Corby Dorset Ely Frome Goole Hythe Ilkley Jarrow Kendal Leek Malton"
    things = "bridge school library harbour museum tramway hospital stadium market canal park"
    fillers = [
        f"The {town} council approved a new {thing} on January {day}, 2011."
        for day, (town, thing) in enumerate(
            zip(towns.split()[:12] * 3, things.split() * 4, strict=False), 1
        )
        if day <= 31
    ]
    background = [
        "The new container port of Kalda opened to shipping in March 2010 after six years.",
        "Kalda's container port opened to shipping in March 2010, six years after work began.",
        "The mayor of Kalda, who won a poetry prize in March 2010, said nothing.",
        "The harbour master married the mayor's cousin in March 2010 in a quiet ceremony.",
    ]
    material = corpus(*fillers, *background)
    march = PartialDate(2010, 3)
    entries = [e for e in build_timeline(material, BuildOptions()) if e.date == march]
    assert [len({c.source for c in e.citations}) for e in entries] == [2]
    assert "port" in entries[0].text


@pytest.mark.parametrize(
    ("text", "stands"),
    [
        ("Parts of the song were recorded in London on Tuesday.", False),
        ("The song was recorded in London on Tuesday.", False),
        ("Parts of the harbour were flooded on Tuesday.", True),  # the story's own harbour
        ("Parts of a new song were recorded in London on Tuesday.", True),
    ],
)
def test_a_part_of_a_thing_the_story_seldom_names_points_back_as_the_thing_does(text, stands):
    """A bare "the song" the story names nowhere else was told before in its article; so was
    the song of "Parts of the song"."""
    sentence = only(text)
    familiar = frozenset({"harbour", "part", "london"})
    assert (standalone(sentence, text, None, familiar) is not None) is stands


@pytest.mark.parametrize(
    ("text", "stands"),
    [
        ("Police said the three men were arrested in Portvik on Monday.", False),
        ("The mayor announced on Monday that the move had been a mistake.", False),
        ("Police said the harbour was closed to ferries on Monday.", True),  # the story's own
        ("The lawyer said his client was questioned by police on Monday.", True),
        ("Police said three men were arrested in Portvik on Monday.", True),
        ("Police said the three Swedish men were arrested in Portvik on Monday.", True),
        # A noun that may name what the sentence names, or one its own clause identifies.
        ("Arsenal vice-chairman David Dein said on Monday the club may sell shares.", True),
        ("Ms Byrs said on Monday the decision to end the rescue was heartbreaking.", True),
    ],
)
def test_what_a_source_reports_of_someone_told_before_does_not_stand_alone(text, stands):
    """The subject of a reported clause counts as the entry's own: "the three men", "the move"
    name ones the article told before; "the three Swedish men" says enough."""
    sentence = only(text)
    familiar = frozenset({"harbour", "police", "ferry", "mayor", "lawyer", "client"})
    assert (standalone(sentence, text, None, familiar) is not None) is stands


def test_a_relative_clause_on_a_thing_told_before_is_no_entry():
    text = "Nicola Sturgeon said the van which left Portvik on Monday had been found."
    sentence = only(text)
    clause = "the van which left Portvik on Monday"
    assert standalone(sentence, clause, None, frozenset({"harbour"})) is None
    assert standalone(sentence, clause, None, frozenset({"van"})) is not None


@pytest.mark.parametrize(
    ("text", "told_before"),
    [
        ("The research suggests the harbour will close in May.", True),
        ("Parts of the report were leaked to the harbour board.", True),
        ("The harbour will close in May, the board said.", False),  # the story's own harbour
        ("New research suggests the harbour will close in May.", False),
        # An aside does not say which; a clause joined to the main one has its own subject.
        ("The letter, dated 18 May 2024, says the harbour will close.", True),
        ("The letter dated 18 May 2024 says the harbour will close.", False),
        ("The harbour will close in May, but the writer is well qualified to know.", True),
        ("The harbour will close in May, but the board is not worried.", False),
        ("The board cut its ferry fares in May, and the move sparked a price war.", False),
        ("The study, published in the Lancet in May, says the harbour will close.", False),
    ],
)
def test_a_main_subject_the_story_seldom_names_was_told_before_in_its_article(text, told_before):
    """What the key points and the background read without the article before them."""
    from briefer.sections.timeline import subject_told_before

    assert subject_told_before(only(text), frozenset({"harbour", "board"})) is told_before


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        (
            "The harbour board closed the ferry terminal yesterday after the storm.",
            "The harbour board closed the ferry terminal yesterday [26 January] after the storm.",
        ),
        (
            "Two days ago, Nordvik Lines closed the ferry terminal in Portvik.",
            "Two days ago [25 January], Nordvik Lines closed the ferry terminal in Portvik.",
        ),
        (
            "The terminal was the subject of yesterday's board meeting in Portvik.",
            "The terminal was the subject of yesterday's [26 January] board meeting in Portvik.",
        ),
        (
            "Nordvik Lines closed the ferry terminal in Portvik last month after the storm.",
            "Nordvik Lines closed the ferry terminal in Portvik last month [December 2010] after "
            "the storm.",
        ),
        (
            "Nordvik Lines closed the ferry terminal yesterday, two days ago it had cut the fares.",
            "Nordvik Lines closed the ferry terminal yesterday [26 January], two days ago [25 "
            "January] it had cut the fares.",
        ),
        # The day shown agrees with "today" and with a weekday's name: nothing to add.
        (
            "The harbour board closed the ferry terminal today after the storm.",
            "The harbour board closed the ferry terminal today after the storm.",
        ),
        (
            "The harbour board closed the ferry terminal on Wednesday after the storm.",
            "The harbour board closed the ferry terminal on Wednesday after the storm.",
        ),
    ],
)
def test_a_day_told_against_the_publication_is_given_beside_it(text, entry):
    """Under its entry's date, "yesterday" would read as the day before that date."""
    [event] = build_timeline(corpus(text), BuildOptions())
    assert event.text == entry
    assert event.citations[0].quote == text


@pytest.mark.parametrize(
    ("text", "told"),
    [
        (
            "The harbour board closed the ferry terminal today after the storm.",
            "The harbour board closed the ferry terminal today [27 January 2011] after the storm.",
        ),
        (
            "The harbour board met on Monday night and closed the ferry terminal.",
            "The harbour board met on Monday night [24 January 2011] and closed the ferry "
            "terminal.",
        ),
        (
            "The terminal was the subject of yesterday's board meeting in Portvik.",
            "The terminal was the subject of yesterday's [26 January 2011] board meeting in "
            "Portvik.",
        ),
        (
            "Nordvik Lines closed the ferry terminal in Portvik last month after the storm.",
            "Nordvik Lines closed the ferry terminal in Portvik last month [December 2010] after "
            "the storm.",
        ),
        (
            "Fans travelled to Portvik for Saturday night's final against Nordvik.",
            "Fans travelled to Portvik for Saturday night's [22 January 2011] final against "
            "Nordvik.",
        ),
        (
            "He said on Monday that he would resign on Friday after the vote.",
            "He said on Monday [24 January 2011] that he would resign on Friday after the vote.",
        ),
        # Twice the same words for the same day: the first says it.
        (
            "A harbour source yesterday confirmed the findings the Portvik Times printed "
            "yesterday.",
            "A harbour source yesterday [26 January 2011] confirmed the findings the Portvik "
            "Times printed yesterday.",
        ),
        # A date that says itself needs nothing beside it; a day counted from another, a name
        # and a sentence told from another year get nothing either.
        (
            "The harbour board closed the ferry terminal on 12 January after the storm.",
            "The harbour board closed the ferry terminal on 12 January after the storm.",
        ),
        ("He died the day before yesterday in a hospital in Portvik.", None),
        ("The vote will be held a week on Monday in the harbour hall.", None),
        ("The harbour board met on Monday before last to discuss the fares.", None),
        ("The car was found in Portvik, according to The Mail on Sunday.", None),
        ("The comedian appeared on Saturday Night Live with the mayor of Portvik.", None),
        ("In today's world the harbour must compete with the airport.", None),
        ("In a speech in 2003, the mayor said: 'Today, the harbour is free.'", None),
    ],
)
def test_a_statement_shown_without_a_date_spells_out_its_relative_days(text, told):
    """Key points and background show no date beside an item: "today" is read as the
    reader's today unless the day it stands for is given."""
    statement = cited_with_its_days(only(text))
    assert statement.text == (told or text)
    assert statement.citations[0].quote == text


@pytest.mark.parametrize(
    ("sentence", "text", "told"),
    [
        (
            "Mr Taha said on Monday that he still had nightmares.",
            "Mr Taha said on Monday that he still had nightmares.",
            "Mr Taha [maintenance engineer at the harbour] said on Monday that he still had "
            "nightmares.",
        ),
        # Said already, or by a title; a possessive or an insertion is not split.
        (
            "Mr Taha, a maintenance engineer, said on Monday that he had nightmares.",
            "Mr Taha, a maintenance engineer, said on Monday that he had nightmares.",
            None,
        ),
        (
            "Judge Ali Taha said on Monday that he had nightmares at the court.",
            "Judge Ali Taha said on Monday that he had nightmares at the court.",
            None,
        ),
        (
            "Ali Taha's report was published on Monday by the harbour board.",
            "Ali Taha's report was published on Monday by the harbour board.",
            None,
        ),
        (
            "Ali Taha, who fixed the generator, wrote a report on Monday.",
            "[Ali Taha] wrote a report on Monday.",
            None,
        ),
        # A place of the same name; a description the sentence gives itself.
        (
            "Ministers flew to Washington on Monday for talks on the harbour.",
            "Ministers flew to Washington on Monday for talks on the harbour.",
            None,
        ),
        (
            "Ali Taha, trade unionist and communist, died on Monday in Portvik.",
            "Ali Taha, trade unionist and communist, died on Monday in Portvik.",
            None,
        ),
    ],
)
def test_a_person_the_story_does_not_lead_with_is_introduced_by_their_role(sentence, text, told):
    """An entry read alone must say who "Mr Taha" is, as his article does elsewhere."""
    parsed = only(sentence)
    known = {
        "Taha": Introduction("maintenance engineer at the harbour", parsed, "Ali Taha"),
        "Washington": Introduction("lawyer for the dock workers", parsed, "Paul Washington"),
    }
    expected = (told, (parsed,)) if told else (text, ())
    assert with_roles(text, parsed.span, known) == expected


def test_a_surname_a_leading_actor_shares_in_the_article_introduces_no_one():
    """ "Ms Berg" may be the mayor the story leads with: Jon Berg's role would be a guess."""
    councillors = ["Anna Berg", "Lars Holm", "Olga Lind", "Per Dahl", "Eva Strand", "Nils Vik"]
    councillors += ["Karin Moe", "Ivar Lund", "Sara Nyberg"]
    lead = " ".join(
        f"{n}, a harbour councillor, said on Monday that the ferry would stop. {n} said it again."
        for n in councillors
    )
    analysis = corpus(
        f"{lead}\n\nJon Berg, a fisherman from Portvik harbour, said the closure would ruin him."
        "\n\nTom Kvist, a fisherman from Nordvik, said he would sail on."
    )
    assert "Anna Berg" in [a.name for a in analysis.leading.actors]
    assert {name: i.role for name, i in introductions(analysis)["S1"].items()} == {
        "Kvist": "fisherman from Nordvik"
    }


def test_of_two_entries_on_one_day_the_one_reported_at_the_time_comes_first() -> None:
    """An entry a source wrote the next day comes before one a later source looks back on,
    whatever their words."""
    at_the_time = Article(
        "S1",
        Path("1.txt"),
        "The harbour council of Portvik closed the old ferry port on Friday after a storm.\n",
        published=PartialDate(2024, 3, 2),
    )
    looking_back = Article(
        "S2",
        Path("2.txt"),
        "A court in Vessa fined the ferry company Nordline on March 1 for unpaid harbour fees.\n",
        published=PartialDate(2024, 3, 12),
    )
    events = build_timeline(analyse((looking_back, at_the_time)), BuildOptions())
    first_day = [e for e in events if e.date == PartialDate(2024, 3, 1)]
    assert [e.citations[0].source for e in first_day] == ["S1", "S2"]
