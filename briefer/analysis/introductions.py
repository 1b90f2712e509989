"""Who the people a passage names are, for a reader who meets them there first: the role a
source gives each person the story does not lead with, inserted in brackets after the name
("Mr Russell [the Liberal Democrat MP for Colchester] said …")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import follows_another_name
from briefer.analysis.parse import Token
from briefer.analysis.sentence import Sentence
from briefer.analysis.text import content_words

if TYPE_CHECKING:
    from briefer.analysis import Analysis

# "Lt", "President", "with Labour": a bare title or tie tells no more than the text beside it.
MIN_ROLE_WORDS = 2  # content words
# Share of a role's words a text already holds when it describes the person itself ("Baha
# Mousa, 26, a hotel receptionist in Basra").
DESCRIBED_SHARE = 0.5
_PERSONAL = ("PERSON", "")  # entity labels a person's name may carry in a small model's parse


@dataclass(frozen=True)
class Introduction:
    """Who a person is, as a source states it (their role), and the passage that states it."""

    role: str
    passage: Sentence
    name: str = ""  # the person's full name: "Swiss Re" is not Munich Re


def introductions(analysis: Analysis) -> dict[str, dict[str, Introduction]]:
    """The people each article names who are not among the story's leading actors (the reader
    knows those), with the role the briefing gives them, by article id and last word of the
    name; a last word two people of one article share (a leading one too) is left out."""
    passages = {(s.article.id, s.text): s for s in analysis.sentences}
    leading = {id(a) for a in analysis.leading.actors}
    bearers: dict[tuple[str, str], set[str]] = defaultdict(set)
    found: dict[tuple[str, str], Introduction] = {}
    for actor in analysis.actors:
        if actor.kind != "person":
            continue
        for source in actor.sources:
            bearers[source, actor.name.split()[-1]].add(actor.name)
        if id(actor) in leading or not actor.role:
            continue
        passage = passages.get((actor.citations[0].source, actor.citations[0].quote))
        if passage is None or len(content_words(actor.role)) < MIN_ROLE_WORDS:
            continue
        for source in actor.sources:
            found[source, actor.name.split()[-1]] = Introduction(actor.role, passage, actor.name)
    out: dict[str, dict[str, Introduction]] = defaultdict(dict)
    for (source, name), introduction in found.items():
        if len(bearers[source, name]) == 1:
            out[source][name] = introduction
    return out


def with_roles(
    text: str, tokens: Iterable[Token], known: Mapping[str, Introduction]
) -> tuple[str, tuple[Sentence, ...]]:
    """`text` (made of `tokens`' words) with each person it names and `known` holds (by the
    last word of their name) followed by their role in brackets, unless a title or the text
    already says who they are; and the passages that state the roles inserted."""
    stated: list[Sentence] = []
    for token in tokens:
        if token.pos_ != "PROPN" or token.dep_ == "compound" or token.ent_type_ not in _PERSONAL:
            continue  # not the last word of a person's name ("flew to Washington")
        if any(c.dep_ == "appos" for c in token.children):
            continue  # "Hadi Saleh, trade unionist and communist, …" says who he is
        if token.i + 1 < len(token.doc) and token.doc[token.i + 1].tag_ == "POS":
            continue  # "Steven Bochco's Over There": the role would split the possessive
        found = known.get(token.text)
        if found is None or follows_another_name(token, [found.name]) or _titled(token):
            continue
        role = content_words(found.role)
        if len(role & content_words(text)) >= DESCRIBED_SHARE * len(role):
            continue
        inserted = inserted_after(text, token.text, found.role)
        if inserted is not None:
            text = inserted
            stated.append(found.passage)
    return text, tuple(stated)


def inserted_after(text: str, phrase: str, insertion: str) -> str | None:
    """`text` with "[insertion]" after the one place `phrase` stands in it, if not inside
    brackets."""
    places = list(re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.I))
    if len(places) != 1:
        return None
    end = places[0].end()
    if text.count("[", 0, end) > text.count("]", 0, end):
        return None  # inside an insertion already: "[Methmet Volkan] wrote …"
    return f"{text[:end]} [{insertion}]{text[end:]}"


def _titled(token: Token) -> bool:
    """The name stands after a title that says who they are ("Judge Letitia Clark",
    "Economics Minister Aburizal Bakrie"); "Mr" says nothing of the kind."""
    lex = lexicon()
    at = token.i
    while at > 0 and token.doc[at - 1].pos_ == "PROPN":
        word = token.doc[at - 1].lower_.rstrip(".")
        if word in lex.titles:
            return word not in lex.honorifics
        at -= 1
    return False
