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


def render_pdf(html: str, templates: str | Path | None = None) -> bytes:
    import weasyprint

    # WeasyPrint reports every CSS nicety it ignores; keep the terminal for our own progress.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    dirs = template_dirs(templates)
    fetcher = _fetcher_class()(dirs)
    document = weasyprint.HTML(
        string=html, base_url=str(dirs[-1]) + "/", url_fetcher=fetcher
    ).render()
    return document.write_pdf()
