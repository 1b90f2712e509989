"""RSS and Atom feeds, read with feedparser: each item's link, with the title, author and date
the feed gives (used where the page itself has none)."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from typing import Any

from briefer.fetch.http import FetchFailed


@dataclass(frozen=True)
class Item:
    """What a feed says about one article; the page is fetched from `link`."""

    link: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    publisher: str | None = None  # the feed's own title


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: tuple[Item, ...]


def parse_feed(body: bytes, url: str, content_type: str = "") -> Feed:
    """The items of an RSS or Atom document served at `url` (relative links resolved against
    it); FetchFailed when it is neither."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    # A stream, never bytes or str: feedparser opens a str that looks like a URL, and bytes
    # that name a local file, and would read them instead of the document.
    try:
        parsed: Any = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except Exception as exc:  # feedparser catches most of its own; not all
        raise FetchFailed("not a feed", f"{url} could not be read as a feed: {exc}") from None
    if not parsed.get("version") and not parsed.entries:
        raise FetchFailed("not a feed", f"{url} is not an RSS or Atom feed")
    title = _text(parsed.feed.get("title"))
    items = []
    for entry in parsed.entries:
        link = _text(entry.get("link"))
        if link is None:
            continue
        items.append(
            Item(
                link=link,
                title=_text(entry.get("title")),
                # RSS gives "jane@example.org (Jane Roe)"; feedparser finds the name in it.
                author=_text(entry.get("author_detail", {}).get("name") or entry.get("author")),
                published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                publisher=title,
            )
        )
    return Feed(title, tuple(items))


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _date(value: object) -> str | None:
    if not isinstance(value, time.struct_time):
        return None
    return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
