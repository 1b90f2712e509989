"""Key points: the three to five most important source sentences, put first (bottom line up
front). Each is a verbatim sentence naming a top actor, from different sources where possible,
no two saying the same thing. When key points are built, the background leaves them out."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from briefer.analysis.ranking import RankedSentence, cited
from briefer.analysis.text import same_point
from briefer.models import Statement
from briefer.sections import BuildOptions, SectionSpec

if TYPE_CHECKING:
    from briefer.analysis import Analysis

MAX_WORDS = 40  # a key point is read at a glance; longer sentences belong in the background


def _size(analysis: Analysis) -> int:
    return max(3, min(5, 2 + round(math.sqrt(len(analysis.articles)))))


def build(analysis: Analysis, options: BuildOptions) -> tuple[Statement, ...]:
    return choose(analysis)


def choose(analysis: Analysis) -> tuple[Statement, ...]:
    """The key points of the analysed story; the background calls this to leave them out."""
    ranked = [r for r in analysis.ranked if len(r.sentence.text.split()) <= MAX_WORDS]
    if not ranked:
        return ()
    # Naming a top actor outranks everything else; centrality orders each tier.
    def tier(candidate: RankedSentence) -> int:
        return 0 if analysis.leading.count_in(candidate.sentence.text) else 1

    candidates = sorted(ranked, key=lambda c: (tier(c), -c.score))
    size = _size(analysis)
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
            if any(same_point(candidate.words, c.words) for c in chosen):
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
    "key_points", "Key points", "key_points", build, order=10, aliases=("keypoints", "bluf", "key")
)
