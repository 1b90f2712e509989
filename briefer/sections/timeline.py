"""Timeline: dated events in order, each the clause that carries its date, cited.

Dates come from the temporal tagger anchored to each article's publication date. When the
material holds more events than a briefing can show, the dates that matter are chosen by how
many sentences and sources mention them (as in DATEWISE), and each chosen date is told by the
most representative report of its best-supported event.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from briefer.analysis import Analysis as Corpus
from briefer.analysis.sentence import Sentence
from briefer.analysis.text import content_words, similarity
from briefer.dates import DateMention, tag_dates
from briefer.models import Certainty, Citation, Event, Granularity, PartialDate
from briefer.sections import BuildOptions, SectionSpec

MIN_AUTO, MAX_AUTO = 10, 25
SECOND_EVENT_MIN = 4  # reports of one date before it earns a second entry
SUPPORT_MIN = 3
# A coarse date is weaker evidence of an event than a day.
_GRANULARITY_WEIGHT = {Granularity.DAY: 1.0, Granularity.MONTH: 0.4, Granularity.YEAR: 0.25}
# "closed until 6 May": the date ends a state, it is not when something happened.
_NOT_AN_EVENT_BEFORE = re.compile(r"\b(until|till|through|by)\s+(?:\w+\s+)?$", re.I)
# Datelines and photo captions carry the date of the page or picture, not of an event:
# "Thursday 30 April 2009 19.10 BST", "MOSCOW, Sept. 20 --", "in Tokyo, Thursday, Oct. 16, 2008."
_DATELINE_AFTER = re.compile(r"^(?:[;,]?\s*\d{1,2}[.:]\d{2}\b|\s*(?:--|—)|-[A-Za-z])")
_CAPTION_BEFORE = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s*$|^[A-Z .]{3,},\s*$"
)
_DATE_HINT = re.compile(
    r"\d|day|month|year|week|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.I
)


@dataclass(frozen=True)
class _Candidate:
    sentence: Sentence
    mention: DateMention
    text: str
    words: frozenset[str]

    @property
    def key(self) -> tuple[str, str | None]:
        end = self.mention.end_date.iso() if self.mention.end_date else None
        return self.mention.date.iso(), end


def sentence_mentions(sentence: Sentence) -> list[DateMention]:
    """Date expressions of a sentence, resolved against its article's publication date."""
    return tag_dates(
        sentence.text,
        sentence.article.published,
        tense_at=sentence.tense_at,
        quoted=sentence.quoted,
    )


_RELATIVE_PRONOUNS = {"who", "which", "that", "whose", "whom", "where", "when"}
_NAME_PARTS = {"compound", "det", "amod", "poss", "nmod", "nummod"}


def _relative_clause(node) -> str | None:  # noqa: ANN001 - spaCy token
    """ "Methmet Volkan … who wrote a piece for The Diplomat last month": a date inside a
    relative clause dates that clause, told with what it is about; the gap is marked."""
    antecedent = node.head
    while antecedent.dep_ == "appos":  # "Volkan, a volunteer with Atajurt (who …"
        antecedent = antecedent.head
    first = node.left_edge
    if antecedent.pos_ not in ("PROPN", "NOUN") or first.lower_ not in _RELATIVE_PRONOUNS:
        return None
    if first.lower_ in ("who", "whom") and antecedent.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
        return None  # "a woman from the Western Cape who …": the parse hung it on the place
    doc = node.doc
    start = min([c.left_edge.i for c in antecedent.lefts if c.dep_ in _NAME_PARTS],
                default=antecedent.i)  # fmt: skip
    name = doc[start : antecedent.i + 1].text
    clause = doc[first.i : node.right_edge.i + 1].text.strip(" ,;()")
    if len(clause.split()) < 5:
        return None
    joiner = " " if first.i == antecedent.i + 1 else " … "
    return f"{name}{joiner}{clause}"


def _clause(sentence: Sentence, mention: DateMention, mentions: int) -> str:
    """The clause that carries the date: the sentence when it holds one date in its main
    clause, a relative clause with what it is about, or the subtree of the verb governing
    this date expression when the sentence holds several dates."""
    text = sentence.text
    span = sentence.span
    token = span.char_span(mention.start, mention.end, alignment_mode="expand")
    if token is None:
        return text
    node = token.root
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "relcl":
        return _relative_clause(node) or text
    if mentions <= 1:
        return text
    if node.dep_ in ("acl", "advcl", "xcomp", "pcomp"):
        return text  # "flying out on 20 April" needs the rest of the sentence
    start = node.left_edge.idx - span.start_char
    end = node.right_edge.idx + len(node.right_edge) - span.start_char
    clause = text[max(0, start) : end].strip(" ,;")
    return clause if len(clause.split()) >= 5 else text


def _is_event(sentence: Sentence, mention: DateMention) -> bool:
    text = sentence.text
    if _NOT_AN_EVENT_BEFORE.search(text[: mention.start]) and mention.end_date is None:
        return False
    if _DATELINE_AFTER.match(text[mention.end :]) or _CAPTION_BEFORE.search(text[: mention.start]):
        return False
    span = sentence.span.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is not None:
        root = span.root
        if root.dep_ in ("compound", "amod", "nmod", "nummod") and root.head.i >= span.end:
            return False  # "the Sept. 11 attacks", "the 1951 Refugee Convention": a name
    rest = (text[: mention.start] + text[mention.end :]).split()
    return len(rest) >= 5 and any(t.pos_ in ("VERB", "AUX") for t in sentence.span)


def _candidates(corpus: Corpus) -> list[_Candidate]:
    out = []
    for sentence in corpus.sentences:
        if not _DATE_HINT.search(sentence.text):
            continue
        mentions = sentence_mentions(sentence)
        for mention in mentions:
            if _is_event(sentence, mention):
                text = _clause(sentence, mention, len(mentions))
                out.append(_Candidate(sentence, mention, text, content_words(text)))
    return out


def _merge(group: list[_Candidate]) -> list[list[_Candidate]]:
    """Within one date, group the reports that tell the same event (similar wording)."""
    events: list[list[_Candidate]] = []
    for candidate in group:
        for event in events:
            if similarity(candidate.words, event[0].words) >= 0.5:
                event.append(candidate)
                break
        else:
            events.append([candidate])
    return sorted(events, key=lambda e: -len({m.sentence.passage for m in e}))


def _representative(
    members: list[_Candidate], context: list[_Candidate], idf: dict[str, float]
) -> _Candidate:
    """The report whose words are most typical both of everything said about its date (a
    TF-IDF centroid of the date's reports) and of the whole story, preferring plain,
    complete sentences."""
    weight: dict[str, float] = defaultdict(float)
    for other in context:
        for word in other.words:
            weight[word] += idf.get(word, 1.0)

    def score(m: _Candidate) -> float:
        central = sum(weight[w] for w in m.words) / max(1.0, len(m.words)) ** 0.5
        # …and of the story as a whole: words most sentences of the corpus share.
        topical = sum(1 / idf.get(w, 1.0) ** 2 for w in m.words) / max(1.0, len(m.words)) ** 0.5
        central *= topical
        quoted = sum(e - s for s, e in m.sentence.quotes) / max(1, len(m.sentence.text))
        length = len(m.text.split())
        shape = 1.0 if 8 <= length <= 45 else 0.6
        if m.sentence.garbled:
            shape *= 0.3
        return central * shape * (1 - 0.7 * quoted)

    return max(members, key=lambda m: (score(m), -m.sentence.position, m.text))


def _event(members: list[_Candidate], context: list[_Candidate], idf: dict[str, float]) -> Event:
    """One entry citing every sentence that reports the same event."""
    best = _representative(members, context, idf)
    members = [m for m in members if m is best or similarity(m.words, best.words) >= 0.5]
    certainty = (
        Certainty.STATED
        if any(m.mention.certainty == Certainty.STATED for m in members)
        else Certainty.INFERRED
    )
    citations = tuple(
        dict.fromkeys(Citation(m.sentence.article.id, m.sentence.text) for m in members)
    )
    text = best.text[:1].upper() + best.text[1:]
    return Event(best.mention.date, certainty, text, citations, best.mention.end_date)


def _idf(corpus: Corpus) -> dict[str, float]:
    frequency: dict[str, int] = defaultdict(int)
    for sentence in corpus.sentences:
        for word in content_words(sentence.text):
            frequency[word] += 1
    total = len(corpus.sentences)
    return {w: math.log((1 + total) / (1 + n)) + 1 for w, n in frequency.items()}


def _support(group: list[_Candidate]) -> float:
    """How strongly the material points at a date: sentences and sources mentioning it."""
    sentences = len({c.sentence.passage for c in group})
    sources = len({c.sentence.article.id for c in group})
    return (sentences + sources) * _GRANULARITY_WEIGHT[group[0].mention.date.granularity]


def _within_coverage(date: PartialDate, corpus: Corpus) -> bool:
    """A year or month that overlaps the publication dates says nothing the sources' own
    days do not say better ("this year" in articles spread over that year)."""
    published = [a.published for a in corpus.articles if a.published]
    if date.granularity == Granularity.DAY or not published:
        return False
    first, last = min(p.sort_key() for p in published), max(p.sort_key() for p in published)
    start = (date.year, date.month or 1, 1)
    end = (date.year, date.month or 12, 31)
    return start <= last and first <= end


def _choose_dates(
    by_date: dict[tuple[str, str | None], list[_Candidate]], size: int | None, corpus: Corpus
) -> list[tuple[str, str | None]]:
    ranked = sorted(
        (k for k in by_date if not _within_coverage(by_date[k][0].mention.date, corpus)),
        key=lambda k: (-_support(by_date[k]), k[0], k[1] or ""),
    )
    if size is None:
        # As many dates as the material clearly points at, within the briefing's range.
        backed = [k for k in ranked if _support(by_date[k]) >= SUPPORT_MIN]
        size = max(MIN_AUTO, min(MAX_AUTO, len(backed)))
    return ranked[:size]


def build_timeline(corpus: Corpus, options: BuildOptions) -> tuple[Event, ...]:
    by_date: dict[tuple[str, str | None], list[_Candidate]] = defaultdict(list)
    for candidate in _candidates(corpus):
        by_date[candidate.key].append(candidate)
    idf = _idf(corpus)
    merged = {key: _merge(group) for key, group in by_date.items()}
    limit = options.timeline_size or MAX_AUTO
    if sum(len(events) for events in merged.values()) <= limit:
        # Few enough to show every distinct event.
        events = [_event(e, e, idf) for groups in merged.values() for e in groups]
    else:
        chosen = _choose_dates(by_date, options.timeline_size, corpus)
        events = [_event(by_date[k], by_date[k], idf) for k in chosen]
        # Busy days may tell a second, different event while the briefing has room.
        room = (options.timeline_size or MAX_AUTO) - len(events)
        for key, first in list(zip(chosen, events, strict=True)):
            if room <= 0 or options.timeline_size is not None:
                break
            rest = [
                c for c in by_date[key]
                if c.sentence.text not in {x.quote for x in first.citations}
                and similarity(c.words, content_words(first.text)) < 0.5
            ]  # fmt: skip
            if len({c.sentence.passage for c in by_date[key]}) >= SECOND_EVENT_MIN and rest:
                events.append(_event(rest, by_date[key], idf))
                room -= 1
    return tuple(
        sorted(
            events,
            key=lambda e: (e.date.sort_key(), e.end.sort_key() if e.end else (0, 0, 0), e.text),
        )
    )


SECTION = SectionSpec("timeline", "Timeline", "timeline", build_timeline, order=40)
