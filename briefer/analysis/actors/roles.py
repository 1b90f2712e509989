"""An actor's role as the text states it: an apposition ("Alice Wells, principal deputy
assistant secretary …"), a title before the name ("U.S. Secretary of State Mike Pompeo") or a
descriptor ("the harbour master Petra Lind")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from briefer.analysis.actors.countries import government_of
from briefer.analysis.actors.kinds import descriptions
from briefer.analysis.actors.lexicon import lexicon
from briefer.analysis.actors.mentions import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_ROLE_WORDS = 25  # an apposition longer than this is a clause, not a role
MAX_TEXT_APPOSITION_WORDS = 15  # the same, for an apposition read off the raw text
_APPOSITIVE_PHRASE = re.compile(r"^,\s+((?:the|a|an)\s+[^,;:()“”\"]{3,100}?)\s*(?=[,;.)]|$)")
_DESCRIPTOR_POS = ("NOUN", "PROPN", "ADJ")


def role_of(mention: Mention, kind: str) -> str | None:
    """A role from apposition, a title before the name, or a possessive affiliation."""
    doc = mention.sentence.span.doc
    head = doc[mention.end - 1]
    parts = _prefix_roles(mention, kind)
    in_list = head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)
    if not in_list:
        parts.extend(_apposition_roles(mention, kind))
    if not parts and not in_list and kind in ("place", "organisation"):
        parts.extend(_appositive_from_text(doc, head, kind))
    if not parts and kind == "organisation":
        linked = government_of(doc[mention.start : mention.end].text)
        if linked:
            parts.append(linked)
    cleaned = [_clean_role(part) for part in parts]
    return ", ".join(dict.fromkeys(p for p in cleaned if p)) or None


def _prefix_roles(mention: Mention, kind: str) -> list[str]:
    """A title inside the same noun phrase: "U.S. Secretary of State Mike Pompeo"."""
    doc = mention.sentence.span.doc
    left = doc[mention.end - 1].left_edge.i
    if left >= mention.start:
        return []
    prefix = [t for t in doc[left : mention.start] if t.dep_ not in ("det", "punct")]
    if not prefix:
        return []
    if prefix[-1].dep_ == "case" and prefix[0].ent_type_ in ("ORG", ""):
        return [f"with {doc[prefix[0].i : prefix[-1].i].text}"]
    if any(t.lower_.rstrip(".") in lexicon().titles for t in prefix):
        return [_span_text(doc, prefix[0].i, prefix[-1].i + 1)]
    if (
        kind == "person"
        and all(t.is_lower and t.pos_ in _DESCRIPTOR_POS for t in prefix)
        and doc[left].lower_ == "the"
    ):  # "the harbour master Petra Lind": a descriptor written before the name
        return [_span_text(doc, prefix[0].i, prefix[-1].i + 1)]
    return []


def _apposition_roles(mention: Mention, kind: str) -> list[str]:
    """Nouns in apposition to the name, each cut to the phrase that describes it."""
    doc = mention.sentence.span.doc
    head = doc[mention.end - 1]
    roles = []
    for desc in descriptions(head):
        if not _describes(desc, kind):
            continue
        tokens = [t for t in desc.subtree if not (mention.start <= t.i < mention.end)]
        if desc.i == head.head.i:  # "the top diplomat, Mike Pompeo": the name is inside
            tokens = _next_to_name(tokens, head)
        if not tokens:
            continue
        start, end = _cut(tokens)
        text = _span_text(doc, start, end)
        text = re.sub(r"^(a|an)\s+", "", text, flags=re.IGNORECASE)
        text = re.sub(r"^The\s+", "the ", text)
        if text and len(text.split()) <= MAX_ROLE_WORDS:
            roles.append(text)
    return roles


def _describes(desc: Token, kind: str) -> bool:
    """Whether a noun in apposition can describe an actor of this kind."""
    if desc.pos_ not in ("NOUN", "PROPN") or desc.ent_type_ == "PERSON":
        return False
    # A place or organisation is described by what it is ("the Kazakh capital", "the
    # group that …"); anything else in apposition is usually a list or a misparse.
    if kind == "place":
        return desc.lemma_.lower() in lexicon().place_nouns
    if kind == "organisation":
        return desc.lemma_.lower() in lexicon().org_nouns
    return True


def _next_to_name(tokens: list[Token], head: Token) -> list[Token]:
    """The words before the name, from the last comma on: "the new ferry link, the mayor,
    Tomas Berg" → "the mayor"."""
    tokens = [t for t in tokens if t.i < head.left_edge.i]
    commas = [t.i for t in tokens if t.text == "," and t.i < tokens[-1].i]
    if commas:
        tokens = [t for t in tokens if t.i > commas[-1]]
    return tokens


def _span_text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text.strip(" ,;:—–-")


def _cut(tokens: Iterable[Token]) -> tuple[int, int]:
    """Token range of a description, cut before a parenthesis or a relative clause."""
    tokens = list(tokens)
    start, end = tokens[0].i, tokens[-1].i + 1
    for token in tokens:
        if token.text in ("(", "—", "–") or (token.dep_ == "relcl" and token.i > start):
            end = min(end, token.left_edge.i if token.dep_ == "relcl" else token.i)
    return start, end


def _appositive_from_text(doc: Doc, head: Token, kind: str) -> list[str]:
    """ "Nur-Sultan, the Kazakh capital, …" read off the text when the parse misses it."""
    after = doc.text[head.idx + len(head) :]
    match = _APPOSITIVE_PHRASE.match(after)
    if not match:
        return []
    phrase = match.group(1)
    nouns = lexicon().place_nouns if kind == "place" else lexicon().org_nouns
    words = [w.strip("’'s") for w in phrase.split()[1:5] if w.islower()]
    if any(w in nouns for w in words) and len(phrase.split()) <= MAX_TEXT_APPOSITION_WORDS:
        return [phrase]
    return []


def _clean_role(text: str) -> str | None:
    """Drop honorifics ("Dr", "Sir"), unbalanced brackets and a dangling preposition."""
    if text.lower().rstrip(".") in lexicon().honorifics:
        return None
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "").strip()
    text = re.sub(r"\s+(of|for|at|with|to|in|on|from|by)$", "", text)
    return text or None
