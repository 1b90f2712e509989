"""briefer's own record of a parse: plain, picklable data that outlives the spaCy objects.

The NLP layer (`briefer.analysis.nlp`) is the only code that sees spaCy; it copies each parsed
line into a `ParsedText`. Tokens and spans are read-only views on it that keep spaCy's attribute
names (`dep_`, `head`, `subtree`, …), so rules read the same as the spaCy documentation.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import overload


@dataclass(frozen=True)
class ParsedText:
    """One parsed line of an article: a column per token attribute, plus labelled ranges."""

    text: str
    words: tuple[str, ...]
    spaces: tuple[str, ...]  # whitespace after each token
    offsets: tuple[int, ...]  # character offset of each token in `text`
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    tags: tuple[str, ...]
    deps: tuple[str, ...]
    heads: tuple[int, ...]  # index of each token's head; a root is its own head
    ent_types: tuple[str, ...]
    stops: tuple[bool, ...]
    puncts: tuple[bool, ...]  # punctuation or whitespace
    left_edges: tuple[int, ...]
    right_edges: tuple[int, ...]
    entities: tuple[tuple[int, int, str], ...] = ()  # (start, end, label) token ranges
    sentences: tuple[tuple[int, int], ...] = ()  # token ranges
    chunks: tuple[tuple[int, int], ...] = ()  # noun chunks, token ranges

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """One view per token, made once so that the same token is always the same object."""
        return tuple(Token(self, i) for i in range(len(self.words)))

    @cached_property
    def _children(self) -> tuple[tuple[int, ...], ...]:
        below: list[list[int]] = [[] for _ in self.words]
        for i, head in enumerate(self.heads):
            if head != i:
                below[head].append(i)
        return tuple(tuple(c) for c in below)

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, key: int) -> Token: ...
    @overload
    def __getitem__(self, key: slice) -> Span: ...
    def __getitem__(self, key: int | slice) -> Token | Span:
        if isinstance(key, slice):
            start, stop, _ = key.indices(len(self.words))
            return Span(self, start, max(start, stop))
        return self.tokens[key]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    @property
    def ents(self) -> tuple[Span, ...]:
        return tuple(Span(self, s, e, label) for s, e, label in self.entities)

    @property
    def sents(self) -> tuple[Span, ...]:
        return tuple(Span(self, s, e) for s, e in self.sentences)

    @property
    def noun_chunks(self) -> tuple[Span, ...]:
        return tuple(Span(self, s, e, "NP") for s, e in self.chunks)

    def char_span(self, start: int, end: int, alignment_mode: str = "expand") -> Span | None:
        """The tokens from the one holding character `start` to the one holding `end - 1`, a
        token holding its trailing space (spaCy's "expand" alignment); None off the text."""
        first, last = self._token_at(start), self._token_at(end - 1)
        if first is None or last is None:
            return None
        if start == self.offsets[first] + len(self.words[first]):
            first += 1  # a token's trailing space does not pull the token in (may leave none)
        return Span(self, first, last + 1)

    def _token_at(self, char: int) -> int | None:
        index = bisect_right(self.offsets, char) - 1
        if index < 0:
            return None
        end = self.offsets[index] + len(self.words[index]) + len(self.spaces[index])
        return index if char < end else None


class Token:
    """A read-only view of one token of a `ParsedText`."""

    __slots__ = ("doc", "i")

    def __init__(self, doc: ParsedText, i: int) -> None:
        self.doc = doc
        self.i = i

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.i})"

    def __len__(self) -> int:
        return len(self.doc.words[self.i])

    @property
    def text(self) -> str:
        return self.doc.words[self.i]

    @property
    def whitespace_(self) -> str:
        return self.doc.spaces[self.i]

    @property
    def text_with_ws(self) -> str:
        return self.text + self.whitespace_

    @property
    def idx(self) -> int:
        return self.doc.offsets[self.i]

    @property
    def lemma_(self) -> str:
        return self.doc.lemmas[self.i]

    @property
    def pos_(self) -> str:
        return self.doc.pos[self.i]

    @property
    def tag_(self) -> str:
        return self.doc.tags[self.i]

    @property
    def dep_(self) -> str:
        return self.doc.deps[self.i]

    @property
    def ent_type_(self) -> str:
        return self.doc.ent_types[self.i]

    @property
    def lower_(self) -> str:
        return self.text.lower()

    @property
    def is_title(self) -> bool:
        return self.text.istitle()

    @property
    def is_lower(self) -> bool:
        return self.text.islower()

    @property
    def is_upper(self) -> bool:
        return self.text.isupper()

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    @property
    def is_stop(self) -> bool:
        return self.doc.stops[self.i]

    @property
    def head(self) -> Token:
        return self.doc.tokens[self.doc.heads[self.i]]

    @property
    def children(self) -> Iterator[Token]:
        return (self.doc.tokens[c] for c in self.doc._children[self.i])

    @property
    def lefts(self) -> Iterator[Token]:
        return (self.doc.tokens[c] for c in self.doc._children[self.i] if c < self.i)

    @property
    def rights(self) -> Iterator[Token]:
        return (self.doc.tokens[c] for c in self.doc._children[self.i] if c > self.i)

    @property
    def left_edge(self) -> Token:
        return self.doc.tokens[self.doc.left_edges[self.i]]

    @property
    def right_edge(self) -> Token:
        return self.doc.tokens[self.doc.right_edges[self.i]]

    @property
    def subtree(self) -> Iterator[Token]:
        """The token and everything it governs, in spaCy's order (lefts, self, rights)."""
        for left in self.lefts:
            yield from left.subtree
        yield self
        for right in self.rights:
            yield from right.subtree

    def is_bare_punct(self) -> bool:
        """Punctuation or space that governs nothing."""
        return self.doc.puncts[self.i] and not self.doc._children[self.i]

    def depth(self) -> int:
        """Steps from this token up to the root of its sentence."""
        steps, node = 0, self.i
        while self.doc.heads[node] != node and steps < len(self.doc.words):
            node = self.doc.heads[node]
            steps += 1
        return steps


@dataclass(frozen=True)
class Span:
    """Tokens [start, end) of a `ParsedText`, with a label for entities."""

    doc: ParsedText
    start: int
    end: int
    label_: str = ""

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.doc.tokens[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __getitem__(self, index: int) -> Token:
        return self.tokens[index]

    @property
    def start_char(self) -> int:
        return self.doc.offsets[self.start] if self.end > self.start else 0

    @property
    def end_char(self) -> int:
        last = self.end - 1
        return self.doc.offsets[last] + len(self.doc.words[last]) if self.end > self.start else 0

    @property
    def text(self) -> str:
        return self.doc.text[self.start_char : self.end_char]

    @property
    def root(self) -> Token:
        """The token nearest the sentence root, chosen as spaCy does: a root inside the span,
        else among tokens governed from outside it the one fewest steps below the root, bare
        punctuation last, the first on a tie."""
        for token in self.tokens:
            if token.head is token:
                return token
        best, root = len(self.doc), None
        for token in self.tokens:
            if self.start <= token.head.i < self.end:
                continue
            steps = len(self.doc) - 1 if token.is_bare_punct() else token.depth()
            if steps < best:
                best, root = steps, token
        return root if root is not None else self.doc.tokens[min(self.start, len(self.doc) - 1)]

    @property
    def ents(self) -> tuple[Span, ...]:
        return tuple(e for e in self.doc.ents if e.start >= self.start and e.end <= self.end)

    @property
    def noun_chunks(self) -> tuple[Span, ...]:
        return tuple(c for c in self.doc.noun_chunks if c.start >= self.start and c.end <= self.end)

    def char_span(self, start: int, end: int, alignment_mode: str = "expand") -> Span | None:
        """Like `ParsedText.char_span`, with offsets relative to this span."""
        return self.doc.char_span(start + self.start_char, end + self.start_char)
