"""Which sentences of the sources say most about the story: centrality, actor coverage and
position, over the sentences fit to be quoted on their own."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from briefer.analysis.sentence import Sentence
from briefer.analysis.text import content_words
from briefer.models import Actor, Citation, Statement

# Sentences that lean on what came before them read badly out of context.
_DANGLING_START = re.compile(
    r"^(he|she|it|they|his|her|its|their|this|that|these|those|but|and|also|however|meanwhile"
    r"|instead|still|so|then|yet)\b",
    re.IGNORECASE,
)
MIN_WORDS, MAX_WORDS = 8, 50
LEADING_ACTORS = 8  # the actors whose mention makes a sentence more summary-worthy
ACTOR_BONUS = 0.05
LEAD_BONUS = 0.15  # the first sentences of an article usually carry its news
LEAD_SENTENCES = 3
DANGLING_PENALTY = 0.3


@dataclass(frozen=True)
class LeadingActors:
    """The actors a story is mostly about, and whether a text names them: by the last word of
    their name as a whole word, so "States" is not found in "statesman"."""

    actors: tuple[Actor, ...]

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str], ...]:
        words = dict.fromkeys(a.name.split()[-1] for a in self.actors)
        return tuple(re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE) for w in words)

    def count_in(self, text: str) -> int:
        """How many of the leading actors `text` names."""
        return sum(1 for pattern in self._patterns if pattern.search(text))


def leading_actors(actors: Sequence[Actor]) -> LeadingActors:
    return LeadingActors(tuple(actors[:LEADING_ACTORS]))


@dataclass(frozen=True)
class RankedSentence:
    sentence: Sentence
    words: frozenset[str]  # content words, for similarity checks
    score: float  # centrality plus actor coverage; higher is more summary-worthy


def usable(sentence: Sentence) -> bool:
    """A whole, self-standing sentence of prose: fit to be quoted on its own."""
    words = len(sentence.text.split())
    quoted = sum(e - s for s, e in sentence.quotes)
    return (
        not sentence.garbled
        and MIN_WORDS <= words <= MAX_WORDS
        and sentence.text[-1:] in '.”"’'
        and quoted < 0.5 * len(sentence.text)
        and not sentence.text.endswith(":")
    )


def inverse_document_frequency(documents: Sequence[frozenset[str]]) -> dict[str, float]:
    """Smoothed IDF of each word over `documents` (sets of words)."""
    frequency: Counter[str] = Counter(w for words in documents for w in words)
    n = len(documents)
    return {w: math.log((1 + n) / (1 + df)) + 1 for w, df in frequency.items()}


def rank_sentences(
    sentences: Sequence[Sentence], leading: LeadingActors
) -> tuple[RankedSentence, ...]:
    """Usable sentences, most central first: cosine to the TF-IDF centroid of all of them."""
    chosen = [s for s in sentences if usable(s)]
    words = [content_words(s.text) for s in chosen]
    idf = inverse_document_frequency(words)
    document_frequency: Counter[str] = Counter(w for ws in words for w in ws)
    centroid = {w: df * idf[w] for w, df in document_frequency.items()}
    norm = math.sqrt(sum(v * v for v in centroid.values())) or 1

    def score(sentence: Sentence, own: frozenset[str]) -> float:
        weight = sum(idf[w] * centroid[w] for w in own)
        length = math.sqrt(sum(idf[w] ** 2 for w in own)) or 1
        central = weight / (length * norm)
        named = leading.count_in(sentence.text)
        lead = LEAD_BONUS if sentence.position < LEAD_SENTENCES else 0.0
        dangling = DANGLING_PENALTY if _DANGLING_START.match(sentence.text) else 0.0
        return central + ACTOR_BONUS * named + lead - dangling

    scored = [RankedSentence(s, w, score(s, w)) for s, w in zip(chosen, words, strict=True)]
    return tuple(sorted(scored, key=lambda r: -r.score))


def cited(sentence: Sentence) -> Statement:
    """The sentence as a statement citing itself, verbatim."""
    return Statement(sentence.text, (Citation(sentence.article.id, sentence.text),))
