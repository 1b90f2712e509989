"""The JSON contract (documented in the README): plain types only, same content as the PDF."""

from __future__ import annotations

from typing import Any

from briefer.models import (
    Actor,
    Article,
    Briefing,
    Citation,
    Event,
    OpenQuestion,
    PartialDate,
    SourceEntry,
    Statement,
)

SCHEMA_VERSION = 1


def _iso(value: PartialDate | None) -> str | None:
    return value.iso() if value is not None else None


def _citations(citations: tuple[Citation, ...]) -> list[dict[str, str]]:
    return [{"source": c.source, "quote": c.quote} for c in citations]


def _source(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "publisher": article.publisher,
        "author": article.author,
        "published": _iso(article.published),
        "url": article.url,
        "path": str(article.path),
    }


def _item(item: object) -> dict[str, Any]:
    if isinstance(item, Statement):
        return {"text": item.text, "citations": _citations(item.citations)}
    if isinstance(item, Actor):
        return {
            "name": item.name,
            "kind": item.kind,
            "role": item.role,
            "aliases": list(item.aliases),
            "mentions": item.mentions,
            "sources": list(item.sources),
            "quotes": [{"text": q.text, "citations": _citations(q.citations)} for q in item.quotes],
            "citations": _citations(item.citations),
        }
    if isinstance(item, Event):
        return {
            "date": item.date.iso(),
            "end": _iso(item.end),
            "certainty": item.certainty.value,
            "text": item.text,
            "citations": _citations(item.citations),
        }
    if isinstance(item, OpenQuestion):
        return {
            "question": item.question,
            "kind": item.kind,
            "citations": _citations(item.citations),
        }
    if isinstance(item, SourceEntry):
        return _source(item.article)
    raise TypeError(f"no JSON form for {type(item).__name__}")


def briefing_to_json(briefing: Briefing) -> dict[str, Any]:
    """Sources are always listed, since every citation refers to one by id."""
    from briefer.sections import registry

    keys = {name: spec.json_key for name, spec in registry().items()}
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "title": briefing.title,
        "sections": [s.name for s in briefing.sections],
        "sources": [_source(a) for a in briefing.articles],
    }
    for section in briefing.sections:
        if section.name != "sources":
            out[keys[section.name]] = [_item(i) for i in section.items]
    return out
