"""One reader per input format, chosen by file suffix from `READERS`."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefer.ingest import limits
from briefer.ingest.decode import decode_bytes
from briefer.ingest.limits import split_long_lines


@dataclass(frozen=True)
class RawDocument:
    """What a reader found in one file, before the manifest and cleaning are applied."""

    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    pages: tuple[tuple[int, int], ...] = ()  # (offset in text, page number) where a page starts


_TITLE_END = re.compile(r"[.,;:!]$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


# "caf&#233;", "communiqu&#233;", "&amp;": a character a plain-text export left as HTML wrote it.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


# "(#354m)", "#46m": a pound sign an export to ASCII wrote as "#" (the text then has no "£").
_LOST_POUND = re.compile(r"(?<![\w&#])#(?=\d[\d,.]*(?:m|bn|k)?\b)")


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _plain(text: str) -> str:
    """A plain-text export's characters: the lost pound signs and the entities it kept (not
    for HTML, whose reader has decoded its entities once already)."""
    if "£" not in text:
        text = _LOST_POUND.sub("£", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


def _looks_like_title(line: str, next_line: str | None) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 25
        and not _TITLE_END.search(line)
        and (next_line is None or not next_line.strip())
    )


def split_title(text: str) -> tuple[str | None, str]:
    """Take the first non-empty line as the title if it reads like a headline, not a sentence."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            following = lines[i + 1] if i + 1 < len(lines) else None
            if _looks_like_title(line.strip(), following):
                return line.strip(), "\n".join(lines[i + 1 :])
            return None, text
    return None, text


def read_text(path: Path) -> RawDocument:
    text = _plain(_normalise(decode_bytes(path.read_bytes())))
    if _FRONT_MATTER.match(text):
        return _read_front_matter(text)
    title, body = split_title(split_long_lines(text))
    return RawDocument(text=body, title=title)


# Each span is bounded: unbounded, every unclosed "[" or "*" scanned to the end of the line,
# which made one 80 KB line take a minute.
_MD_LINK = re.compile(r"!?\[([^\]]{0,500})\]\([^)]{0,2000}\)")
_MD_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.{1,500}?)(?<=\S)\1")


def _markdown_to_text(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        line = _MD_MARKUP.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)


def read_markdown(path: Path) -> RawDocument:
    text = _plain(_normalise(decode_bytes(path.read_bytes())))
    if _FRONT_MATTER.match(text):
        doc = _read_front_matter(text)
        return RawDocument(**{**doc.__dict__, "text": _markdown_to_text(doc.text)})
    title, body = split_title(_markdown_to_text(split_long_lines(text)))
    return RawDocument(text=body, title=title)


FRONT_MATTER_MAX = 64 * 1024  # characters; real front matter is a few hundred
_FRONT_MATTER_DEPTH = 32  # nested lists and mappings; real front matter has two or three


def _load_yaml(source: str) -> object:
    """YAML's safe subset without aliases and nested at most `_FRONT_MATTER_DEPTH` deep.

    An alias repeats a node wherever it is named, so ten nested levels of them ("billion
    laughs") expand a few hundred bytes into gigabytes; front matter never needs one."""
    import yaml

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise ValueError(
                    f"front matter uses a YAML alias (line {mark.line + 2}); "
                    "aliases are not allowed"
                )
            self.depth += 1
            if self.depth > _FRONT_MATTER_DEPTH:
                raise ValueError(f"front matter is nested more than {_FRONT_MATTER_DEPTH} deep")
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    try:
        loader = Loader(source)  # already refuses control characters, so inside the try
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise ValueError(f"malformed YAML front matter: {str(exc).splitlines()[0]}") from None


def _read_front_matter(text: str) -> RawDocument:
    match = _FRONT_MATTER.match(text)
    assert match is not None
    if len(match.group(1)) > FRONT_MATTER_MAX:
        raise ValueError(
            f"front matter is over {FRONT_MATTER_MAX // 1024} KB; "
            "it should hold only title, author, publisher, published and url"
        )
    meta = _load_yaml(match.group(1)) or {}
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping of keys to values")
    body = split_long_lines(text[match.end() :])

    def field(*names: str) -> str | None:
        for name in names:
            value = meta.get(name)
            if value not in (None, ""):
                return str(value).strip()
        return None

    return RawDocument(
        text=body,
        title=field("title", "headline"),
        author=field("author", "byline", "authors"),
        publisher=field("publisher", "source", "site", "sitename"),
        published=field("published", "date", "pubdate"),
        url=field("url", "link"),
    )


def read_html(path: Path) -> RawDocument:
    import trafilatura

    html = decode_bytes(path.read_bytes())
    with limits.time_limit(limits.current().html_seconds):  # some pages take trafilatura minutes
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    if result is None:
        return RawDocument(text="")
    data = result if isinstance(result, dict) else result.as_dict()
    return RawDocument(
        text=split_long_lines(_normalise(data.get("text") or "")),
        title=data.get("title") or None,
        author=data.get("author") or None,
        publisher=data.get("sitename") or None,
        published=data.get("date") or None,
        url=data.get("url") or None,
    )


def read_pdf(path: Path) -> RawDocument:
    """A PDF article (see `briefer.ingest.pdf`, imported only when a PDF is read)."""
    from briefer.ingest.pdf import read_pdf as read

    return read(path)


READERS: dict[str, Callable[[Path], RawDocument]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
}
