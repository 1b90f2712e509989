"""Actors of the story: the people, organisations, states and groups the sources name, merged
across mentions and sources, with their kind, role and quotations. Places are not actors.

A pure function of the articles and their parsed sentences; the rules live in the modules
`mentions` (collect), `clustering` (one entity across its names), `media` (a newspaper or
agency cited as the source, no actor), `kinds` (the vote), `states` (a capital that acts),
`roles`, `status` (what became of it) and `quotes`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from briefer.analysis.actors.clustering import cluster_mentions
from briefer.analysis.actors.countries import country_name, country_of_demonym, government_of
from briefer.analysis.actors.kinds import kind_of, vote
from briefer.analysis.actors.media import Employers, is_medium, without_journalists
from briefer.analysis.actors.mentions import (
    Cluster,
    Mention,
    add_untagged_mentions,
    collect_mentions,
    common_words,
    excluded_names,
    is_thing,
)
from briefer.analysis.actors.quotes import attribute_quotes
from briefer.analysis.actors.roles import ChosenRole, choose_role, role_of
from briefer.analysis.actors.states import assign_capitals, without_scenes
from briefer.analysis.actors.status import status_of
from briefer.analysis.sentence import Sentence
from briefer.analysis.text import content_words
from briefer.models import Actor, Article, Citation, Quote, Statement, source_order

__all__ = ["country_name", "country_of_demonym", "extract_actors", "government_of"]

MAX_CITATIONS = 3  # passages cited for an actor: the role's first, then the most topical
_ROLE_KINDS = ("person", "organisation")  # a state has no role: what it is, is its name
# Salience: people weigh more; up to this many quotations add a bonus each.
_PERSON_WEIGHT = 1.2
_SPREAD_WEIGHT = 2
_QUOTE_BONUS = 0.2
_MAX_QUOTE_BONUSES = 3
PASSAGES_PER_SOURCE = 5


def extract_actors(articles: Sequence[Article], sentences: Sequence[Sentence]) -> tuple[Actor, ...]:
    """All actors, most salient first (ties by name, so the order never varies)."""
    common = common_words(sentences)
    mentions = collect_mentions(sentences)
    excluded = excluded_names(articles)
    clusters = cluster_mentions(sentences, mentions, excluded, common)
    add_untagged_mentions(sentences, clusters)
    employers = Employers.of(clusters, excluded)  # excluded: the publishers (and authors)
    clusters = [c for c in clusters if not is_thing(c, common) and not is_medium(c)]
    for cluster in clusters:
        vote(cluster, common)
    clusters = without_journalists([c for c in clusters if c.votes], employers)
    clusters = [c for c in assign_capitals(clusters) if kind_of(c) != "place" and c.mentions]
    clusters = without_scenes(clusters)
    quotes = attribute_quotes(sentences, clusters)
    topical = _topicality(sentences, len(articles))
    actors = [_actor(c, quotes.get(c.name, []), topical) for c in clusters]
    return tuple(sorted(actors, key=lambda a: (-_salience(a, len(articles)), a.name)))


# A word in this share of the articles is the story's own: a sentence made of such words is
# about the story, not an aside of one article ("MOT failure rates" in a set on an earthquake).
STORY_WORD_SHARE = 0.2


def _topicality(sentences: Sequence[Sentence], articles: int) -> dict[int, float]:
    """Each sentence's share of content words that are the story's own, by id."""
    words = {id(s): content_words(s.text) for s in sentences}
    found: dict[str, set[str]] = {}
    for s in sentences:
        for word in words[id(s)]:
            found.setdefault(word, set()).add(s.article.id)
    floor = max(2.0, STORY_WORD_SHARE * articles)
    own = {w for w, ids in found.items() if len(ids) >= floor}
    return {key: len(ws & own) / len(ws) if ws else 0.0 for key, ws in words.items()}


def _actor(cluster: Cluster, quotes: Sequence[Quote], topical: dict[int, float]) -> Actor:
    kind = kind_of(cluster)
    # In text order: the role comes from the first mention that states one.
    mentions = sorted(
        cluster.mentions,
        key=lambda m: (source_order(m.sentence.passage.source), m.sentence.passage.start, m.start),
    )
    role = _role(mentions, kind, cluster) if kind in _ROLE_KINDS else None
    told = role.cited.sentence if role else None
    role_citation = Citation(told.article.id, told.text) if told else None
    # The role's passage, then the most topical distinct passages of prose (the first of
    # equals) up to MAX_CITATIONS, in text order: a dict keeps them in order, found in O(1).
    citations = dict.fromkeys([role_citation] if role_citation else [])
    ranked = sorted(
        enumerate(mentions),
        key=lambda p: (p[1].sentence.headline, -round(topical[id(p[1].sentence)], 1), p[0]),
    )
    chosen: dict[Citation, int] = {}
    for k, m in ranked:
        if len(citations) + len(chosen) >= MAX_CITATIONS:
            break
        cited = Citation(m.sentence.article.id, m.sentence.text)
        if cited not in citations:
            chosen.setdefault(cited, k)
    citations.update(dict.fromkeys(sorted(chosen, key=chosen.__getitem__)))
    name = _known_as(cluster, kind)
    return Actor(
        name=name,
        kind=kind,
        role=role.role if role else None,
        role_as_of=role.as_of if role else None,
        aliases=tuple(sorted(a for a in cluster.aliases | {cluster.name} if a != name)),
        mentions=len(mentions),
        citations=tuple(citations),
        sources=tuple(sorted({m.sentence.article.id for m in mentions}, key=source_order)),
        quotes=tuple(quotes),
        passages=tuple(
            dict.fromkeys(
                f"{m.sentence.passage.source}:{m.sentence.passage.start}" for m in mentions
            )
        ),
        status=_status(mentions, kind),
    )


_PEERAGES = frozenset({"Lord", "Lady", "Baroness", "Baron"})


def _known_as(cluster: Cluster, kind: str) -> str:
    """The name as the sources know the person: a peer written by title and one name in most
    mentions is "Lord Goldsmith", not "Goldsmith"."""
    if kind != "person" or len(cluster.name.split()) > 1:
        return cluster.name
    titled = Counter(_word_before(m) for m in cluster.mentions)
    title, count = max(titled.items(), key=lambda pair: (pair[1], pair[0]), default=("", 0))
    if title in _PEERAGES and 2 * count >= len(cluster.mentions):
        return f"{title} {cluster.name}"
    return cluster.name


def _word_before(mention: Mention) -> str:
    """The title written with the name: inside the mention ("Lord Goldsmith") or just before
    it."""
    words = mention.text.split()
    if len(words) > 1:
        return words[0]
    doc = mention.sentence.span.doc
    return doc[mention.start - 1].text if mention.start > mention.sentence.span.start else ""


def _status(mentions: list[Mention], kind: str) -> Statement | None:
    found = status_of(mentions, kind)
    if found is None:
        return None
    told = found.mention.sentence
    return Statement(found.label, (Citation(told.article.id, told.text),))


def _role(mentions: Sequence[Mention], kind: str, cluster: Cluster) -> ChosenRole | None:
    """The role shown (`choose_role`) and where a source states it; never the actor's name
    again ("the World Health Organisation")."""
    stated: dict[str, list[Mention]] = {}
    for m in mentions:
        role = role_of(m, kind)
        if role and not _names(role, cluster):
            stated.setdefault(role, []).append(m)
    return choose_role(stated)


def _names(role: str, cluster: Cluster) -> bool:
    """The role is the actor's name, alone or after an owner ("the UK's Disasters Emergency
    Committee")."""
    bare = re.sub(r"^the\s+", "", role, flags=re.IGNORECASE).casefold()
    names = {n.casefold() for n in (cluster.name, *cluster.aliases)}
    return bare in names or any(re.search(rf"['’]s\s+{re.escape(n)}$", bare) for n in names)


def _salience(actor: Actor, articles: int) -> float:
    """Mentions, damped, times how widely the sources share the actor. Each source counts
    at most PASSAGES_PER_SOURCE passages: a profile naming someone in every paragraph does not
    outweigh an actor a dozen sources name."""
    spread = len(actor.sources) / max(1, articles)
    weight = _PERSON_WEIGHT if actor.kind == "person" else 1.0
    bonus = _QUOTE_BONUS * min(_MAX_QUOTE_BONUSES, len(actor.quotes))
    per_source = Counter(p.rsplit(":", 1)[0] for p in actor.passages)
    passages = sum(min(PASSAGES_PER_SOURCE, n) for n in per_source.values())
    mentions = min(actor.mentions, passages) if passages else actor.mentions
    return weight * math.log1p(mentions) * (1 + _SPREAD_WEIGHT * spread) + bonus
