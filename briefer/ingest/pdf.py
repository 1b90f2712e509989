"""PDF articles: their text in reading order, one paragraph a line, and the page of each part.

pypdf gives each line of a page with the place it was drawn. From those places the reader puts
a page's columns in order, drops running headers, footers and page numbers, and joins the
lines of a paragraph (and a word hyphenated at a line end) into one line. `RawDocument.pages`
records where each page starts in the text, so that a citation can name its page.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from briefer.ingest import limits
from briefer.ingest.decode import NotTextError
from briefer.ingest.readers import RawDocument, split_title

log = logging.getLogger("briefer")

_SPACES = re.compile(r"\s+")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
# Page furniture once digits are folded to "#": "12", "- 12 -", "Page 3 of 9", "3 / 9", "p. 4".
_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|pg\.?)?\s*[-–—(\[]?\s*#+\s*[-–—)\]]?\s*(?:(?:of|/)\s*#+)?$", re.IGNORECASE
)
_BULLET = re.compile(r"^[•◦▪▫●○■□‣⁃]\s")
_ABBREVIATION = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,2}|[A-Z](?:\.[A-Z])+)\.$")
_SENTENCE_END = re.compile(r"[.!?…:][\"”’')\]]*$")
_WORD_BEFORE_HYPHEN = re.compile(r"([^\W\d_]+)([-\u2010\u00ad])$")
_ATTACHED_DASH = re.compile(r"\w[-\u2010–—/]$")
_WORD_AFTER = re.compile(r"^([^\W\d_]+)")
_WORDS = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")
_TITLE_PLACEHOLDER = re.compile(r"^(untitled|document\d*|microsoft \w+ - .*)$|\.\w{2,4}$", re.I)
# What pypdf raises on a damaged file: its own errors, and plain ones from a broken structure.
_BROKEN = (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError)
EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running furniture


@dataclass(frozen=True)
class _Line:
    text: str
    page: int  # 1-based
    x: float
    top: float  # distance from the top of the page
    size: float  # font size as drawn
    column: int = 0


@dataclass
class _Fragments:
    """pypdf's visitor output of one page, gathered into lines: each with the place where it
    starts and the font size most of its characters have (not a bullet's or a symbol's)."""

    page: int
    height: float
    lines: list[_Line] = field(default_factory=list)
    text: str = ""
    start: tuple[float, float] | None = None
    sizes: Counter[float] = field(default_factory=Counter)

    def visit(self, text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        # Text space to page space: the text matrix times the current matrix.
        a, b, c, d, e, f = (float(v) for v in tm)
        ca, cb, cc, cd, ce, cf = (float(v) for v in cm)
        scale = abs(c * cb + d * cd) or abs(a * ca + b * cc) or 1.0
        for i, part in enumerate(text.split("\n")):
            if i:
                self.flush()
            if part.strip() and self.start is None:
                self.start = (e * ca + f * cc + ce, self.height - (e * cb + f * cd + cf))
            self.sizes[round(float(size or 0) * scale, 1)] += len(part.strip())
            self.text += part

    def flush(self) -> None:
        text = _SPACES.sub(" ", self.text.translate(_LIGATURES)).strip()
        if text and self.start is not None:
            x, top = self.start
            size = self.sizes.most_common(1)[0][0]
            self.lines.append(_Line(text, self.page, round(x, 1), round(top, 1), size))
        self.text, self.start = "", None
        self.sizes.clear()


def _page_lines(page: Any, number: int) -> list[_Line]:
    box = page.mediabox
    frags = _Fragments(number, float(box.top))
    page.extract_text(visitor_text=frags.visit)
    frags.flush()
    return frags.lines


def _has_image(page: Any) -> bool:
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is None:
        return False
    # An image, or a form that may wrap one (some scanners draw the scan through a form).
    return any(
        obj.get_object().get("/Subtype") in ("/Image", "/Form")
        for obj in xobjects.get_object().values()
    )


def _fold(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _edges(lines: list[_Line]) -> list[_Line]:
    by_top = sorted(lines, key=lambda line: line.top)
    return by_top[:EDGE_LINES] + by_top[-EDGE_LINES:]


def _furniture(pages: list[list[_Line]]) -> set[tuple[int, float, str]]:
    """Lines at a page's top or bottom that are page numbers, or that repeat (digits aside)
    at an edge of most pages: running headers and footers."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_fold(line.text) for line in _edges(lines)})
    with_text = sum(1 for lines in pages if lines)
    repeated = {key for key, n in counts.items() if n >= 2 and n * 2 > with_text}
    return {
        (line.page, line.top, line.text)
        for lines in pages
        for line in _edges(lines)
        if _fold(line.text) in repeated or _PAGE_NUMBER.match(_fold(line.text))
    }


def _columns(lines: list[_Line], width: float) -> list[float]:
    """The left edges of the page's columns: the left margin, then x positions where several
    lines start, at least a fifth of the page apart (a last page may hold only a few lines)."""
    if not lines:
        return [0.0]
    starts = Counter(round(line.x / 2) * 2 for line in lines)
    enough = max(2, len(lines) // 6)
    edges = [min(line.x for line in lines)]
    for x, n in sorted(starts.items()):
        if n >= enough and all(abs(x - e) > width / 5 for e in edges):
            edges.append(x)
    return edges


def _reading_order(lines: list[_Line], width: float) -> list[_Line]:
    """The page's lines column by column, top to bottom; the drawing order when one column.
    A line above or below every line that starts at a column's edge (a centred running
    header or footer) is read before or after the columns."""
    edges = _columns(lines, width)
    if len(edges) < 2:
        return lines
    placed = [
        replace(line, column=max(i for i, e in enumerate(edges) if i == 0 or line.x >= e - 2))
        for line in lines
    ]
    aligned = [line.top for line in placed if abs(line.x - edges[line.column]) <= 2]
    first, last = min(aligned, default=0.0), max(aligned, default=0.0)

    def band(line: _Line) -> int:
        return 0 if line.top < first - 1 else 2 if line.top > last + 1 else 1

    return sorted(placed, key=lambda line: (band(line), line.column, line.top))


@dataclass(frozen=True)
class _Layout:
    """What counts as an ordinary gap between lines and an ordinary line length here."""

    spacing: dict[float, float]  # font size -> usual distance between two lines
    length: float  # usual characters in a line
    words: frozenset[str]  # words written whole somewhere inside a line
    compounds: frozenset[str]  # hyphenated words written inside a line
    auto_hyphen: bool  # U+2010 appears only at line ends: it marks hyphenation


def _spacing(lines: list[_Line]) -> dict[float, float]:
    """Font size -> the usual distance between two lines of a paragraph in that size."""
    gaps: dict[float, list[float]] = {}
    for prev, line in zip(lines, lines[1:], strict=False):
        gap = line.top - prev.top
        if prev.page == line.page and prev.column == line.column and prev.size == line.size:
            if 0.8 * line.size <= gap <= 3 * line.size:
                gaps.setdefault(line.size, []).append(gap)
    return {size: statistics.median(found) for size, found in gaps.items()}


def _layout(lines: list[_Line]) -> _Layout:
    inner = [w for line in lines for w in _WORDS.findall(line.text[:-1])]
    return _Layout(
        spacing=_spacing(lines),
        length=statistics.median([len(line.text) for line in lines]) if lines else 0.0,
        words=frozenset(w.casefold() for w in inner if "-" not in w and "\u2010" not in w),
        compounds=frozenset(w.casefold().replace("\u2010", "-") for w in inner if len(w) > 2),
        auto_hyphen=not any("\u2010" in w for w in inner),
    )


def _new_paragraph(prev: _Line, line: _Line, layout: _Layout) -> bool:
    """Whether `line` starts a paragraph rather than going on with `prev`'s."""
    if abs(prev.size - line.size) > 0.5 or _BULLET.match(line.text):
        return True
    ended = bool(_SENTENCE_END.search(prev.text))
    if prev.page != line.page or prev.column != line.column or line.top < prev.top:
        # A page or column turned (the text went up): only a finished sentence may end the
        # paragraph there, and "Sen." or "U.S." may not have finished one.
        return ended and not line.text[:1].islower() and not _ABBREVIATION.search(prev.text)
    spacing = layout.spacing.get(line.size, 1.5 * line.size)
    if line.top - prev.top > 1.3 * spacing + 1:
        return True
    if ended and line.x > prev.x + 0.8 * line.size:
        return True  # an indented first line
    return ended and len(prev.text) < 0.6 * layout.length


def _join(text: str, line: str, layout: _Layout) -> str:
    """`text` followed by the next line of its paragraph: a word hyphenated at the line end is
    made whole only where that is sure (see `_unhyphenate`)."""
    before = _WORD_BEFORE_HYPHEN.search(text)
    after = _WORD_AFTER.match(line)
    # "inter-" + "national", "OP-" + "TIONAL" or a typesetter's "Mc‐" + "Cain" may be one
    # word; "Anglo-" + "American" is not.
    mark = before.group(2) if before else ""
    typeset = mark == "\u00ad" or (mark == "\u2010" and layout.auto_hyphen)
    if before and after and (line[:1].islower() or before.group(1).isupper() or typeset):
        return _unhyphenate(text, before, after.group(1), line, layout)
    if _ATTACHED_DASH.search(text):
        return text + line  # "Anglo-" + "American", "2019–" + "2020"; not " --" or " –"
    return f"{text} {line}"


def _unhyphenate(text: str, before: re.Match[str], rest: str, line: str, layout: _Layout) -> str:
    """Drop a hyphen at a line end when it is one of hyphenation: a soft hyphen; the whole word
    written elsewhere in the document; or U+2010, which typesetters put at line breaks, when
    the document writes no other U+2010. A hyphen in "well-known" stays."""
    head, mark = before.group(1), before.group(2)
    whole = (head + rest).casefold()
    compound = f"{head}-{rest}".casefold()
    if mark == "\u00ad" or whole in layout.words:
        joined = True
    elif compound in layout.compounds:
        joined = False
    else:
        joined = mark == "\u2010" and layout.auto_hyphen
    return text[:-1] + line if joined else text + line


def _paragraphs(lines: list[_Line]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text, one paragraph a line, and (offset, page) where each page's text starts."""
    layout = _layout(lines)
    paragraphs: list[str] = []
    pages: list[tuple[int, int]] = []
    done = 0  # characters in the finished paragraphs and their line breaks
    prev: _Line | None = None
    for line in lines:
        if prev is None or _new_paragraph(prev, line, layout):
            if paragraphs:
                done += len(paragraphs[-1]) + 1
            paragraphs.append(line.text)
            start = done
        else:
            joined = _join(paragraphs[-1], line.text, layout)
            start = done + len(joined) - len(line.text)
            paragraphs[-1] = joined
        if prev is None or line.page != prev.page:
            pages.append((start, line.page))
        prev = line
    return "\n".join(paragraphs), tuple(pages)


def follow_pages(
    source: str, derived: str, pages: Iterable[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """`pages` ((offset, page) in `source`) as offsets into `derived`, a text made of lines
    of `source` in order, whole or cut (as cleaning and line splitting do). A page none of
    whose text is left starts where the next kept text does; the later page wins a tie."""
    segments: list[tuple[int, int, int]] = []  # (derived start, source start, length)
    cursor = offset = 0
    for piece in derived.split("\n"):
        found = source.find(piece, cursor) if piece else -1
        if found >= 0:
            segments.append((offset, found, len(piece)))
            cursor = found + len(piece)
        offset += len(piece) + 1
    moved: dict[int, int] = {}
    for at, page in pages:
        for start, origin, length in segments:
            if origin + length > at:
                moved[start + max(0, at - origin)] = page
                break
    return tuple(sorted(moved.items()))


def _metadata(reader: Any) -> dict[str, str | None]:
    """Title, author and creation date from the document information; none if it is broken."""
    from pypdf.errors import PyPdfError

    try:
        info = reader.metadata or {}
    except (PyPdfError, *_BROKEN):
        info = {}

    def text(key: str) -> str | None:
        value = info.get(key)
        value = str(value).strip() if value is not None else ""
        return value or None

    title = text("/Title")
    created = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", text("/CreationDate") or "")
    published = "-".join(p for p in created.groups() if p) if created else None
    return {
        "title": None if title and _TITLE_PLACEHOLDER.search(title) else title,
        "author": text("/Author"),
        "published": published,
    }


def _open(source: Path | str | BinaryIO) -> Any:
    """A pypdf reader of `source`; NotTextError (the file is skipped) if it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(source, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise NotTextError("the PDF is encrypted with a password; save an unlocked copy")
        pages = len(reader.pages)
    except (PyPdfError, *_BROKEN) as exc:
        if isinstance(exc, NotTextError):
            raise
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise NotTextError(f"not a readable PDF ({detail})") from None
    if pages > limits.current().pdf_pages:
        raise NotTextError(
            f"{pages} pages, over the limit of {limits.current().pdf_pages} for one PDF"
        )
    return reader


def _read_pages(path: Path | str, reader: Any) -> tuple[list[list[_Line]], list[float]]:
    """The lines of each page and its width; a page that cannot be read is empty, a warning
    names it, and so does one that has an image but no text (a scan)."""
    from pypdf.errors import PyPdfError

    pages: list[list[_Line]] = []
    widths: list[float] = []
    scanned: list[int] = []
    for number, page in enumerate(reader.pages, start=1):
        lines: list[_Line] = []
        try:
            widths.append(float(page.mediabox.width))
            lines = _page_lines(page, number)
            if not lines and _has_image(page):
                scanned.append(number)
        except (PyPdfError, *_BROKEN) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            log.warning("%s: page %d cannot be read (%s); skipped", path, number, detail)
        widths.extend([0.0] * (number - len(widths)))
        pages.append(lines)
    if scanned:
        log.warning(
            "%s: page%s %s %s no text layer (scanned?); skipped",
            path,
            "s" * (len(scanned) > 1),
            ", ".join(map(str, scanned)),
            "have" if len(scanned) > 1 else "has",
        )
    return pages, widths


def read_pdf(path: Path | str, data: bytes | None = None) -> RawDocument:
    """The article in `path`, or in `data` when given (a PDF just downloaded, which `path`, its
    URL, names in warnings); title, author and date from the PDF's own metadata."""
    from briefer.ingest.limits import split_long_lines

    with limits.time_limit(limits.current().pdf_seconds):
        reader = _open(path if data is None else io.BytesIO(data))
        pages, widths = _read_pages(path, reader)
        meta = _metadata(reader)
    if not any(pages):
        raise NotTextError(f"no text in its {len(pages)} page(s); a scanned PDF needs OCR first")
    furniture = _furniture(pages)
    ordered: list[_Line] = []
    for lines, width in zip(pages, widths, strict=True):
        kept = [line for line in lines if (line.page, line.top, line.text) not in furniture]
        ordered.extend(_reading_order(kept, width))
    text, starts = _paragraphs(ordered)
    short = split_long_lines(text)
    starts = follow_pages(text, short, starts) if short != text else starts
    title = meta["title"]
    if title is None:
        title, body = split_title(short)
        if title is not None:
            starts = follow_pages(short, body, starts)
            short = body
    return RawDocument(
        text=short,
        title=title,
        author=meta["author"],
        published=meta["published"],
        pages=starts,
    )
