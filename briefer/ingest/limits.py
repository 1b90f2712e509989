"""Bounds on what one build reads, so that a hostile or accidental input costs seconds, not
hours: files past a size are skipped, too many sources stop the build, and very long lines
are cut into pieces the language model can take (spaCy refuses a text over a million
characters, and its cost grows with the length of what it is given at once)."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

MAX_TEXT_BYTES = 2_000_000  # one .txt or .md file: a long report is a tenth of this
MAX_HTML_BYTES = 5_000_000  # one web page, scripts and markup included
MAX_PDF_BYTES = 20_000_000  # one PDF, fonts and images included
MAX_PDF_PAGES = 500  # pages of one PDF; a long report has a hundred
MAX_TOTAL_BYTES = 50_000_000  # all sources together
MAX_SOURCES = 1000  # files in one briefing
HTML_SECONDS = 30.0  # to extract the text of one web page
PDF_SECONDS = 60.0  # to extract the text of one PDF
LONG_LINE = 10_000  # characters; longer lines are split at sentence ends before parsing
LONG_RUN = 1_000  # characters without a sentence end; longer runs are cut at a space


@dataclass(frozen=True)
class Limits:
    """The bounds of one build (`[limits]` in briefer.toml); the defaults are the constants."""

    text_file_size: int = MAX_TEXT_BYTES
    html_file_size: int = MAX_HTML_BYTES
    total_size: int = MAX_TOTAL_BYTES
    files: int = MAX_SOURCES
    line_length: int = LONG_LINE
    html_seconds: float = HTML_SECONDS
    pdf_file_size: int = MAX_PDF_BYTES
    pdf_pages: int = MAX_PDF_PAGES
    pdf_seconds: float = PDF_SECONDS

    def max_bytes(self, suffix: str) -> int:
        if suffix.lower() == ".pdf":
            return self.pdf_file_size
        return self.html_file_size if suffix.lower() in (".html", ".htm") else self.text_file_size


# The limits of the build under way: the readers are called by suffix with a path only.
_CURRENT: ContextVar[Limits] = ContextVar("briefer_limits", default=Limits())  # noqa: B039


def current() -> Limits:
    return _CURRENT.get()


@contextmanager
def applied(limits: Limits) -> Iterator[None]:
    """`limits` hold for what the block reads (see `current`)."""
    token = _CURRENT.set(limits)
    try:
        yield
    finally:
        _CURRENT.reset(token)


class TooSlowError(BaseException):
    """Reading one file took longer than its limit; the file is skipped. Not an Exception,
    so that a library's `except Exception` (trafilatura has several) cannot swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TooSlowError in the block after `seconds`. Only in the main thread on a system
    with SIGALRM (the command line); elsewhere the block runs unbounded."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TooSlowError(f"took over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    # Then again every 0.1 s, should a bare `except:` swallow the first.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# The end of a sentence: its mark, any closing quotes or brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+")


def split_long_line(line: str, limit: int = LONG_LINE) -> list[str]:
    """`line` as pieces of at most `limit` characters, cut after the last sentence end that
    fits, else at the last space, else (one giant word) at the limit itself. Only whitespace
    is lost at a cut, so every piece is still verbatim in the line."""
    pieces: list[str] = []
    start = 0
    while len(line) - start > limit:
        window = line[start : start + limit]
        cut = _cut(window)
        piece = window[:cut].rstrip()
        if piece:
            pieces.append(piece)
        start += cut
        while start < len(line) and line[start].isspace():
            start += 1
    if line[start:]:
        pieces.append(line[start:])
    return pieces


def _cut(window: str) -> int:
    last_end = None
    for last_end in _SENTENCE_END.finditer(window):  # noqa: B007 - the last one is wanted
        pass
    if last_end is not None:
        return last_end.end()
    space = max(window.rfind(" "), window.rfind("\t"))
    return space + 1 if space > 0 else len(window)


def cut_long_runs(line: str, limit: int = LONG_RUN) -> list[str]:
    """`line` cut at spaces wherever it runs on for more than `limit` characters without a
    sentence end: the analysis slows down with the square of a sentence's length."""
    if len(line) <= limit:
        return [line]
    cuts: list[tuple[int, int]] = []  # (end of one piece, start of the next)
    run_start = 0
    for end in [*(m.end() for m in _SENTENCE_END.finditer(line)), len(line)]:
        while end - run_start > limit:
            # Even pieces, so that no scrap of a word or two is left at the end of a run.
            target = -(-(end - run_start) // -(-(end - run_start) // limit))
            space = line.rfind(" ", run_start + 1, run_start + target + 1)
            cut = space if space > run_start else run_start + target
            cuts.append((cut, cut + 1 if space > run_start else cut))
            run_start = cuts[-1][1]
        run_start = end
    pieces, start = [], 0
    for end, following in cuts:
        pieces.append(line[start:end].rstrip() if start == 0 else line[start:end].strip())
        start = following
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def split_long_lines(text: str) -> str:
    """`text` with no line over the line length (LONG_LINE unless `[limits]` says otherwise)
    and no run over LONG_RUN characters without a sentence end: such lines are split into
    several, losing only whitespace."""
    length = current().line_length
    short = min(length, LONG_RUN)
    lines = text.split("\n")
    if all(len(line) <= short for line in lines):
        return text
    out: list[str] = []
    for line in lines:
        if len(line) <= short:
            out.append(line)
            continue
        out.extend(
            piece
            for run in cut_long_runs(line)
            for piece in (split_long_line(run, length) if len(run) > length else [run])
        )
    return "\n".join(out)
