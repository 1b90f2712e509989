"""Key actors: the most salient actors of the story, without the people who report it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefer.models import Actor, Article
from briefer.sections import BuildOptions, SectionSpec

if TYPE_CHECKING:
    from briefer.analysis import Analysis

MAX_ACTORS = 20  # listed by salience alone
MAX_EXTRA = 15  # further people with a stated role (and, in a small set, organisations)
SMALL_SET = 3  # articles: a set this small also keeps every organisation and group it names
# People who report the story rather than act in it.
_JOURNALISM = re.compile(
    r"\b(colleagues?|correspondents?|journalists?|reporters?|editors?|columnists?|bloggers?"
    r"|photographers?|contributors?|headline|column|interviewers?|anchors?|presenters?"
    r"|stringers?|staff writers?|wire staff)\b",
    re.IGNORECASE,
)


def _is_reporter(actor: Actor, articles: tuple[Article, ...]) -> bool:
    if actor.kind != "person" or not actor.role:
        return False
    publishers = {re.sub(r"^The ", "", a.publisher) for a in articles if a.publisher}
    # "CNN's Nic Robertson", "with CNN": on the staff of a source's publisher.
    return bool(_JOURNALISM.search(actor.role)) or any(
        re.search(rf"\b{re.escape(p)}[’']s\b|^with (?:the )?{re.escape(p)}$", actor.role)
        for p in publishers
    )


def _kept_beyond_limit(actor: Actor, small: bool) -> bool:
    if actor.kind == "person" and (actor.role or small):
        return True
    return small and (
        actor.kind in ("organisation", "group") or (actor.kind == "state" and actor.mentions >= 2)
    )


def build(analysis: Analysis, options: BuildOptions) -> tuple[Actor, ...]:
    """The most salient actors; every person whose role the sources state stays, up to a
    limit, and a small set also keeps every organisation and group named in it."""
    actors = [a for a in analysis.actors if not _is_reporter(a, analysis.articles)]
    small = len(analysis.articles) <= SMALL_SET
    keep = actors[:MAX_ACTORS]
    for actor in actors[MAX_ACTORS:]:
        if len(keep) >= MAX_ACTORS + MAX_EXTRA:
            break
        if _kept_beyond_limit(actor, small):
            keep.append(actor)
    return tuple(keep)


SECTION = SectionSpec("actors", "Key actors", "actors", build, order=30, aliases=("key_actors",))
