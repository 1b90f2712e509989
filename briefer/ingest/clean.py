"""Remove page furniture and promotions, and lift the byline out of the text.

Cleaning drops whole lines, or cuts a leading dateline, byline, credit or stamp (`hygiene`), or
a caption several lines open with (`repeated_captions`), off a line; it never edits inside what
it keeps, so every passage of the cleaned text is still verbatim in the original file, and every
cut is recorded in `CleanedText.removed`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from briefer.ingest.hygiene import (
    caption_lines,
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


CAPTION_WORDS = 5  # the fewest words of a caption that runs into the text after it
_OPEN_ENDING = frozenset("a an the of in on at to for from by with and or as into".split())
_REPORTING = frozenset(
    "says said say tells told adds added warns warned believes believed thinks thought claims"
    " claimed insists insisted argues argued explains explained writes wrote".split()
)
_LIST_ITEM = re.compile(r"^(?:[-–—•*·]|\d+[.)])$")
_AUXILIARIES = frozenset(
    "has have had is are was were be been will would shall should can could may might must did"
    " does do".split()
)
_DAY_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april"
    " may june july august september october november december".split()
)


def repeated_captions(texts: list[str]) -> frozenset[str]:
    """Openings that several different lines share, each run with no punctuation into a
    different sentence ("Christian Fraser describes the situation at the port Aid workers …",
    "… at the port Haiti's government …"): a caption or credit glued to whatever followed it.
    Not a name that goes on ("… Prime Minister Stephen Harper"), nor a speaker ("Coach Mike
    Ruddock says …"), nor one sentence told twice in other words."""
    by_opening: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        for line in text.split("\n"):
            words = line.split()
            # A list's items may share their label ("- Steven Gaydos, Variety: Film - …").
            if len(words) >= CAPTION_WORDS + 4 and not _LIST_ITEM.match(words[0]):
                by_opening[" ".join(words[:CAPTION_WORDS])].add(" ".join(words))
    found = set()
    for group in by_opening.values():
        if len(group) >= 2 and (caption := _shared_caption([line.split() for line in group])):
            found.add(caption)
    return frozenset(found)


def _shared_caption(lines: list[list[str]]) -> str | None:
    """The words the lines open with, if they are a caption run into different sentences."""
    n = 0
    while all(len(words) > n for words in lines) and len({words[n] for words in lines}) == 1:
        n += 1
    while n and lines[0][n - 1].lower() in _OPEN_ENDING:
        n -= 1
    if n < CAPTION_WORDS or not _ends_a_caption(lines[0][:n]):
        return None
    return " ".join(lines[0][:n]) if _different_sentences([w[n:] for w in lines]) else None


def _ends_a_caption(opening: list[str]) -> bool:
    """Not a sentence's end, a speaker ("Coach Mike Ruddock says"), a verb that goes on to its
    object ("Michael Howard has accused | Blair") or a name that may go on ("… Prime Minister
    Stephen | Harper")."""
    last = opening[-1]
    return not (
        last[-1] in ".!?\"'”’"
        or last.lower() in _REPORTING
        or opening[-2].lower() in _AUXILIARIES
        or last[:1].isupper()
    )


def _different_sentences(rests: list[list[str]]) -> bool:
    """Each rest opens a sentence (a capital, not a day: "… Friday night's event"), and no
    two tell the same sentence in other words."""
    if any(
        len(rest) < 4 or not rest[0][:1].isupper() or rest[0].lower().strip(",") in _DAY_WORDS
        for rest in rests
    ):
        return False
    said = [{w.lower() for w in rest if len(w) > 3} for rest in rests]
    return not any(
        len(a & b) >= 0.5 * min(len(a), len(b)) for i, a in enumerate(said) for b in said[i + 1 :]
    )


def _uncaptioned(line: str, captions: frozenset[str], removed: list[str]) -> str:
    """`line` without the caption of `captions` that opens it, recording what goes."""
    cut = _caption_end(line, captions)
    if cut:
        removed.append(line[:cut].strip())
    return line[cut:].strip()


def _caption_end(line: str, captions: frozenset[str]) -> int:
    """Where a caption of `captions` that opens `line` ends (0: none opens it), however the
    line spaces its words."""
    words = line.split()
    for caption in captions:
        n = len(caption.split())
        if len(words) > n and " ".join(words[:n]) == caption:
            match = re.match(rf"\s*(?:\S+\s+){{{n}}}", line)
            return match.end() if match else 0
    return 0


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
    transcript's turns (to the end of the text), the pieces of a list of other publishers'
    headlines and the lines of a caption that a photo credit ends."""
    starts = [i for i in (comment_thread_start(lines), transcript_start(lines)) if i is not None]
    after = range(min(starts, default=len(lines)), len(lines))
    return {*after, *link_list_pieces(lines), *caption_lines(lines)}


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
    captions: frozenset[str] = frozenset(),
    byline_first: bool = False,
) -> CleanedText:
    """Drop furniture lines and cut `captions` (`repeated_captions`) off the lines they open;
    `byline_first` says the first line may be a bare byline (the file's own headline was just
    above it). A line starting "By " near the top always is one."""
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
        rest = _tidy(_uncaptioned(line, captions, removed), drop or index in gone, removed)
        if rest is not None:
            kept.append(raw.rstrip() if rest == line else rest)
    return CleanedText("\n".join(kept).strip("\n"), author, tuple(removed))
