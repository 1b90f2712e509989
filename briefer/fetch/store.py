"""The sources folder a capture goes into: the extracted text as `NAME.txt` (what the build
reads), the page as served as `.raw/NAME.html` (a hidden folder, which the build skips), an entry
in `sources.toml`, and `.fetch-state.json` (what was captured, and each feed's ETag and
Last-Modified). A PDF is kept as served as `NAME.pdf`: the build reads it as it is, so it is
both the snapshot and the source, with no copy in `.raw`. Every file is written atomically;
the manifest is only ever appended to."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from briefer.errors import OutputError, SourceError
from briefer.fetch.http import Validators, normalise_url
from briefer.files import write_atomic
from briefer.ingest.manifest import MANIFEST_NAME, ManifestEntry, load_manifest

log = logging.getLogger("briefer")

STATE_NAME = ".fetch-state.json"
LOCK_NAME = ".fetch.lock"
RAW_FOLDER = ".raw"
CAPTURED_SUFFIXES = (".txt", ".pdf")  # the files a capture adds to the folder itself
_STATE_FORMAT = 1
_NAME_LENGTH = 80
_FIELD_LENGTH = 500  # characters of a title, author or publisher kept in the manifest
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """One capture at a time into `folder`: two would each keep their own idea of what was
    captured and could take the same file names. Where `fcntl` is missing, no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Linux or macOS
        yield
        return
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file; --into needs a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another briefer fetch is capturing into {folder}; try again when it ends"
            ) from None
        yield
    finally:
        os.close(fd)  # which releases the lock


def text_digest(text: str) -> str:
    """The same article text, however its lines were broken, gives the same digest."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass
class State:
    urls: dict[str, str] = field(default_factory=dict)  # normalised URL -> file captured
    texts: dict[str, str] = field(default_factory=dict)  # text digest -> file
    validators: dict[str, dict[str, str]] = field(default_factory=dict)  # URL -> headers

    def to_json(self) -> bytes:
        data = {
            "format": _STATE_FORMAT,
            "urls": self.urls,
            "texts": self.texts,
            "validators": self.validators,
        }
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _load_state(path: Path) -> State:
    """The state of earlier runs; a damaged file is set aside with a warning (the manifest
    still tells which URLs were captured)."""
    if not path.is_file():
        return State()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _STATE_FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r}")
        state = State(data["urls"], data["texts"], data["validators"])
        for table in (state.urls, state.texts):
            if not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
                raise ValueError("malformed table")
        for value in state.validators.values():
            if not all(isinstance(v, str) for v in value.values()):
                raise ValueError("malformed validators")
        return state
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("ignoring %s (%s); starting afresh", path, str(exc).splitlines()[0])
        return State()


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped) + '"'


def _manifest_block(name: str, entry: ManifestEntry) -> str:
    lines = [f"[{_toml_string(name)}]"]
    for key in ("title", "author", "publisher", "published", "url"):
        value = getattr(entry, key)
        if value:
            lines.append(f"{key} = {_toml_string(value)}")
    return "\n".join(lines) + "\n"


def article_text(title: str | None, text: str) -> str:
    """The text file of an article: its title, a blank line, its text (without the title
    again), as `briefer build` reads a .txt: the first line, set apart, is the headline."""
    text = text.strip()
    if not title:
        return text + "\n"
    first, _, rest = text.partition("\n")
    if first.strip() == title:
        text = rest.strip()
    return f"{title}\n\n{text}\n"


def clean_field(value: str | None) -> str | None:
    """One line of at most `_FIELD_LENGTH` characters, or None."""
    if not value:
        return None
    value = " ".join(_CONTROL.sub(" ", value).split())
    return value[:_FIELD_LENGTH] or None


class SourcesFolder:
    """A sources folder open for capturing into."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        manifest = load_manifest(self.folder)  # a malformed manifest stops before any request
        self._names = set(manifest)
        self.state = _load_state(self.folder / STATE_NAME)
        for name, entry in manifest.items():
            if entry.url:
                self.state.urls.setdefault(normalise_url(entry.url), name)

    def captured(self, url: str) -> str | None:
        """The file a URL was captured as, if it was and the file is still there (deleting the
        file is how a page is captured anew)."""
        return self._present(self.state.urls.get(normalise_url(url)))

    def same_text(self, digest: str) -> str | None:
        return self._present(self.state.texts.get(digest))

    def _present(self, name: str | None) -> str | None:
        return name if name is not None and (self.folder / name).is_file() else None

    def validators(self, url: str) -> Validators:
        known = self.state.validators.get(normalise_url(url), {})
        return Validators(known.get("etag"), known.get("last_modified"))

    def remember(self, url: str, validators: Validators) -> None:
        """Keep a feed's ETag and Last-Modified for the next run's conditional request."""
        kept = {"etag": validators.etag, "last_modified": validators.last_modified}
        self.state.validators[normalise_url(url)] = {k: v for k, v in kept.items() if v}
        self.save_state()

    def alias(self, urls: list[str], name: str) -> None:
        """Record that `urls` lead to the article already captured as `name`."""
        for url in urls:
            self.state.urls[normalise_url(url)] = name
        self.save_state()

    def new_stem(self, url: str) -> str:
        """A file name (without suffix) from the URL's host and path, unused in the folder."""
        from slugify import slugify

        parts = urlsplit(url)
        # "report.pdf" and "story.html" name "report" and "story", not "report-pdf.pdf".
        path = re.sub(r"\.(?:pdf|s?html?|php|aspx?)$", "", parts.path, flags=re.IGNORECASE)
        base = slugify(
            f"{parts.hostname or ''} {path} {parts.query}",
            max_length=_NAME_LENGTH,
            word_boundary=True,
        )
        base = base or "page"
        stem, number = base, 1
        while self._taken(stem):
            number += 1
            stem = f"{base}-{number}"
        return stem

    def _taken(self, stem: str) -> bool:
        """A name the manifest or a file holds; a page left in .raw without its text file is
        one whose capture was deleted, and is replaced."""
        names = (f"{stem}{suffix}" for suffix in CAPTURED_SUFFIXES)
        return any(name in self._names or (self.folder / name).exists() for name in names)

    def raw_path(self, stem: str) -> Path:
        return self.folder / RAW_FOLDER / f"{stem}.html"

    def add(self, stem: str, text: str, entry: ManifestEntry, urls: list[str], digest: str) -> str:
        """Write the article's text and its manifest entry; returns the file name."""
        data = article_text(entry.title, text).encode("utf-8")
        return self.add_file(f"{stem}.txt", data, entry, urls, digest)

    def add_file(
        self, name: str, data: bytes, entry: ManifestEntry, urls: list[str], digest: str
    ) -> str:
        """Write a source file the build reads as it is (a PDF) and its manifest entry."""
        write_atomic(data, self.folder / name)
        self._append_manifest(name, entry)
        self._names.add(name)
        self.state.texts[digest] = name
        self.alias(urls, name)
        return name

    def _append_manifest(self, name: str, entry: ManifestEntry) -> None:
        """Add one entry at the end, leaving what is there (comments included) as it is."""
        path = self.folder / MANIFEST_NAME
        try:
            current = path.read_text(encoding="utf-8-sig") if path.is_file() else ""
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"cannot read {path}: {exc}") from None
        if current and not current.endswith("\n"):
            current += "\n"
        updated = current + ("\n" if current else "") + _manifest_block(name, entry)
        try:
            tomllib.loads(updated)
        except tomllib.TOMLDecodeError as exc:  # changed by someone else since we read it
            raise SourceError(f"{path} is not valid TOML: {exc}") from None
        write_atomic(updated.encode("utf-8"), path)

    def save_state(self) -> None:
        write_atomic(self.state.to_json(), self.folder / STATE_NAME)
