"""The numbered list of sources, in the order the articles were read."""

from __future__ import annotations

from briefer.models import SourceEntry
from briefer.nlp import Corpus
from briefer.sections import BuildOptions, SectionSpec


def build(corpus: Corpus, options: BuildOptions) -> tuple[SourceEntry, ...]:
    return tuple(SourceEntry(article) for article in corpus.articles)


SECTION = SectionSpec("sources", "Sources", "sources", build, aliases=("citations",))
