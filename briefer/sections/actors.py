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
# Beyond the most salient, a set of LARGE_SET articles or more keeps a person only if two
# sources name them: one article's interviewee ("the preschool's director") is not an actor of
# a story that large, while in twenty articles a minister named once may well be.
LARGE_SET = 40
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


# People who explain the story rather than act in it, quoted for a view ("chief market analyst
# at Jefferies", "professor of law at …"): listed only among the most salient. An analyst of
# an army or a government, a bare "Professor", may act in it.
_COMMENTARY = re.compile(
    r"\b(analysts?|economists?|strategists?|commentators?|pollsters?)\b"
    r"|\b(professor|lecturer|expert|researcher)\b[^,;]*\bat\b",
    re.IGNORECASE,
)
_IN_OFFICE = re.compile(r"\b(intelligence|CIA|army|military|government)\b", re.IGNORECASE)


def kept_beyond_limit(actor: Actor, articles: int) -> bool:
    """Whether an actor less salient than the first MAX_ACTORS is still listed: not someone
    whose role is to comment ("chief market analyst at Jefferies")."""
    if articles <= SMALL_SET:
        return actor.kind in ("person", "organisation", "group") or (
            actor.kind == "state" and actor.mentions >= 2
        )
    named_enough = articles < LARGE_SET or actor.source_count >= 2
    role = actor.role or ""
    comments = bool(_COMMENTARY.search(role)) and not _IN_OFFICE.search(role)
    return actor.kind == "person" and bool(actor.role) and named_enough and not comments


def build(analysis: Analysis, options: BuildOptions) -> tuple[Actor, ...]:
    """The most salient actors, then, up to a limit, every person with a stated role (named by
    two sources in a large set) but a commentator's; a small set keeps every person,
    organisation and group."""
    actors = [a for a in analysis.actors if not _is_reporter(a, analysis.articles)]
    keep = actors[:MAX_ACTORS]
    for actor in actors[MAX_ACTORS:]:
        if len(keep) >= MAX_ACTORS + MAX_EXTRA:
            break
        if kept_beyond_limit(actor, len(analysis.articles)):
            keep.append(actor)
    return tuple(keep)


SECTION = SectionSpec("actors", "Key actors", "actors", build, order=30, aliases=("key_actors",))
