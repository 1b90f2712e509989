"""The JSON contract (documented in the README): plain types only, same content as the PDF.

Each section says its own JSON key and each item its own JSON form, so a new section needs
nothing here. A briefing written this way (or a PDF embedding it) can be read back as the
earlier briefing a build with `--since` is compared with."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from briefer.errors import ConfigError
from briefer.models import Briefing, PreviousBriefing

SCHEMA_VERSION = 1
MARK_KEY = "since"  # an item's mark, and the comparison section's key
MAX_JSON_BYTES = 64 * 1024 * 1024  # far above any briefing; a bound on what --since reads


def briefing_to_json(briefing: Briefing) -> dict[str, Any]:
    """Sources are always listed, since every citation refers to one by id. A section compared
    with an earlier briefing gives each item its mark ("new", "changed" or null)."""
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "title": briefing.title,
        "sections": [s.name for s in briefing.sections],
        "section_titles": {s.name: s.title for s in briefing.sections},
        "sources": [a.to_json() for a in briefing.articles],
        "skipped": [s.to_json() for s in briefing.skipped],
    }
    for section in briefing.sections:
        if section.name == "sources":
            # The section's entries say more than the articles: an opening, a repeat.
            out["sources"] = _marked([item.to_json() for item in section.items], section.marks)
            continue
        out[section.key] = _marked([item.to_json() for item in section.items], section.marks)
    return out


def _marked(items: list[dict[str, Any]], marks: tuple[str | None, ...]) -> list[dict[str, Any]]:
    if not marks:
        return items
    return [
        {**item, MARK_KEY: marks[i] if i < len(marks) else None} for i, item in enumerate(items)
    ]


def content_digest(content: dict[str, Any]) -> str:
    """sha256 of what a briefing says, leaving out what it was compared with (its `since`
    section and item marks): two briefings of the same sources have the same digest."""
    plain = {k: _unmarked(v) for k, v in content.items() if k != MARK_KEY}
    plain["sections"] = [s for s in content.get("sections", []) if s != MARK_KEY]
    titles = content.get("section_titles")
    if isinstance(titles, dict):
        plain["section_titles"] = {k: v for k, v in titles.items() if k != MARK_KEY}
    text = json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _unmarked(value: Any) -> Any:
    if isinstance(value, list):
        return [
            {k: v for k, v in item.items() if k != MARK_KEY} if isinstance(item, dict) else item
            for item in value
        ]
    return value


def read_briefing(path: Path, what: str = "--since") -> PreviousBriefing:
    """A briefing written by briefer, from its JSON or from the JSON its PDF embeds; a file
    that is neither is a ConfigError saying so in one line, starting with `what`."""
    try:
        with path.open("rb") as handle:
            head = handle.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise ConfigError(f"{what}: cannot read {path}: {exc.strerror or exc}") from None
    if len(head) > MAX_JSON_BYTES:
        raise ConfigError(f"{what}: {path} is too large to be a briefing")
    content = _embedded(path) if head.startswith(b"%PDF-") else _parsed(head)
    problem = content if isinstance(content, str) else _not_a_briefing(content)
    if isinstance(content, str) or problem is not None:
        raise ConfigError(f"{what}: {path} is not a briefer briefing ({problem})")
    return PreviousBriefing(path, content["title"], content_digest(content), content)


def _embedded(path: Path) -> dict[str, Any] | str:
    from briefer.render.pdf import read_embedded_json

    content = read_embedded_json(path)
    return content or "a PDF with no briefing embedded: made by another tool or an older briefer"


def _parsed(data: bytes) -> dict[str, Any] | str:
    """The JSON object in `data`, or what it is instead."""
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "not JSON"
    return content if isinstance(content, dict) else "not a JSON object"


def _not_a_briefing(content: dict[str, Any]) -> str | None:
    """What keeps `content` from being briefer's JSON contract, or None."""
    schema = content.get("schema")
    if schema != SCHEMA_VERSION:
        return f"schema {schema!r}, expected {SCHEMA_VERSION}"
    if not isinstance(content.get("title"), str):
        return "no title"
    sources = content.get("sources")
    if not isinstance(sources, list) or not all(
        isinstance(s, dict) and isinstance(s.get("id"), str) for s in sources
    ):
        return "no list of sources"
    if not isinstance(content.get("sections"), list):
        return "no list of sections"
    return None
