"""Small text measures shared by the sections: content words and their overlap."""

from __future__ import annotations

import re
from functools import cache

from briefer.analysis.nlp import stop_words

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Entity labels of numbers, amounts and dates: words they cover are no names.
NUMERIC_ENTITIES = frozenset("CARDINAL ORDINAL DATE TIME MONEY PERCENT QUANTITY".split())


@cache
def _stop_words() -> frozenset[str]:
    return stop_words() | {"said", "says", "’s", "'s", "mr", "mrs", "ms"}


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of a text minus stop words, for overlap measures."""
    stop = _stop_words()
    return frozenset(
        w
        for w in (m.group().lower().strip("'’-") for m in _WORD.finditer(text))
        if len(w) > 1 and w not in stop
    )


SAME_POINT = 0.5  # content-word overlap at which two sentences make the same point


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Overlap of two word sets relative to the smaller one (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def same_point(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sentences' content words overlap enough to make the same point."""
    return similarity(a, b) >= SAME_POINT
