"""The numbered list of sources, in the order the articles were read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefer.models import SourceEntry
from briefer.sections import BuildOptions, SectionSpec

if TYPE_CHECKING:
    from briefer.analysis import Analysis


def build(analysis: Analysis, options: BuildOptions) -> tuple[SourceEntry, ...]:
    return tuple(SourceEntry(article) for article in analysis.articles)


SECTION = SectionSpec("sources", "Sources", "sources", build, order=90, aliases=("citations",))
