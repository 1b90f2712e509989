"""When a sentence says things happened: its date expressions resolved against its own
article's publication date, in the tense of the clause that holds each, and a sentence's
relative days ("yesterday", "on Thursday") spelled out for a reader who sees no date beside it."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
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
_POSSESSIVE = ("'s", "’s")
# Where a day is counted from another ("the day before yesterday", "a week on Monday",
# "Monday week", "Monday before last") or is part of a name ("the Mail on Sunday", "Tomorrow's
# World", "Saturday Night Live"): the date read alone is not the one meant.
_COUNTED_FROM_BEFORE = re.compile(
    r"(?:\bday\s+(?:before|after)|\ba\s+week|\b(?:Mail|Independent|Scotland))\s+(?:on\s+)?$",
    re.I,
)
_COUNTED_FROM_AFTER = re.compile(r"\s+(?:week\b|before\s+last\b)", re.I)
_NAME_GOES_ON = re.compile(r"(?:'s|’s)\s+[A-Z]")
_MAYBE = frozenset("would could might may should".split())


def with_its_days(sentence: Sentence, text: str | None = None) -> str:
    """The sentence (or `text` made of its words, as a question is) with the date each
    expression that needs its article's date ("today", "on Thursday", "last month") stands for
    inserted after it, year and all, for a section that shows no date beside its items: "Bush
    conceded yesterday [14 December 2005] that …". Nothing is inserted in a sentence told from
    another year ("In a speech in 2003, he said: 'Today …'"), nor for a day in a conjecture or
    a reported future ("said he would resign on Friday"), nor for "today's" or "tomorrow's"
    ("today's world" is no day)."""
    mentions = sentence_mentions(sentence)
    published = sentence.article.published
    stated = [m for m in mentions if _STATES_ITS_DATE.search(m.text)]
    if published is None or any(m.date.year != published.year for m in stated):
        return sentence.text if text is None else text
    relative = [
        m
        for m in mentions
        if m not in stated and not _possessive_now(sentence, m) and not _maybe(sentence, m)
    ]
    return _with_dates(sentence.text if text is None else text, relative, with_year=True)


def _possessive_now(sentence: Sentence, mention: DateMention) -> bool:
    after = sentence.text[mention.end : mention.end + 2]
    return after in _POSSESSIVE and mention.text.lower() in ("today", "tomorrow")


def _maybe(sentence: Sentence, mention: DateMention) -> bool:
    span = sentence.span.char_span(mention.start, mention.end, alignment_mode="expand")
    verb = governing_verb(span.root) if span is not None and len(span) else None
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in _MAYBE for c in verb.children)


def cited_with_its_days(sentence: Sentence) -> Statement:
    """The sentence as a statement citing itself verbatim, its relative dates spelled out."""
    return Statement(with_its_days(sentence), (Citation(sentence.article.id, sentence.text),))


def _with_dates(text: str, mentions: Iterable[DateMention], with_year: bool) -> str:
    """`text` with each mention's date after its words; where the words come more than once,
    only when every mention of them stands for the same date, after the first ("A source
    yesterday [21 June] confirmed the report the Times published yesterday")."""
    mentions = list(mentions)
    told = Counter((m.text.lower(), m.date) for m in mentions)
    places = []
    for mention in mentions:
        found = list(re.finditer(rf"(?<!\w){re.escape(mention.text)}(?!\w)", text, re.I))
        # Words found more than once: each must be a mention of this same day.
        if not found or (len(found) > 1 and told[mention.text.lower(), mention.date] != len(found)):
            continue
        start, at = found[0].span()
        if _COUNTED_FROM_BEFORE.search(text, 0, start) or _COUNTED_FROM_AFTER.match(text, at):
            continue
        if part := _PART_OF_DAY.match(text, at):
            if part.group().strip()[0].isupper():
                continue  # "Saturday Night Live"
            at = part.end()  # "on Monday night [12 December 2005]"
        if _NAME_GOES_ON.match(text, at):
            continue  # "Tomorrow's World"
        if text[at : at + 2] in _POSSESSIVE:
            at += 2  # "yesterday's [3 November] proceedings", "Monday night's [..] meeting"
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
