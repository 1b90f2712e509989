"""Read a folder of articles into cleaned `Article`s: reader by suffix, manifest, cleaning."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from briefer.errors import SourceError
from briefer.ingest import limits
from briefer.ingest.clean import clean_text, repeated_captions, repeated_lines
from briefer.ingest.decode import NotTextError
from briefer.ingest.manifest import MANIFEST_NAME, ManifestEntry, load_manifest
from briefer.ingest.pdf import follow_pages
from briefer.ingest.readers import READERS, RawDocument
from briefer.models import Article, Citation, PartialDate, SkippedFile

log = logging.getLogger("briefer")

PUBLISHED_YEARS = (1000, 2999)
_LEADING_DATE = re.compile(r"^\s*(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?:[T ].*)?$")

__all__ = [
    "cite_pages",
    "read_sources",
    "read_sources_and_skipped",
    "source_files",
    "parse_published",
]


class _Skips:
    """The files skipped under a sources folder, each named in a warning as it is skipped."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.found: list[SkippedFile] = []

    def skip(self, path: Path, reason: str) -> None:
        log.warning("skipping %s: %s", path, reason)
        name = (
            path.relative_to(self.folder).as_posix()
            if path.is_relative_to(self.folder)
            else str(path)
        )
        self.found.append(SkippedFile(name, reason))


def parse_published(value: str | None) -> PartialDate | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a time after the day is ignored); None if absent."""
    if value is None or not value.strip():
        return None
    match = _LEADING_DATE.match(value)
    if not match:
        raise ValueError(f"publication date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in match.group(1).split("-")]
    if not PUBLISHED_YEARS[0] <= parts[0] <= PUBLISHED_YEARS[1]:
        # "yesterday" or "next year" counted from 0001 or 9999 is not a date Python can hold.
        raise ValueError(
            f"publication date {value!r} is not between {PUBLISHED_YEARS[0]} and "
            f"{PUBLISHED_YEARS[1]}"
        )
    return PartialDate(*parts)


def source_files(path: Path, skips: _Skips | None = None) -> list[Path]:
    """The readable files under `path` (a folder, searched recursively, or one file), sorted;
    `skips` hears of those left out."""
    if not path.exists():
        raise SourceError(f"sources not found: {path}")
    if path.is_file():
        if path.suffix.lower() not in READERS:
            raise SourceError(
                f"{path}: unsupported file type; use one of {', '.join(sorted(READERS))}"
            )
        return [path]
    files = _inside(
        path,
        skips or _Skips(path),
        sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in READERS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        ),
    )
    if not files:
        raise SourceError(
            f"no articles in {path}: add .txt, .md, .html or .pdf files "
            f"(supported: {', '.join(sorted(READERS))})"
        )
    return files


def _inside(folder: Path, skips: _Skips, files: list[Path]) -> list[Path]:
    """`files` without those that are symlinks leading out of `folder` (each named in a
    warning): an article folder from someone else must not make briefer read other files."""
    root = folder.resolve()
    kept = []
    for p in files:
        target = p.resolve()
        if target.is_relative_to(root):
            kept.append(p)
        else:
            skips.skip(p, f"a link to {target}, outside {folder}")
    return kept


def _manifest_inside(folder: Path, manifest: dict[str, ManifestEntry]) -> dict[str, ManifestEntry]:
    """The manifest without keys naming a path outside `folder` ("/etc/passwd", "../x.txt"),
    each named in a warning; keys naming a missing file are kept but warned about."""
    root = folder.resolve()
    kept = {}
    for name, entry in manifest.items():
        target = (folder / name).resolve()
        if Path(name).is_absolute() or ".." in Path(name).parts or not target.is_relative_to(root):
            log.warning(
                "%s: ignoring [%r], a path outside %s", folder / MANIFEST_NAME, name, folder
            )
            continue
        if not target.is_file():
            log.warning("%s lists %s, which is not in %s", MANIFEST_NAME, name, folder)
        kept[name] = entry
    return kept


def _read_one(path: Path, skips: _Skips) -> RawDocument | None:
    """The parsed file; None (with a warning) for a binary file that only has a text name."""
    try:
        return READERS[path.suffix.lower()](path)
    except NotTextError as exc:
        skips.skip(path, str(exc))
        return None
    except limits.TooSlowError as exc:
        skips.skip(path, f"reading it {exc}")
        return None
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise SourceError(f"{path}: {exc}") from None


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _within_limits(
    path: Path, files: list[Path], bounds: limits.Limits, skips: _Skips
) -> list[Path]:
    """The files to read: too many, or too much in all, stops the build (a briefing on part of
    them would mislead); a single file over its size is skipped with a warning naming it."""
    if len(files) > bounds.files:
        raise SourceError(
            f"{len(files)} articles in {path}, over the limit of {bounds.files} for one "
            "briefing; split them into several folders"
        )
    kept: list[Path] = []
    total = 0
    for p in files:
        try:
            size = p.stat().st_size
        except OSError as exc:
            raise SourceError(f"cannot read {p}: {exc.strerror or exc}") from None
        if size > bounds.max_bytes(p.suffix):
            kind = p.suffix.lower().lstrip(".")
            limit = _mb(bounds.max_bytes(p.suffix))
            skips.skip(p, f"{_mb(size)}, over the limit of {limit} for one {kind} file")
            continue
        total += size
        if total > bounds.total_size:
            raise SourceError(
                f"the articles in {path} come to over {_mb(bounds.total_size)}, the limit "
                "for one briefing; split them into several folders"
            )
        kept.append(p)
    return kept


def _article(
    number: int,
    p: Path,
    raw: RawDocument,
    folder: Path,
    manifest: dict[str, ManifestEntry],
    boilerplate: set[str],
    captions: frozenset[str],
    skips: _Skips,
) -> Article | None:
    """One cleaned article with the manifest applied; None (with a warning) if no text is left."""
    key = p.relative_to(folder).as_posix()
    entry = manifest.get(key) or manifest.get(p.name) or ManifestEntry()
    title = entry.title or raw.title
    cleaned = clean_text(
        raw.text,
        title=title,
        author=entry.author or raw.author,
        boilerplate=boilerplate,
        captions=captions,
        byline_first=raw.title is not None,
    )
    if not cleaned.text.strip():
        skips.skip(p, "no article text after cleaning")
        return None
    published_text = entry.published or raw.published
    try:
        published = parse_published(published_text)
    except ValueError as exc:
        if entry.published:
            raise SourceError(f'{folder / MANIFEST_NAME}, ["{key}"]: {exc}') from None
        log.warning("%s: %s; treating the date as unknown", p, exc)
        published = None
    return Article(
        id=f"S{number}",
        path=p,
        text=cleaned.text,
        title=title,
        author=cleaned.author,
        publisher=entry.publisher or raw.publisher,
        published=published,
        url=entry.url or raw.url,
        removed_lines=cleaned.removed,
        page_starts=follow_pages(raw.text, cleaned.text, raw.pages) if raw.pages else (),
    )


def read_sources(path: Path | str, bounds: limits.Limits | None = None) -> tuple[Article, ...]:
    """Read, apply the manifest, clean, within `bounds` (default: the built-in limits).
    Raises SourceError when nothing usable is found."""
    return read_sources_and_skipped(path, bounds)[0]


def read_sources_and_skipped(
    path: Path | str, bounds: limits.Limits | None = None
) -> tuple[tuple[Article, ...], tuple[SkippedFile, ...]]:
    """`read_sources`, and the files under `path` that gave no article, with why."""
    path = Path(path)
    bounds = bounds or limits.Limits()
    folder = path if path.is_dir() else path.parent
    skips = _Skips(folder)
    files = source_files(path, skips)
    manifest = _manifest_inside(folder, load_manifest(folder))

    with limits.applied(bounds):
        raws = [
            (p, raw)
            for p in _within_limits(path, files, bounds, skips)
            if (raw := _read_one(p, skips)) is not None
        ]
    texts = [raw.text for _, raw in raws]
    boilerplate = repeated_lines(texts) if len(raws) > 1 else set()
    captions = repeated_captions(texts)
    articles: list[Article] = []
    for p, raw in raws:
        article = _article(
            len(articles) + 1, p, raw, folder, manifest, boilerplate, captions, skips
        )
        if article is not None:
            articles.append(article)
    if not articles:
        raise SourceError(f"no article in {path} has any text")
    return tuple(articles), tuple(skips.found)


def cite_pages(items: tuple[Any, ...], articles: Sequence[Article]) -> tuple[Any, ...]:
    """`items` (a section's) with every citation of a paged source (a PDF) given the page its
    quote starts on, however deep it sits in an item (an actor's quotes, an event's outcome)."""
    paged = {a.id: a for a in articles if a.page_starts}
    return tuple(_paged(item, paged) for item in items) if paged else items


def _paged(value: Any, paged: dict[str, Article]) -> Any:
    """`value` itself when nothing in it changes, so that untouched items stay the same."""
    if isinstance(value, Citation):
        article = paged.get(value.source)
        page = article.page_of(value.quote) if article and value.page is None else None
        return value if page is None else replace(value, page=page)
    if isinstance(value, tuple):
        new = tuple(_paged(v, paged) for v in value)
        return value if all(a is b for a, b in zip(new, value, strict=True)) else new
    if is_dataclass(value) and not isinstance(value, type | Article):
        return _paged_fields(value, paged)
    return value


def _paged_fields(value: Any, paged: dict[str, Article]) -> Any:
    changes = {}
    for f in fields(value):
        old = getattr(value, f.name)
        if f.init and (new := _paged(old, paged)) is not old:
            changes[f.name] = new
    return replace(value, **changes) if changes else value
