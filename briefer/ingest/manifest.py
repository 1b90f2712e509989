"""The `sources.toml` manifest: per-file publication facts that the files themselves lack."""

from __future__ import annotations

import datetime as dt
import logging
import tomllib
from dataclasses import dataclass
from pathlib import Path

from briefer.errors import SourceError
from briefer.ingest.limits import MAX_TEXT_BYTES

log = logging.getLogger("briefer")

MANIFEST_NAME = "sources.toml"
_FIELDS = ("title", "author", "publisher", "published", "url")


@dataclass(frozen=True)
class ManifestEntry:
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


def load_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """Map file name to its entry; an absent manifest is an empty one."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    if not path.resolve().is_relative_to(folder.resolve()):
        log.warning("ignoring %s: a link to %s, outside %s", path, path.resolve(), folder)
        return {}
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise SourceError(
            f"{path} is over {MAX_TEXT_BYTES // 1_000_000} MB, too large for a manifest"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{path} is not valid TOML: {exc}") from None
    except RecursionError:  # tomllib recurses once per nested bracket
        raise SourceError(f"{path} is nested too deeply to be a manifest") from None
    entries = {}
    for name, table in data.items():
        if not isinstance(table, dict):
            raise SourceError(f'{path}: entry {name!r} must be a table like ["{name}"]')
        unknown = set(table) - set(_FIELDS)
        if unknown:
            raise SourceError(
                f"{path}: entry {name!r} has unknown keys {sorted(unknown)}; "
                f"allowed: {', '.join(_FIELDS)}"
            )
        entries[name] = ManifestEntry(**{key: _text(key, table.get(key)) for key in _FIELDS})
    return entries


def _text(key: str, value: object) -> str | None:
    """A manifest value as text: TOML dates as ISO dates, a bare year as a year."""
    if isinstance(value, dt.datetime):
        value = value.date().isoformat()
    elif isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, int) and key == "published":
        value = str(value)
    return None if value in (None, "") else str(value)
