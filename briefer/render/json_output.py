"""The JSON contract (documented in the README): plain types only, same content as the PDF.

Each section says its own JSON key and each item its own JSON form, so a new section needs
nothing here."""

from __future__ import annotations

from typing import Any

from briefer.models import Briefing

SCHEMA_VERSION = 1


def briefing_to_json(briefing: Briefing) -> dict[str, Any]:
    """Sources are always listed, since every citation refers to one by id."""
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "title": briefing.title,
        "sections": [s.name for s in briefing.sections],
        "section_titles": {s.name: s.title for s in briefing.sections},
        "sources": [a.to_json() for a in briefing.articles],
    }
    for section in briefing.sections:
        if section.name != "sources":
            out[section.key] = [item.to_json() for item in section.items]
    return out
