"""HTML to PDF with WeasyPrint, allowed to read only the template folders: no network."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefer.render.templates import template_dirs


def _fetcher_class():  # noqa: ANN202 - built lazily so importing briefer stays fast
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        """Serves files from the template folders and data: URIs; refuses everything else."""

        def __init__(self, roots: list[Path]) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self._roots = roots

        def fetch(self, url, headers=None):  # noqa: ANN001, ANN202
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = Path(unquote(parts.path)).resolve()
                if not any(path.is_relative_to(root) for root in self._roots):
                    raise ValueError(f"refusing to read outside the templates: {url}")
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


def render_pdf(
    html: str, templates: str | Path | None = None, *, embedded_json: bytes | None = None
) -> bytes:
    import weasyprint

    # WeasyPrint reports every CSS nicety it ignores; keep the terminal for our own progress.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    dirs = template_dirs(templates)
    fetcher = _fetcher_class()(dirs)
    document = weasyprint.HTML(
        string=html, base_url=str(dirs[-1]) + "/", url_fetcher=fetcher
    ).render()
    attachments = []
    if embedded_json is not None:
        attachments.append(
            weasyprint.Attachment(
                string=embedded_json,
                name=EMBEDDED_JSON,
                description="The briefing's content in briefer's JSON contract",
                url_fetcher=fetcher,
            )
        )
    return document.write_pdf(attachments=attachments)
