"""HTML to PDF with WeasyPrint, allowed to read only the template folders: no network."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefer import __version__
from briefer.render.document import DocumentOptions
from briefer.render.templates import template_dirs

log = logging.getLogger("briefer")


def _fetcher_class() -> type:
    """Built lazily, so importing briefer does not import WeasyPrint."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped
        """Serves files from the template folders and data: URIs; refuses everything else.

        Relative URLs resolve against the built-in folder (the last root); like templates, a
        file at the same place in a user's folder wins."""

        def __init__(self, roots: list[Path]) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self._roots = roots

        def _first_match(self, path: Path) -> Path:
            builtin = self._roots[-1]
            if not path.is_relative_to(builtin):
                return path
            relative = path.relative_to(builtin)
            for root in self._roots:
                candidate = (root / relative).resolve()
                if candidate.is_relative_to(root) and candidate.is_file():
                    return candidate
            return path

        def fetch(self, url: str, headers: object = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(root) for root in self._roots):
                    raise ValueError(f"refusing to read outside the templates: {url}")
                url = self._first_match(path).as_uri()
            elif parts.scheme != "data":
                raise ValueError(f"refusing to fetch {parts.scheme}: URLs while rendering")
            return super().fetch(url, headers)

    return LocalOnlyFetcher


EMBEDDED_JSON = "briefing.json"


def read_embedded_json(pdf: Path) -> dict[str, Any] | None:
    """The briefing JSON that `render_pdf` embedded in a PDF, or None if it has none."""
    import json

    from pypdf import PdfReader

    try:
        attachments = PdfReader(pdf).attachments
        payload = attachments.get(EMBEDDED_JSON)
        content = json.loads(payload[0]) if payload else None
    except Exception:  # a foreign or damaged PDF simply has no briefing
        return None
    return content if isinstance(content, dict) else None


CONTENTS_MIN_PAGES = 3  # a table of contents only pays for itself from this many pages
_NO_DATE = datetime(1970, 1, 1, tzinfo=UTC)  # what an attachment says when no date is asked for


def render_pdf(
    html: str,
    templates: str | Path | None = None,
    *,
    embedded_json: bytes | None = None,
    document: DocumentOptions | None = None,
    without_contents: Callable[[], str] | None = None,
) -> bytes:
    """`html` (which has a table of contents) as PDF. A short document is rendered again from
    `without_contents()` and kept that way if it then fits on fewer than three pages.

    The same inputs give the same bytes: the only date written is SOURCE_DATE_EPOCH's."""
    import weasyprint

    # WeasyPrint reports every CSS nicety it ignores; keep the terminal for our own progress.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = document or DocumentOptions()
    dirs = template_dirs(templates)
    fetcher = _fetcher_class()(dirs)

    def layout(source: str) -> weasyprint.Document:
        return weasyprint.HTML(
            string=source, base_url=str(dirs[-1]) + "/", url_fetcher=fetcher
        ).render()

    rendered = layout(html)
    if without_contents is not None and len(rendered.pages) <= CONTENTS_MIN_PAGES:
        plain = layout(without_contents())
        if len(plain.pages) < CONTENTS_MIN_PAGES:
            rendered = plain
    log.debug("laid out %d page(s)", len(rendered.pages))
    stamp = document.timestamp
    if stamp is not None:
        rendered.metadata.created = rendered.metadata.modified = stamp.strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
    attachments = []
    if embedded_json is not None:
        attachments.append(
            weasyprint.Attachment(
                string=embedded_json,
                name=EMBEDDED_JSON,
                description="The briefing's content in briefer's JSON contract",
                url_fetcher=fetcher,
                created=stamp or _NO_DATE,
                modified=stamp or _NO_DATE,
            )
        )
    with _font_dates_fixed():
        data: bytes = rendered.write_pdf(attachments=attachments, pdf_variant=document.pdf_variant)
    return data


@contextmanager
def _font_dates_fixed() -> Iterator[None]:
    """Without libharfbuzz-subset, WeasyPrint subsets fonts with fontTools, which stamps the
    clock into each subset's `head` table unless SOURCE_DATE_EPOCH is set: fix it at 0 (the
    epoch) for the write when the user set no date, so rebuilds are byte-identical anywhere."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


# What else decides a PDF's bytes: the Python packages that lay it out and write it, the C
# libraries WeasyPrint loads (Pango shapes and breaks the text, HarfBuzz subsets the fonts)
# and the fonts fontconfig may fall back on.
_LAYOUT_PACKAGES = (
    "weasyprint",
    "pydyf",
    "tinyhtml5",
    "tinycss2",
    "cssselect2",
    "pyphen",
    "pillow",
    "fonttools",
)
_LIBRARIES = ("pango-1.0", "pangoft2-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "freetype")
_LIBRARY_DIRS = ("/usr/lib", "/usr/local/lib", "/lib", "/usr/lib64", "/opt/homebrew/lib")
# The fonts, and fontconfig's settings for choosing among them.
_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/etc/fonts",
)
RENDER_KEY_VERSION = 1  # bump when what `render_pdf` does with its inputs changes


def render_key(parts: Iterable[str | bytes], templates: str | Path | None = None) -> str:
    """A hash of everything the PDF of `parts` (its HTML and settings) is made of: the files in
    the template folders (fonts, images, style sheets), briefer's and the layout packages'
    versions, the C libraries and system fonts (by path, size and time of change), and
    SOURCE_DATE_EPOCH. Any change to any of them gives another key: a stale PDF is never found.
    Reads no more than file metadata outside the template folders; imports nothing."""
    digest = hashlib.sha256()

    def add(value: str | bytes) -> None:
        data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)

    add(f"briefer-pdf {RENDER_KEY_VERSION} {__version__} {sys.version}")
    for module in (Path(__file__), Path(__file__).with_name("__init__.py")):
        add(module.read_bytes())  # how briefer calls WeasyPrint
    add(os.environ.get("SOURCE_DATE_EPOCH", ""))
    for name in _LAYOUT_PACKAGES:
        add(f"{name} {_installed(name)}")
    for part in parts:
        add(part)
    for folder in template_dirs(templates):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            add(str(path.relative_to(folder)))
            add(path.read_bytes())
    for stamp in _system_files():
        add(stamp)
    return digest.hexdigest()


def _installed(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def _system_files() -> Iterator[str]:
    """Path, size and time of change of the C libraries and system fonts a render may use."""
    for root in _LIBRARY_DIRS:
        for pattern in (f"lib{name}{ext}" for name in _LIBRARIES for ext in (".so*", ".*dylib")):
            yield from map(_stamp, sorted(Path(root).glob(pattern)))
            yield from map(_stamp, sorted(Path(root).glob(f"*/{pattern}")))
    for root in _FONT_DIRS:
        folder = Path(root).expanduser()
        if folder.is_dir():
            yield from map(_stamp, sorted(p for p in folder.rglob("*") if p.is_file()))


def _stamp(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        return f"{path} unreadable"
    return f"{path} {info.st_size} {info.st_mtime_ns}"
