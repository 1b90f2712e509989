"""HTML to PDF with WeasyPrint, allowed to read only the template folders: no network."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefer.render.document import DocumentOptions
from briefer.render.templates import template_dirs

log = logging.getLogger("briefer")


def _fetcher_class():  # noqa: ANN202 - built lazily so importing briefer stays fast
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
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

        def fetch(self, url, headers=None):  # noqa: ANN001, ANN202
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


def read_embedded_json(pdf: Path) -> dict | None:
    """The briefing JSON that `render_pdf` embedded in a PDF, or None if it has none."""
    import json

    from pypdf import PdfReader

    try:
        attachments = PdfReader(pdf).attachments
        payload = attachments.get(EMBEDDED_JSON)
        return json.loads(payload[0]) if payload else None
    except Exception:  # noqa: BLE001 - a foreign or damaged PDF simply has no briefing
        return None


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
    return rendered.write_pdf(attachments=attachments, pdf_variant=document.pdf_variant)
