"""The `sources.toml` manifest: per-file publication facts that the files themselves lack."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from briefer.errors import SourceError

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
        values = {}
        for key in _FIELDS:
            value = table.get(key)
            if isinstance(value, dt.datetime):
                value = value.date().isoformat()
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, int) and key == "published":
                value = str(value)
            values[key] = None if value in (None, "") else str(value)
        entries[name] = ManifestEntry(**values)
    return entries
