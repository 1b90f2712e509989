"""The numbered list of sources, in the order the articles were read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefer.models import Article, SourceEntry, source_order
from briefer.sections import BuildOptions, SectionSpec

if TYPE_CHECKING:
    from briefer.analysis import Analysis


OPENING_WORDS = 12


def opening(article: Article) -> str:
    """The first words of an untitled article, ending in "…" where cut; "" when it has a title."""
    if article.title:
        return ""
    words = article.text.split()
    cut = " ".join(words[:OPENING_WORDS])
    return cut + " …" if len(words) > OPENING_WORDS else cut


def build(analysis: Analysis, options: BuildOptions) -> tuple[SourceEntry, ...]:
    """Every source read, in order, a repeat marked with the source it repeats."""
    entries = [SourceEntry(article, opening(article)) for article in analysis.articles]
    entries += [SourceEntry(a, opening(a), same_as) for a, same_as in analysis.repeats]
    return tuple(sorted(entries, key=lambda e: source_order(e.article.id)))


SECTION = SectionSpec("sources", "Sources", "sources", build, order=90, aliases=("citations",))
