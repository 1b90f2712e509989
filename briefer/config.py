"""Settings, resolved once: the command line's flags over the environment over the TOML file
(`./briefer.toml`, or the one given) over the defaults. `resolve` turns them into the frozen
request that `briefer.pipeline` carries out, so the CLI and Python callers build alike."""

from __future__ import annotations

import difflib
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from briefer.analysis.cache import DEFAULT_CACHE_MB, env_dir
from briefer.analysis.cluster import address_of
from briefer.analysis.nlp import DEFAULT_MODEL
from briefer.errors import ConfigError
from briefer.ingest import limits as ingest_limits
from briefer.mail.addresses import resolve_recipients, resolve_sender, split_addresses
from briefer.mail.settings import (
    NO_SMTP_HOST,
    EmailSettings,
    MailSettings,
    Seconds,
    SmtpSettings,
    Whole,
    parse_size,
    relative_to_file,
)
from briefer.render.document import (
    PAPERS,
    PDF_VARIANTS,
    DocumentOptions,
    parse_as_of,
    source_date_epoch,
)
from briefer.sections import BuildOptions, resolve_sections

CONFIG_NAME = "briefer.toml"
SMTP_ENV = ("host", "port", "security", "user", "timeout")  # BRIEFER_SMTP_<KEY> overrides [smtp]
MODEL_ENV = "BRIEFER_MODEL"


# ---------------------------------------------------------------- the file


def _section_names(value: object) -> tuple[str, ...]:
    """A list of names, or one string of comma-separated names."""
    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
        raise ValueError("must be a list of section names")
    return tuple(n.strip() for n in names if n.strip())


Sections = Annotated[tuple[str, ...], BeforeValidator(_section_names)]
Size = Annotated[Whole, Field(ge=1)]


def _one_of(value: str | None, choices: Mapping[str, str] | tuple[str, ...]) -> str | None:
    if value is None:
        return None
    if value.lower() not in choices:
        raise ValueError(f"must be one of: {', '.join(choices)}")
    return value.lower()


class BuildSettings(BaseModel):
    """The `[build]` table: what to build and how the document looks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = DEFAULT_MODEL
    title: str | None = None
    sections: Sections = ()
    exclude: Sections = ()
    timeline_size: Size | None = None
    background_size: Size | None = None
    templates: Path | None = None  # relative to the config file's folder
    jobs: Size | None = None  # parsing processes; default: every core available
    cache: bool = True  # keep article parses and PDFs in the user's cache folder
    cache_mb: Size = DEFAULT_CACHE_MB  # past this, the least recently used entries go
    scheduler: str | None = None  # dask://HOST:PORT: parse on that Dask cluster
    # The front page and print settings (see briefer.render.document.DocumentOptions).
    org: str | None = None
    author: str | None = None
    marking: str | None = None
    topic: str | None = None
    paper: str | None = None
    pdf_variant: str | None = None

    @field_validator("paper")
    @classmethod
    def _paper(cls, value: str | None) -> str | None:
        return _one_of(value, PAPERS)

    @field_validator("pdf_variant")
    @classmethod
    def _variant(cls, value: str | None) -> str | None:
        return _one_of(value, PDF_VARIANTS)

    @field_validator("templates")
    @classmethod
    def _from_the_file(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        return relative_to_file(value, info) if value is not None else None


class LimitsSettings(BaseModel):
    """The `[limits]` table: how much one build may read (see briefer.ingest.limits)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text_file_size: int = ingest_limits.MAX_TEXT_BYTES  # bytes, or "2MB"
    html_file_size: int = ingest_limits.MAX_HTML_BYTES
    total_size: int = ingest_limits.MAX_TOTAL_BYTES
    files: Size = ingest_limits.MAX_SOURCES
    # Lines are parsed one by one; spaCy refuses a text over a million characters.
    line_length: Annotated[Whole, Field(ge=100, le=100_000)] = ingest_limits.LONG_LINE
    html_seconds: Annotated[Seconds, Field(gt=0)] = ingest_limits.HTML_SECONDS
    pdf_file_size: int = ingest_limits.MAX_PDF_BYTES
    pdf_pages: Size = ingest_limits.MAX_PDF_PAGES
    pdf_seconds: Annotated[Seconds, Field(gt=0)] = ingest_limits.PDF_SECONDS

    @field_validator(
        "text_file_size", "html_file_size", "pdf_file_size", "total_size", mode="before"
    )
    @classmethod
    def _size(cls, value: object) -> int:
        return parse_size(value)

    def to_limits(self) -> ingest_limits.Limits:
        return ingest_limits.Limits(**self.model_dump())


class Settings(BaseModel):
    """The whole file: one table per concern; anything else is refused, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    build: BuildSettings = BuildSettings()
    limits: LimitsSettings = LimitsSettings()
    smtp: SmtpSettings = SmtpSettings()
    email: EmailSettings = EmailSettings()


TABLES = tuple(sorted(Settings.model_fields))


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The parsed, unchecked config file; `{}` when none is given and `briefer.toml` is absent."""
    if path is None:
        path = Path(CONFIG_NAME)
        if not path.is_file():
            return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None


def load(file: Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
    """The file (default: ./briefer.toml when present) with the environment laid over it,
    checked: ConfigError names the file (or variable), the table and the key at fault."""
    env = os.environ if env is None else env
    if file is None and Path(CONFIG_NAME).is_file():
        file = Path(CONFIG_NAME)
    raw = load_config(file) if file is not None else {}
    from_env = _environment(env)
    for (table, key), (_, value) in from_env.items():
        if isinstance(raw.setdefault(table, {}), dict):
            raw[table][key] = value
    base = file.resolve().parent if file is not None else None
    try:
        return Settings.model_validate(raw, context={"base": base})
    except ValidationError as exc:
        label = str(file) if file is not None else "settings"
        raise ConfigError(_describe(exc, label, from_env)) from None


def build_settings(config: Mapping[str, Any]) -> BuildSettings:
    """The `[build]` table of an already parsed file (see `load_config`), checked."""
    try:
        return Settings.model_validate({"build": config.get("build", {})}).build
    except ValidationError as exc:
        raise ConfigError(_describe(exc, "config", {})) from None


def _environment(env: Mapping[str, str]) -> dict[tuple[str, str], tuple[str, str]]:
    """(table, key) -> (variable, value) for each setting the environment gives."""
    names = {("smtp", key): f"BRIEFER_SMTP_{key.upper()}" for key in SMTP_ENV}
    names[("build", "model")] = MODEL_ENV
    return {where: (name, env[name]) for where, name in names.items() if env.get(name)}


# ---------------------------------------------------------------- one-line errors

_PHRASES = {
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "finite_number": "must be a finite number",
    "string_type": "must be a string",
    "bool_type": "must be true or false",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "dict_type": "must be a table",
    "path_type": "must be a file or folder name",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}


def _phrase(error: Mapping[str, Any]) -> str:
    """What a value must be, said after its key: "must be a whole number"."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    if kind in _BOUNDS:
        bound, words = _BOUNDS[kind]
        return f"must be {words} {ctx[bound]}"
    if kind == "literal_error":
        return f"must be one of {ctx['expected']}"
    return _PHRASES.get(kind, str(error["msg"]))


def _shown(value: object, phrase: str) -> str:
    """A scalar as TOML writes it, cut short; "" for tables and lists (they may be long) and
    for a value the phrase already quotes."""
    if isinstance(value, dict | list | tuple) or value is None:
        return ""
    if isinstance(value, str) and value.strip() and value.strip() in phrase:
        return ""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return f", not {text if len(text) <= 60 else text[:57] + '...'}"


def _unknown(table: str | None, key: str, value: object, label: str) -> str:
    if table is None and isinstance(value, dict):
        return f"{label}: unknown table [{key}] (known: {', '.join(TABLES)})"
    if table is None:
        home = [t for t in TABLES if key in _keys(t)]
        hint = f"; it belongs in [{home[0]}]" if home else f" (known tables: {', '.join(TABLES)})"
        return f"{label}: unknown key {key!r} outside any table{hint}"
    close = difflib.get_close_matches(key, _keys(table), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{label}: [{table}] unknown key {key!r}{hint}"


def _keys(table: str) -> list[str]:
    model = Settings.model_fields[table].annotation
    fields = model.model_fields if isinstance(model, type) and issubclass(model, BaseModel) else {}
    return sorted(f.alias or name for name, f in fields.items())


def _describe(
    exc: ValidationError, label: str, from_env: Mapping[tuple[str, str], tuple[str, str]]
) -> str:
    """The first problem as one line naming the file (or variable), the table and the key."""
    errors = exc.errors(include_url=False)
    error = errors[0]
    loc = [str(part) for part in error["loc"]]
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    if error["type"] == "extra_forbidden":
        table = loc[0] if len(loc) > 1 else None
        return _unknown(table, loc[-1], error["input"], label) + more
    if len(loc) == 1:
        return f"{label}: [{loc[0]}] {_phrase(error)}{more}"
    table, key = loc[0], loc[1]
    phrase = _phrase(error) + _shown(error["input"], _phrase(error)) + more
    if (table, key) in from_env:
        return f"{from_env[table, key][0]} {phrase}"
    return f"{label}: [{table}] {key} {phrase}"


# ---------------------------------------------------------------- what the command line gives


@dataclass(frozen=True)
class EmailFlags:
    """The e-mail flags; any recipient given here replaces all configured ones. Each value may
    hold several comma- or semicolon-separated addresses."""

    sender: str | None = None
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    lists: tuple[Path, ...] = ()
    subject: str | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class BuildFlags:
    """What the command line gave for `briefer build`; None means "not given"."""

    sources: Path | None = None
    output: Path | None = None
    format: str | None = None
    sections: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None
    title: str | None = None
    model: str | None = None
    timeline_size: int | None = None
    background_size: int | None = None
    templates: Path | None = None
    org: str | None = None
    author: str | None = None
    marking: str | None = None
    topic: str | None = None
    as_of: str | None = None  # YYYY[-MM[-DD]] or "today"
    paper: str | None = None
    pdf_variant: str | None = None
    jobs: int | None = None
    cache: bool | None = None  # False: --no-cache
    scheduler: str | None = None
    since: Path | None = None  # an earlier briefing (PDF or JSON) to mark what is new against
    email: bool = False  # send the PDF once built, as `mail` and the config say
    mail: EmailFlags = field(default_factory=EmailFlags)


@dataclass(frozen=True)
class SendFlags:
    """What the command line gave for `briefer send`."""

    pdf: Path
    mail: EmailFlags = field(default_factory=EmailFlags)


# ---------------------------------------------------------------- what the pipeline carries out


@dataclass(frozen=True)
class MailRequest:
    """Checked mail settings (sender and recipients readable) and whether to only save."""

    settings: MailSettings
    dry_run: bool = False


@dataclass(frozen=True)
class BuildRequest:
    """Everything a build needs, settled: `pipeline.build(request)` reads nothing else."""

    sources: Path = Path("sources")
    output: Path | None = None  # default: output/<slug of the title>.<format>
    format: str = "pdf"
    sections: tuple[str, ...] = ()  # empty: every section
    exclude: tuple[str, ...] = ()
    title: str | None = None  # default: chosen from the sources
    model: str = DEFAULT_MODEL
    options: BuildOptions = field(default_factory=BuildOptions)
    templates: Path | None = None
    document: DocumentOptions = field(default_factory=DocumentOptions)
    mail: MailRequest | None = None  # set: e-mail the PDF once built
    limits: ingest_limits.Limits = field(default_factory=ingest_limits.Limits)
    jobs: int | None = None  # parsing processes; None: every core available
    cache: bool = True  # keep and reuse article parses and PDFs (briefer.analysis.cache)
    cache_dir: Path | None = None  # None: the user's cache folder
    cache_mb: int = DEFAULT_CACHE_MB  # the cache's cap, trimmed after each build
    scheduler: str | None = None  # a Dask scheduler (dask://HOST:PORT) to parse on
    since: Path | None = None  # an earlier briefing (PDF or JSON): mark what is new since it


@dataclass(frozen=True)
class SendRequest:
    pdf: Path
    mail: MailRequest


def _pick(flag: Any, setting: Any) -> Any:
    return flag if flag is not None else setting


_TEXT_FLAGS = ("title", "org", "author", "marking", "topic")


def _check_text_flags(flags: BuildFlags) -> None:
    """A flag that was not valid UTF-8 on the command line arrives with surrogates that no
    file can hold: say so instead of failing while writing."""
    for name in _TEXT_FLAGS:
        value = getattr(flags, name)
        if isinstance(value, str) and any("\ud800" <= ch <= "\udfff" for ch in value):
            raise ConfigError(f"--{name} is not valid UTF-8 text")


def resolve(
    flags: BuildFlags | None = None,
    file: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> BuildRequest:
    """The build `flags` ask for, completed from `env`, then `file`, then the defaults; every
    setting is checked here (sections, addresses, paper…), before any slow work."""
    flags = flags or BuildFlags()
    _check_email_flags(flags)
    _check_text_flags(flags)
    settings = load(file, env)
    mail = _mail_request(flags.mail, settings) if flags.email else None
    if mail is not None and not mail.dry_run and not mail.settings.smtp.host:
        raise ConfigError(NO_SMTP_HOST)
    build = settings.build
    sections = _pick(flags.sections, build.sections)
    exclude = _pick(flags.exclude, build.exclude)
    resolve_sections(list(sections), list(exclude))  # a typo fails before any work is done
    scheduler = _pick(flags.scheduler, build.scheduler)
    if scheduler:
        address_of(scheduler)
    return BuildRequest(
        sources=_pick(flags.sources, Path("sources")),
        output=flags.output,
        format=_pick(flags.format, "pdf").lower(),
        sections=tuple(sections),
        exclude=tuple(exclude),
        title=_pick(flags.title, build.title),
        model=_pick(flags.model, build.model),
        options=BuildOptions(
            timeline_size=_pick(flags.timeline_size, build.timeline_size),
            background_size=_pick(flags.background_size, build.background_size),
        ),
        templates=_pick(flags.templates, build.templates),
        document=_document(flags, build),
        mail=mail,
        limits=settings.limits.to_limits(),
        jobs=_pick(flags.jobs, build.jobs),
        cache=_pick(flags.cache, build.cache),
        cache_dir=env_dir(os.environ if env is None else env),
        cache_mb=build.cache_mb,
        scheduler=scheduler or None,
        since=flags.since,
    )


def resolve_send(
    flags: SendFlags, file: Path | None = None, env: Mapping[str, str] | None = None
) -> SendRequest:
    """What `briefer send` does: the PDF and the mail settings, addresses checked."""
    return SendRequest(flags.pdf, _mail_request(flags.mail, load(file, env)))


def _check_email_flags(flags: BuildFlags) -> None:
    if not flags.email and flags.mail != EmailFlags():
        raise ConfigError("the e-mail options (--to, --dry-run, …) need --email")
    if flags.email and (flags.format or "pdf").lower() != "pdf":
        raise ConfigError("--email sends a PDF; leave out --format or use --format pdf")


def _document(flags: BuildFlags, build: BuildSettings) -> DocumentOptions:
    """Front page and print settings. The timestamp comes from SOURCE_DATE_EPOCH in the
    process environment: the reproducible-builds convention, not a briefer setting."""
    variant = _pick(flags.pdf_variant, build.pdf_variant)
    return DocumentOptions(
        org=_pick(flags.org, build.org),
        author=_pick(flags.author, build.author),
        marking=_pick(flags.marking, build.marking),
        topic=_pick(flags.topic, build.topic),
        as_of=parse_as_of(flags.as_of) if flags.as_of else None,
        paper=(_pick(flags.paper, build.paper) or "a4").lower(),
        pdf_variant=variant.lower() if variant else None,
        timestamp=source_date_epoch(),
    )


_RECIPIENTS = ("to", "cc", "bcc")


def _mail_request(flags: EmailFlags, settings: Settings) -> MailRequest:
    """The [email] table with the flags over it; sender and recipients are read now, so a bad
    address fails before a build rather than after it."""
    given = {key: split_addresses(getattr(flags, key), f"--{key} address") for key in _RECIPIENTS}
    update: dict[str, Any] = {}
    if any(given.values()) or flags.lists:
        update = {**given, "lists": flags.lists}
    if flags.sender is not None:
        update["sender"] = flags.sender
    if flags.subject is not None:
        update["subject"] = flags.subject
    email = settings.email.model_copy(update=update)
    resolve_sender(email)
    resolve_recipients(email)
    return MailRequest(MailSettings(settings.smtp, email), flags.dry_run)
