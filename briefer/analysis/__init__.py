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


def analyse(
    articles: tuple[Article, ...], model: str = DEFAULT_MODEL, parse: ParseOptions | None = None
) -> Analysis:
    """Parse every article once (`parse`: processes, cache, progress) and derive the shared
    results."""
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
    )
