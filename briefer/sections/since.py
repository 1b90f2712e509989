"""Since the last briefing (`--since PREVIOUS`): what the new sources add to an earlier briefing.

Built once the other sections are, it marks their items "new" or "changed" (see
briefer.sections.compare) and opens the briefing with what the earlier one was, the new
developments (the marked items' own sentences, cited) and the earlier open questions a new
source answers, found by the open-questions section's own test. It says nothing of its own but
neutral labels and counts; without `--since` it leaves itself out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from briefer.models import (
    BriefingItem,
    Citation,
    Json,
    PartialDate,
    PreviousBriefing,
    Section,
    Statement,
    citations_json,
    source_order,
)
from briefer.sections import BuildOptions, SectionSpec
from briefer.sections.compare import CHANGED, NEW, Comparison, SourceMap, map_sources, shape
from briefer.sections.questions import answered_by

if TYPE_CHECKING:
    from briefer.analysis import Analysis, Sentence

NAME = "since"
MAX_DEVELOPMENTS = 6  # new items quoted up front; the marks in the sections show the rest
# Where the new developments are taken from, in this order: the most important first.
DEVELOPMENT_SECTIONS = ("key_points", "timeline", "background")


@dataclass(frozen=True)
class Compared:
    """Which briefing this one was compared with, and how much is new or changed."""

    title: str
    path: str
    digest: str
    sources_before: int
    latest_before: str | None  # the latest publication date among the earlier sources
    new_sources: tuple[str, ...]
    dropped: int  # earlier sources this build no longer has
    counts: tuple[tuple[str, int, int], ...]  # (JSON key, new, changed), sections in order
    kind: str = "compared"
    citations: tuple[Citation, ...] = ()

    @property
    def latest_human(self) -> str | None:
        """The latest earlier source's date as the briefing prints dates."""
        try:
            return PartialDate.parse(self.latest_before).human() if self.latest_before else None
        except ValueError:
            return self.latest_before

    @property
    def new(self) -> int:
        return sum(n for _, n, _ in self.counts)

    @property
    def changed(self) -> int:
        return sum(c for _, _, c in self.counts)

    def to_json(self) -> Json:
        return {
            "kind": self.kind,
            "title": self.title,
            "path": self.path,
            "digest": self.digest,
            "sources": self.sources_before,
            "latest_source": self.latest_before,
            "new_sources": list(self.new_sources),
            "dropped_sources": self.dropped,
            "marked": {name: {"new": n, "changed": c} for name, n, c in self.counts},
        }


@dataclass(frozen=True)
class Development:
    """A new item's own sentence, as its section gives it."""

    section: str
    text: str
    citations: tuple[Citation, ...]
    date: PartialDate | None = None  # a timeline entry's date
    kind: str = "new"

    def to_json(self) -> Json:
        return {
            "kind": self.kind,
            "section": self.section,
            "date": self.date.iso() if self.date is not None else None,
            "text": self.text,
            "citations": citations_json(self.citations),
        }


@dataclass(frozen=True)
class Answered:
    """An earlier open question, cited to its passage, and the new passage that answers it."""

    question: str
    citations: tuple[Citation, ...]
    answer: Statement
    kind: str = "answered"

    def to_json(self) -> Json:
        return {
            "kind": self.kind,
            "question": self.question,
            "citations": citations_json(self.citations),
            "answer": self.answer.to_json(),
        }


def build(analysis: Analysis, options: BuildOptions) -> tuple[Compared, ...]:
    return ()  # filled in by `review`, once the other sections exist


def review(
    analysis: Analysis, options: BuildOptions, sections: tuple[Section, ...]
) -> tuple[Section, ...]:
    """The sections with their items marked and this one filled in (without an earlier
    briefing, which `condition` keeps from happening, this one is left out)."""
    previous = options.previous
    if previous is None:
        return tuple(s for s in sections if s.name != NAME)
    sources = map_sources(previous.content, analysis.articles)
    marked = tuple(s if s.name == NAME else _marked(s, previous, sources) for s in sections)
    items: tuple[BriefingItem, ...] = (
        _compared(previous, sources, marked),
        *_developments(marked),
        *_answered(previous, analysis, sources),
    )
    return tuple(replace(s, items=items) if s.name == NAME else s for s in marked)


def _marked(section: Section, previous: PreviousBriefing, sources: SourceMap) -> Section:
    comparison = Comparison(sources, previous.items(section.key))
    return replace(section, marks=tuple(comparison.mark(i.to_json()) for i in section.items))


def _compared(
    previous: PreviousBriefing, sources: SourceMap, sections: tuple[Section, ...]
) -> Compared:
    dates = [str(s["published"]) for s in previous.items("sources") if s.get("published")]
    counts = []
    for section in sections:
        tally = Counter(section.marks)
        if tally[NEW] or tally[CHANGED]:
            counts.append((section.key, tally[NEW], tally[CHANGED]))
    return Compared(
        title=previous.title,
        path=str(previous.path),
        digest=previous.digest,
        sources_before=len(previous.items("sources")),
        latest_before=max(dates) if dates else None,
        new_sources=tuple(sorted(sources.added, key=source_order)),
        dropped=len(previous.items("sources")) - len(sources.ids),
        counts=tuple(counts),
    )


def _developments(sections: tuple[Section, ...]) -> list[Development]:
    """The new items' sentences: key points, then timeline entries, then background."""
    found: list[Development] = []
    for name in DEVELOPMENT_SECTIONS:
        section = next((s for s in sections if s.name == name), None)
        if section is None:
            continue
        for index, item in enumerate(section.items):
            json = item.to_json()
            if section.mark(index) != NEW or shape(json) not in ("event", "statement"):
                continue
            citations = getattr(item, "citations", ())
            if any(_same_text(d.text, json["text"]) for d in found):
                continue
            date = getattr(item, "date", None)
            dated = date if isinstance(date, PartialDate) else None
            found.append(Development(section.key, json["text"], citations, dated))
    return found[:MAX_DEVELOPMENTS]


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _answered(previous: PreviousBriefing, analysis: Analysis, sources: SourceMap) -> list[Answered]:
    """The earlier open questions a passage of a new source answers."""
    among = [s for s in analysis.sentences if s.article.id in sources.added]
    if not among:
        return []
    out = []
    for question in previous.items("open_questions"):
        passages = _passages(question, analysis, sources)
        if not passages or not isinstance(question.get("question"), str):
            continue
        answer = answered_by(str(question.get("kind")), passages[0], analysis, among)
        if answer is not None:
            citations = tuple(Citation(p.article.id, p.text) for p in passages)
            reply = Statement(answer.text, (Citation(answer.article.id, answer.text),))
            out.append(Answered(question["question"], citations, reply))
    return out


def _passages(question: Json, analysis: Analysis, sources: SourceMap) -> list[Sentence]:
    """The sentences of this build that the earlier question cited, in its order; none unless
    every one is found (its source is still here and still says it)."""
    by_text = {(s.article.id, " ".join(s.text.split())): s for s in analysis.sentences}
    found = []
    for citation in question.get("citations") or ():
        key = _key(citation, sources)
        if key not in by_text:
            return []
        found.append(by_text[key])
    return found


def _key(citation: Any, sources: SourceMap) -> tuple[str, str] | None:
    if not isinstance(citation, dict) or citation.get("source") not in sources.ids:
        return None
    return sources.ids[citation["source"]], " ".join(str(citation.get("quote", "")).split())


SECTION = SectionSpec(
    NAME,
    "Since the last briefing",
    NAME,
    build,
    order=5,
    aliases=("what_is_new", "new"),
    review=review,
    condition=lambda options: options.previous is not None,
)
