"""Fill the Jinja2 templates. Autoescape is always on: article text is data, never markup."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from briefer import __version__
from briefer.models import Article, Briefing, Citation, Event, PartialDate, Section
from briefer.render.charts import TextMetrics, network_figure, timeline_figure
from briefer.render.document import DocumentOptions, front_matter
from briefer.render.templates import template_dirs


@dataclass
class Note:
    number: int
    citation: Citation
    article: Article
    refs: list[str] = field(default_factory=list)  # ids of the markers pointing here

    @property
    def page(self) -> int | None:
        """The page of a paged source (a PDF) that the passage starts on."""
        if self.citation.page is not None:
            return self.citation.page
        return self.article.page_of(self.citation.quote)


class Notes:
    """Numbers each distinct cited passage once, in order of first citation."""

    def __init__(self, articles: tuple[Article, ...]) -> None:
        self._articles = {a.id: a for a in articles}
        self._numbers: dict[Citation, Note] = {}
        self._markers = 0

    def cite(self, citations: tuple[Citation, ...]) -> Markup:
        links = []
        for citation in citations:
            note = self._numbers.get(citation)
            if note is None:
                note = Note(len(self._numbers) + 1, citation, self._articles[citation.source])
                self._numbers[citation] = note
            self._markers += 1
            ref = f"ref-{self._markers}"
            note.refs.append(ref)
            links.append(
                Markup('<a class="cite" id="{}" href="#note-{}">{}</a>').format(
                    ref, note.number, note.number
                )
            )
        if not links:
            return Markup("")
        return Markup('<sup class="cites">') + Markup(",").join(links) + Markup("</sup>")

    def after(self, text: str, citations: tuple[Citation, ...]) -> Markup:
        """`text` followed by its markers, bound to its last word by a word joiner so that a
        marker never starts a line on its own. (A "white-space: nowrap" span round the last
        word made WeasyPrint break some paragraphs after their first word.)"""
        markers = self.cite(citations)
        if not markers:
            return escape(text)
        return escape(text.rstrip()) + Markup(WORD_JOINER) + markers

    @property
    def all(self) -> list[Note]:
        return sorted(self._numbers.values(), key=lambda n: n.number)


WORD_JOINER = "\u2060"


class ReportDates:
    """When a statement was reported: the publication date of the source it cites first, so
    that its "yesterday" or "this weekend" can be read (key points and background items are
    read without their source). Printed as "reported …", never to be read as when it happened."""

    def __init__(self, articles: tuple[Article, ...]) -> None:
        self._published = {a.id: a.published for a in articles}
        self._latest = max((a.published.first_day() for a in articles if a.published), default=None)

    def __call__(self, citations: tuple[Citation, ...], lead: str = "reported") -> Markup:
        """ "— reported 5 May 2005"; with another `lead`, "— as of a report of 5 May 2005" for a
        state whose own date the report need not give."""
        published = self._published.get(citations[0].source) if citations else None
        return _reported_on(published, lead) if published else Markup("")

    def held_as_of(self, date: PartialDate | None, lead: str = "as of a report of") -> Markup:
        """The date of the last report stating a role that may pass to another, when that
        was over CURRENT_DAYS before the latest source: "the defence secretary" said in
        January is not to be read as true in December."""
        if date is None or self._latest is None:
            return Markup("")
        if (self._latest - date.last_day()).days <= CURRENT_DAYS:
            return Markup("")
        return _reported_on(date, lead)


def _reported_on(date: PartialDate, lead: str) -> Markup:
    # Non-breaking spaces keep the date on one line ("white-space: nowrap" here made
    # WeasyPrint break a paragraph after its first word).
    day = f"{lead} {date.human()}".replace(" ", "\u00a0")
    return Markup('<span class="reported-on">{}</span>').format(day)


# Within two months of the latest source a stated role reads as current without its date: a
# story of a few weeks is read as one time (the samples' "US President" of 31 December 2019 in
# a briefing as of February 2020 needs no date).
CURRENT_DAYS = 60


class PassedPlans:
    """Whether a plan's date had passed by the latest source and no later source reports it
    done: the reader must know it is unconfirmed, not take "planned" for "happened"."""

    def __init__(self, articles: tuple[Article, ...]) -> None:
        dates = [a.published.sort_key() for a in articles if a.published is not None]
        self._latest = max(dates, default=None)

    def __call__(self, event: Event) -> bool:
        if event.kind != "plan" or event.outcome is not None or self._latest is None:
            return False
        year, month, day = (event.end or event.date).sort_key()
        return (year, month or 12, day or 31) < self._latest


def _date(value: PartialDate | None, unknown: str = "date unknown") -> str:
    return value.human() if value is not None else unknown


_BADGES = {"new": "New", "changed": "Changed"}


def since_badge(section: Section, index: int) -> Markup:
    """The printed mark of a section's item compared with an earlier briefing (`--since`):
    a small labelled box, legible in greyscale; nothing for an unmarked item."""
    mark = section.mark(index)
    if mark not in _BADGES:
        return Markup("")
    return Markup('<span class="since-badge since-{}">{}</span> ').format(mark, _BADGES[mark])


def _web_url(value: str | None) -> str | None:
    """The URL when it is http(s), else None: a source's `javascript:` URL is never a link."""
    if value and re.match(r"https?://", value.strip(), re.IGNORECASE):
        return value.strip()
    return None


class FolderLoader(BaseLoader):
    """Templates from one folder and never from outside it: `..` in a name is not found, and a
    file whose real path (symlinks followed) leaves the folder is refused with a TemplateError,
    so that a ChoiceLoader does not quietly fall back to the next folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).resolve()

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        if not path.is_file():
            raise TemplateNotFound(template)
        real = path.resolve()
        if not real.is_relative_to(self.folder):
            raise TemplateError(
                f"{template} in {self.folder} leads to {real}, outside that folder; refused"
            )
        try:
            source = real.read_text(encoding="utf-8")
            mtime = real.stat().st_mtime
        except OSError as exc:
            raise TemplateError(f"cannot read {path}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise TemplateError(f"{path} is not UTF-8 text") from None
        return source, str(real), lambda: real.is_file() and real.stat().st_mtime == mtime


def _stylesheet(env: Environment) -> Callable[..., Markup]:
    """`stylesheet(name, optional=False)` for templates: a CSS file's text as it is, never
    rendered as a template (CSS's `{#` and `#}` are not Jinja's), and unable to end the
    `<style>` element it is put in."""

    def stylesheet(name: str, optional: bool = False) -> Markup:
        assert env.loader is not None
        try:
            source = env.loader.get_source(env, name)[0]
        except TemplateNotFound:
            if optional:
                return Markup("")
            raise
        # To CSS "<\/" is "</"; to HTML it does not end the <style> element.
        return Markup(source.replace("</", "<\\/"))

    return stylesheet


SLIP_LIKENESS = 0.8  # letters two spellings of one word share: "Caldern"/"Calderon" 0.93


def other_names(name: str, aliases: Sequence[str]) -> list[str]:
    """The aliases worth printing beside a name, once whatever their case: not one that only
    misspells it ("Barack Oabama", "Felipe Caldern", "MEXICO") or cuts its last word short
    ("Hugo Ch", where a lost accent split "Chávez"). The JSON keeps them all: they show what
    was merged."""
    shown: dict[str, str] = {}
    for alias in aliases:
        if not _slip(alias.casefold().split(), name.casefold().split()):
            shown.setdefault(alias.casefold(), alias)
    return list(shown.values())


def _slip(words: list[str], named: list[str]) -> bool:
    if len(words) > len(named):
        return False
    if len(words) >= 2 and words[:-1] == named[: len(words) - 1]:
        cut = named[len(words) - 1]
        if cut != words[-1] and cut.startswith(words[-1]):
            return True  # "hugo ch" of "hugo chvez"
    pairs = list(zip(words, named[len(named) - len(words) :], strict=True))
    if all(a == b for a, b in pairs):
        return len(words) == len(named)  # the name in other letters' case; a surname stays
    return all(a == b or SequenceMatcher(None, a, b).ratio() >= SLIP_LIKENESS for a, b in pairs)


def environment(
    templates: str | Path | None = None, *, plain_text_suffixes: tuple[str, ...] = ()
) -> Environment:
    """Templates from the user's folder first, then the built-in ones; all autoescaped except
    those whose names end with one of `plain_text_suffixes` (an e-mail's text body).
    The figures measure their labels in the fonts these folders give them.

    Sandboxed: a template can show what it is given but not reach Python's internals (no
    `__globals__`, no `os`), and reads nothing outside its folders."""
    dirs = template_dirs(templates)
    env = SandboxedEnvironment(
        loader=ChoiceLoader([FolderLoader(d) for d in dirs]),
        autoescape=lambda name: not (name or "").endswith(plain_text_suffixes),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["human_date"] = _date
    env.filters["web_url"] = _web_url
    env.filters["other_names"] = other_names
    env.globals["stylesheet"] = _stylesheet(env)
    env.globals["since_badge"] = since_badge
    metrics = TextMetrics.for_templates(dirs)
    env.globals["timeline_figure"] = partial(timeline_figure, metrics=metrics)
    env.globals["network_figure"] = partial(network_figure, metrics=metrics)
    return env


def render_html(
    briefing: Briefing,
    templates: str | Path | None = None,
    document: DocumentOptions | None = None,
    *,
    contents: bool = True,
    for_print: bool = False,
) -> str:
    """The briefing as one HTML page; `contents` adds the table of contents, `for_print` the
    shipped fonts and the running header that only a paged medium uses."""
    env = environment(templates)
    notes = Notes(briefing.articles)
    return env.get_template("briefing.html.j2").render(
        briefing=briefing,
        sections=briefing.sections,
        front=front_matter(briefing, document or DocumentOptions()),
        contents=contents,
        for_print=for_print,
        cite=notes.cite,
        cited=notes.after,
        reported_on=ReportDates(briefing.articles),
        passed_plan=PassedPlans(briefing.articles),
        notes=notes,
        version=__version__,
    )
