"""The command line: parse flags, call the library, turn errors into one line and an exit code."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from briefer import __version__
from briefer.cli_mail import Bcc, Cc, DryRun, ListFile, Sender, Subject, To, email_flags, sent
from briefer.errors import BrieferError

if TYPE_CHECKING:
    from briefer.progress import Progress

app = typer.Typer(
    name="briefer",
    help="Turn a folder of news articles into a printable, fully cited briefing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    # Plain help: Rich's help formatter imports ~0.2 s of modules (markdown, syntax, traceback)
    # that `briefer --help` would pay on every call.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

INTERNAL_ERROR = 70
ConfigFile = Annotated[
    Path | None, typer.Option("--config", help="Config file (default: ./briefer.toml).")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only print errors.")]
cache_app = typer.Typer(
    help="The cache: articles already parsed are not parsed again, nor PDFs rendered.",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefer {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    quiet: Quiet = False,
) -> None:
    """Turn a folder of news articles into a printable, fully cited briefing."""
    _setup_logging(logging.WARNING if quiet else logging.INFO)


def _setup_logging(level: int) -> None:
    logger = logging.getLogger("briefer")
    logger.handlers.clear()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("briefer: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


def _progress() -> Progress:
    """A bar on a terminal; else nothing beyond the log lines (none with -q)."""
    from briefer.progress import Bar, Progress

    if logging.getLogger("briefer").getEffectiveLevel() > logging.INFO:
        return Progress()
    return Bar(sys.stderr) if sys.stderr.isatty() else Progress()


def _fail(error: Exception) -> NoReturn:
    """Print one line on stderr and exit with the error's code."""
    if isinstance(error, BrieferError):
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(error.exit_code)
    if os.environ.get("BRIEFER_DEBUG"):
        raise error
    typer.echo(
        f"internal error: {type(error).__name__}: {error} (set BRIEFER_DEBUG=1 for details)",
        err=True,
    )
    raise typer.Exit(INTERNAL_ERROR)


def _names(values: list[str] | None) -> tuple[str, ...] | None:
    """Repeated and comma-separated section names; None when the flag was not given."""
    names = tuple(part for value in values or [] for part in value.split(",") if part.strip())
    return names or None


@app.command()
def build(
    sources: Annotated[
        Path, typer.Argument(help="Folder (or single file) of articles.", show_default=True)
    ] = Path("sources"),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write; default: output/<title>.<format>."),
    ] = None,
    sections: Annotated[
        list[str] | None,
        typer.Option(
            "--sections", "-s", metavar="NAMES", help="Only these sections, comma-separated."
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            "--exclude", "-x", metavar="NAMES", help="Leave out these sections, comma-separated."
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", "-t", help="Title of the briefing.")
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="pdf, html or json.", case_sensitive=False)
    ] = "pdf",
    model: Annotated[
        str | None, typer.Option("--model", help="Installed spaCy pipeline to use.")
    ] = None,
    timeline_size: Annotated[
        int | None,
        typer.Option("--timeline-size", min=1, help="Number of timeline entries (default: auto)."),
    ] = None,
    background_size: Annotated[
        int | None,
        typer.Option("--background-size", min=1, help="Sentences of background (default: auto)."),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Folder of templates that override the built-in ones."),
    ] = None,
    org: Annotated[
        str | None, typer.Option("--org", help="Organisation named on the front page.")
    ] = None,
    author: Annotated[
        str | None, typer.Option("--author", help="Who prepared the briefing (front page, PDF).")
    ] = None,
    marking: Annotated[
        str | None,
        typer.Option("--marking", help='Handling marking on every page, e.g. "For internal use".'),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option("--topic", help="Topic line under the title (default: the main actors)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Date the briefing as of YYYY-MM-DD or 'today' (default: latest source's date).",
        ),
    ] = None,
    paper: Annotated[
        str | None, typer.Option("--paper", help="a4 (default) or letter.", case_sensitive=False)
    ] = None,
    pdf_variant: Annotated[
        str | None,
        typer.Option("--pdf-variant", help="pdf/ua-1 (tagged, accessible), pdf/a-3b or pdf/a-3u."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Processes that parse articles (default: every core).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse every article again; store nothing.")
    ] = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="dask://HOST:PORT",
            help="Parse on this Dask cluster (needs the dask extra).",
        ),
    ] = None,
    since: Annotated[
        Path | None,
        typer.Option(
            "--since",
            metavar="PREVIOUS",
            help="Mark what is new since this earlier briefing (its PDF or JSON).",
        ),
    ] = None,
    config: ConfigFile = None,
    email: Annotated[
        bool, typer.Option("--email", help="E-mail the PDF once built (see: briefer send -h).")
    ] = False,
    to: To = None,
    cc: Cc = None,
    bcc: Bcc = None,
    lists: ListFile = None,
    subject: Subject = None,
    sender: Sender = None,
    dry_run: DryRun = False,
    quiet: Quiet = False,
) -> None:
    """Build a briefing from SOURCES and print the path of the file written."""
    from briefer.config import BuildFlags

    if quiet:
        _setup_logging(logging.WARNING)

    flags = BuildFlags(
        sources=sources,
        output=output,
        format=fmt,
        sections=_names(sections),
        exclude=_names(exclude),
        title=title,
        model=model,
        timeline_size=timeline_size,
        background_size=background_size,
        templates=templates,
        org=org,
        author=author,
        marking=marking,
        topic=topic,
        as_of=as_of,
        paper=paper,
        pdf_variant=pdf_variant,
        jobs=jobs,
        cache=False if no_cache else None,
        scheduler=scheduler,
        since=since,
        email=email,
        mail=email_flags(to, cc, bcc, lists, subject, sender, dry_run),
    )
    try:
        from briefer import pipeline
        from briefer.config import resolve

        request = resolve(flags, config, os.environ)
        progress = _progress()
        if request.mail is None:
            typer.echo(str(pipeline.build(request, progress)))
            return
        _, report = pipeline.build_and_send(
            request, built=lambda path: typer.echo(str(path)), progress=progress
        )
    except Exception as error:  # every failure becomes one line
        _fail(error)
    typer.echo(sent(report))


@app.command()
def send(
    pdf: Annotated[Path, typer.Argument(help="The briefing PDF to send.")],
    to: To = None,
    cc: Cc = None,
    bcc: Bcc = None,
    lists: ListFile = None,
    subject: Subject = None,
    sender: Sender = None,
    dry_run: DryRun = False,
    config: ConfigFile = None,
    quiet: Quiet = False,
) -> None:
    """E-mail a briefing PDF and print the Message-ID (with --dry-run: the .eml path).

    The SMTP server comes from the smtp table of briefer.toml or BRIEFER_SMTP_*, the password
    only from BRIEFER_SMTP_PASSWORD or a prompt. Deliveries are logged in deliveries.jsonl.
    """
    from briefer.config import SendFlags

    if quiet:
        _setup_logging(logging.WARNING)
    flags = SendFlags(pdf, email_flags(to, cc, bcc, lists, subject, sender, dry_run))
    try:
        from briefer import pipeline
        from briefer.config import resolve_send

        report = pipeline.send(resolve_send(flags, config, os.environ))
    except Exception as error:  # every failure becomes one line
        _fail(error)
    typer.echo(sent(report))


@app.command()
def fetch(
    urls: Annotated[
        list[str] | None,
        typer.Argument(metavar="URL", help="Web pages to capture.", show_default=False),
    ] = None,
    url_file: Annotated[
        Path | None,
        typer.Option("--from", metavar="FILE", help="More URLs, one a line; # starts a comment."),
    ] = None,
    feeds: Annotated[
        list[str] | None,
        typer.Option("--feed", metavar="URL", help="An RSS or Atom feed: capture its items."),
    ] = None,
    into: Annotated[
        Path, typer.Option("--into", metavar="DIR", help="The sources folder to capture into.")
    ] = Path("sources"),
    rate: Annotated[
        float, typer.Option("--rate", min=0.01, help="Requests per second to one host.")
    ] = 1.0,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a server.")
    ] = 20.0,
    contact: Annotated[
        str | None,
        typer.Option(
            "--contact",
            envvar="BRIEFER_CONTACT",
            help="A URL or e-mail for site owners, sent in the User-Agent.",
        ),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Capture web pages and feed items into a sources folder; later builds stay offline.

    Each page is kept as served (.raw/NAME.html), as text (NAME.txt) and in sources.toml;
    a PDF is kept as served (NAME.pdf), which the build reads.
    Pages already captured are not fetched again; a failed URL is reported and skipped.
    """
    if quiet:
        _setup_logging(logging.WARNING)
    try:
        from briefer.fetch import FetchOptions, fetch_sources, read_url_file

        listed = read_url_file(url_file) if url_file is not None else []
        options = FetchOptions(rate=rate, timeout=timeout, contact=contact)
        report = fetch_sources(into, [*(urls or []), *listed], feeds or [], options)
    except KeyboardInterrupt:
        typer.echo("error: interrupted; what was captured so far is kept", err=True)
        raise typer.Exit(130) from None
    except Exception as error:  # every failure becomes one line
        _fail(error)
    typer.echo(report.summary())


@app.command("sections")
def list_sections() -> None:
    """List the sections a briefing can have, in print order."""
    from briefer.sections import registry

    for name, spec in registry().items():
        aliases = f"  (also: {', '.join(spec.aliases)})" if spec.aliases else ""
        typer.echo(f"{name:<12} {spec.title}{aliases}")


@app.command()
def digest(
    briefing: Annotated[Path, typer.Argument(help="A briefing PDF or its JSON.")],
) -> None:
    """Print the sha256 of what a briefing says (not what it was compared with): two briefings
    of the same sources print the same digest."""
    from briefer.render.json_output import read_briefing

    try:
        typer.echo(read_briefing(briefing, "digest").digest)
    except Exception as error:  # every failure becomes one line
        _fail(error)


@cache_app.command("info")
def cache_info() -> None:
    """Print where the cache is, how many article parses and PDFs it holds, and its size."""
    from briefer.analysis.cache import ParseCache, default_dir

    try:
        with ParseCache(default_dir()) as store:
            info = store.info()
    except Exception as error:  # every failure becomes one line
        _fail(error)
    typer.echo(f"path     {info.path}")
    typer.echo(f"entries  {info.entries}")
    typer.echo(f"titles   {info.headlines}")
    typer.echo(f"PDFs     {info.renders}")
    typer.echo(f"size     {info.size / 1e6:.1f} MB")


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every stored parse and PDF (the next build parses and renders everything)."""
    from briefer.analysis.cache import ParseCache, default_dir

    try:
        with ParseCache(default_dir()) as store:
            removed = store.clear()
            path = store.path
    except Exception as error:  # every failure becomes one line
        _fail(error)
    typer.echo(f"removed {removed} entr{'y' if removed == 1 else 'ies'} from {path}")


def main() -> None:
    app(prog_name="briefer")
