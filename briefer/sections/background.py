"""Background: a short summary made only of source sentences, chosen for centrality and for
covering the main actors, with near-duplicates across sources removed. A statement a later
source has overtaken gives way to the later one, and a plan from before the latest source is
taken only when current statements run out: the background tells the story as it stands. It
reads in source order, the way the story unfolded; the key points lead with the latest state."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from briefer.analysis.dating import cited_with_its_days
from briefer.analysis.ranking import RankedSentence, as_it_stands, needs_context
from briefer.analysis.sentence import Sentence
from briefer.analysis.text import content_words, same_point
from briefer.models import Event, Section, Statement
from briefer.sections import BuildOptions, SectionSpec, keypoints
from briefer.sections.timeline import familiar_nouns, subject_told_before

if TYPE_CHECKING:
    from briefer.analysis import Analysis


# The share of the ranking's recency bonus the background keeps: it still leans to the newest,
# but it tells how the story got here, so older context keeps more of its place than in the key
# points, which carry the latest state.
RECENCY_SHARE = 0.5


def _auto_size(analysis: Analysis) -> int:
    return max(3, min(8, 2 + round(1.5 * math.sqrt(len(analysis.articles)))))


_CONJECTURING = frozenset("would could should must might may".split())


def _conjectures(sentence: Sentence) -> bool:
    """The main verb is a modal's ("Blair could go a long way towards …", "the crisis would
    undermine …"): a view or a guess, not the story's background."""
    root = sentence.span.root
    return any(c.dep_ == "aux" and c.lower_ in _CONJECTURING for c in root.children)


def build(analysis: Analysis, options: BuildOptions) -> tuple[Statement, ...]:
    """The background, or nothing yet when the timeline is built too: `review` chooses it
    once the timeline exists, leaving out what that tells."""
    if "timeline" in options.sections:
        return ()
    points = keypoints.choose(analysis) if "key_points" in options.sections else ()
    return _chosen(analysis, options, points, frozenset())


def _chosen(
    analysis: Analysis,
    options: BuildOptions,
    points: Sequence[Statement],
    told: frozenset[tuple[str, str]],
) -> tuple[Statement, ...]:
    """Central sentences that stand alone, read as a paragraph; what the key `points` already
    say is left out, and so is a passage in `told` (the timeline's)."""
    # Stale plans last; centrality, with part of the recency bonus, orders each group.
    ranked = sorted(
        as_it_stands(analysis.ranked),
        key=lambda r: (r.stale_plan, -(r.score - (1 - RECENCY_SHARE) * r.recency)),
    )
    said = [content_words(s.citations[0].quote) for s in points]
    ranked = [r for r in ranked if not any(same_point(r.words, w) for w in said)]
    size = options.background_size or _auto_size(analysis)
    familiar = familiar_nouns(analysis)
    chosen: list[RankedSentence] = []
    for candidate in ranked:
        if len(chosen) >= size:
            break
        if _fit(candidate, chosen, told, familiar):
            chosen.append(candidate)
    order = {a.id: k for k, a in enumerate(analysis.articles)}
    chosen.sort(key=lambda r: (order[r.sentence.article.id], r.sentence.position))
    return tuple(cited_with_its_days(r.sentence) for r in chosen)


def _fit(
    candidate: RankedSentence,
    chosen: list[RankedSentence],
    told: frozenset[tuple[str, str]],
    familiar: frozenset[str] | None,
) -> bool:
    """Says something new, stands alone (`familiar`: the nouns the story names widely),
    states no guess, and the timeline does not tell it."""
    sentence = candidate.sentence
    return not (
        any(same_point(candidate.words, c.words) for c in chosen)
        or needs_context(sentence)
        or subject_told_before(sentence, familiar)
        or _conjectures(sentence)
        or (sentence.article.id, sentence.text) in told
    )


def review(
    analysis: Analysis, options: BuildOptions, sections: tuple[Section, ...]
) -> tuple[Section, ...]:
    """The background, chosen without the passages the timeline tells: a reader meets each
    statement once, the dated ones where their date is. The key points are read off their
    built section, not chosen again."""
    built = {s.name: s for s in sections}
    if "timeline" not in built or NAME not in built:
        return sections
    events = [item for item in built["timeline"].items if isinstance(item, Event)]
    told = frozenset((c.source, c.quote) for event in events for c in event.citations)
    points_section = built.get(keypoints.SECTION.name)
    points = [p for p in points_section.items if isinstance(p, Statement)] if points_section else []
    background = _chosen(analysis, options, points, told)
    return tuple(replace(s, items=background) if s.name == NAME else s for s in sections)


NAME = "background"
SECTION = SectionSpec(
    NAME, "Background", "background", build, order=20, aliases=("summary",), review=review
)
