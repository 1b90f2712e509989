"""ingest → analyse → sections → render → write: the whole job as one straight sequence."""

from __future__ import annotations

import calendar
import logging
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import TemplateError, TemplateSyntaxError

from briefer.analysis import DEFAULT_MODEL, Analysis, ParseOptions, analyse
from briefer.analysis.currency import day_number, states_plan
from briefer.analysis.text import content_words
from briefer.errors import ConfigError
from briefer.files import check_writable, write_atomic
from briefer.ingest import cite_pages, read_sources_and_skipped
from briefer.ingest.limits import Limits
from briefer.models import Article, Briefing, PartialDate, PreviousBriefing, Section
from briefer.progress import Progress
from briefer.sections import BuildOptions, SectionSpec, resolve_sections

if TYPE_CHECKING:
    from briefer.config import BuildRequest, SendRequest
    from briefer.mail import SendReport

__all__ = [
    "build",
    "build_and_send",
    "build_briefing",
    "default_output",
    "send",
    "slug",
]

log = logging.getLogger("briefer")


def default_title(articles: Sequence[Article], analysis: Analysis | None = None) -> str:
    """The headline whose words most sources use, not a feature's or a question; without
    headlines, the subject most sources share; else a neutral label. A headline announcing a
    plan ("X to visit Y") gives way, once a later source exists, to the best later headline
    that does not: by then the plan has happened or not, and the title must not say it is
    still to come."""
    titled = [a for a in articles if a.title]
    if not titled:
        return _label(articles, analysis)
    spread = Counter(w for a in articles for w in content_words(a.text))
    news = [a for a in titled if not _a_feature(a.title or "")] or titled
    ranked = sorted(news, key=lambda a: -_shared(a.title or "", spread))
    best = ranked[0] if analysis is None else _still_holds(ranked, analysis)
    return best.title or ""


def _label(articles: Sequence[Article], analysis: Analysis | None) -> str:
    """A title for sources without headlines: their shared subject, else their leading
    actors and months."""
    count = f"{len(articles)} source{'s' * (len(articles) != 1)}"
    subject = analysis.subject if analysis is not None else None
    if subject:
        return f"{subject}: a briefing from {count}"
    named = _leading_names(analysis)
    span = _month_span([a.published for a in articles if a.published])
    about = f"{named}: a briefing from {count}" if named else f"Briefing on {count}"
    return f"{about}, {span}" if span else about


def _shared(headline: str, spread: Counter[str]) -> float:
    """How many sources use the headline's words, on average (`spread`: sources per word):
    what the story is about, not one article's side of it ("Ad sales boost Time Warner
    profit" among 37 articles on Google)."""
    words = content_words(headline)
    return sum(spread[w] for w in words) / len(words) if words else 0.0


# "Profile: David Blunkett", "Q&A: Malcolm Glazer and Man Utd": a feature's headline, not the
# story's.
_FEATURE_LABEL = re.compile(r"^[\w&]+(?:\s[\w&]+)?\s*:\s")


def _a_feature(headline: str) -> bool:
    """A feature's or a comment's headline ("Profile: …", "What the election should really
    be about?"): one article's angle, not the story's title."""
    return _FEATURE_LABEL.match(headline) is not None or headline.rstrip().endswith("?")


# Without a shared subject, the title names this many of the most salient actors.
TITLE_ACTORS = 3


def _leading_names(analysis: Analysis | None) -> str:
    """The most salient actors' names, "Iraq, United States and Saddam Hussein": what the
    sources speak of most when they share no phrase for it."""
    if analysis is None:
        return ""
    names = [a.name for a in analysis.actors[:TITLE_ACTORS]]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _month_span(dates: Sequence[PartialDate]) -> str:
    """ "January – December 2005", "November 2002 – March 2003", "April 2009": the months the
    sources were published in, enough for a title."""
    if not dates:
        return ""
    first, last = min(dates, key=PartialDate.sort_key), max(dates, key=PartialDate.sort_key)
    months = [PartialDate(d.year, d.month).human() for d in (first, last)]
    if months[0] == months[1]:
        return months[0]
    if first.year == last.year and first.month is not None:
        return f"{calendar.month_name[first.month]} – {months[1]}"
    return f"{months[0]} – {months[1]}"


def _still_holds(ranked: Sequence[Article], analysis: Analysis) -> Article:
    """The first of `ranked` unless its headline is a plan and a later source's is not."""
    best = ranked[0]
    day = day_number(best.published)
    if day is None or not _announces_plan(best, analysis):
        return best
    later = [a for a in ranked if (day_number(a.published) or day) > day]
    return next((a for a in later if not _announces_plan(a, analysis)), best)


def _announces_plan(article: Article, analysis: Analysis) -> bool:
    from briefer.analysis.nlp import parse_headlines

    parsed = parse_headlines([article.title or ""], analysis.model, analysis.cache)[0]
    return any(states_plan(sentence) for sentence in parsed.sents)


def build_briefing(
    sources: Path | str,
    *,
    sections: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    title: str | None = None,
    model: str = DEFAULT_MODEL,
    options: BuildOptions | None = None,
    limits: Limits | None = None,
    parse: ParseOptions | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """Read the sources (within `limits`, default the built-in ones) and build the chosen
    sections. Raises BrieferError on bad input. `parse` says how to parse (processes,
    cache); `progress` hears of each stage."""
    options = options or BuildOptions()
    specs = [
        spec
        for spec in resolve_sections(list(sections or []), list(exclude or []))
        if spec.applies(options)
    ]
    if not specs:
        raise ConfigError("no sections left to build; `since` is built only with --since")
    progress = progress or Progress()
    started = time.perf_counter()
    progress.stage("reading")
    articles, skipped = read_sources_and_skipped(sources, limits)
    log.info("read %d article(s) from %s", len(articles), sources)
    progress.stage("analysing", total=len(articles))
    parse = replace(parse or ParseOptions(), progress=progress.advance)
    analysis = analyse(articles, model, parse)
    progress.stage("sections", total=len(specs))
    built = build_sections(analysis, specs, options, progress)
    log.info("analysis took %.1f s", time.perf_counter() - started)
    return Briefing(title or default_title(articles, analysis), articles, built, skipped)


def build_sections(
    analysis: Analysis,
    specs: Sequence[SectionSpec],
    options: BuildOptions,
    progress: Progress | None = None,
) -> tuple[Section, ...]:
    """Each chosen section built from the one analysis, in the order given."""
    options = replace(options, sections=tuple(spec.name for spec in specs))
    built = []
    for spec in specs:
        items = cite_pages(tuple(spec.build(analysis, options)), analysis.articles)
        built.append(Section(spec.name, spec.title, items, spec.json_key, spec.partial))
        log.info("built %s: %d item(s)", spec.name, len(items))
        if progress is not None:
            progress.advance()
    sections = tuple(built)
    # Reviews run from the last section printed to the first: the comparison with an earlier
    # briefing, printed first, marks every other section once it is final.
    for spec in sorted(specs, key=lambda spec: -spec.order):
        if spec.review is not None:
            sections = spec.review(analysis, options, sections)
    # A review may cite passages of its own (the earlier questions a new source answers): those
    # get their pages here; citations that have one already are left as they are.
    return tuple(replace(s, items=cite_pages(s.items, analysis.articles)) for s in sections)


def slug(text: str, limit: int = 60) -> str:
    """A file name from a title: transliterated to ASCII ("Türkiye" -> "turkiye"), lower case,
    words joined by "-", at most `limit` characters, cut between words, never inside one."""
    from slugify import slugify

    return slugify(text, max_length=limit, word_boundary=True, save_order=True) or "briefing"


def default_output(briefing: Briefing, fmt: str, folder: Path = Path("output")) -> Path:
    return folder / f"{slug(briefing.title)}.{fmt}"


def build(request: BuildRequest, progress: Progress | None = None) -> Path:
    """Build the briefing `request` describes and write it; returns the path written. Raises
    BrieferError on anything the user can fix; a bad output fails before the slow analysis.
    `progress` hears of each stage (see briefer.progress); it is closed when this returns."""
    with progress or Progress() as shown:
        return _build(request, shown)


def _build(request: BuildRequest, progress: Progress) -> Path:
    from briefer.render import FORMATS

    fmt = request.format
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if request.templates is not None and not request.templates.is_dir():
        raise ConfigError(f"templates folder not found: {request.templates}")
    check_writable(request.output or Path("output") / f"briefing.{fmt}")
    previous = _previous(request)
    briefing = build_briefing(
        request.sources,
        sections=request.sections,
        exclude=request.exclude,
        title=request.title,
        model=request.model,
        options=replace(request.options, previous=previous) if previous else request.options,
        limits=request.limits,
        parse=ParseOptions(
            jobs=request.jobs, cache=_cache_dir(request), scheduler=request.scheduler
        ),
        progress=progress,
    )
    progress.stage("rendering")
    data = _render(briefing, request)
    written = write_atomic(data, request.output or default_output(briefing, fmt))
    folder = _cache_dir(request)
    if folder is not None:
        from briefer.analysis.cache import trim

        trim(folder, request.cache_mb * 1_000_000)
    return written


def _previous(request: BuildRequest) -> PreviousBriefing | None:
    """The briefing `--since` names, read before the slow analysis so a bad one fails first."""
    from briefer.render.json_output import read_briefing

    return read_briefing(request.since) if request.since is not None else None


def _cache_dir(request: BuildRequest) -> Path | None:
    from briefer.analysis.cache import user_dir

    return (request.cache_dir or user_dir()) if request.cache else None


def _render(briefing: Briefing, request: BuildRequest) -> bytes:
    """The file's bytes; an error in the user's own templates is a ConfigError naming it."""
    from briefer.render import render_bytes

    templates = str(request.templates) if request.templates is not None else None
    started = time.perf_counter()
    try:
        if request.format == "pdf":
            data = _pdf(briefing, templates, request)
        else:
            data = render_bytes(briefing, request.format, templates, request.document)
    except TemplateError as exc:
        if templates is None:
            raise  # the built-in templates are ours: a bug, not the user's doing
        where = f" ({exc.name}, line {exc.lineno})" if isinstance(exc, TemplateSyntaxError) else ""
        message = " ".join((exc.message or type(exc).__name__).split())
        raise ConfigError(f"template error in {templates}{where}: {message}") from None
    log.info("rendered %s in %.1f s", request.format.upper(), time.perf_counter() - started)
    return data


def _pdf(briefing: Briefing, templates: str | None, request: BuildRequest) -> bytes:
    """The PDF, from the cache when one was rendered from the very same HTML, templates,
    fonts and libraries (see `PdfJob.key`); else rendered, and kept for the next build."""
    from briefer.render import pdf_job, render_job

    job = pdf_job(briefing, templates, request.document)
    folder = _cache_dir(request)
    if folder is None:
        return render_job(job)
    from briefer.analysis.cache import load_pdf, save_pdf

    key = job.key()
    data = load_pdf(folder, key)
    if data is not None:
        log.info("PDF from the cache (rendered before from the same HTML and assets)")
        return data
    data = render_job(job)
    save_pdf(folder, key, data)
    return data


def send(request: SendRequest) -> SendReport:
    """E-mail the PDF (or save the message as a .eml beside it for a dry run)."""
    from briefer.mail import send_briefing

    return send_briefing(request.pdf, request.mail.settings, dry_run=request.mail.dry_run)


def build_and_send(
    request: BuildRequest,
    *,
    built: Callable[[Path], object] | None = None,
    progress: Progress | None = None,
) -> tuple[Path, SendReport]:
    """Build the PDF, then e-mail it as `request.mail` says; `built` hears of the PDF's path
    before sending starts, so a caller can show it even if sending then fails."""
    from briefer.config import SendRequest

    if request.mail is None or request.format != "pdf":
        raise ConfigError("build_and_send needs a PDF request with an e-mail part (--email)")
    path = build(request, progress)
    if built is not None:
        built(path)
    return path, send(SendRequest(path, request.mail))
