"""The analysis stage: parse once, then derive what the sections share.

`analyse(articles)` is the one step between reading and the sections: its `Analysis` carries
every result more than one section reads, so each section is a pure function of it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from briefer.analysis.actors import extract_actors
from briefer.analysis.nlp import DEFAULT_MODEL, ParseOptions, parse_articles
from briefer.analysis.ranking import LeadingActors, RankedSentence, leading_actors, rank_sentences
from briefer.analysis.sentence import Sentence
from briefer.analysis.subject import main_subject
from briefer.models import Actor, Article

log = logging.getLogger("briefer")

__all__ = ["DEFAULT_MODEL", "Analysis", "ParseOptions", "RankedSentence", "Sentence", "analyse"]


@dataclass(frozen=True)
class Analysis:
    """Everything the sections share, computed once per build."""

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]  # every sentence of every article, in source order
    actors: tuple[Actor, ...]  # every actor found, most salient first
    leading: LeadingActors  # the few the story is mostly about
    ranked: tuple[RankedSentence, ...]  # sentences fit to quote alone, most central first
    subject: str | None  # the noun phrase most sources use, if they share one
    model: str
    cache: Path | None = None  # where parses are kept, for text parsed later (headlines)
    # Sources whose text an earlier one already has (an agency story run twice), each with
    # that earlier source's id: listed, not analysed, so they count once.
    repeats: tuple[tuple[Article, str], ...] = ()


def analyse(
    articles: tuple[Article, ...], model: str = DEFAULT_MODEL, parse: ParseOptions | None = None
) -> Analysis:
    """Parse every article once (`parse`: processes, cache, progress) and derive the shared
    results; an article that repeats an earlier one's text is left out of them."""
    articles, repeats = _without_repeats(articles)
    sentences = tuple(parse_articles(articles, model, parse))
    log.info("analysed %d sentences with %s", len(sentences), model)
    actors = extract_actors(articles, sentences)
    leading = leading_actors(actors)
    return Analysis(
        articles=articles,
        sentences=sentences,
        actors=actors,
        leading=leading,
        ranked=rank_sentences(sentences, leading),
        subject=main_subject(sentences, len(articles)),
        model=model,
        cache=parse.cache if parse is not None else None,
        repeats=repeats,
    )


def _without_repeats(
    articles: tuple[Article, ...],
) -> tuple[tuple[Article, ...], tuple[tuple[Article, str], ...]]:
    """The articles less those whose text, spaces and case aside, an earlier one has; and
    those, each with the id of the first that has it."""
    first: dict[str, str] = {}
    kept: list[Article] = []
    repeats: list[tuple[Article, str]] = []
    for article in articles:
        key = " ".join(article.text.casefold().split())
        if key and key in first:
            repeats.append((article, first[key]))
            continue
        first.setdefault(key, article.id)
        kept.append(article)
    return tuple(kept), tuple(repeats)
