"""Key points: the three to five most important source sentences, put first (bottom line up
front). Each is a verbatim sentence naming a top actor, from different sources where possible,
no two saying the same thing. When key points are built, the background leaves them out."""

from __future__ import annotations

import math

from briefer.analysis.actors import extract_actors
from briefer.models import Statement
from briefer.nlp import Corpus
from briefer.sections import BuildOptions, SectionSpec
from briefer.sections.background import RankedSentence, cited, ranked_sentences
from briefer.text import similarity

MAX_WORDS = 40  # a key point is read at a glance; longer sentences belong in the background
SAME_POINT = 0.5  # content-word overlap at which two sentences make the same point


def _size(corpus: Corpus) -> int:
    return max(3, min(5, 2 + round(math.sqrt(len(corpus.articles)))))


def _names_top_actor(candidate: RankedSentence, surnames: list[str]) -> bool:
    lower = candidate.sentence.text.lower()
    return any(name in lower for name in surnames)


def build(corpus: Corpus, options: BuildOptions) -> tuple[Statement, ...]:
    cached = corpus.cache.get("key_points")
    if cached is None:
        cached = corpus.cache["key_points"] = _choose(corpus)
    return cached  # type: ignore[return-value]


def _choose(corpus: Corpus) -> tuple[Statement, ...]:
    ranked = [r for r in ranked_sentences(corpus) if len(r.sentence.text.split()) <= MAX_WORDS]
    if not ranked:
        return ()
    leading = extract_actors(corpus.articles, corpus.sentences)
    surnames = [a.name.lower().split()[-1] for a in leading[:5]]

    # Naming a top actor outranks everything else; centrality orders each tier.
    def tier(candidate: RankedSentence) -> int:
        return 0 if _names_top_actor(candidate, surnames) else 1

    candidates = sorted(ranked, key=lambda c: (tier(c), -c.score))
    size = _size(corpus)
    chosen: list[RankedSentence] = []

    def take(max_tier: int, spread_sources: bool) -> None:
        used_sources = {c.sentence.article.id for c in chosen}
        for candidate in candidates:
            if len(chosen) >= size or tier(candidate) > max_tier:
                return
            if any(candidate is c for c in chosen):
                continue
            if spread_sources and candidate.sentence.article.id in used_sources:
                continue
            if any(similarity(candidate.words, c.words) >= SAME_POINT for c in chosen):
                continue
            chosen.append(candidate)
            used_sources.add(candidate.sentence.article.id)

    # Naming a top actor matters more than spreading over sources.
    for max_tier in (0, 1):
        take(max_tier, spread_sources=True)
        take(max_tier, spread_sources=False)
    chosen.sort(key=lambda c: (tier(c), -c.score))
    return tuple(cited(c.sentence) for c in chosen)


SECTION = SectionSpec(
    "key_points", "Key points", "key_points", build, aliases=("keypoints", "bluf", "key")
)
