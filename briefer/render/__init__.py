"""Render a `Briefing` as HTML (Jinja2, autoescaped), PDF (WeasyPrint) or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass

from briefer.models import Briefing
from briefer.render.document import DocumentOptions
from briefer.render.html import render_html
from briefer.render.json_output import briefing_to_json
from briefer.render.pdf import render_key, render_pdf

FORMATS = ("pdf", "html", "json")

__all__ = [
    "FORMATS",
    "DocumentOptions",
    "PdfJob",
    "briefing_to_json",
    "pdf_job",
    "render_bytes",
    "render_html",
    "render_job",
    "render_pdf",
]


def render_bytes(
    briefing: Briefing,
    fmt: str,
    templates: str | None = None,
    document: DocumentOptions | None = None,
) -> bytes:
    """The finished document in `fmt` as bytes, ready to be written in one go."""
    if fmt == "json":
        return _json(briefing)
    if fmt == "html":
        return render_html(briefing, templates, document).encode("utf-8")
    return render_job(pdf_job(briefing, templates, document))


def _json(briefing: Briefing) -> bytes:
    return (json.dumps(briefing_to_json(briefing), ensure_ascii=False, indent=2) + "\n").encode()


@dataclass(frozen=True)
class PdfJob:
    """Everything a PDF is made of, settled before WeasyPrint is imported, so that `key` can
    name the PDF in a cache and a hit never loads WeasyPrint."""

    html: str  # with a table of contents
    plain: str  # without one, for a document short enough not to need it
    embedded_json: bytes  # the PDF carries its content, so `briefer send` can describe it
    templates: str | None
    document: DocumentOptions

    def key(self) -> str:
        """The same for two jobs only if their PDFs would be the same bytes (see
        `briefer.render.pdf.render_key`)."""
        document = self.document
        settings = f"{document.pdf_variant}\0{document.timestamp}"
        return render_key((self.html, self.plain, self.embedded_json, settings), self.templates)


def pdf_job(
    briefing: Briefing, templates: str | None = None, document: DocumentOptions | None = None
) -> PdfJob:
    document = document or DocumentOptions()
    return PdfJob(
        html=render_html(briefing, templates, document, for_print=True),
        plain=render_html(briefing, templates, document, contents=False, for_print=True),
        embedded_json=_json(briefing),
        templates=templates,
        document=document,
    )


def render_job(job: PdfJob) -> bytes:
    """The PDF's bytes, laid out by WeasyPrint."""
    return render_pdf(
        job.html,
        job.templates,
        embedded_json=job.embedded_json,
        document=job.document,
        without_contents=lambda: job.plain,
    )
