"""Open questions: what the sources leave unresolved, each tied to the passage raising it.

Questions are rebuilt only from the passage's own words — inverting an auxiliary, asking
whether a disputed or hedged claim holds, or whether something pending will happen. A question
must stand alone (no pronoun before its name, no "today"; an unnamed "the bill" is named in
brackets from the sentence of the same article that introduced it, "the bill [legislation that
would …]", which is cited too, or else not asked; a person the briefing does not lead with is
followed by their cited role, "as Barton [former senior weapons inspector in Iraq] claims") and
still be open at the latest source: a plan that a later source reports done, whose date is
past, or that is older than PLAN_HORIZON_DAYS (a decision awaited: AWAITED_HORIZON_DAYS) is not
asked, nor anything raised more than AWAITED_HORIZON_DAYS before the latest source. Where no
rewrite is fit, nothing is asked: a passage pasted as "Unconfirmed: '…'" is no question a
reader can take away.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial

from briefer.analysis import Analysis
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.roles import is_role_noun
from briefer.analysis.dating import with_its_days
from briefer.analysis.introductions import introductions
from briefer.analysis.parse import Token
from briefer.analysis.sentence import Sentence, governing_verb, verb_tense
from briefer.analysis.text import content_words, same_point, similarity
from briefer.dates import tag_dates
from briefer.models import Citation, OpenQuestion, PartialDate
from briefer.sections import BuildOptions, SectionSpec
from briefer.sections.asking import (
    FALLBACKS,
    REWRITES,
    Asked,
    core,
    introduce_people,
    name_referents,
    unfit,
    unresolved,
)

_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "pending",
        re.compile(
            r"\b(awaits?|awaiting|(?:is|are|remains?) pending|pending (?:approval|review|a|the)"
            r"|ha(?:s|ve) yet to|not yet|to be decided|undecided"
            r"|under review|under consideration|remains? to be seen|(?:is|are) expected to"
            r"|(?:is|are) due to|will decide|will vote|call(?:s|ed|ing)? on|urg(?:es?|ed|ing))\b",
            re.I,
        ),
    ),
    (
        "disputed",
        re.compile(
            r"\b(maintains? that|claims?|claimed|insists?|denials?|disputed?|alleged(?:ly)?|accused"
            r"|(?:denie[sd]|deny|rejects?|rejected) (?:that|the (?:claims?|allegations?|reports?"
            r"|accusations?))|ha(?:ve|s) not persuaded|derided|contested|challenged)\b",
            re.I,
        ),
    ),
    (
        "uncertain",
        re.compile(
            r"\b(unclear|uncertain|not clear|unknown|not known|not sure|may have|might have"
            r"|could not be (?:confirmed|verified)|unconfirmed|reportedly|(?:is|are) (?:believed"
            r"|thought|said|reported) to)\b",
            re.I,
        ),
    ),
    (
        "plan",
        re.compile(
            r"\b(will|plans? to|intends? to|promised?|pledged?|vowed?|(?:is|are) set to)\b", re.I
        ),
    ),
]
_PRIORITY = {"disagreement": 0, "pending": 1, "disputed": 2, "uncertain": 3, "plan": 4}
_MAX_QUESTIONS = 8
_MAX_FIGURES = 60
MIN_WORDS = 8
SAME_QUESTION = 0.6  # content-word overlap at which two passages raise the same question
PLAN_HORIZON_DAYS = 30  # a plan older than this at the latest source is not known to be open
# A decision awaited (a vote, a ruling) takes longer than a trip or a visit: a later source's
# silence on it for a month does not make it stale.
AWAITED_HORIZON_DAYS = 90
ANSWERED_OVERLAP = 0.75  # share of a question's content words a later report must repeat
ANSWERED_MIN_WORDS = 4
_FINITE_PAST = ("VBD", "VBN")


def _question(
    kind: str, sentence: Sentence, known: frozenset[str], earlier: Sequence[Sentence] = ()
) -> Asked | None:
    """The first rewrite fit to ask, an unnamed "the bill" named from `earlier` (the article's
    sentences before this one, nearest first); else None (a dispute must say who disputes
    what, and a pasted passage is no question)."""
    for rewrite in dict.fromkeys([*REWRITES.get(kind, ()), *FALLBACKS]):
        asked = rewrite(sentence)
        if asked is not None and unresolved(asked, known):
            asked = name_referents(asked, earlier, known)
        if asked is not None and unfit(asked, known) is None and _someone(kind, asked):
            return None if kind == "plan" and _declined(asked.verb) else asked
    return None


_NONE = frozenset({"no", "never", "none", "nothing"})
_NO_MORE = frozenset({"longer", "more"})  # "no longer", not "no later than"


def _declined(verb: Token) -> bool:
    """A plan not to act ("will take no action against …", "will not stand", "will no longer
    chair", "does not intend to close"): a decision announced, not an open question ("Will
    the FA take no action …?" asks nothing; "Will she chair …?" drops the "no longer")."""
    if verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and _negated(verb.head):
        return True  # "does not intend to close"
    return _negated(verb)


def _negated(verb: Token) -> bool:
    return any(
        c.dep_ == "neg"
        or c.lower_ in _NONE
        or (c.dep_ == "dobj" and _no_determiner(c))
        or (c.lower_ in _NO_MORE and any(g.lower_ in _NONE for g in c.children))  # "no longer"
        for c in verb.children
    )


def _no_determiner(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _NONE for c in noun.children)


def _someone(kind: str, asked: Asked) -> bool:
    """A plan is somebody's: "Pompeo will travel …", "the airline will buy …" are asked; "two
    shocks will define …", "the European music market will grow …", "the A380 will replace
    …" (a forecast about a thing, with nobody behind it) are not."""
    if kind != "plan":
        return True
    agents = [o for c in asked.verb.children if c.dep_ == "agent" for o in c.children]
    return any(_planner(p) for p in [*agents, *([asked.subject] if asked.subject else [])])


_WHO_PLANS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _planner(phrase: Token) -> bool:
    """The phrase's head, or a name beside it ("the airline, SpiceJet"), is someone who can
    plan: a person, a body or a state by name, or a noun for a particular one ("the
    government", "EU member states"; not "airlines" at large); not a product or a thing,
    whoever's it is ("Sony's PlayStation Portable", "the Porsche radio")."""
    agents = lexicon().state_agents | _WHOLE_STATES
    heads = [phrase, *(c for c in phrase.children if c.dep_ == "appos")]
    return any(_named_planner(h) or (_agent_noun(h, agents) and _particular(h)) for h in heads)


def _named_planner(head: Token) -> bool:
    """A name the model calls a person's, a body's or a state's, or one it leaves untagged
    ("Mr Ebbers", "Mourinho"), unless it is a product's code ("PS3", "A380")."""
    if head.ent_type_ in _WHO_PLANS:
        return True
    untagged = head.pos_ == "PROPN" and not head.ent_type_
    return untagged and not any(ch.isdigit() for ch in head.text)


def _agent_noun(head: Token, agents: frozenset[str]) -> bool:
    """ "the government", "the Arsenal manager", "Democratic lawmakers"."""
    lemma = head.lemma_.lower()
    return lemma in agents or is_role_noun(lemma)


def _particular(noun: Token) -> bool:
    """ "the government", "India's authority", "EU member states": one the text can point at."""
    return any(
        (c.dep_ == "det" and c.lower_ == "the")
        or c.dep_ == "poss"
        or (c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_ in _WHO_PLANS))
        for c in noun.children
    )


_WHOLE_STATES = frozenset({"state", "country", "nation"})  # "EU member states will …"


def _kind(sentence: Sentence) -> str | None:
    unquoted = _blank_quotes(sentence)
    for kind, pattern in _CUES:
        for match in pattern.finditer(unquoted):
            if kind == "disputed" and _a_thing_not_a_stand(sentence, match.start()):
                continue
            if kind != "uncertain" or not _in_relative_clause(sentence, match.start()):
                return kind
    return None


_NOUN_CUES = frozenset({"denial", "denials"})  # "his denials": a stand taken as a noun


def _a_thing_not_a_stand(sentence: Sentence, offset: int) -> bool:
    """A dispute cue written as a noun of a kind ("the trade dispute", "insurance claims"), or
    one the reported words act on ("hoped to avoid having to resolve the dispute"), names a
    thing, not a stand anyone takes; "Rejecting the claims, X said …" answers one."""
    found = sentence.span.char_span(offset, offset + 1, alignment_mode="expand")
    if found is None or not len(found):
        return False
    token = found[0]
    if token.pos_ not in ("NOUN", "PROPN") or token.lower_ in _NOUN_CUES:
        return False
    if any(c.dep_ in ("compound", "amod") for c in token.children):
        return True
    return token.dep_ in ("dobj", "pobj") and _within(token, ("ccomp",))  # the reported words


def _in_relative_clause(sentence: Sentence, offset: int) -> bool:
    """A hedge inside a relative clause hedges that clause, not the claim: "The UN has launched
    an appeal …, most of whom are thought to need relief" is no unconfirmed appeal."""
    found = sentence.span.char_span(offset, offset + 1)
    return found is not None and len(found) > 0 and _within(found[0], ("relcl", "acl"))


def _within(token: Token, deps: tuple[str, ...]) -> bool:
    """The token is inside a clause attached as one of `deps`."""
    node = token
    for _ in range(MAX_DEPTH):
        if node.dep_ in deps:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


MAX_DEPTH = 20


def _blank_quotes(sentence: Sentence) -> str:
    """The sentence with every quoted character a space (a range at a time, not a character
    at a time: this runs on every sentence)."""
    chars = list(sentence.text)
    for start, end in sentence.quotes:
        first, last = (min(max(0, at), len(chars)) for at in (start, end))
        if first < last:
            chars[first:last] = " " * (last - first)
    return "".join(chars)


_COUNTS = {"", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}  # not names
_TITLES = {"mr", "mrs", "ms", "dr", "sir", "lord", "lady", "president", "general", "st"}


def _capital_after_lower(prev: Token, token: Token) -> bool:
    """ "… swine flu outbreak Link to this audio …": a capitalised word outside any name,
    straight after a lower-case word."""
    return (
        token.is_title
        and len(token) > 1
        and token.ent_type_ in _COUNTS
        and token.lower_.rstrip(".") not in _TITLES
        and prev.is_alpha
        and prev.is_lower
    )


def _run_in(sentence: Sentence) -> bool:
    """A headline run into the text ("… plead for aid Hundreds of …"): a capitalised common
    word straight after a lower-case one, which prose never has."""
    tokens = list(sentence.span)
    if any(_capital_after_lower(prev, t) for prev, t in zip(tokens, tokens[1:], strict=False)):
        return True
    return any(
        t.is_title
        and t.pos_ in ("NOUN", "NUM", "VERB", "AUX")
        and t.ent_type_ in _COUNTS
        and prev.is_alpha
        and (prev.is_lower or prev.pos_ == "PROPN")
        for prev, t in zip(tokens, tokens[1:], strict=False)
    )


# ------------------------------------------------------------------ still open
def _period(date: PartialDate) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """First and last day of a partial date, as sortable triples."""
    return (date.year, date.month or 1, date.day or 1), (
        date.year,
        date.month or 12,
        date.day or 31,
    )


def _after(later: PartialDate, earlier: PartialDate) -> bool:
    """Whether `later` certainly starts after `earlier` ends."""
    return _period(later)[0] > _period(earlier)[1]


def _latest(analysis: Analysis) -> PartialDate | None:
    dates = [a.published for a in analysis.articles if a.published is not None]
    return max(dates, key=lambda d: _period(d)[1]) if dates else None


def _day(triple: tuple[int, int, int]) -> dt.date:
    year, month, day = triple
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _days(first: tuple[int, int, int], second: tuple[int, int, int]) -> int:
    return (_day(second) - _day(first)).days


def _past_date(asked: Asked, sentence: Sentence, latest: PartialDate | None) -> bool:
    """The question names a date that is over by the latest source, or was raised so long
    before it that the briefing cannot say it is still open."""
    horizon = AWAITED_HORIZON_DAYS if asked.awaited else PLAN_HORIZON_DAYS
    if latest is None or sentence.article.published is None:
        return False
    if _raised_long_before(sentence.article.published, latest, horizon):
        return True
    mentions = tag_dates(
        sentence.text,
        sentence.article.published,
        tense_at=sentence.tense_at,
        quoted=sentence.quoted,
    )
    start = sentence.span.start_char
    inside = {t.idx - start for t in asked.tokens}
    return any(m.start in inside and _after(latest, m.end_date or m.date) for m in mentions)


_SINCE = re.compile(r"\bsince\s+$", re.I)
_YEARS_BACK = re.compile(r"\b(?:last year|\w+ years? ago)\b", re.I)


def _raised_in_the_past(asked: Asked, sentence: Sentence) -> bool:
    """The passage dates the demand, claim or plan itself (outside the words asked) to an
    earlier year than its source's ("Last year MAB urged Muslims not to vote …"): what was
    open then may long be settled."""
    start = sentence.span.start_char
    inside = {t.idx - start for t in asked.tokens}
    outside = [
        m
        for m in tag_dates(sentence.text, sentence.article.published, quoted=sentence.quoted)
        if m.start not in inside
        and _dates_the_question(sentence, m.start, asked)
        and not _SINCE.search(sentence.text[: m.start])  # "Since 2009 … has urged": still
    ]
    published = sentence.article.published
    if published is not None:
        return any((m.end_date or m.date).year < published.year for m in outside)
    return any(
        m.start() not in inside and _dates_the_question(sentence, m.start(), asked)
        for m in _YEARS_BACK.finditer(sentence.text)
    )


def _dates_the_question(sentence: Sentence, offset: int, asked: Asked) -> bool:
    """The date at `offset` hangs on the asked verb or a verb above it ("Last year MAB
    urged …"), not on a clause of its own ("Yugansk, which was swallowed up last year, will
    …")."""
    found = sentence.span.char_span(offset, offset + 1, alignment_mode="expand")
    if found is None or len(found) == 0:
        return False
    verb, node = governing_verb(found[0]), asked.verb
    for _ in range(MAX_DEPTH):
        if node.i == verb.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _names(tokens: Iterable[Token]) -> set[str]:
    return {t.lower_ for t in tokens if t.pos_ == "PROPN"}


def _reported(token: Token) -> bool:
    """The token stands in a finished report: its verb is in the past or the perfect."""
    verb = governing_verb(token)
    return verb.tag_ in _FINITE_PAST and verb_tense(token) == "past"


def _first_argument(verb: Token) -> Iterable[Token]:
    """What the verb is first said to act on: "travel [to Uzbekistan] for …"."""
    argument = next((c for c in verb.rights if c.dep_ in ("dobj", "prep", "attr", "dative")), None)
    return argument.subtree if argument is not None else ()


_AHEAD = {"upcoming", "forthcoming", "coming", "planned", "next", "scheduled"}
_BEHIND = {"recent", "last", "past", "previous", "earlier"}


def _occasion_over(asked: Asked, later: Sentence) -> bool:
    """The plan hangs on an occasion ("during his upcoming trip") that the later passage looks
    back on ("his recent visit"): whatever was to happen then is no longer ahead."""
    ahead = any(_occasion(t, _AHEAD) for t in asked.tokens)
    return ahead and any(_occasion(t, _BEHIND) for t in later.span)


def _occasion(token: Token, words: set[str]) -> bool:
    """ "upcoming [trip]", "recent [visit]": not "next [decade]", "last [week]" (a date)."""
    return (
        token.lower_ in words
        and token.dep_ == "amod"
        and token.head.pos_ == "NOUN"
        and not token.ent_type_
        and not token.head.ent_type_
    )


def _doers(verb: Token) -> Iterable[Token]:
    """The subject of a verb, or the agent of a passive one, with all they hold."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent"):
            yield from child.subtree


def _subject_names(subject: Token) -> set[str]:
    """The names that say who the subject is: its head, compounds, possessor, appositions;
    not names in its modifiers ("the plan [of the UN]")."""
    return _names(core(subject))


def _same_doer(asked: Asked, later: Sentence, subject: set[str]) -> bool:
    """The later passage has the question's named subject doing the same verb in the past, or
    looking back on the occasion the plan was for, or doing something in the past at the
    place the plan names."""
    if _did_it(asked, later, subject):
        return True
    if _occasion_over(asked, later):
        return True
    places = _names(_first_argument(asked.verb)) - subject
    words = {t.lower_ for t in later.span}
    return (
        bool(places)
        and places <= words
        and any(t.lower_ in places and _reported(t) for t in later.span)
    )


def _did_it(asked: Asked, later: Sentence, subject: set[str], since: bool = False) -> bool:
    """The later passage has the question's named subject doing its verb, in the past (the
    name may open the sentence untagged as one: "Care has since closed …"); with `since`,
    done since the passage asked ("has since closed", "has now closed"), not history the
    article tells further on ("opened the old terminal in 1998")."""
    return any(
        t.lemma_ == asked.verb.lemma_
        and t.tag_ in _FINITE_PAST
        and _reported(t)
        and subject & {d.lower_ for d in _doers(t) if d.pos_ == "PROPN" or d.is_title}
        and (not since or _since_then(t))
        for t in later.span
    )


def _since_then(verb: Token) -> bool:
    """ "has since closed", "has now closed", "has closed": done by the time of the report."""
    return any(
        (c.dep_ == "aux" and c.lower_ in ("has", "have")) or c.lower_ in ("since", "now")
        for c in verb.children
    )


def _reports(asked: Asked, later: Sentence) -> bool:
    """Whether a later passage reports the outcome of what `asked` asks will happen: the same
    named subject with the same verb, occasion or place in the past, or most of the
    question's words in a past report."""
    subject = _subject_names(asked.subject) if asked.subject is not None else set()
    if subject:
        if not subject & {t.lower_ for t in later.span}:
            return False
        if _same_doer(asked, later, subject):
            return True
    return _restated(asked, later)


def _restated(asked: Asked, later: Sentence) -> bool:
    """Most of the question's words, all of its numbers, in a past report."""
    question = content_words(" ".join(t.text for t in asked.tokens))
    shared = question & content_words(later.text)
    if len(shared) < ANSWERED_MIN_WORDS or len(shared) < ANSWERED_OVERLAP * len(question):
        return False
    numbers = {t.text for t in asked.tokens if t.pos_ == "NUM"}
    return numbers <= {t.text for t in later.span} and _reported(later.span.root)


@dataclass
class _Index:
    """Which sentences hold a word: a report of an outcome shares one with the question (a
    word of the subject's name, else one of its content words; see `_reports`), so only
    those are tried, in source order, and the first found is the one a full scan finds."""

    sentences: Sequence[Sentence]
    tokens: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    words: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for n, sentence in enumerate(self.sentences):
            for token in {t.lower_ for t in sentence.span}:
                self.tokens[token].append(n)
            for word in content_words(sentence.text):
                self.words[word].append(n)

    def sharing(self, asked: Asked) -> list[Sentence]:
        subject = _subject_names(asked.subject) if asked.subject is not None else set()
        keys: Iterable[str] = subject
        index = self.tokens
        if not subject:
            keys, index = content_words(" ".join(t.text for t in asked.tokens)), self.words
        return [self.sentences[n] for n in sorted({n for k in keys for n in index.get(k, ())})]


def _answered(asked: Asked, sentence: Sentence, index: _Index) -> Sentence | None:
    """A passage that reports the outcome (`_tells_outcome`): of a source published after
    `sentence`'s, or further on in its own article."""
    if not asked.future:
        return None
    return next(
        (
            later
            for later in index.sharing(asked)
            if not later.garbled and _tells_outcome(asked, sentence, later)
        ),
        None,
    )


def _tells_outcome(asked: Asked, sentence: Sentence, later: Sentence) -> bool:
    """A source published after `sentence`'s reports the outcome (`_reports`), or its own
    article says further on that the subject did it ("Care has since closed its office"):
    there only the subject and verb count, as the article may well name the place or the
    occasion again."""
    if later.article.id == sentence.article.id:
        subject = _subject_names(asked.subject) if asked.subject is not None else set()
        return later.position > sentence.position and _did_it(asked, later, subject, since=True)
    published, reported = sentence.article.published, later.article.published
    return (
        published is not None
        and reported is not None
        and _after(reported, published)
        and _reports(asked, later)
    )


# Quantities that sources report and can disagree on: "81 deaths", "more than 900 cases".
_QUANTITY = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?)\s+(?:suspected\s+|confirmed\s+|new\s+)?"
    r"(deaths|dead|cases|people|casualties|victims|injured|troops|protesters|arrests)\b",
    re.I,
)


@dataclass(frozen=True)
class _Figure:
    value: str
    noun: str
    sentence: Sentence
    words: frozenset[str]


def _figures(analysis: Analysis) -> dict[tuple[str, str], list[_Figure]]:
    """Reported quantities by (publication day, what is counted)."""
    figures: dict[tuple[str, str], list[_Figure]] = defaultdict(list)
    for sentence in analysis.sentences:
        if sentence.garbled:
            continue
        day = sentence.article.published.iso() if sentence.article.published else "?"
        for match in _QUANTITY.finditer(sentence.text):
            noun = match.group(2).lower()
            words = content_words(sentence.text) - {noun}
            figures[(day, noun)].append(_Figure(match.group(1), noun, sentence, words))
    return figures


def _rival(a: _Figure, others: list[_Figure]) -> _Figure | None:
    """Another source's different figure for what reads as the same report."""
    return next(
        (
            b
            for b in others
            if b.sentence.article.id != a.sentence.article.id
            and b.value != a.value
            and same_point(a.words, b.words)
        ),
        None,
    )


def _disagreement(a: _Figure, rival: _Figure) -> OpenQuestion:
    first, second = a.sentence.article.id, rival.sentence.article.id
    question = (
        f"Sources differ on the number of {a.noun}: {a.value} ({first}) "
        f"against {rival.value} ({second})."
    )
    citations = (
        Citation(a.sentence.article.id, a.sentence.text),
        Citation(rival.sentence.article.id, rival.sentence.text),
    )
    return OpenQuestion(question, citations, "disagreement")


def _disagreements(analysis: Analysis) -> list[OpenQuestion]:
    """Sources published on the same day that give different figures for the same thing."""
    out = []
    for _, found in sorted(_figures(analysis).items()):
        found = found[:_MAX_FIGURES]  # the comparison is pairwise: keep it bounded
        for i, a in enumerate(found):
            rival = _rival(a, found[i + 1 :])
            if rival is not None:
                out.append(_disagreement(a, rival))
                break
    return out[:3]


def _candidates(analysis: Analysis) -> list[tuple[str, Sentence]]:
    """(kind, sentence) of every passage raised within AWAITED_HORIZON_DAYS of the latest
    source that raises a question (a question is asked as the story stands: in a year of
    news, a claim disputed in May is not December's question), the most pressing first: by
    kind, then by how many top actors it names, then the newest source first, then by
    position."""
    latest = _latest(analysis)
    candidates = []
    for sentence in analysis.sentences:
        if len(sentence.text.split()) < MIN_WORDS or sentence.garbled or _run_in(sentence):
            continue
        kind = _kind(sentence)
        if kind is not None:
            actors = analysis.leading.count_in(sentence.text)
            published = sentence.article.published
            newest = tuple(-n for n in published.sort_key()) if published else (0, 0, 0)
            if _raised_long_before(published, latest):
                continue
            key = (_PRIORITY[kind], -min(actors, 3), newest, sentence.position)
            candidates.append((key, kind, sentence))
    candidates.sort(key=lambda c: c[0])
    return [(kind, sentence) for _, kind, sentence in candidates]


def _raised_long_before(
    published: PartialDate | None, latest: PartialDate | None, horizon: int = AWAITED_HORIZON_DAYS
) -> bool:
    """Published more than `horizon` days before the latest source."""
    if published is None or latest is None:
        return False
    return _days(_period(published)[1], _period(latest)[0]) > horizon


def _by_article(analysis: Analysis) -> dict[str, list[Sentence]]:
    """Each article's sentences in order: a sentence's `position` indexes its article's list."""
    out: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in analysis.sentences:
        out[sentence.article.id].append(sentence)
    return out


def _known(analysis: Analysis) -> frozenset[str]:
    """The story's subject words: "the spill" needs no naming in a briefing on an oil spill."""
    return frozenset(analysis.subject.lower().split()) if analysis.subject else frozenset()


def _still_open(
    asked: Asked, sentence: Sentence, index: Callable[[], _Index], latest: PartialDate | None
) -> bool:
    if _raised_in_the_past(asked, sentence):
        return False
    if not asked.future:
        return True
    return not _past_date(asked, sentence, latest) and _answered(asked, sentence, index()) is None


@dataclass
class _Taken:
    """What the questions chosen so far cover: their passages' words, and who makes the plans
    already asked (one plan per actor keeps the list varied)."""

    words: list[frozenset[str]]
    planners: set[str]

    def covers(self, words: frozenset[str], question: Asked) -> bool:
        if any(similarity(words, other) >= SAME_QUESTION for other in self.words):
            return True
        return bool(_planners(question) & self.planners)

    def add(self, words: frozenset[str], question: Asked) -> None:
        self.words.append(words)
        self.planners |= _planners(question)


def _planners(question: Asked) -> set[str]:
    if question.future and question.subject is not None:
        return _subject_names(question.subject)
    return set()


def answered_by(
    kind: str, sentence: Sentence, analysis: Analysis, among: Sequence[Sentence]
) -> Sentence | None:
    """The passage of `among` that answers the question this section asks of `sentence` as
    `kind` (the check it makes before asking), or None: how `--since` tells which of an
    earlier briefing's questions the new sources answer."""
    earlier = _by_article(analysis)[sentence.article.id][: sentence.position][::-1]
    question = _question(kind, sentence, _known(analysis), earlier)
    if question is None:
        return None
    return _answered(question, sentence, _Index(among))


def build(analysis: Analysis, options: BuildOptions) -> tuple[OpenQuestion, ...]:
    """Disagreements first, then questions asked in the sources' words (pending decisions,
    disputed and hedged claims, plans) that stand alone and that no later source answers."""
    asked: list[OpenQuestion] = list(_disagreements(analysis))
    taken = _Taken([], set())
    known, latest = _known(analysis), _latest(analysis)
    articles = _by_article(analysis)
    known_people = introductions(analysis)
    index = cache(partial(_Index, analysis.sentences))  # built when a plan is first asked
    for kind, sentence in _candidates(analysis):
        if len(asked) >= _MAX_QUESTIONS:
            break
        words = content_words(sentence.text)
        earlier = articles[sentence.article.id][: sentence.position][::-1]
        question = _question(kind, sentence, known, earlier)
        if question is None or taken.covers(words, question):
            continue
        if not _still_open(question, sentence, index, latest):
            continue
        question = introduce_people(question, known_people.get(sentence.article.id, {}))
        passages = (sentence, *question.referents)
        citations = tuple(Citation(p.article.id, p.text) for p in passages)
        asked.append(OpenQuestion(with_its_days(sentence, question.text), citations, kind))
        taken.add(words, question)
    return tuple(asked)


SECTION = SectionSpec(
    "questions", "Open questions", "open_questions", build, order=50, aliases=("open_questions",)
)
