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
