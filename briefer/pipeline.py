"""ingest → analyse → sections → render → write: the whole job as one straight sequence."""

from __future__ import annotations

import logging
import os
import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from briefer.analysis import DEFAULT_MODEL, Analysis, analyse
from briefer.analysis.text import content_words
from briefer.errors import ConfigError, OutputError
from briefer.ingest import read_sources
from briefer.models import Article, Briefing, Section
from briefer.render.document import DocumentOptions
from briefer.sections import BuildOptions, resolve_sections

log = logging.getLogger("briefer")

def default_title(articles: Sequence[Article], analysis: Analysis | None = None) -> str:
    """The headline that shares most words with the other sources; without headlines, the
    subject most sources share; else a neutral label."""
    titled = [a for a in articles if a.title]
    if not titled:
        count = f"{len(articles)} source{'s' * (len(articles) != 1)}"
        subject = analysis.subject if analysis is not None else None
        return f"{subject}: a briefing from {count}" if subject else f"Briefing on {count}"
    words = content_words(" ".join(a.text for a in articles))
    best = max(titled, key=lambda a: len(content_words(a.title or "") & words))
    return best.title or ""


def build_briefing(
    sources: Path | str,
    *,
    sections: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    title: str | None = None,
    model: str = DEFAULT_MODEL,
    options: BuildOptions | None = None,
) -> Briefing:
    """Read the sources and build the chosen sections. Raises BrieferError on bad input."""
    specs = resolve_sections(list(sections or []), list(exclude or []))
    started = time.perf_counter()
    articles = read_sources(sources)
    log.info("read %d article(s) from %s", len(articles), sources)
    analysis = analyse(articles, model)
    options = replace(options or BuildOptions(), sections=tuple(spec.name for spec in specs))
    built = []
    for spec in specs:
        items = tuple(spec.build(analysis, options))
        built.append(Section(spec.name, spec.title, items, spec.json_key, spec.partial))
        log.info("built %s: %d item(s)", spec.name, len(items))
    log.info("analysis took %.1f s", time.perf_counter() - started)
    return Briefing(title or default_title(articles, analysis), articles, tuple(built))


def slug(text: str, limit: int = 60) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    out = "-".join(words)[:limit].rstrip("-")
    return out or "briefing"


def default_output(briefing: Briefing, fmt: str, folder: Path = Path("output")) -> Path:
    return folder / f"{slug(briefing.title)}.{fmt}"


def write_atomic(data: bytes, target: Path) -> Path:
    """Write to a temporary file beside `target`, then rename: never half a file."""
    target = Path(target)
    if target.is_dir():
        raise OutputError(f"output {target} is a folder; give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write to {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def check_writable(target: Path) -> None:
    """Raise OutputError unless `target` could be written: not a folder, under a folder (or one
    that can be created) that this user may write to."""
    if target.is_dir():
        raise OutputError(f"output {target} is a folder; give a file name")
    folder = target.parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write to {folder}: {existing} is a file, not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to {folder}: permission denied")


def build(
    sources: Path | str,
    output: Path | None = None,
    *,
    fmt: str = "pdf",
    templates: str | None = None,
    document: DocumentOptions | None = None,
    **briefing_options: object,
) -> Path:
    """Build a briefing and write it; returns the path written."""
    from briefer.render import FORMATS, render_bytes

    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if templates is not None and not Path(templates).is_dir():
        raise ConfigError(f"templates folder not found: {templates}")
    output = Path(output) if output is not None else None
    # Fail before the slow analysis when the result could never be written.
    check_writable(output if output is not None else Path("output") / f"briefing.{fmt}")
    briefing = build_briefing(sources, **briefing_options)  # type: ignore[arg-type]
    target = output or default_output(briefing, fmt)
    started = time.perf_counter()
    try:
        data = render_bytes(briefing, fmt, templates, document)
    except TemplateError as exc:
        if templates is None:
            raise  # the built-in templates are ours: a bug, not the user's doing
        where = f" ({exc.name}, line {exc.lineno})" if isinstance(exc, TemplateSyntaxError) else ""
        message = " ".join((exc.message or type(exc).__name__).split())
        raise ConfigError(f"template error in {templates}{where}: {message}") from None
    log.info("rendered %s in %.1f s", fmt.upper(), time.perf_counter() - started)
    return write_atomic(data, target)
