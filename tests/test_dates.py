"""The temporal tagger on its own: patterns, anchoring, granularity and certainty."""

from __future__ import annotations

import pytest

from briefer.dates import tag_dates
from briefer.models import Certainty, PartialDate

PUB_DAY = PartialDate(2019, 12, 31)  # a Tuesday
PUB_MONTH = PartialDate(2020, 2)


def one(text, pub, **kw):
    found = tag_dates(text, pub, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "pub", "iso", "certainty"),
    [
        ("In June 2019, Sauytbay left Kazakhstan for Sweden.", PUB_MONTH, "2019-06", "stated"),
        ("In October, Belarus issued a statement.", PUB_DAY, "2019-10", "inferred"),
        ("In December, the House approved it.", PUB_DAY, "2019-12", "inferred"),
        ("She accepted a plea deal last August.", PUB_MONTH, "2019-08", "inferred"),
        ("He wrote a piece last month.", PUB_MONTH, "2020-01", "inferred"),
        ("It was established in 2015 as a platform.", PUB_MONTH, "2015", "stated"),
        ("Denied in October 2018, she appealed.", PUB_MONTH, "2018-10", "stated"),
        ("The vote was held on April 24, 2009.", PUB_MONTH, "2009-04-24", "stated"),
        ("The vote was held on 24 April 2009.", PUB_MONTH, "2009-04-24", "stated"),
        ("An official said on Monday.", PUB_DAY, "2019-12-30", "inferred"),
        ("Officials met yesterday.", PUB_DAY, "2019-12-30", "inferred"),
        # the evening before the day it is published, as a morning paper writes it
        (
            "The ministry confirmed last night that it had agreed.",
            PUB_DAY,
            "2019-12-30",
            "inferred",
        ),
        ("Last night the cabinet met.", PUB_DAY, "2019-12-30", "inferred"),
        ("Two people were this afternoon admitted to hospital.", PUB_DAY, "2019-12-31", "inferred"),
        ("Two years ago the law changed.", PUB_DAY, "2017", "inferred"),
    ],
)
def test_resolves_against_publication(text, pub, iso, certainty):
    found = one(text, pub)
    assert found.date.iso() == iso
    assert found.certainty == Certainty(certainty)


def test_future_weekday_range_crosses_the_year():
    text = "During his visit from Friday through January 7, Pompeo will conduct meetings."
    found = one(text, PUB_DAY, tense_at=lambda offset: "future")
    assert found.date.iso() == "2020-01-03"
    assert found.end_date is not None
    assert found.end_date.iso() == "2020-01-07"
    assert found.certainty == Certainty.INFERRED


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        # The year after a range is the range's: "January 5" alone would be the nearer one.
        ("The talks ran January 5-7, 2008, in Geneva.", "2008-01-05", "2008-01-07"),
        ("The talks ran from 5 to 7 January 2008 in Geneva.", "2008-01-05", "2008-01-07"),
        # The first day is the date, not the last one written next to the month.
        ("The summit was held on 14-15 December in Brussels.", "2019-12-14", "2019-12-15"),
        ("The summit was held on December 14-15 in Brussels.", "2019-12-14", "2019-12-15"),
    ],
)
def test_a_range_of_days_is_its_first_day_to_its_last(text, first, last):
    found = one(text, PUB_DAY)
    assert (found.date.iso(), found.end_date and found.end_date.iso()) == (first, last)


def test_two_numbers_before_a_month_that_fall_are_no_range():
    found = tag_dates("The home side won 5-3 December's derby at home.", PUB_DAY)
    assert all(m.end_date is None and m.text != "5-3 December" for m in found)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("The MP was elected to parliament on 5 May on an anti-war ticket.", "2019-05-05"),
        ("Galloway had socked it to a Senate committee back in May.", "2019-05"),
        ("Schools in the capital stay closed until 6 May.", "2019-05-06"),
    ],
)
def test_may_with_a_day_or_after_a_word_that_only_times_is_the_month(text, iso):
    assert one(text, PUB_DAY).date.iso() == iso


@pytest.mark.parametrize(
    "text",
    [
        "May I ask the minister a question?",
        "The letter to May from the party's chairman was leaked.",
        "Blair said May could be the month of the election.",
    ],
)
def test_may_as_a_verb_or_a_name_is_no_date(text):
    assert tag_dates(text, PUB_DAY) == []


def test_a_figure_with_decimals_is_no_year():
    assert tag_dates("The index slid 9.14 percent, to 1983.73, on the day.", PUB_DAY) == []


def test_future_month_goes_forward():
    found = one("The talks will resume in March.", PUB_DAY, tense_at=lambda offset: "future")
    assert found.date.iso() == "2020-03"


@pytest.mark.parametrize(
    "text",
    [
        "the first time in 25 years a secretary of state has visited",
        "in the last two years, put pressure on the group",
        "a party to the 1951 Refugee Convention",
        "You may go. It may rain.",
        "a few days later, she spoke",
    ],
)
def test_durations_and_names_are_not_dates(text):
    assert tag_dates(text, PUB_DAY) == []


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("The replay is live on Wednesday 19 January, from 1930 on BBC One.", []),
        ("Coverage runs from 1945 GMT.", []),
        ("The club moved in 1930 and won the cup in 1945.", ["1930", "1945"]),
        ("The war ended on Friday, in 1945.", ["1945"]),
        ("The pension will rise every 6 April, from 2008, in line with earnings.", ["2008"]),
    ],
)
def test_four_figures_that_tell_the_hour_are_no_year(text, years):
    assert [m.text for m in tag_dates(text, None)] == years


def test_relative_dates_need_a_publication_date():
    assert tag_dates("An official said on Monday, in October.", None) == []
    assert tag_dates("It happened in June 2019.", None)[0].date.iso() == "2019-06"


def test_weekday_needs_a_publication_day():
    assert tag_dates("An official said on Monday.", PUB_MONTH) == []


def test_today_inside_a_quotation_is_skipped():
    text = "He said “in my visit today we made it clear” to reporters."
    start = text.index("“")
    end = text.index("”")
    assert tag_dates(text, PUB_DAY, quoted=lambda i: start <= i <= end) == []


def test_month_alone_keeps_month_granularity():
    found = one("In July, three countries spoke out.", PUB_DAY)
    assert found.date.day is None
    assert found.date.month == 7


# Thursday 27 January 2011: weekdays resolve against this day, in the direction of the tense.
THURSDAY = PartialDate(2011, 1, 27)


@pytest.mark.parametrize(
    ("tense", "iso"),
    [
        ("past", "2011-01-21"),  # "met on Friday": the last Friday on or before publication
        ("present", "2011-01-28"),  # "meet on Friday" in the present: the coming one
        ("future", "2011-01-28"),
    ],
)
def test_weekday_direction_follows_tense(tense, iso):
    found = one("The ministers meet on Friday in Cairo.", THURSDAY, tense_at=lambda offset: tense)
    assert found.date.iso() == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("They met last Thursday.", "2011-01-20"),  # "last" is strictly before
        # …and names that day of the week before (weeks open on Sunday), never yesterday
        ("They met last Tuesday.", "2011-01-18"),
        ("They met last Sunday.", "2011-01-16"),
        ("They met last Wednesday.", "2011-01-19"),
        ("They meet next Thursday.", "2011-02-03"),  # "next" is strictly after
        ("They met on Thursday.", "2011-01-27"),  # the day itself, in the past tense
    ],
)
def test_weekday_last_and_next_are_strict(text, iso):
    assert one(text, THURSDAY).date.iso() == iso


def test_relative_dates_follow_their_own_article():
    text = "The talks collapsed on Friday."
    assert one(text, THURSDAY).date.iso() == "2011-01-21"
    assert one(text, PartialDate(2011, 2, 3)).date.iso() == "2011-01-28"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("On Saturday March 6, the school holds a fun day for the appeal.", "2010-03-06"),
        ("The team held a charity event on Monday, February 1 with an auction.", "2010-02-01"),
        ("The team held a charity event on Monday, 1 February with an auction.", "2010-02-01"),
    ],
)
def test_a_weekday_followed_by_its_written_date_is_that_date(text, iso):
    """ "Saturday March 6" in an article of Saturday 30 January is 6 March, not the 30th."""
    found = tag_dates(text, PartialDate(2010, 1, 30))
    assert [m.date.iso() for m in found] == [iso]


# A month named without its year: the words right after it may tell the year.
NOVEMBER_2005 = PartialDate(2005, 11, 21)


@pytest.mark.parametrize(
    ("text", "iso", "undated"),
    [
        ("The report was published in October last year.", "2004-10", False),
        ("So in January this year, the MP refined the question.", "2005-01", False),
        ("The troops will leave in June next year, officials said.", "2006-06", False),
        ("Most thefts took place between April 10 and 12 2003, he says.", "2003-04-10", False),
        ("A delay from March to autumn 2003 would have helped.", "2003-03", False),
        ("Things became turbulent in July and August of last year.", "2004-07", False),
        ("Exports fell from December to February 2004, it said.", "2003-12", False),
        ("Exports fell in March and 2,000 jobs went.", "2005-03", True),
        ("Exports fell in October, the ministry said.", "2005-10", True),
    ],
)
def test_a_year_told_after_the_month_is_its_year(text, iso, undated):
    found = tag_dates(text, NOVEMBER_2005)
    assert found[0].date.iso() == iso
    assert found[0].undated == undated


def test_a_day_and_its_year_told_after_are_one_mention():
    [found] = tag_dates("By June 28 last year, he had left the city.", NOVEMBER_2005)
    assert (found.text, found.date.iso()) == ("June 28 last year", "2004-06-28")


def test_a_month_of_that_year_is_no_date():
    """ "In June of that awful year" means a year told elsewhere, not the publication's."""
    assert tag_dates("In June of that awful year, he printed handbills.", NOVEMBER_2005) == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Steps could follow soon after December's nationwide elections.", "2005-12"),
        ("They may reject the draft in October's referendum.", "2005-10"),
        ("The results of July's elections will stand, the court said.", "2005-07"),
    ],
)
@pytest.mark.parametrize("tense", ["past", "future"])
def test_a_possessive_month_is_the_nearer_one_whatever_the_tense(text, iso, tense):
    """A month that names the time of a noun ("December's elections") is not governed by the
    verb's tense: in September 2005 it is the nearer December, the coming one."""
    found = one(text, PartialDate(2005, 9, 25), tense_at=lambda offset: tense)
    assert found.date.iso() == iso


@pytest.mark.parametrize(
    "text",
    [
        "According to USA Today, the command awarded three contracts.",
        "The minister told the Today programme that he was sorry.",
        "She said on This Morning that the scheme had failed.",
        "This Morning presenters said the scheme had failed.",
        "Last Night of the Proms tickets sold out in an hour.",
        "Today: the minister answers questions on the scheme.",
        "The minister will speak tonight.",  # the evening before, on a page stamped after it
    ],
)
def test_a_programme_or_tonight_is_no_date(text):
    assert tag_dates(text, PUB_DAY) == []


@pytest.mark.parametrize(
    "text", ["Today, the minister resigned.", 'He said: "Today the harbour reopens."']
)
def test_today_opening_a_sentence_is_a_date(text):
    assert one(text, PUB_DAY).date.iso() == "2019-12-31"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("France announced a stimulus plan Thursday, including cash payments.", "2019-12-26"),
        ("The central bank said Monday that rates would stay.", "2019-12-30"),
        ("Officials met Sunday night to discuss the budget.", "2019-12-29"),
    ],
)
def test_a_bare_weekday_after_a_verb_or_its_object_is_a_date(text, iso):
    assert one(text, PUB_DAY).date.iso() == iso


@pytest.mark.parametrize(
    "text",
    [
        "He told the Sunday Times that the plan was dead.",
        "A Friday prayer leader spoke in the square.",
        "Every Monday the market opens early.",
        "The shops stay shut on Good Friday and Easter Monday.",
    ],
)
def test_a_weekday_in_a_name_or_a_habit_is_no_date(text):
    assert tag_dates(text, PUB_DAY) == []


@pytest.mark.parametrize("tense", ["present", "future"])
def test_a_bare_weekday_in_a_present_or_future_clause_is_no_date(tense):
    """ "A trader pauses Friday" (a caption: past) and "talks resume Friday" (ahead) look
    alike; "on Friday" keeps the tense's direction."""
    assert tag_dates("A trader in the city pauses Friday.", PUB_DAY, tense_at=lambda _: tense) == []
    found = one("A trader in the city pauses on Friday.", PUB_DAY, tense_at=lambda _: tense)
    assert found.date.iso() == "2020-01-03"
