"""Remove page furniture and promotions, and lift the byline out of the text.

Cleaning drops whole lines, or cuts a leading dateline, byline, credit or stamp off a line
(`hygiene`); it never edits inside what it keeps, so every passage of the cleaned text is still
verbatim in the original file, and every cut is recorded in `CleanedText.removed`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from briefer.ingest.hygiene import (
    comment_thread_start,
    link_list_pieces,
    tidy_line,
    transcript_start,
)

# Lines that are promotions, navigation or credits whatever the publisher.
_FURNITURE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(sign up|subscribe|subscription|newsletter|early bird|special offer|free trial)\b",
        r"^(more|related|recommended|read more|see also|most read|most popular|latest)\b.{0,60}:?$",
        r"\bfirst appeared (on|in)\b",
        r"\b(download|get) (our|the) .{0,30}\bapp\b",
        r"\bcopyright\b|©|\ball rights reserved\b",
        r"^(photo|photograph|picture|image|credit|source|illustration)s?\s*:",
        r"\b(photo|photograph|picture|image|credit)s?\s*:\s*[^.]{0,80}$",
        r"\bphoto by\b",
        r"\b(jobs? board|career|job)\b.{0,40}\?$|\bjobs? board\b|^find your .{0,40}job",
        r"^(share|tweet|email|print|comments?|advertisement|listen to this article)\b.{0,30}$",
        r"^(follow|like) us\b",
        r"^(click|tap) here\b",
        r"^https?://\S+$|^www\.\S+$",
        r"^\S+@\S+\.\w+$",
        r"\|.*\|",
        r"^(recent|top|featured) (features|stories|news|articles|posts)$",
    )
]
_BYLINE = re.compile(
    r"^(?:by\s+)?((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)"
    r"(?:\s*(?:,|\band\b)\s*(?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)*$"
)
_ENDS_LIKE_PROSE = re.compile(r"[.!?:;…][\"”’')\]]*$")
# Whole month names or their abbreviations, so "By March 2020" is no byline while the names
# Jane, Mark, Martin or Julia (which merely start like a month) still are.
_MONTH_WORDS = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?"
    r"|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b|\d",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CleanedText:
    text: str
    author: str | None
    removed: tuple[str, ...]


def _fold(text: str) -> str:
    return text.strip().casefold().replace("’", "'").replace("‘", "'")


def _is_furniture(line: str) -> bool:
    return any(p.search(line) for p in _FURNITURE)


def _is_heading(line: str) -> bool:
    """A short line that does not end like a sentence: a label, teaser or repeated headline."""
    return len(line.split()) <= 20 and not _ENDS_LIKE_PROSE.search(line)


def _byline(line: str) -> str | None:
    match = _BYLINE.match(line)
    if not match or _MONTH_WORDS.search(line):
        return None
    return re.sub(r"^by\s+", "", line, flags=re.IGNORECASE).strip()


def repeated_lines(texts: list[str]) -> set[str]:
    """Lines that several sources share: boilerplate, unless long enough to be shared copy."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({line.strip() for line in text.split("\n") if line.strip()})
    return {
        line
        for line, n in counts.items()
        if n >= 2 and (len(line.split()) <= 12 or n >= max(3, len(texts) // 2 + 1))
    }


def _author_keys(author: str | None) -> set[str]:
    return {author.casefold(), f"by {author}".casefold()} if author else set()


def _top_byline(line: str, position: int, byline_first: bool) -> str | None:
    """The author named by a byline among the first lines, if `line` is one."""
    if position > 5:
        return None
    found = _byline(line)
    if found and (line.lower().startswith("by ") or (byline_first and position == 1)):
        return found
    return None


def _gone_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that go with what they belong to: a reader-comment thread or a
    transcript's turns (to the end of the text) and the pieces of a list of other publishers'
    headlines."""
    starts = [i for i in (comment_thread_start(lines), transcript_start(lines)) if i is not None]
    after = range(min(starts, default=len(lines)), len(lines))
    return {*after, *link_list_pieces(lines)}


def _tidy(line: str, drop: bool, removed: list[str]) -> str | None:
    """What of `line` is kept (None: nothing), recording what goes."""
    verdict = tidy_line(line)
    rest = verdict.kept
    if drop or rest is None or _is_furniture(rest) or _is_heading(rest):
        removed.append(line)
        return None
    if verdict.removed:
        removed.append(verdict.removed)
    return rest


def clean_text(
    text: str,
    *,
    title: str | None,
    author: str | None,
    boilerplate: set[str] | frozenset[str] = frozenset(),
    byline_first: bool = False,
) -> CleanedText:
    """Drop furniture lines; `byline_first` says the first line may be a bare byline (the
    file's own headline was just above it). A line starting "By " near the top always is one."""
    kept: list[str] = []
    removed: list[str] = []
    title_key = _fold(title or "")
    author_keys = _author_keys(author)
    raws = text.split("\n")
    gone = _gone_lines([raw.strip() for raw in raws])
    position = 0
    for index, raw in enumerate(raws):
        line = raw.strip()
        if not line:
            if kept and kept[-1]:
                kept.append("")
            continue
        position += 1
        found = _top_byline(line, position, byline_first) if author is None else None
        if found:
            author = found
            removed.append(line)
            continue
        drop = line in boilerplate or line.casefold() in author_keys or _fold(line) == title_key
        rest = _tidy(line, drop or index in gone, removed)
        if rest is not None:
            kept.append(raw.rstrip() if rest == line else rest)
    return CleanedText("\n".join(kept).strip("\n"), author, tuple(removed))
