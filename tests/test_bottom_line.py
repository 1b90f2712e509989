"""The story as it stands at the latest source: recency orders the key points, a later report
overtakes an earlier statement, a plan from before the latest source is not told as current,
and an older point nothing overtakes is still kept. Real spaCy parses of constructed stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.analysis import Analysis, analyse
from briefer.analysis.currency import (
    StorySpan,
    announces_plan,
    awaits_occasion,
    is_plan,
    overtakes,
)
from briefer.analysis.ranking import as_it_stands, needs_context
from briefer.models import Article, PartialDate, Statement
from briefer.pipeline import default_title
from briefer.sections import BuildOptions, background, keypoints

BOTH = BuildOptions(sections=("key_points", "background"))


def article(number: int, day: int, *lines: str, title: str | None = None) -> Article:
    return Article(
        id=f"S{number}",
        path=Path(f"{number:03d}.txt"),
        text="\n\n".join(lines) + "\n",
        title=title,
        published=PartialDate(2024, 3, day),
    )


# A harbour dispute over ten days: the minister's standing changes between the first and the
# last report; the council's vote in the first report is history that nothing overtakes.
EARLY = article(
    1,
    1,
    "Harbour minister Anna Berg remains in office despite weeks of protests by the dock workers.",
    "The harbour council approved the new dock tariffs in a close vote on Tuesday evening.",
    "Dock workers in Portvik marched to the harbour office to protest against the new tariffs.",
    "The dock workers union said the tariffs would cost its members a third of their wages.",
)
MIDDLE = article(
    2,
    5,
    "Dock workers in Portvik blocked the harbour gates for a second day over the new tariffs.",
    "Anna Berg told the harbour council that the dock tariffs would not be withdrawn this year.",
    "The dock workers union said its members would keep the harbour gates closed until Friday.",
)
LATE = article(
    3,
    10,
    "Harbour minister Anna Berg resigned on Friday after weeks of protests by the dock workers.",
    "The harbour council said the dock workers union would meet the new minister next week.",
    "Dock workers in Portvik reopened the harbour gates after the minister left her office.",
)


@pytest.fixture(scope="module")
def story() -> Analysis:
    return analyse((EARLY, MIDDLE, LATE))


def texts(items: tuple[Statement, ...]) -> list[str]:
    """The passages the items tell (their text may add a bracketed date)."""
    return [item.citations[0].quote for item in items]


def test_a_later_report_overtakes_an_earlier_statement(story: Analysis) -> None:
    ranked = {r.sentence.text: r for r in story.ranked}
    remains = ranked[EARLY.blocks[0]]
    assert remains.overtaken_by is not None
    assert remains.overtaken_by.text == LATE.blocks[0]
    # Neither section tells the overtaken "remains in office" as the story's state.
    said = texts(keypoints.build(story, BOTH)) + texts(background.build(story, BOTH))
    assert EARLY.blocks[0] not in said
    assert LATE.blocks[0] in said


def test_an_overtaken_statement_gives_way_to_the_later_one(story: Analysis) -> None:
    """The later sentence takes the earlier one's place, at the higher of the two scores."""
    remains = next(r for r in story.ranked if r.sentence.text == EARLY.blocks[0])
    stands = {r.sentence.text: r for r in as_it_stands(story.ranked)}
    assert EARLY.blocks[0] not in stands
    assert stands[LATE.blocks[0]].score >= remains.score
    assert len(stands) == len(story.ranked) - 1


def test_the_bottom_line_comes_first_from_the_latest_source(story: Analysis) -> None:
    points = keypoints.choose(story)
    assert points[0].citations[0].source == "S3"
    assert points[0].citations[0].quote == LATE.blocks[0]
    # Read without its article's date, "on Friday" says which Friday.
    assert points[0].text == (
        "Harbour minister Anna Berg resigned on Friday [8 March 2024] after weeks of protests by"
        " the dock workers."
    )


def test_the_bottom_line_is_the_news_the_latest_source_leads_with() -> None:
    """A lead naming no leading actor beats a detail further down that names one; a lead that
    only states how things are does not."""
    news = "Portvik announced a new harbour fund of two million crowns for the dock workers."
    detail = "Anna Berg spoke to the dock workers at the harbour office about the new tariffs."
    latest = article(3, 10, news, "The fund opens in May.", "It is the largest in years.", detail)
    assert keypoints.choose(analyse((EARLY, MIDDLE, latest)))[0].citations[0].quote == news
    state = "The harbour fund is a sign of how much the dock tariffs have cost Portvik."
    latest = article(3, 10, state, "The fund opens in May.", "It is the largest in years.", detail)
    assert keypoints.choose(analyse((EARLY, MIDDLE, latest)))[0].citations[0].quote == detail


def test_the_bottom_line_is_a_lead_in_the_form_of_news_before_a_profile() -> None:
    """Of two latest leads, the one that tells the day's news (a past dated to the days
    before its report, or a present perfect) beats a more central profile's."""
    profile = article(
        3,
        10,
        "After Anna Berg's husband died at sea, her protest at the harbour became a symbol "
        "of the dock workers' fight against the new dock tariffs.",
    )
    news = article(4, 10, "The harbour council cut the dock tariffs by half on Friday.")
    points = keypoints.choose(analyse((EARLY, MIDDLE, profile, news)))
    assert points[0].citations[0].quote == news.blocks[0]


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("The harbour council cut the dock tariffs by half on Friday.", True),
        ("The harbour council has cut the dock tariffs by half.", True),
        ("The harbour council cut the dock tariffs by half in 2019.", False),
        ("Anna Berg's protest at the harbour became a symbol of the strike.", False),
        ("Up to 200 dock workers may have lost their jobs in the harbour.", False),
        ("The harbour council will cut the dock tariffs by half on Friday.", False),
    ],
)
def test_what_tells_news(text: str, news: bool) -> None:
    (sentence,) = analyse((article(1, 10, text),)).sentences
    assert keypoints.tells_news(sentence) is news


@pytest.mark.parametrize(
    ("text", "retold"),
    [
        ("Anna Berg did not hide her anger when she met the council on 14 September.", True),
        ("The harbour council was founded in 2015 to run the dock.", True),
        ("The harbour council cut the dock tariffs by half on Friday.", False),
        # the news is current; the date only tells when the worker died
        ("The body of a dock worker who died on 12 September has been identified.", False),
        # no date: nothing says it is old
        ("Anna Berg did not hide her anger at the council.", False),
        # the old date tells when a thing named happened, not the news
        (
            "Tom Dahl was sentenced to ten years for the killing of two men in Portvik in 1982.",
            False,
        ),
        ("A jury found Tom Dahl guilty of robbing the harbour bank in August 2021.", False),
        (
            "Tom Dahl was jailed for life for the murders of two men in Portvik in August 2021.",
            False,
        ),
        # a date put first dates the main clause, however the parser hangs it
        ("In August 2021 the dock workers' unions organised a strike across the harbour.", True),
    ],
)
def test_a_past_dated_weeks_before_its_report_is_a_retelling(text: str, retold: bool) -> None:
    """A feature's scene from weeks ago is no key point of the story as it stands."""
    (sentence,) = analyse((article(1, 10, text),)).sentences
    assert keypoints.retells(sentence) is retold


def test_key_points_come_first_from_the_latest_half_of_the_story() -> None:
    """After the bottom line, a point of the latest half of the span comes before a more
    central one of its first half (the minister's words of 5 March): the story as it stands."""
    early = article(
        1,
        1,
        "Harbour minister Anna Berg raised the dock tariffs in Portvik by a third on Monday.",
        "Dock workers in Portvik said the dock tariffs of Anna Berg would cost them their jobs.",
    )
    late = article(3, 10, LATE.blocks[0], "Anna Berg thanked the harbour staff in a short letter.")
    points = keypoints.choose(analyse((early, MIDDLE, late)))
    assert [p.citations[0].source for p in points[:2]] == ["S3", "S3"]


@pytest.mark.parametrize(
    ("month", "day", "latest"),
    [(7, 1, True), (6, 5, True), (5, 20, False), (1, 1, False)],
)
def test_the_latest_sources_of_a_long_story_are_those_of_its_last_month(
    month: int, day: int, latest: bool
) -> None:
    """Half a year of news (1 January to 1 July): the latest half of the span would reach back
    to April; the story as it stands is its last month at most."""
    span = StorySpan.of([PartialDate(2024, 1, 1), PartialDate(2024, 7, 1)])
    published = PartialDate(2024, month, day)
    assert span.is_latest(published, keypoints.RECENT_SHARE, keypoints.RECENT_DAYS) is latest


@pytest.mark.parametrize(
    ("text", "general"),
    [
        ("Many who opposed the dock plan are worried about what the tariffs will do.", True),
        ("Some say the harbour of Portvik will never recover from the strike.", True),
        ("Some economists believe the tariffs in Portvik will rise again.", True),
        ("Many have died in the floods in Portvik since Tuesday.", False),
        ("Most of the dockers are members of the union in Portvik.", False),
        ("Anna Berg says the harbour of Portvik will reopen on Friday.", False),
        ("Several remain in intensive care after the ferry crash near Portvik.", False),
        ("Many are homeless after the floods in Portvik.", False),
    ],
)
def test_a_view_of_unnamed_people_is_no_development(text: str, general: bool) -> None:
    sentence = analyse((article(1, 1, text),)).sentences[0]
    assert keypoints.generalises(sentence) is general


def story_day(analysis: Analysis, source: str) -> int:
    published = next(a.published for a in analysis.articles if a.id == source)
    assert published is not None
    assert published.day is not None
    return published.day


def test_recency_weighs_in_the_ranking() -> None:
    """The same sentence scores more in the latest source than in the first."""
    line = "Harbour minister Anna Berg met the dock workers union at the harbour office."
    filler = "The harbour council discussed the dock tariffs at length on Tuesday evening."
    early, late = article(1, 1, line, filler), article(2, 20, filler, line)
    scores = {
        r.sentence.article.id: r.score
        for r in analyse((early, late)).ranked
        if r.sentence.text == line
    }
    assert scores["S2"] > scores["S1"]


def test_an_older_point_nothing_overtakes_is_kept(story: Analysis) -> None:
    approved = next(r for r in story.ranked if r.sentence.text == EARLY.blocks[1])
    assert approved.overtaken_by is None
    assert not approved.stale_plan
    said = texts(keypoints.build(story, BOTH)) + texts(background.build(story, BOTH))
    assert EARLY.blocks[1] in said


def test_a_plan_is_overtaken_by_its_outcome() -> None:
    plan = article(
        1, 1, "Foreign minister Anna Berg will visit Oslo next week to sign the fishing treaty."
    )
    done = article(
        2, 9, "Foreign minister Anna Berg visited Oslo on Monday and signed the fishing treaty."
    )
    other = article(
        3, 9, "Foreign minister Lars Holm visited Bergen on Monday to open the new fish market."
    )
    sentences = {s.article.id: s for s in analyse((plan, done, other)).sentences}
    assert is_plan(sentences["S1"])
    assert not is_plan(sentences["S2"])
    assert overtakes(sentences["S2"], sentences["S1"])
    assert not overtakes(sentences["S3"], sentences["S1"])  # another minister, another visit
    assert not overtakes(sentences["S1"], sentences["S2"])  # a plan overtakes nothing


def test_reported_plans_and_headline_plans_are_plans() -> None:
    lines = (
        "The minister will raise the tariffs with the council on her upcoming visit, an aide said.",
        "Minister to raise dock tariffs with council on upcoming visit",
        "The minister raised the tariffs with the council during her visit, an aide said.",
        "Minister looks to the council to stand up for the dock workers",
    )
    sentences = analyse((article(1, 1, *lines),)).sentences
    assert [is_plan(s) for s in sentences] == [True, True, False, False]


def test_a_plan_from_before_the_latest_source_is_not_a_leading_key_point() -> None:
    plan = article(
        1,
        1,
        "Harbour minister Anna Berg will raise the dock tariffs with the council next week.",
        "The harbour council approved the new dock tariffs in a close vote on Tuesday evening.",
        "Dock workers in Portvik marched to the harbour office to protest against the new tariffs.",
    )
    analysis = analyse((plan, MIDDLE, LATE))
    stale = next(r for r in analysis.ranked if r.sentence.text == plan.blocks[0])
    assert stale.stale_plan
    points = texts(keypoints.choose(analysis))
    # Current statements first: the plan comes, if at all, after every one of them.
    assert plan.blocks[0] not in points[:-1]


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        ("Harbour minister Anna Berg announced plans yesterday to host a dock summit.", True),
        ("The harbour council agreed on Monday to hold a tariff conference in March.", True),
        ("Harbour minister Anna Berg pledged to cut the dock tariffs by a third.", True),
        ("Harbour minister Anna Berg announced the new dock tariffs on Monday.", False),
        ("Harbour minister Anna Berg agrees to hold a tariff conference in March.", False),
    ],
)
def test_a_commitment_told_in_the_past_announces_a_plan(text: str, plan: bool) -> None:
    sentence = analyse((article(1, 1, text),)).sentences[0]
    assert announces_plan(sentence) is plan


def test_an_announced_plan_from_before_the_latest_source_is_stale() -> None:
    announced = "Harbour minister Anna Berg announced plans yesterday to host a dock summit."
    analysis = analyse((article(1, 1, announced, *EARLY.blocks[1:]), MIDDLE, LATE))
    ranked = next(r for r in analysis.ranked if r.sentence.text == announced)
    assert ranked.stale_plan


@pytest.mark.parametrize(
    ("text", "ahead"),
    [
        ("The harbour board was not keen on this weekend's meeting of the dock owners.", True),
        ("The dock owners gathered in Dover ahead of next week's summit on tariffs.", True),
        ("Harbour minister Anna Berg defended the tariffs before her upcoming trip.", True),
        ("The harbour board was not keen on last weekend's meeting of the dock owners.", False),
        ("The dock owners said this week's tariffs were too high for small boats.", False),
    ],
)
def test_an_occasion_still_to_come_is_awaited(text: str, ahead: bool) -> None:
    sentence = analyse((article(1, 1, text),)).sentences[0]
    assert awaits_occasion(sentence) is ahead


def test_a_view_of_an_occasion_from_before_the_latest_source_is_stale() -> None:
    """ "wasn't keen on this weekend's meeting" is overtaken by the meeting once it is past."""
    view = "The harbour board was not keen on this weekend's meeting of the dock owners."
    analysis = analyse((article(1, 1, view, *EARLY.blocks[1:]), MIDDLE, LATE))
    ranked = next(r for r in analysis.ranked if r.sentence.text == view)
    assert ranked.stale_plan


def test_the_title_is_not_a_plan_a_later_source_reports_done() -> None:
    plan = article(
        1,
        1,
        *EARLY.blocks,
        title="Harbour minister Anna Berg to keep dock tariffs despite protests",
    )
    late = article(
        2, 10, *LATE.blocks, title="Harbour minister Anna Berg resigns after dock protests"
    )
    analysis = analyse((plan, late))
    assert default_title(analysis.articles, analysis) == late.title
    # Without a later source, the plan is the news.
    alone = analyse((plan,))
    assert default_title(alone.articles, alone) == plan.title


def test_the_title_is_the_headline_whose_words_most_sources_share() -> None:
    def titled(name: str, title: str, text: str) -> Article:
        return Article(name, Path(f"{name}.txt"), text, title=title)

    ferry = "The Portvik ferry strike went on for a second week on Monday."
    profit = (
        "Advertising sales lifted third-quarter shipping profit at Dovermark, its chairman said."
    )
    sources = [
        titled("a", "Portvik ferry strike goes on", ferry),
        titled("b", "Q&A: Portvik ferry strike", ferry),
        titled("e", "Will the Portvik ferry strike go on?", ferry),
        titled("c", "Advertising sales lift Dovermark third-quarter shipping profit", profit),
        titled("d", "Ferry strike talks fail", ferry),
    ]
    assert default_title(sources) == "Portvik ferry strike goes on"


def test_undated_sources_are_neutral() -> None:
    span = StorySpan.of([PartialDate(2024, 3, 1), None, PartialDate(2024, 3, 11)])
    assert span.recency(None) is None
    assert span.recency(PartialDate(2024, 3, 6)) == pytest.approx(0.5)
    assert span.is_latest(PartialDate(2024, 3, 11), 0.1)
    assert not span.is_latest(PartialDate(2024, 3, 6), 0.1)
    assert StorySpan.of([None]).recency(PartialDate(2024, 3, 1)) is None


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("Speaking in Portvik a few days later, Anna Berg called the meeting a success.", False),
        ("The next day, the harbour council voted to keep the new dock tariffs in place.", False),
        ("In this light, the minister's statements can be read as a warning to the union.", False),
        ("Anna Berg met the union, but this was her first meeting with the dock workers.", False),
        ("In the programme, Anna Berg was said to have misled the harbour council twice.", False),
        ("In fact, the dock tariffs were approved by the harbour council a year earlier.", False),
        ("Just as significantly, the union now says the dock tariffs cannot be paid.", False),
        ("Earlier, dock workers told the harbour radio that the gates had been closed.", False),
        ("Earlier on Friday, dock workers closed the harbour gates in Portvik for a day.", True),
        ("Then there was anger that the harbour was being run by the same few families.", False),
        ("Meanwhile, the dock workers voted to keep the harbour gates closed for a week.", False),
        ("Instead the dock workers voted to keep the harbour gates closed for a week.", False),
        ("At the time, many of the dock workers in Portvik answered that they would go.", False),
        ("At the time of the strike, Anna Berg was the harbour minister in Portvik.", True),
        ("Then-minister Anna Berg opened the new dock in Portvik in the spring of 2001.", True),
        ("A spokesman for Anna Berg said such a move was some way off for the harbour.", False),
        ("Harbour fees rose in Portvik, Brest and other ports such as Dover last year.", True),
        ('Anna Berg said: "We cannot allow such a move in the harbour of Portvik."', True),
        ("Since that confab in Portvik, the dock workers have refused every new tariff.", False),
        ("In the midst of this drama, the harbour council issued a notice to the dockers.", False),
        ("The harbour council issued these notices to the dock workers of Portvik.", False),
        ("The harbour council in Portvik issued a notice to the dock workers this week.", True),
        ("The harbour council in Portvik will issue new notices to the dockers this May.", True),
        ("The harbour council in Portvik has at this stage issued no notice to the dockers.", True),
        ("Anna Berg has led this country through three strikes at the harbour of Portvik.", True),
        ("Anna Berg told this newspaper that the harbour council would issue a notice.", True),
        ("The dockers sang This Land Is Our Land outside the harbour council in Portvik.", True),
        ("The harbour council in Portvik issued this new notice, which bans night shifts.", True),
        ("Anna Berg put it this way: the harbour council in Portvik had issued no notice.", True),
        ('Anna Berg said: "The harbour council must withdraw this notice in Portvik."', True),
        ("The effort, outlined by Anna Berg, was the latest in a series of harbour plans.", False),
        ("The rescue effort in Portvik was the latest in a series of harbour plans.", True),
        (
            "The revelation came as the harbour council said the tariffs would stay in Portvik.",
            False,
        ),
        ("The tariff deal with the dock union was signed in Portvik on Friday night.", True),
        ("The 53-year-old's face was seen in every home in Portvik during the strike.", False),
        ("The 24-year-old was freed in Portvik on Monday after a week in custody.", False),
        ("A 24-year-old dock worker was freed in Portvik on Monday after a week.", True),
        ("The two dock leaders clashed in a rousing debate on the tariffs in Portvik.", False),
        ("The two dock workers arrested in Portvik were freed on Monday after a week.", True),
        ("The past 20 years have shown that the dock tariffs in Portvik cannot be paid.", True),
        ("The MP, elected to parliament in May, said the dock tariffs could not be paid.", False),
        ("The latest cases came as the harbour council met in Portvik on Friday night.", False),
        ("The latest cases of flu in Portvik came as the harbour council met on Friday.", True),
        ("The harbour minister said on Friday that the dock tariffs in Portvik would stay.", True),
        ("The MP, Anna Berg, said on Friday that the dock tariffs in Portvik would stay.", True),
        ("Her son said he had heard her cries in the harbour of Portvik on Thursday.", False),
        ("After Anna Berg's son died, her protest became a symbol of the dock strike.", True),
        ("Worries about its future have grown since the dock tariffs in Portvik rose.", False),
        ("Independent sources said yesterday that the dock strike was clearly a factor.", False),
        ('"We made some mistakes at the harbour in Portvik - a lot of them were ours.', False),
        ('The dockers boast about their role in the strike at the harbour: "Red Tuesday.', False),
        ('"The strike was a turning point for the harbour," Anna Berg said on Friday."', True),
        ('The fees in Portvik should be cut sooner rather than later," Mr Dahl said.', True),
        ("Anna Berg called the dock strike in Portvik 'a disgrace.'", True),
        (
            'Anna Berg told the council: "I believe the tariffs in Portvik will not rise again.',
            True,
        ),
        ("Poverty was a factor in the dock strike in Portvik, Anna Berg said on Friday.", True),
        ("In the Portvik election, the price of fish was the deciding factor.", True),
        ("Price was the main factor when it came to choosing a ferry in Portvik.", True),
        ("Supporters of Anna Berg and her son marched through Portvik on Friday.", True),
        ("A man who stabbed his wife in Portvik has been jailed for life on Friday.", True),
        ("Shares in the bank and its insurance arm fell 20% in Portvik on Friday.", True),
        ("The council fixed a tariff and Anna Berg defended that tariff in the harbour.", True),
        ("Two days after the vote, Anna Berg called the meeting with the union a success.", True),
        ("Harbour minister Anna Berg resigned on Friday after weeks of protests in Portvik.", True),
        # something said, named but not given: the next sentence gives it
        ("Mayor Anna Berg had a stern message for the dockers of Portvik on Friday.", False),
        ("Anna Berg had a stern message for the dockers: the strike in Portvik must end.", True),
        ("Anna Berg issued a warning that the harbour in Portvik would close on Friday.", True),
        ("Anna Berg gave the dockers of Portvik some advice on the coming dock strike.", True),
        ("The weather office issued a storm warning for the coast of Portvik on Tuesday.", True),
        ("The harbour company lodged an appeal with the High Court in Portvik on Tuesday.", True),
        ("The jury in Portvik returned a verdict on Friday after three days of talks.", True),
        # a subject that is a part of what came before
        ("The impact of this will be felt in every harbour of the coast for years.", False),
        ("The cost of the new dock in Portvik will be shared by the council.", True),
        ("The families of those killed in the ferry crash have demanded an inquiry.", True),
    ],
)
def test_a_key_point_must_stand_alone(text: str, alone: bool) -> None:
    """Unresolved pointers ("a few days later", "In this light", "but this was") need the
    sentence before: such a sentence is a key point only when nothing else is left."""
    sentence = analyse((article(1, 1, text),)).sentences[0]
    assert needs_context(sentence) is not alone


@pytest.mark.parametrize(
    ("before", "text", "alone"),
    [
        # the tail of a quotation an earlier line opened: its speaker is named there
        (
            "Anna Berg said: 'The harbour will not open this winter.",
            "Security at the harbour in Portvik on Friday will be even tighter than last.'",
            False,
        ),
        (
            'Mr Dahl told the council: "We have been clear about the fees.',
            'The dock tariffs in Portvik will not rise again before the vote in May."',
            False,
        ),
        # a stray mark after the writer's own sentence, no quotation open before it
        (
            "The harbour in Portvik stayed shut on Friday, the council said.",
            "The ferry to Vessa left Portvik on time on Friday, as it does every week.'",
            True,
        ),
        (
            "Mr Dahl said the fees 'will not rise' this year.",
            'The dock tariffs in Portvik were set by the council in May, the harbour said."',
            True,
        ),
    ],
)
def test_the_tail_of_a_quotation_opened_before_does_not_stand_alone(
    before: str, text: str, alone: bool
) -> None:
    sentence = analyse((article(1, 1, before, text),)).sentences[-1]
    assert sentence.text == text
    assert needs_context(sentence) is not alone


@pytest.mark.parametrize(
    "left_out",
    [
        # needs the sentence before it
        "Speaking in Portvik a few days later, Anna Berg called the dock meeting a success.",
        # a view or a guess: its main verb is a modal's
        "By accepting the dock tariffs, Anna Berg could go a long way towards ending the strike.",
    ],
)
def test_the_background_leaves_out(left_out: str) -> None:
    analysis = analyse((EARLY, MIDDLE, article(3, 10, left_out, *LATE.blocks)))
    said = texts(background.build(analysis, BuildOptions(background_size=20)))
    assert said
    assert left_out not in said


def test_key_points_prefer_self_contained_sentences() -> None:
    leaning = "Speaking in Portvik a few days later, Anna Berg called the dock meeting a success."
    analysis = analyse((EARLY, MIDDLE, article(3, 10, leaning, *LATE.blocks)))
    points = texts(keypoints.choose(analysis))
    assert points
    assert leaning not in points[:-1]


def test_key_points_after_the_bottom_line_are_newest_first(story: Analysis) -> None:
    days = [story_day(story, p.citations[0].source) for p in keypoints.choose(story)[1:]]
    assert len(set(days)) >= 2
    assert days == sorted(days, reverse=True)


# The story names "harbour", "tariff" and "council" widely; a provision or a clock it does not.
FAMILIAR = frozenset({"harbour", "tariff", "council", "docker", "jury", "trial"})


@pytest.mark.parametrize(
    ("text", "untold"),
    [
        ("The story of the obscure provision shows the dangers of the harbour tariffs.", True),
        ("Anna Berg has been a leading architect of the new programmes.", True),
        # a compound may name it, and a share of it is counted, not named
        ("Anna Berg has been a leading architect of the new lending programmes.", False),
        ("The harbour party won 48% of the votes in Portvik on Sunday.", False),
        ("The most obvious is the harbour tariff, which broke down in Portvik.", True),
        # the story's own nouns, a name, a clause, a manner, a quotation: all say which
        ("The harbour council approved the new dock tariffs in a close vote.", False),
        ("Anna Berg signed the Portvik provision on the harbour tariffs.", False),
        ("Anna Berg signed the provision that caps the harbour tariffs.", False),
        ("Relief crews in Portvik worked round the clock to reopen the harbour.", False),
        ('Anna Berg said the dockers were working "round the clock" at the harbour.', False),
        ("The trial of Tom Dahl opened in Portvik with the selection of the jury.", False),
        ("The latest was taken from the harbour on Friday night.", True),
        # a role, a kind, a fixed phrase of the language, a group of people: all say enough
        ("The prime minister has described the harbour tariffs as a disgrace.", False),
        ("The UN assistant director-general, Ana Lind, says the harbour is safe.", False),
        ("Anna Berg called on the international community to help the harbour.", False),
        ("Members of the public were told to keep away from the harbour.", False),
        ("Dockers raised the alarm in the middle of the night at the harbour.", False),
        ("The dead included two children and a harbour pilot.", False),
        ("The elderly are most at risk in the harbour district of Portvik.", False),
    ],
)
def test_a_key_point_names_nothing_only_its_article_told(text: str, untold: bool) -> None:
    (sentence,) = analyse((article(1, 10, text),)).sentences
    assert keypoints.names_untold(sentence, FAMILIAR) is untold
