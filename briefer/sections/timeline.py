"""Timeline: dated events in order, each the clause that carries its date, cited.

Dates come from the temporal tagger anchored to each article's publication date. With many
articles, the days that matter are chosen by how many sources mention them (as in DATEWISE),
and each day is told by its most representative sentence.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from briefer.dates import DateMention, tag_dates
from briefer.models import Certainty, Citation, Event, PartialDate
from briefer.nlp import Corpus, Sentence
from briefer.sections import BuildOptions, SectionSpec
from briefer.text import content_words, similarity


@dataclass(frozen=True)
class _Candidate:
    sentence: Sentence
    mention: DateMention
    text: str

    @property
    def key(self) -> tuple[str, str | None]:
        end = self.mention.end_date.iso() if self.mention.end_date else None
        return self.mention.date.iso(), end


def _clause(sentence: Sentence, mention: DateMention) -> str:
    """The clause that carries the date: the whole sentence when it has one date, otherwise
    the subtree of the verb governing this date expression."""
    text = sentence.text
    if len(sentence_mentions(sentence)) <= 1:
        return text
    span = sentence.span
    token = span.char_span(mention.start, mention.end, alignment_mode="expand")
    if token is None:
        return text
    node = token.root
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    start, end = node.left_edge.idx, node.right_edge.idx + len(node.right_edge)
    clause = span.doc.text[start:end].strip(" ,;")
    return clause if len(clause.split()) >= 4 else text


def sentence_mentions(sentence: Sentence) -> list[DateMention]:
    """Date expressions of a sentence, resolved against its article's publication date."""
    return tag_dates(
        sentence.text,
        sentence.article.published,
        tense_at=sentence.tense_at,
        quoted=sentence.quoted,
    )


def _candidates(corpus: Corpus) -> list[_Candidate]:
    out = []
    for sentence in corpus.sentences:
        if not re.search(r"\d|day|month|year|" + "|".join(_MONTH_HINTS), sentence.text, re.I):
            continue
        for mention in sentence_mentions(sentence):
            out.append(_Candidate(sentence, mention, _clause(sentence, mention)))
    return out


_MONTH_HINTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _auto_size(candidates: list[_Candidate], corpus: Corpus) -> int:
    """About 10–25 entries, growing with the number of distinct dates in the material."""
    days = {c.key for c in candidates}
    return max(10, min(25, round(4 * math.sqrt(len(days)))))


def _merge(group: list[_Candidate]) -> list[list[_Candidate]]:
    """Within one date, group candidates that tell the same event (similar wording)."""
    events: list[list[_Candidate]] = []
    for candidate in group:
        words = content_words(candidate.text)
        for event in events:
            if similarity(words, content_words(event[0].text)) >= 0.5:
                event.append(candidate)
                break
        else:
            events.append([candidate])
    return events


def _event(members: list[_Candidate], date: PartialDate, end: PartialDate | None) -> Event:
    """One entry citing every sentence that reports it; the text is the most central one's."""
    words = [content_words(m.text) for m in members]
    best = max(
        range(len(members)),
        key=lambda i: (sum(similarity(words[i], w) for w in words), -len(members[i].text)),
    )
    certainty = (
        Certainty.STATED
        if any(m.mention.certainty == Certainty.STATED for m in members)
        else Certainty.INFERRED
    )
    citations = tuple(
        dict.fromkeys(Citation(m.sentence.article.id, m.sentence.text) for m in members)
    )
    text = members[best].text
    return Event(date, certainty, text[:1].upper() + text[1:], citations, end)


def build_timeline(corpus: Corpus, options: BuildOptions) -> tuple[Event, ...]:
    candidates = _candidates(corpus)
    by_date: dict[tuple[str, str | None], list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_date[candidate.key].append(candidate)
    events: list[tuple[float, Event]] = []
    for group in by_date.values():
        first = group[0].mention
        for members in _merge(group):
            sources = {m.sentence.article.id for m in members}
            score = len(sources) + 0.25 * len(group) + 0.1 * len(members)
            events.append((score, _event(members, first.date, first.end_date)))
    size = options.timeline_size or _auto_size(candidates, corpus)
    if len(events) > size:
        events = sorted(events, key=lambda e: -e[0])[:size]
    ordered = sorted(
        (e for _, e in events),
        key=lambda e: (e.date.sort_key(), e.end.sort_key() if e.end else (0, 0, 0), e.text),
    )
    return tuple(ordered)


SECTION = SectionSpec("timeline", "Timeline", "timeline", build_timeline)
