"""Open questions: what the sources leave unresolved, each tied to the passage raising it.

Questions are rebuilt only from the passage's own words — inverting an auxiliary, asking
whether a disputed or hedged claim holds, or whether something pending will happen. Where a
rewrite would garble the sentence, the point is quoted verbatim and marked instead.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from briefer.analysis import Analysis
from briefer.analysis.sentence import Sentence
from briefer.analysis.text import content_words, same_point, similarity
from briefer.models import Citation, OpenQuestion
from briefer.sections import BuildOptions, SectionSpec
from briefer.sections.asking import FALLBACKS, REWRITES

_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "pending",
        re.compile(
            r"\b(awaits?|awaiting|(?:is|are|remains?) pending|pending (?:approval|review|a|the)"
            r"|ha(?:s|ve) yet to|not yet|to be decided|undecided"
            r"|under review|under consideration|remains? to be seen|(?:is|are) expected to"
            r"|(?:is|are) due to|will decide|will vote)\b",
            re.I,
        ),
    ),
    (
        "disputed",
        re.compile(
            r"\b(maintains? that|claims?|claimed|insists?|denials?|disputed?|alleged(?:ly)?|accused"
            r"|(?:denie[sd]|deny|rejects?|rejected) (?:that|the (?:claims?|allegations?|reports?"
            r"|accusations?))|ha(?:ve|s) not persuaded|derided|contested|challenged)\b",
            re.I,
        ),
    ),
    (
        "uncertain",
        re.compile(
            r"\b(unclear|uncertain|not clear|unknown|not known|not sure|may have|might have"
            r"|could not be (?:confirmed|verified)|unconfirmed|reportedly|(?:is|are) (?:believed"
            r"|thought|said|reported) to)\b",
            re.I,
        ),
    ),
    (
        "plan",
        re.compile(
            r"\b(will|plans? to|intends? to|promised?|pledged?|vowed?|(?:is|are) set to)\b", re.I
        ),
    ),
]
_PRIORITY = {"disagreement": 0, "pending": 1, "disputed": 2, "uncertain": 3, "plan": 4}
_LABELS = {"pending": "Pending", "uncertain": "Unconfirmed", "disputed": "Disputed"}
_MAX_QUESTIONS = 8
_MAX_FIGURES = 60
MIN_WORDS = 8
SAME_QUESTION = 0.6  # content-word overlap at which two passages raise the same question
_VAGUE_END = re.compile(r"\b(it|this|that|them|so)\?$", re.I)
# "Is it the same strain …?": a pronoun the reader cannot resolve outside its article.
_VAGUE_START = re.compile(
    r"^\w+ (it|this|that|they|these|those|he|she|him|her|his|its|their|we|our|you|i)\b"
    r"(?! true\b| confirmed\b|,)",
    re.I,
)


def _readable(question: str | None) -> bool:
    return bool(
        question
        and _balanced(question)
        and not _VAGUE_END.search(question)
        and not _VAGUE_START.match(question)
    )


def _question(kind: str, sentence: Sentence) -> tuple[str, bool]:
    """The question and whether it was rewritten (True) or quoted as a marked point."""
    for rewrite in dict.fromkeys([*REWRITES.get(kind, ()), *FALLBACKS]):
        question = rewrite(sentence)
        if question is not None and _readable(question):
            return question, True
    # British nesting when the passage has double quotes of its own: ‘… “…” …’.
    left, right = ("‘", "’") if "“" in sentence.text else ("“", "”")
    return f"{_LABELS.get(kind, 'Unresolved')}: {left}{sentence.text}{right}", False


def _balanced(text: str) -> bool:
    """A rewrite that cut a quotation or a parenthesis in half is garbled."""
    return (
        text.count("“") == text.count("”")
        and text.count('"') % 2 == 0
        and text.count("(") == text.count(")")
    )


def _kind(sentence: Sentence) -> str | None:
    unquoted = "".join(" " if sentence.quoted(i) else ch for i, ch in enumerate(sentence.text))
    for kind, pattern in _CUES:
        if pattern.search(unquoted):
            return kind
    return None


# Quantities that sources report and can disagree on: "81 deaths", "more than 900 cases".
_QUANTITY = re.compile(
    r"\b(\d[\d,]*(?:\.\d+)?)\s+(?:suspected\s+|confirmed\s+|new\s+)?"
    r"(deaths|dead|cases|people|casualties|victims|injured|troops|protesters|arrests)\b",
    re.I,
)


@dataclass(frozen=True)
class _Figure:
    value: str
    noun: str
    sentence: Sentence
    words: frozenset[str]


def _figures(analysis: Analysis) -> dict[tuple[str, str], list[_Figure]]:
    """Reported quantities by (publication day, what is counted)."""
    figures: dict[tuple[str, str], list[_Figure]] = defaultdict(list)
    for sentence in analysis.sentences:
        if sentence.garbled:
            continue
        day = sentence.article.published.iso() if sentence.article.published else "?"
        for match in _QUANTITY.finditer(sentence.text):
            noun = match.group(2).lower()
            words = content_words(sentence.text) - {noun}
            figures[(day, noun)].append(_Figure(match.group(1), noun, sentence, words))
    return figures


def _rival(a: _Figure, others: list[_Figure]) -> _Figure | None:
    """Another source's different figure for what reads as the same report."""
    return next(
        (
            b
            for b in others
            if b.sentence.article.id != a.sentence.article.id
            and b.value != a.value
            and same_point(a.words, b.words)
        ),
        None,
    )


def _disagreement(a: _Figure, rival: _Figure) -> OpenQuestion:
    first, second = a.sentence.article.id, rival.sentence.article.id
    question = (
        f"Sources differ on the number of {a.noun}: {a.value} ({first}) "
        f"against {rival.value} ({second})."
    )
    citations = (
        Citation(a.sentence.article.id, a.sentence.text),
        Citation(rival.sentence.article.id, rival.sentence.text),
    )
    return OpenQuestion(question, citations, "disagreement")


def _disagreements(analysis: Analysis) -> list[OpenQuestion]:
    """Sources published on the same day that give different figures for the same thing."""
    out = []
    for _, found in sorted(_figures(analysis).items()):
        found = found[:_MAX_FIGURES]  # the comparison is pairwise: keep it bounded
        for i, a in enumerate(found):
            rival = _rival(a, found[i + 1 :])
            if rival is not None:
                out.append(_disagreement(a, rival))
                break
    return out[:3]


def _candidates(analysis: Analysis) -> list[tuple[str, Sentence]]:
    """(kind, sentence) of every passage that raises a question, the most pressing first:
    by kind, then by how many top actors it names, then by position."""
    candidates = []
    for sentence in analysis.sentences:
        if len(sentence.text.split()) < MIN_WORDS or sentence.garbled:
            continue
        kind = _kind(sentence)
        if kind is not None:
            actors = analysis.leading.count_in(sentence.text)
            key = (_PRIORITY[kind], -min(actors, 3), sentence.position)
            candidates.append((key, kind, sentence))
    candidates.sort(key=lambda c: c[0])
    return [(kind, sentence) for _, kind, sentence in candidates]


def build(analysis: Analysis, options: BuildOptions) -> tuple[OpenQuestion, ...]:
    """Disagreements first, then questions asked in the sources' words (pending decisions,
    disputed and hedged claims, plans), then marked quotes for the rest."""
    asked: list[OpenQuestion] = list(_disagreements(analysis))
    quoted: list[OpenQuestion] = []
    taken: list[frozenset[str]] = []
    for kind, sentence in _candidates(analysis):
        if len(asked) >= _MAX_QUESTIONS:
            break
        words = content_words(sentence.text)
        if any(similarity(words, other) >= SAME_QUESTION for other in taken):
            continue
        question, rewritten = _question(kind, sentence)
        if not rewritten and (kind == "plan" or len(quoted) >= _MAX_QUESTIONS):
            continue  # a plain future statement is not an open question unless askable
        citation = Citation(sentence.article.id, sentence.text)
        (asked if rewritten else quoted).append(OpenQuestion(question, (citation,), kind))
        taken.append(words)
    # Quoted points fill at most half of the list.
    room = max(_MAX_QUESTIONS // 2, _MAX_QUESTIONS - len(asked))
    return tuple((asked + quoted[:room])[:_MAX_QUESTIONS])


SECTION = SectionSpec(
    "questions", "Open questions", "open_questions", build, order=50, aliases=("open_questions",)
)
