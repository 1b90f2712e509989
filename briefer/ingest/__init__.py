"""Read a folder of articles into cleaned `Article`s: reader by suffix, manifest, cleaning."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from briefer.errors import SourceError
from briefer.ingest.clean import clean_text, repeated_lines
from briefer.ingest.decode import NotTextError
from briefer.ingest.manifest import MANIFEST_NAME, ManifestEntry, load_manifest
from briefer.ingest.readers import READERS, RawDocument
from briefer.models import Article, PartialDate

log = logging.getLogger("briefer")

PUBLISHED_YEARS = (1000, 2999)
_LEADING_DATE = re.compile(r"^\s*(\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)(?:[T ].*)?$")

__all__ = ["read_sources", "source_files", "parse_published"]


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


def source_files(path: Path) -> list[Path]:
    """The readable files under `path` (a folder, searched recursively, or one file), sorted."""
    if not path.exists():
        raise SourceError(f"sources not found: {path}")
    if path.is_file():
        if path.suffix.lower() not in READERS:
            raise SourceError(
                f"{path}: unsupported file type; use one of {', '.join(sorted(READERS))}"
            )
        return [path]
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in READERS
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    if not files:
        raise SourceError(
            f"no articles in {path}: add .txt, .md or .html files "
            f"(supported: {', '.join(sorted(READERS))})"
        )
    return files


def _read_one(path: Path) -> RawDocument | None:
    """The parsed file; None (with a warning) for a binary file that only has a text name."""
    try:
        return READERS[path.suffix.lower()](path)
    except NotTextError as exc:
        log.warning("skipping %s: %s", path, exc)
        return None
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise SourceError(f"{path}: {exc}") from None


def read_sources(path: Path | str) -> tuple[Article, ...]:
    """Read, apply the manifest, clean. Raises SourceError when nothing usable is found."""
    path = Path(path)
    files = source_files(path)
    folder = path if path.is_dir() else path.parent
    manifest = load_manifest(folder)
    for name in manifest:
        if not (folder / name).is_file():
            log.warning("%s lists %s, which is not in %s", MANIFEST_NAME, name, folder)

    raws = [(p, raw) for p in files if (raw := _read_one(p)) is not None]
    boilerplate = repeated_lines([raw.text for _, raw in raws]) if len(raws) > 1 else set()
    articles: list[Article] = []
    for p, raw in raws:
        key = p.relative_to(folder).as_posix()
        entry = manifest.get(key) or manifest.get(p.name) or ManifestEntry()
        title = entry.title or raw.title
        cleaned = clean_text(
            raw.text,
            title=title,
            author=entry.author or raw.author,
            boilerplate=boilerplate,
            byline_first=raw.title is not None,
        )
        if not cleaned.text.strip():
            log.warning("skipping %s: no article text after cleaning", p)
            continue
        published_text = entry.published or raw.published
        try:
            published = parse_published(published_text)
        except ValueError as exc:
            if entry.published:
                raise SourceError(f'{folder / MANIFEST_NAME}, ["{key}"]: {exc}') from None
            log.warning("%s: %s; treating the date as unknown", p, exc)
            published = None
        articles.append(
            Article(
                id=f"S{len(articles) + 1}",
                path=p,
                text=cleaned.text,
                title=title,
                author=cleaned.author,
                publisher=entry.publisher or raw.publisher,
                published=published,
                url=entry.url or raw.url,
                removed_lines=cleaned.removed,
            )
        )
    if not articles:
        raise SourceError(f"no article in {path} has any text")
    return tuple(articles)
