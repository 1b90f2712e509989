"""What became of an actor: only the syntax names whom it befell, the latest report counts, a
death is final, and a hedge, a negation, a condition or another verb tells nothing."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from briefer.analysis import analyse
from briefer.models import Article, PartialDate
from briefer.pipeline import build_briefing
from briefer.render import render_html


def _status(name: str, *dated_texts: tuple[str, str]) -> str | None:
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i}.txt"), text=text, published=PartialDate.parse(day))
        for i, (day, text) in enumerate(dated_texts, 1)
    )
    actors = {a.name: a for a in analyse(articles).actors}
    actor = actors[name]
    return actor.status.text if actor.status else None


_INTRO = "Harbour minister Anna Berg met the dock workers' union in Portvik last week. "


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Anna Berg was killed in a blast at the harbour on Monday.", "killed"),
        ("Ms Berg resigned on Friday after weeks of protests in Portvik.", "resigned"),
        ("Ms Berg stepped down as harbour minister on Friday.", "stepped down as harbour minister"),
        ("Ms Berg's body was recovered from the rubble of the harbour office.", "dead"),
        ("The union lost its lawyer, Anna Berg, who has been found dead in the rubble.", "dead"),
        ("A body found in the rubble has been identified as that of Anna Berg.", "dead"),
        ("The remains may be identified as those of Anna Berg, the police said.", None),
        ("Ms Berg, who was arrested on Monday, has not been seen by her lawyers.", "arrested"),
        ("Ms Berg and her deputy were arrested by the police on Monday.", "arrested"),
        ("Ms Berg was charged with fraud at the Portvik court on Monday.", "charged"),
        ("Critics of the recently indicted Anna Berg met on Monday.", "charged"),
        ("The ousted minister, Anna Berg, left Portvik on Monday.", "ousted"),
        ("Anna Berg was replaced as harbour minister by Petra Lind.", "replaced"),
        # Someone else, a hedge, a negation, a condition, another verb: nothing.
        ("Ms Berg said that 20 dock workers were killed in the blast on Monday.", None),
        ("Ms Berg was nearly killed when the crane collapsed on Monday.", None),
        ("Ms Berg was not arrested, the police said on Monday in Portvik.", None),
        ("If Ms Berg resigns, the union will end the strike in Portvik.", None),
        ("Ms Berg was released from hospital on Monday after the blast.", None),
        ("The newly elected Anna Berg met the union on Monday.", None),
        ("In May 2011 the kidnapped Anna Berg was freed by the army.", "freed"),
        ("In May 2011 the police found the kidnapped Anna Berg in Portvik.", None),
        ("Anna Berg was jailed for fraud in 2011 and has since left Portvik.", None),
        ("Anna Berg was jailed for fraud on Monday.", "jailed"),
        ("A day after resigning, Anna Berg is heading to court in Portvik.", "resigned"),
        ("Anna Berg returned to Portvik after being freed by the rebels.", "freed"),
        ("Anna Berg will sell her house after resigning, her aides say.", None),
        ("Anna Berg returned to Portvik after being released from hospital.", None),
        ("The deposed minister, Anna Berg, was arrested on Wednesday.", "arrested"),
        ("The once jailed Anna Berg met the union on Monday.", None),
        ("A fired-up Anna Berg told the union to strike on Monday.", None),
        ("A visibly charged Anna Berg told the union to strike on Monday.", None),
        ("The kidnapped Anna Berg appeared in a video on Monday.", None),
        (
            "Anna Berg was jailed on Tuesday for the killing of a clerk, who died in May 2011.",
            "jailed",
        ),
        ("Anna Berg has been detained by the rebels since 2011.", "detained"),
        ("Anna Berg met the union after the strike was called off on Monday.", None),
        ("In 2011 Anna Berg, the recently indicted minister, was charged.", "charged"),
        ("Ms Berg may have resigned before the vote, her aides said.", None),
        ('The union leader said: "Ms Berg was sacked, and rightly so."', None),
        # A main verb that takes back what the "after …" clause told, or leaves it open.
        ("Anna Berg returned to power two days after being ousted.", None),
        ("Anna Berg was cleared by the court a year after being charged.", None),
        ("Anna Berg was rearrested days after being freed by the rebels.", None),
        ("Anna Berg escaped a month after being kidnapped by the rebels.", None),
        ("Anna Berg returned to office a year after resigning.", None),
        ("If Anna Berg returns to Portvik after being freed, she will speak.", None),
        ("A day after resigning as minister, Anna Berg left Portvik.", "resigned as minister"),
        # The role beside the name is another's, or the year dates the status.
        ("The killer of the minister, Anna Berg, was arrested on Monday.", None),
        ("Anna Berg was arrested in a 2011 raid on the harbour office.", None),
        ("In 2011 the jailed Anna Berg won a seat on the council.", None),
        ("Anna Berg was arrested on Monday over the 2009 murder of a clerk.", "arrested"),
        ("The former harbour minister of Nordvik, Anna Berg, was killed on Monday.", "killed"),
        ("Anna Berg returned to the cabinet in 2019, years after resigning.", None),
    ],
)
def test_a_status_is_what_the_syntax_says_befell_the_actor(text, status):
    assert _status("Anna Berg", ("2020-03-02", _INTRO + text)) == status


def test_the_latest_report_counts_and_a_death_is_final():
    arrested = ("2020-03-02", _INTRO + "Anna Berg was arrested by the police on Monday.")
    freed = ("2020-03-09", "Anna Berg was freed on Friday after a week in custody.")
    assert _status("Anna Berg", arrested, freed) == "freed"
    freed_before = ("2020-02-24", "Anna Berg was freed on Friday after a week in custody.")
    assert _status("Anna Berg", arrested, freed_before) == "arrested"
    killed = ("2020-03-01", _INTRO + "Anna Berg was killed in a blast at the harbour.")
    later = ("2020-03-09", "Anna Berg was charged with fraud in 2019, the court recalled.")
    assert _status("Anna Berg", killed, later) == "killed"


def test_an_organisation_fails_and_a_group_has_no_status():
    bank = (
        "2008-09-15",
        "Nordbank Holdings filed for bankruptcy on Monday. Nordbank Holdings, the fourth "
        "largest lender in Portvik, had sought a buyer for weeks.",
    )
    assert _status("Nordbank Holdings", bank) == "filed for bankruptcy"
    workers = (
        "2020-03-02",
        "Harbour minister Anna Berg said more than 100 Norwegians were killed in the blast.",
    )
    actors = {a.name: a for a in analyse((_article(workers),)).actors}
    assert actors["Norwegians"].kind == "group"
    assert actors["Norwegians"].status is None


def _article(dated: tuple[str, str]) -> Article:
    return Article("S1", Path("1.txt"), dated[1], published=PartialDate.parse(dated[0]))


def test_a_death_is_cited_from_its_first_report():
    first = ("2020-03-02", _INTRO + "Anna Berg was killed in a blast at the harbour on Monday.")
    again = ("2020-03-09", "Anna Berg was killed in the blast, the harbour board recalled.")
    articles = tuple(
        Article(id=f"S{i}", path=Path(f"{i}.txt"), text=text, published=PartialDate.parse(day))
        for i, (day, text) in enumerate((again, first), 1)
    )
    actor = {a.name: a for a in analyse(articles).actors}["Anna Berg"]
    assert actor.status is not None
    assert [c.source for c in actor.status.citations] == ["S2"]


def test_a_status_is_printed_as_of_its_report_not_as_its_date(tmp_path):
    """ "Killed — as of a report of 2 March 2020": the report's date, which may come long
    after what it tells."""
    (tmp_path / "a.md").write_text(
        "---\npublished: 2020-03-02\n---\n"
        + _INTRO
        + "Anna Berg was killed in a blast at the harbour on Monday.\n",
        encoding="utf-8",
    )
    html = render_html(build_briefing(tmp_path, sections=["actors"]))
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    assert re.search(r"Killed\W+\d+\W+as of a report of 2 March 2020", text)


@pytest.mark.parametrize(
    ("first", "latest", "later", "dated"),
    [
        ("2020-01-06", "2020-04-02", "The dock workers' union met again in Portvik.", True),
        ("2020-01-06", "2020-02-20", "The dock workers' union met again in Portvik.", False),
        # a later source states the role again, in a lesser form
        ("2020-01-06", "2020-04-02", "Minister Anna Berg met the union again in Portvik.", False),
        # a report of February may be of the 29th, within two months of 25 April
        ("2020-02", "2020-04-25", "The dock workers' union met again in Portvik.", False),
    ],
)
def test_a_role_stated_long_before_the_latest_source_is_printed_as_of_its_report(
    tmp_path, first, latest, later, dated
):
    """An office can change hands over months: "harbour minister — as of a report of 6
    January 2020" when the latest source is from April; within two months, or stated again
    since, the role alone."""
    (tmp_path / "a.md").write_text(
        f"---\npublished: {first}\n---\n" + _INTRO + "Anna Berg said the talks went well.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(f"---\npublished: {latest}\n---\n{later}\n", encoding="utf-8")
    text = _actors_text(tmp_path)
    assert re.search(r"Harbour minister\W+\d+", text, re.IGNORECASE)
    assert bool(re.search(r"Harbour minister\W+\d+\W+as of a report of", text, re.I)) == dated


def test_a_role_already_past_is_printed_without_a_date(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\npublished: 2020-01-06\n---\nFormer harbour minister Anna Berg met the dock "
        "workers' union in Portvik last week.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        "---\npublished: 2020-06-02\n---\nThe dock workers' union met again in Portvik.\n",
        encoding="utf-8",
    )
    text = _actors_text(tmp_path)
    assert re.search(r"Former harbour minister", text, re.IGNORECASE)
    assert "as of a report of" not in text


def _actors_text(folder: Path) -> str:
    html = render_html(build_briefing(folder, sections=["actors"]))
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
