"""Render a `Briefing` as HTML (Jinja2, autoescaped), PDF (WeasyPrint) or JSON."""

from __future__ import annotations

from briefer.render.html import render_html
from briefer.render.json_output import briefing_to_json
from briefer.render.pdf import render_pdf

FORMATS = ("pdf", "html", "json")

__all__ = ["FORMATS", "briefing_to_json", "render_bytes", "render_html", "render_pdf"]


def render_bytes(briefing, fmt: str, templates: str | None = None) -> bytes:  # noqa: ANN001
    """The finished document in `fmt` as bytes, ready to be written in one go."""
    if fmt == "json":
        import json

        return (
            json.dumps(briefing_to_json(briefing), ensure_ascii=False, indent=2) + "\n"
        ).encode()
    html = render_html(briefing, templates)
    if fmt == "html":
        return html.encode("utf-8")
    return render_pdf(html, templates)
