"""Work kept on disk, so a rebuild redoes only what changed: article parses, and rendered PDFs.

One SQLite file (WAL mode) holds one row per article parse: the key is a hash of the text, the
model, its version, spaCy's version and `PARSE_VERSION` (see `briefer.analysis.nlp.cache_key`),
so an entry made by another model or another briefer can never be read back as current. A
second table holds PDFs by a hash of everything that goes into one (see
`briefer.render.pdf_key`). Rows are written in transactions, which SQLite keeps whole through a
crash and orders between concurrent builds. Each row records when it was last used, so `trim`
can drop the least recently used ones past a size cap. The cache is an optimisation: when it
cannot be used the build goes on without it, with a warning, and a damaged file is replaced.
"""

from __future__ import annotations

import logging
import marshal
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from types import TracebackType

from briefer.analysis.parse import ParsedText

log = logging.getLogger("briefer")

CACHE_ENV = "BRIEFER_CACHE_DIR"
FILE_NAME = "parses.sqlite3"
SCHEMA_VERSION = 2  # of the tables below; another value and the file is started afresh
BUSY_SECONDS = 30.0  # how long to wait for a concurrent build's write to finish
_CHUNK = 500  # keys per SELECT, below SQLite's limit on bound parameters
_FIELDS = tuple(f.name for f in fields(ParsedText))
PARSES, HEADLINES, RENDERS = "parses", "headlines", "renders"  # one table per kind of work
_TABLES = (PARSES, HEADLINES, RENDERS)
DEFAULT_CACHE_MB = 500  # about 35,000 news articles' parses
TRIM_TO = 0.8  # a trim leaves the entries at this share of the cap, so the next builds add freely

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
    entries: int  # article parses
    size: int  # bytes on disk, the write-ahead log included
    headlines: int = 0  # headline parses
    renders: int = 0  # PDFs


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
                for table in _TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
            for table in _TABLES:
                db.execute(
                    f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY,"
                    " value BLOB NOT NULL, used REAL NOT NULL)"
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

    def get_many(self, keys: Sequence[str], table: str = PARSES) -> dict[str, bytes]:
        """The stored values of those `keys` that are present, each marked as used now."""
        assert table in _TABLES
        db = self._connect()
        found: dict[str, bytes] = {}
        try:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, value FROM {table} WHERE key IN ({marks})", chunk)
                found.update((key, bytes(value)) for key, value in rows)
            if found:
                self._touch(db, table, list(found))
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:  # damaged past its header: start afresh
            self._replace(exc)
            return {}
        return found

    @staticmethod
    def _touch(db: sqlite3.Connection, table: str, keys: Sequence[str]) -> None:
        now = time.time()
        with _transaction(db):
            db.executemany(f"UPDATE {table} SET used = ? WHERE key = ?", ((now, k) for k in keys))

    def put_many(self, items: Iterable[tuple[str, bytes]], table: str = PARSES) -> None:
        """Store the items in one transaction: all of them or, after a crash, none."""
        assert table in _TABLES
        db = self._connect()
        now = time.time()
        with _transaction(db):
            db.executemany(
                f"INSERT OR REPLACE INTO {table} (key, value, used) VALUES (?, ?, ?)",
                ((key, value, now) for key, value in items),
            )

    def info(self) -> CacheInfo:
        counts = dict.fromkeys(_TABLES, 0)
        if self.path.exists():
            db = self._connect()
            for table in _TABLES:
                counts[table] = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        size = sum(
            Path(f"{self.path}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{self.path}{suffix}").exists()
        )
        return CacheInfo(self.path, counts[PARSES], size, counts[HEADLINES], counts[RENDERS])

    def stored_bytes(self) -> int:
        """The size of every stored value together: what `trim` holds under its cap."""
        db = self._connect()
        return sum(
            db.execute(f"SELECT coalesce(sum(length(value)), 0) FROM {table}").fetchone()[0]
            for table in _TABLES
        )

    def trim(self, cap: int) -> int:
        """Past `cap` bytes of stored values, delete the least recently used entries (of
        either kind) down to TRIM_TO of the cap, and give the space back to the file system.
        Returns how many entries were deleted."""
        db = self._connect()
        total = self.stored_bytes()
        if total <= cap:
            return 0
        rows = db.execute(
            " UNION ALL ".join(
                f"SELECT '{table}', key, length(value), used FROM {table}" for table in _TABLES
            )
            + " ORDER BY 4, 2"
        ).fetchall()
        doomed: list[tuple[str, str]] = []
        for table, key, size, _ in rows:
            if total <= cap * TRIM_TO:
                break
            doomed.append((table, key))
            total -= size
        with _transaction(db):
            for table in _TABLES:
                db.executemany(
                    f"DELETE FROM {table} WHERE key = ?", ((k,) for t, k in doomed if t == table)
                )
        db.execute("VACUUM")  # give the space back; then fold the log into the file
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(doomed)

    def clear(self) -> int:
        """Remove every entry (parses and PDFs); returns how many article parses there were.
        A damaged file is deleted."""
        if not self.path.exists():
            return 0
        try:
            db = self._connect()
            entries: int = db.execute("SELECT count(*) FROM parses").fetchone()[0]
            with _transaction(db):
                for table in _TABLES:
                    db.execute(f"DELETE FROM {table}")
            db.execute("VACUUM")
            return entries
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:
            self._replace(exc)
            return 0


def load_pdf(folder: Path, key: str) -> bytes | None:
    """The PDF stored under `key`, or None (also when the cache or the entry is unusable)."""
    try:
        with ParseCache(folder) as store:
            blob = store.get_many([key], RENDERS).get(key)
        return zlib.decompress(blob) if blob is not None else None
    except (sqlite3.Error, OSError, zlib.error) as exc:
        log.warning("could not read a PDF from the cache (%s); rendering it", exc)
        return None


def save_pdf(folder: Path, key: str, data: bytes) -> None:
    """Keep a rendered PDF (compressed: zlib checks every byte when it is read back)."""
    try:
        with ParseCache(folder) as store:
            store.put_many([(key, zlib.compress(data, 1))], RENDERS)
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not store the PDF in the cache (%s)", exc)


def trim(folder: Path, cap: int) -> None:
    """Hold the cache in `folder` under `cap` bytes (see `ParseCache.trim`); never fails."""
    try:
        with ParseCache(folder) as store:
            removed = store.trim(cap)
    except (sqlite3.Error, OSError) as exc:
        log.warning("could not trim the cache (%s)", exc)
        return
    if removed:
        log.info(
            "removed %d least recently used cache entries to stay under %d MB",
            removed,
            cap // 1_000_000,
        )


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
