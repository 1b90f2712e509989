"""What a briefing has that an earlier one had not: its sources matched to the earlier ones,
and each item marked "new" (only new sources support it and the earlier briefing had nothing
like it) or "changed" (the earlier briefing had the same item, saying something else).

Items are compared in their JSON form, the one both briefings share, so any section, a plug-in
too, is compared: an item that has a date is a timeline entry (the same if the dates agree and
it cites the same passage or nearly the same words), a `name` with a `kind` an actor (the same
name or alias), a `question` an open question, a `text` a statement (the same passage or
nearly the same words), a source is the same source; anything else when it is equal."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.analysis.text import content_words, similarity
from briefer.models import Article, Json

NEW, CHANGED = "new", "changed"
# Content-word overlap (briefer.analysis.text.similarity) at which two items without a passage
# in common are the same item, its text re-cut. `same_point`'s 0.5 joined different points on
# the dev sets (3 of 3 such pairs: "Bush has argued against cutting such aid amid the global
# financial crisis" and a G-20 summit sentence share only the story's words).
SAME_TEXT = 0.8


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class SourceMap:
    """The earlier briefing's sources as this build numbers them."""

    ids: Mapping[str, str]  # earlier id -> this build's id
    added: frozenset[str]  # this build's ids of the sources the earlier briefing lacked

    def relabel(self, source: str) -> str:
        return self.ids.get(source, f"earlier:{source}")


def _quotes_by_source(items: Iterable[Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for citation in _citations(items):
        out.setdefault(citation["source"], set()).add(_norm(citation["quote"]))
    return out


def _same_source(earlier: Json, article: Article, quotes: set[str], text: str) -> bool:
    """The same URL; else the same title and date; else the same file name or at least one
    passage quoted from it, with every passage the earlier briefing quoted from it still in
    the article's text."""
    url, title = earlier.get("url"), earlier.get("title")
    if isinstance(url, str) and url and article.url:
        return url == article.url
    if isinstance(title, str) and title and article.title:
        published = article.published.iso() if article.published else None
        return _norm(title) == _norm(article.title) and earlier.get("published") == published
    named = Path(str(earlier.get("path") or "")).name == article.path.name
    return (named or bool(quotes)) and all(q in text for q in quotes)


def map_sources(earlier: Json, articles: Sequence[Article]) -> SourceMap:
    """Pair each earlier source with one article of this build, first match wins."""
    sources = [s for s in earlier.get("sources", []) if isinstance(s, dict)]
    quoted = _quotes_by_source(v for k, v in earlier.items() if k != "sources")
    texts = {a.id: _norm(a.text) for a in articles}
    ids: dict[str, str] = {}
    for source in sources:
        quotes = quoted.get(source["id"], set())
        taken = set(ids.values())
        match = next(
            (
                a
                for a in articles
                if a.id not in taken and _same_source(source, a, quotes, texts[a.id])
            ),
            None,
        )
        if match is not None:
            ids[source["id"]] = match.id
    return SourceMap(ids, frozenset(a.id for a in articles) - set(ids.values()))


# ------------------------------------------------------------------ items as JSON


def _citations(value: Any) -> Iterator[Json]:
    """Every citation anywhere in an item (its own, its quotes', its outcome's)."""
    if isinstance(value, dict):
        if isinstance(value.get("source"), str) and isinstance(value.get("quote"), str):
            yield value
        for inner in value.values():
            yield from _citations(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _citations(inner)


def support(item: Json) -> frozenset[str]:
    """The sources an item rests on: those it cites, an actor's sources, a source itself."""
    ids = {c["source"] for c in _citations(item)}
    ids |= {s for s in item.get("sources", ()) if isinstance(s, str)}
    if "path" in item and isinstance(item.get("id"), str):
        ids.add(item["id"])
    return frozenset(ids)


def shape(item: Json) -> str:
    """What kind of item this is, read from the keys it has."""
    if "date" in item:
        return "event"
    if "name" in item and "kind" in item:
        return "actor"
    if "question" in item:
        return "question"
    if "path" in item and "id" in item:
        return "source"
    return "statement" if "text" in item else "other"


def _passages(item: Json, relabel: Callable[[str], str] | None = None) -> set[tuple[str, str]]:
    return {
        (relabel(c["source"]) if relabel else c["source"], _norm(c["quote"]))
        for c in _citations(item)
    }


def _words(item: Json) -> frozenset[str]:
    return content_words(str(item.get("text") or item.get("question") or ""))


def _dates_agree(a: Json, b: Json) -> bool:
    """One date within the other: "2020-01" and "2020-01-07" may be the same event."""
    first, second = str(a.get("date")), str(b.get("date"))
    return first.startswith(second) or second.startswith(first)


def _names(item: Json) -> set[str]:
    aliases = item.get("aliases")
    names = [item.get("name"), *(aliases if isinstance(aliases, list) else [])]
    return {_norm(str(n)) for n in names if n}


@dataclass(frozen=True)
class Comparison:
    """One section's items against the earlier briefing's under the same key."""

    sources: SourceMap
    earlier: Sequence[Json]

    def same(self, item: Json, old: Json) -> bool:
        kind = shape(item)
        if kind != shape(old):
            return False
        if kind == "actor":  # by name: one's name is the other's name or alias
            return _norm(str(item["name"])) in _names(old) or _norm(str(old["name"])) in _names(
                item
            )
        if kind == "source":
            return self.sources.ids.get(str(old["id"])) == str(item["id"])
        if kind == "other":
            return self.canonical(item) == self.canonical(old, earlier=True)
        if kind == "event" and not _dates_agree(item, old):
            return False
        shared = _passages(item) & _passages(old, self.sources.relabel)
        return bool(shared) or similarity(_words(item), _words(old)) >= SAME_TEXT

    def canonical(self, item: Json, *, earlier: bool = False) -> str:
        """The item's content with earlier source ids renumbered as this build numbers them;
        an actor is its kind, role, status and sources (mentions follow from them)."""
        relabel = self.sources.relabel if earlier else None
        if shape(item) == "actor":
            item = {k: item.get(k) for k in ("kind", "role", "status", "sources")}
        elif shape(item) == "source":
            item = {k: v for k, v in item.items() if k not in ("id", "path")}
        plain = _renumbered(item, relabel)
        return json.dumps(plain, sort_keys=True, ensure_ascii=False)

    def mark(self, item: Json) -> str | None:
        """ "changed" for an earlier item saying something else, None for one unchanged; for an
        item the earlier briefing lacked, "new" when only new sources support it."""
        old = next((o for o in self.earlier if self.same(item, o)), None)
        if old is not None:
            return CHANGED if self.canonical(item) != self.canonical(old, earlier=True) else None
        rests_on = support(item)
        return NEW if rests_on and rests_on <= self.sources.added else None


def _renumbered(value: Any, relabel: Callable[[str], str] | None) -> Any:
    """`value` with citation sources and source lists renumbered, spacing evened and a mark
    left out; lists of ids sorted, since their order says nothing."""
    if isinstance(value, list | tuple):
        return [_renumbered(v, relabel) for v in value]
    if not isinstance(value, dict):
        return " ".join(value.split()) if isinstance(value, str) else value
    out = {k: _renumbered(v, relabel) for k, v in value.items() if k != "since"}
    if isinstance(value.get("source"), str) and relabel is not None:
        out["source"] = relabel(value["source"])
    sources = value.get("sources")
    if isinstance(sources, list) and all(isinstance(s, str) for s in sources):
        out["sources"] = sorted(relabel(s) if relabel else s for s in sources)
    return out
