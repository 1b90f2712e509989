"""When a sentence says things happened: its date expressions resolved against its own
article's publication date, in the tense of the clause that holds each, and a sentence's
relative days ("yesterday", "on Thursday") spelled out for a reader who sees no date beside it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from briefer.analysis.parse import Token
from briefer.analysis.sentence import PLANNING_HEADS, Sentence, is_to_infinitive
from briefer.dates import DateMention, Tense, tag_dates
from briefer.models import Citation, PartialDate, Statement

_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_PAST_AUX = {"has", "have", "had", "did", "was", "were", "'ve", "'d"}
_PRESENT_AUX = {"is", "are", "am", "'re", "does", "do"}
# A commitment's or an offer's infinitive is still to come when said, but said when? "agreed to
# hold a conference in March": the nearer March, not always the next one. (A modal is not: "what
# should we do?" after "… posed on Tuesday" must keep Tuesday in the past.)
_COMMITMENT_HEADS = {"agree", "offer", "promise", "pledge", "vow", "decide", "propose", "prepare"}


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above `token` that heads a clause (not an auxiliary), if any."""
    node = token
    for _ in range(16):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def clause_tense(token: Token) -> Tense:
    """Tense of the clause governing `token`: future for will/shall or a planned infinitive ("is
    expected to meet"), present for a present-tense verb or auxiliary or a commitment's infinitive
    ("agreed to hold"), else past."""
    verb = governing_verb(token)
    if verb is None:
        return "past"
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if _is_future(verb, aux):
        return "future"
    if is_to_infinitive(verb) and verb.head.lemma_ in _COMMITMENT_HEADS:
        return "present"  # dates the nearer side of publication (`_year_for_month`)
    if aux & _PAST_AUX:
        return "past"
    if _through_noun(token, verb):
        return "past"  # "… passes unnoticed: a judge killed on Tuesday": the noun's own time
    if aux & _PRESENT_AUX:
        return "present"
    return "present" if verb.tag_ in ("VBZ", "VBP") else "past"


def _is_future(verb: Token, aux: set[str]) -> bool:
    planned = is_to_infinitive(verb)
    if aux & _FUTURE_AUX or (planned and verb.head.lemma_ in PLANNING_HEADS):
        return True
    if planned and _is_to(verb.head):
        return True
    return (planned or (verb.tag_ in ("VBZ", "VBP") and not aux)) and _under_future(verb)


def _is_to(head: Token) -> bool:
    """ "Cobra is to meet at 11am today": a present of "be" before an infinitive arranges it."""
    return head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP")


def _under_future(verb: Token) -> bool:
    """An infinitive or a present-tense clause of time under a future clause is that future:
    "… will appoint a prime minister to lead Iraq until the elections take place in December"."""
    head = verb.head
    return verb.dep_ in ("advcl", "xcomp") and head.i != verb.i and clause_tense(head) == "future"


def _through_noun(token: Token, verb: Token) -> bool:
    """Whether the path from `token` up to `verb` passes through a noun other than itself."""
    node = token.head
    while node.i != verb.i and node.head.i != node.i:
        if node.pos_ in ("NOUN", "PROPN"):
            return True
        node = node.head
    return False


def sentence_mentions(sentence: Sentence) -> list[DateMention]:
    """Date expressions of a sentence, resolved against its own article's publication date."""

    def tense_at(offset: int) -> Tense:
        span = sentence.span.char_span(offset, offset + 1, alignment_mode="expand")
        tokens = list(span) if span is not None else []
        return clause_tense(tokens[0]) if tokens else "past"

    return tag_dates(
        sentence.text, sentence.article.published, tense_at=tense_at, quoted=sentence.quoted
    )


# Words that, read under the entry's own date, point to another day, month or year:
# "yesterday" under 15 September reads as the 14th, "last month" under January as December.
# "Today" and a weekday's name agree with the date shown.
_ANOTHER_TIME = re.compile(
    r"yesterday|last night|tomorrow|.+ (?:days?|months?|years?) ago|(?:last|next) (?:month|year)",
    re.I,
)


def with_the_day(text: str, mentions: Iterable[DateMention]) -> str:
    """The entry with the day (month, year) each "yesterday" ("last night", "tomorrow", "two
    days ago", "last month") of its sentence stands for inserted after it in brackets:
    "lowered the rating yesterday [15 September]", "wrote a piece last month [January 2020]".
    A phrase the entry holds twice is left alone: which one the date is would be a guess."""
    other_days = [m for m in mentions if _ANOTHER_TIME.fullmatch(m.text)]
    return _with_dates(text, other_days, with_year=False)


# A date expression that says its date itself: a month's name or a number ("12 January",
# "in 2009"); any other ("Thursday", "today", "last month") needs its article's date.
_STATES_ITS_DATE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?!\w)", re.I
)
_PART_OF_DAY = re.compile(r"\s+(?:night|morning|afternoon|evening)\b", re.I)


def with_its_days(sentence: Sentence, text: str | None = None) -> str:
    """The sentence (or `text` made of its words, as a question is) with the date each
    expression that needs its article's date ("today", "on Thursday", "last month") stands for
    inserted after it, year and all, for a section that shows no date beside its items: "Bush
    conceded yesterday [14 December 2005] that …"."""
    relative = [m for m in sentence_mentions(sentence) if not _STATES_ITS_DATE.search(m.text)]
    return _with_dates(sentence.text if text is None else text, relative, with_year=True)


def cited_with_its_days(sentence: Sentence) -> Statement:
    """The sentence as a statement citing itself verbatim, its relative dates spelled out."""
    return Statement(with_its_days(sentence), (Citation(sentence.article.id, sentence.text),))


def _with_dates(text: str, mentions: Iterable[DateMention], with_year: bool) -> str:
    places = []
    for mention in mentions:
        found = list(re.finditer(rf"(?<!\w){re.escape(mention.text)}(?!\w)", text, re.I))
        if len(found) == 1:
            at = found[0].end()
            if text[at : at + 2] in ("'s", "’s"):
                at += 2  # "yesterday's [3 November] proceedings"
            elif part := _PART_OF_DAY.match(text, at):
                at = part.end()  # "on Monday night [12 December 2005]"
            places.append((at, _spelled(mention.date, with_year)))
    for at, date in sorted(set(places), reverse=True):
        text = f"{text[:at]} [{date}]{text[at:]}"
    return text


def _spelled(date: PartialDate, with_year: bool = False) -> str:
    """ "15 September" ("15 September 2005" `with_year`), "January 2020", "2019"."""
    if date.month is None:
        return str(date.year)
    month = dt.date(date.year, date.month, 1)
    if date.day is None:
        return f"{month:%B %Y}"
    return f"{date.day} {month:%B %Y}" if with_year else f"{date.day} {month:%B}"
