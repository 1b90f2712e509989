"""Render a `Briefing` as HTML (Jinja2, autoescaped), PDF (WeasyPrint) or JSON."""

from __future__ import annotations

import json

from briefer.models import Briefing
from briefer.render.document import DocumentOptions
from briefer.render.html import render_html
from briefer.render.json_output import briefing_to_json
from briefer.render.pdf import render_pdf

FORMATS = ("pdf", "html", "json")

__all__ = [
    "FORMATS",
    "DocumentOptions",
    "briefing_to_json",
    "render_bytes",
    "render_html",
    "render_pdf",
]


def render_bytes(
    briefing: Briefing,
    fmt: str,
    templates: str | None = None,
    document: DocumentOptions | None = None,
) -> bytes:
    """The finished document in `fmt` as bytes, ready to be written in one go."""
    data = (json.dumps(briefing_to_json(briefing), ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "json":
        return data
    if fmt == "html":
        return render_html(briefing, templates, document).encode("utf-8")
    html = render_html(briefing, templates, document, for_print=True)
    # The PDF carries its own content as JSON, so `briefer send` can describe it in the mail.
    return render_pdf(
        html,
        templates,
        embedded_json=data,
        document=document,
        without_contents=lambda: render_html(
            briefing, templates, document, contents=False, for_print=True
        ),
    )
