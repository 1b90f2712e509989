"""Parses kept on disk, so a rebuild parses only the articles it has not seen.

One SQLite file (WAL mode) holds one row per article parse: the key is a hash of the text, the
model, its version, spaCy's version and `PARSE_VERSION` (see `briefer.analysis.nlp.cache_key`),
so an entry made by another model or another briefer can never be read back as current. Rows
are written in transactions, which SQLite keeps whole through a crash and orders between
concurrent builds. The cache is an optimisation: when it cannot be used the build goes on
without it, with a warning, and a damaged file is replaced.
"""

from __future__ import annotations

import logging
import marshal
import os
import sqlite3
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from types import TracebackType

from briefer.analysis.parse import ParsedText

log = logging.getLogger("briefer")

CACHE_ENV = "BRIEFER_CACHE_DIR"
FILE_NAME = "parses.sqlite3"
SCHEMA_VERSION = 1  # of the table below; another value and the file is started afresh
BUSY_SECONDS = 30.0  # how long to wait for a concurrent build's write to finish
_CHUNK = 500  # keys per SELECT, below SQLite's limit on bound parameters
_FIELDS = tuple(f.name for f in fields(ParsedText))

Entry = tuple[ParsedText | None, ...]  # one article's lines; None for a line not parsed


class CorruptEntry(ValueError):
    """A stored value that does not decode into parses: treated as absent, then replaced."""


def default_dir(env: Mapping[str, str] | None = None) -> Path:
    """$BRIEFER_CACHE_DIR, else the user's cache folder for briefer (e.g. ~/.cache/briefer)."""
    return env_dir(os.environ if env is None else env) or user_dir()


def env_dir(env: Mapping[str, str]) -> Path | None:
    """The folder $BRIEFER_CACHE_DIR names, if set."""
    return Path(env[CACHE_ENV]).expanduser() if env.get(CACHE_ENV) else None


def user_dir() -> Path:
    """The platform's cache folder for briefer (XDG_CACHE_HOME on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefer", appauthor=False))


def encode(entry: Entry) -> bytes:
    """An article's parses as compressed `marshal` data: plain tuples, strings and numbers, so
    reading it back runs no code (unlike pickle) and is fast."""
    rows = tuple(None if p is None else tuple(getattr(p, f) for f in _FIELDS) for p in entry)
    return zlib.compress(marshal.dumps(rows), 1)


def decode(blob: bytes) -> Entry:
    """The inverse of `encode`; CorruptEntry for anything else (zlib checks every byte)."""
    try:
        rows = marshal.loads(zlib.decompress(blob))
    except (zlib.error, ValueError, EOFError, TypeError) as exc:
        raise CorruptEntry(str(exc)) from None
    if not isinstance(rows, tuple) or not all(row is None or _well_formed(row) for row in rows):
        raise CorruptEntry("not a tuple of parsed lines")
    return tuple(None if row is None else ParsedText(*row) for row in rows)


def _well_formed(row: object) -> bool:
    """The shape `encode` writes: the line's text, then one tuple per column or range."""
    return (
        isinstance(row, tuple)
        and len(row) == len(_FIELDS)
        and isinstance(row[0], str)
        and all(isinstance(column, tuple) for column in row[1:])
    )


@dataclass(frozen=True)
class CacheInfo:
    path: Path
    entries: int
    size: int  # bytes on disk, the write-ahead log included


class ParseCache:
    """The store itself: `get_many` and `put_many` of encoded parses by key."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> ParseCache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def open(self) -> ParseCache:
        """Open (or create) the file now, so that a problem shows before any work."""
        self._connect()
        return self

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connect(self) -> sqlite3.Connection:
        """The open database; a file that is not a usable cache is moved aside and replaced."""
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError as exc:
                self._replace(exc)
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; only speed differs
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                db.execute("DROP TABLE IF EXISTS parses")
            db.execute(
                "CREATE TABLE IF NOT EXISTS parses (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
            )
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            db.execute("SELECT count(*) FROM parses").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    def _replace(self, error: Exception) -> None:
        log.warning("the parse cache %s was unreadable (%s); starting a new one", self.path, error)
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored values of those `keys` that are present."""
        db = self._connect()
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, value FROM parses WHERE key IN ({marks})", chunk)
                found.update((key, bytes(value)) for key, value in rows)
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:  # damaged past its header: start afresh
            self._replace(exc)
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store the items in one transaction: all of them or, after a crash, none."""
        db = self._connect()
        with _transaction(db):
            db.executemany("INSERT OR REPLACE INTO parses (key, value) VALUES (?, ?)", items)

    def info(self) -> CacheInfo:
        entries = 0
        if self.path.exists():
            entries = self._connect().execute("SELECT count(*) FROM parses").fetchone()[0]
        size = sum(
            Path(f"{self.path}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{self.path}{suffix}").exists()
        )
        return CacheInfo(self.path, entries, size)

    def clear(self) -> int:
        """Remove every entry; returns how many there were. A damaged file is deleted."""
        if not self.path.exists():
            return 0
        try:
            db = self._connect()
            entries: int = db.execute("SELECT count(*) FROM parses").fetchone()[0]
            with _transaction(db):
                db.execute("DELETE FROM parses")
            db.execute("VACUUM")
            return entries
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:
            self._replace(exc)
            return 0


class _transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (autocommit connections)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
