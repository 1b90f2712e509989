"""Key points: the three to five most important source sentences, put first (bottom line up
front). The first is the bottom line: the story as it stands at the latest sources, the news
one of them leads with if it can. Each is a verbatim sentence, naming a top actor where it
can, from different sources where possible, no two saying the same thing; a statement a later
source has overtaken gives way to the later one, and a plan from before the latest source comes
only when nothing else is left. When key points are built, the background leaves them out."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from briefer.analysis.actors.roles import is_role_noun
from briefer.analysis.currency import PERFECT_AUX, Act, StorySpan, day_number
from briefer.analysis.dating import cited_with_its_days
from briefer.analysis.parse import Token
from briefer.analysis.ranking import (
    LEAD_SENTENCES,
    RankedSentence,
    as_it_stands,
    needs_context,
)
from briefer.analysis.sentence import Sentence
from briefer.analysis.text import same_point
from briefer.dates import DateMention, tag_dates
from briefer.models import Granularity, Statement
from briefer.sections import BuildOptions, SectionSpec
from briefer.sections.timeline import familiar_nouns, subject_told_before

if TYPE_CHECKING:
    from briefer.analysis import Analysis

MAX_WORDS = 40  # a key point is read at a glance; longer sentences belong in the background
# The bottom line comes from the sources of the last tenth of the story's span (at least its
# last day): what the newest reports say, not what the story was about at its start.
LATEST_WINDOW = 0.1
# The other key points come first from the latest half of the span, and its last month at
# most: the story as it stands (in a year of news, July is not December's state of play).
RECENT_SHARE = 0.5
RECENT_DAYS = 30


def _size(analysis: Analysis) -> int:
    return max(3, min(5, 2 + round(math.sqrt(len(analysis.articles)))))


def build(analysis: Analysis, options: BuildOptions) -> tuple[Statement, ...]:
    return choose(analysis)


def _tier(analysis: Analysis, candidate: RankedSentence, familiar: frozenset[str] | None) -> int:
    """0: names a top actor; 1: names none; 2: a plan a later source has made stale, or a
    retelling (`retells`); 3: cannot stand alone ("a few days later … the meeting", "The
    research suggests …" where the story seldom names research): a key point is read without
    its source."""
    if needs_context(candidate.sentence) or subject_told_before(candidate.sentence, familiar):
        return 3
    if names_untold(candidate.sentence, familiar):
        return 3
    if candidate.stale_plan or retells(candidate.sentence) or generalises(candidate.sentence):
        return 2
    return 0 if analysis.leading.count_in(candidate.sentence.text) else 1


def bottom_line(
    analysis: Analysis, candidates: list[RankedSentence], familiar: frozenset[str] | None
) -> RankedSentence | None:
    """The news a latest source leads with, naming a top actor if one does; else the most
    central current statement naming a top actor from the latest sources."""
    span = StorySpan.of(a.published for a in analysis.articles)
    latest = [
        (tier, c)
        for c in candidates
        if (tier := _tier(analysis, c, familiar)) <= 1
        and span.is_latest(c.sentence.article.published, LATEST_WINDOW)
    ]
    leads = [(t, c) for t, c in latest if c.sentence.position < LEAD_SENTENCES and _reports(c)]
    if leads:
        news = {id(c): tells_news(c.sentence) for _, c in leads}
        return min(leads, key=lambda pair: (not news[id(pair[1])], pair[0], -pair[1].score))[1]
    return max((c for t, c in latest if t == 0), key=lambda c: c.score, default=None)


_MUSING = frozenset("would should must".split())


def _reports(candidate: RankedSentence) -> bool:
    """Tells news, as a lead does ("France announced a $33 billion plan"), rather than a
    present state ("Washington's messaging is aimed at …") or a conjecture ("would undermine")."""
    root = candidate.sentence.span.root
    if any(c.dep_ == "aux" and c.lower_ in _MUSING for c in root.children):
        return False
    return not Act.of(root).state


_QUANTIFIERS = frozenset("many some most few several others".split())
_STANCES = frozenset(
    "say believe think fear expect feel argue worry doubt suspect hope want agree".split()
)
_ATTITUDES = frozenset(
    "apprehensive worried concerned afraid fearful sceptical skeptical optimistic pessimistic"
    " anxious uneasy unhappy angry confident hopeful doubtful divided".split()
)


def generalises(sentence: Sentence) -> bool:
    """Says in the present what some unnamed people think or feel ("Many who opposed the war
    are apprehensive …", "Some experts say …"): a view of the story, not a development in it.
    "Many remain missing" and "Most of the victims were children" tell how things stand."""
    root = sentence.span.root
    if root.tag_ not in ("VBZ", "VBP"):
        return False
    feels = any(c.dep_ == "acomp" and c.lemma_.lower() in _ATTITUDES for c in root.children)
    if root.lemma_ not in _STANCES and not (root.lemma_ == "be" and feels):
        return False
    return any(c.dep_ == "nsubj" and _some_unnamed(c) for c in root.children)


def _some_unnamed(subject: Token) -> bool:
    """ "Many", "some", "Some experts", "Many Iraqis"; not "Most of the dockers"."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in subject.children):
        return False
    if subject.lower_ in _QUANTIFIERS:
        return True
    return subject.tag_ in ("NNS", "NNPS") and any(
        c.dep_ in ("det", "amod") and c.lower_ in _QUANTIFIERS for c in subject.children
    )


NEWS_DAYS = 3  # a news lead dates what it reports to the days just before its report


def tells_news(sentence: Sentence) -> bool:
    """In the form a news report gives the day's news, not a feature's scene or a profile
    ("her protest became a symbol"): a present perfect ("The WHO has raised its alert level"),
    or a past dated to the days just before its source ("announced … Thursday", "released
    today"). A modal ("may have died") is an estimate, not news."""
    root = sentence.span.root
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" for a in auxiliaries) or not Act.of(root).done:
        return False
    if root.tag_ == "VBN" and any(a.lower_ in PERFECT_AUX and a.tag_ != "VBD" for a in auxiliaries):
        return True
    published = day_number(sentence.article.published)
    if published is None:
        return False
    return any(
        m.date.granularity == Granularity.DAY
        and (day := day_number(m.date)) is not None
        and 0 <= published - day <= NEWS_DAYS
        for m in tag_dates(sentence.text, sentence.article.published, quoted=sentence.quoted)
    )


def names_untold(sentence: Sentence, familiar: frozenset[str] | None) -> bool:
    """A phrase that only an earlier sentence says which it is: "The story of the obscure
    provision", "the coming trial" (a bare "the" and an adjective that points at one thing,
    no name, compound or clause), its noun one the story seldom names (`familiar_nouns`); or
    a subject that is a ranking adjective alone ("The most obvious is …", "The latest was …").
    A key point is read without its article. Words of a phrase of time or manner ("round the
    clock") and quoted words are not read."""
    if familiar is None:
        return False
    base = sentence.span.start_char
    return any(
        not sentence.quoted(t.idx - base) and (_bare_definite(t, familiar) or _adjective_subject(t))
        for t in sentence.span
    )


_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
_SHARES = frozenset("percent % half part share majority most rest".split())
# Adjectives of a kind ("the international community", "the economic crisis", "the Kenyan
# government") say which; others ("the obscure provision", "the new programmes") point back.
_OF_A_KIND = re.compile(r"(?:al|ic|ary|ian|ese|ish)$")


def _a_share(noun: Token) -> bool:
    return noun.lower_ in _SHARES or any(c.dep_ == "nummod" for c in noun.children)


def _bare_definite(noun: Token, familiar: frozenset[str]) -> bool:
    if not _an_untold_noun(noun, familiar):
        return False
    children = [c for c in noun.children if c.dep_ != "punct"]
    adjectives = [c for c in children if c.dep_ == "amod"]
    return (
        [c.lower_ for c in children if c.dep_ == "det"] == ["the"]
        and all(c.dep_ in ("det", "amod") for c in children)
        and bool(adjectives)
        and all(_points_back(a) for a in adjectives)
    )


def _an_untold_noun(noun: Token, familiar: frozenset[str]) -> bool:
    """A common noun, no role, the story seldom names, as a subject, an object or what a noun
    is "of" (`_an_argument`)."""
    lemma = noun.lemma_.lower()
    return (
        noun.pos_ == "NOUN"
        and lemma not in familiar
        and not is_role_noun(lemma)
        and _an_argument(noun)
    )


def _points_back(adjective: Token) -> bool:
    before = adjective.doc[adjective.i - 1] if adjective.i > 0 else None
    return (
        not adjective.ent_type_
        and _OF_A_KIND.search(adjective.lower_) is None
        and (before is None or before.text not in ("-", "–"))  # "director-general"
    )


def _an_argument(noun: Token) -> bool:
    """A subject, an object or what a noun is "of"; not a phrase of time, place or manner
    ("round the clock", which the parser may take for an object after its adverb)."""
    if noun.dep_ == "pobj":
        whole = noun.head.head  # "the dangers of …"; not a share of it ("48% of the votes")
        return noun.head.lower_ == "of" and whole.pos_ == "NOUN" and not _a_share(whole)
    if noun.dep_ == "dobj" and noun.left_edge.i > 0:
        return noun.doc[noun.left_edge.i - 1].pos_ not in ("ADV", "ADP")
    return noun.dep_ in _ARGUMENTS


_RANKING = frozenset("first second third last latest other former latter next previous".split())


def _adjective_subject(token: Token) -> bool:
    """ "The most obvious is …", "The latest was …", "The first came …": of what? Not a group
    of people ("The dead included …", "The poor will be hit hardest")."""
    ranking = (
        token.tag_ == "JJS"
        or token.lower_ in _RANKING
        or any(c.lower_ in ("most", "least") for c in token.children)
    )
    return (
        token.dep_ in ("nsubj", "nsubjpass")
        and token.pos_ == "ADJ"
        and ranking
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    )


RETOLD_DAYS = 14  # a main clause dated this long before its report tells the past


def retells(sentence: Sentence) -> bool:
    """Told in the past, and every date of its main clause ended RETOLD_DAYS or more before
    its report ("Obama did not hide his vexation when he summoned his advisers … on Sept. 14"
    in November): a feature retelling the past, not the story as it stands at its source. A
    present perfect is news still ("The body of a worker killed on 12 January has been
    identified")."""
    published = day_number(sentence.article.published)
    root = sentence.span.root
    past = root.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in root.children
    )  # "summoned", "did not hide", "was established", "had met"
    if published is None or not past:
        return False
    ends = [
        (m.end_date or m.date).last_day().toordinal()
        for m in tag_dates(sentence.text, sentence.article.published, quoted=sentence.quoted)
        if _dates_the_main_clause(sentence, m)
    ]
    return bool(ends) and all(published - end >= RETOLD_DAYS for end in ends)


def _dates_the_main_clause(sentence: Sentence, mention: DateMention) -> bool:
    """The date says when the main clause, or a clause on it ("when he summoned …"), took
    place; not when a thing it names did ("sentenced for the killings in 1982", "guilty of
    murdering … in August 2002")."""
    span = sentence.span.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    node, root = span.root.head, sentence.span.root
    if span.end <= root.i:
        return True  # fronted: "In August 2003 oil workers organised a strike"
    if _named_thing_between(root, span.start):
        return False  # "sentenced … for the killing of 148 men … in 1982", however parsed
    while node.i != root.i and node.head.i != node.i:
        if node.pos_ in ("NOUN", "PROPN"):
            return False
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("advcl", "conj", "xcomp"):
            return False
        node = node.head
    return node.i == root.i


def _named_thing_between(verb: Token, end: int) -> bool:
    """A noun after "for" or "of" between the verb and the token index `end`: the date that
    follows is that thing's."""
    doc = verb.doc
    return any(t.pos_ == "NOUN" and t.head.lower_ in ("for", "of") for t in doc[verb.i + 1 : end])


def choose(analysis: Analysis) -> tuple[Statement, ...]:
    """The key points of the analysed story; the background calls this to leave them out."""
    ranked = [r for r in as_it_stands(analysis.ranked) if len(r.sentence.text.split()) <= MAX_WORDS]
    if not ranked:
        return ()
    # Naming a top actor outranks everything else; centrality orders each tier. Each tier is
    # found once: the passes below would otherwise search every candidate's text six times.
    familiar = familiar_nouns(analysis)
    tiers = {id(c): _tier(analysis, c, familiar) for c in ranked}
    span = StorySpan.of(a.published for a in analysis.articles)

    def older(c: RankedSentence) -> bool:
        return not span.is_latest(c.sentence.article.published, RECENT_SHARE, RECENT_DAYS)

    def order(c: RankedSentence) -> tuple[int, bool, float]:
        return tiers[id(c)], older(c), -c.score

    candidates = sorted(ranked, key=order)
    size = _size(analysis)
    first = bottom_line(analysis, candidates, familiar)
    chosen: list[RankedSentence] = [first] if first is not None else []

    def take(max_tier: int, spread_sources: bool) -> None:
        used_sources = {c.sentence.article.id for c in chosen}
        for candidate in candidates:
            if len(chosen) >= size or tiers[id(candidate)] > max_tier:
                return
            if any(candidate is c for c in chosen):
                continue
            if spread_sources and candidate.sentence.article.id in used_sources:
                continue
            if any(same_point(candidate.words, c.words) for c in chosen):
                continue
            chosen.append(candidate)
            used_sources.add(candidate.sentence.article.id)

    # Naming a top actor matters more than spreading over sources.
    for max_tier in (0, 1, 2, 3):
        take(max_tier, spread_sources=True)
        take(max_tier, spread_sources=False)
    # Newest first after the bottom line, so the list reads back from the story as it stands.
    rest = sorted(
        chosen[1 if first else 0 :],
        key=lambda c: (-(day_number(c.sentence.article.published) or 0), order(c)),
    )
    ordered = ([first] if first else []) + rest
    return tuple(cited_with_its_days(c.sentence) for c in ordered)


SECTION = SectionSpec(
    "key_points", "Key points", "key_points", build, order=10, aliases=("keypoints", "bluf", "key")
)
