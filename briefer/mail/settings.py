"""Mail settings: the `[smtp]` and `[email]` tables of briefer.toml, the BRIEFER_SMTP_* variables
and the command line, in rising order of precedence. The password is never a setting."""

from __future__ import annotations

import getpass
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefer.errors import ConfigError, SMTPAuthError

SECURITY_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_MAX_SIZE = 10_000_000  # bytes of the encoded message, i.e. after base64
PASSWORD_ENV = "BRIEFER_SMTP_PASSWORD"


class Secret:
    """A string that never shows itself in a repr, a log line or a traceback's locals."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the SMTP server. `port` None means the usual port for `security`."""

    host: str | None = None
    port: int | None = None
    security: str = "starttls"
    user: str | None = None
    timeout: float = 30.0
    ca_file: Path | None = None
    retries: int = 3  # further attempts after a transient (4xx) failure
    retry_delay: float = 2.0  # seconds before the first retry; doubled for each next one

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else DEFAULT_PORTS[self.security]

    @property
    def server(self) -> str:
        return f"{self.host}:{self.effective_port}"


@dataclass(frozen=True)
class EmailSettings:
    """Who sends and who receives; addresses are checked later, when the message is made."""

    sender: str | None = None
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    lists: tuple[Path, ...] = ()
    subject: str | None = None
    max_size: int = DEFAULT_MAX_SIZE


@dataclass(frozen=True)
class EmailOverrides:
    """What the command line says; any recipient given there replaces all configured ones."""

    sender: str | None = None
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    lists: tuple[Path, ...] = ()
    subject: str | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class MailSettings:
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    email: EmailSettings = field(default_factory=EmailSettings)


def _table(config: Mapping[str, Any], name: str, known: set[str]) -> dict[str, Any]:
    table = config.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"[{name}] in the config file must be a table")
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"unknown keys in [{name}]: {', '.join(sorted(unknown))}")
    return dict(table)


def _number(value: object, what: str, kind: Callable[[Any], float | int], minimum: float) -> Any:
    if isinstance(value, bool):
        raise ConfigError(f"{what} must be a number, not {value!r}")
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{what} must be a number, not {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{what} must be at least {minimum}, not {value!r}")
    return number


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{what} must be a string, not {value!r}")
    return value


def _addresses(value: object, what: str) -> tuple[str, ...]:
    """A string ("a@x, b@y") or a list of strings."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ConfigError(f"{what} must be a string or a list of strings")
    return split_addresses(items)


def split_addresses(values: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Flags and config values may hold several addresses separated by commas or semicolons.

    A comma inside a quoted display name ("Doe, Jane" <jane@x>) does not split.
    """
    out = []
    for value in values:
        out.extend(part.strip() for part in re.split(r',(?=(?:[^"]*"[^"]*")*[^"]*$)|;', value))
    return tuple(part for part in out if part)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$", re.IGNORECASE)


def parse_size(value: object, what: str = "[email] max_size") -> int:
    """Bytes as an integer, or a string such as "10MB" or "500 kB" (1 MB = 1,000,000 bytes)."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.match(value) if isinstance(value, str) else None
    if not match or float(match[1]) <= 0:
        raise ConfigError(f"{what} must be a positive size such as 10000000 or \"10MB\"")
    factor = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}[match[2].lower()]
    return int(float(match[1]) * factor)


def smtp_settings(
    config: Mapping[str, Any], env: Mapping[str, str] | None = None, base: Path | None = None
) -> SmtpSettings:
    """`[smtp]` then BRIEFER_SMTP_HOST/PORT/SECURITY/USER/TIMEOUT; relative paths from `base`."""
    env = os.environ if env is None else env
    known = {"host", "port", "security", "user", "timeout", "ca_file", "retries", "retry_delay"}
    raw = config.get("smtp")
    if isinstance(raw, dict) and "password" in raw:
        raise ConfigError(f"the SMTP password is never read from a file; set {PASSWORD_ENV}")
    table = _table(config, "smtp", known)
    for key in ("host", "port", "security", "user", "timeout"):
        value = env.get(f"BRIEFER_SMTP_{key.upper()}")
        if value:
            table[key] = value
    values: dict[str, Any] = {}
    if "host" in table:
        values["host"] = _text(table["host"], "SMTP host").strip() or None
    if "user" in table:
        values["user"] = _text(table["user"], "SMTP user") or None
    if "security" in table:
        security = _text(table["security"], "SMTP security").strip().lower()
        if security not in SECURITY_MODES:
            raise ConfigError(
                f"SMTP security must be one of {', '.join(SECURITY_MODES)}, not {security!r}"
            )
        values["security"] = security
    if "port" in table:
        port = _number(table["port"], "SMTP port", int, 1)
        if port > 65535:
            raise ConfigError(f"SMTP port out of range: {port}")
        values["port"] = port
    if "timeout" in table:
        values["timeout"] = _number(table["timeout"], "SMTP timeout", float, 0.001)
    if "retries" in table:
        values["retries"] = _number(table["retries"], "[smtp] retries", int, 0)
    if "retry_delay" in table:
        values["retry_delay"] = _number(table["retry_delay"], "[smtp] retry_delay", float, 0)
    if "ca_file" in table:
        ca_file = Path(_text(table["ca_file"], "[smtp] ca_file")).expanduser()
        if base is not None and not ca_file.is_absolute():
            ca_file = base / ca_file
        if not ca_file.is_file():
            raise ConfigError(f"[smtp] ca_file not found: {ca_file}")
        values["ca_file"] = ca_file
    return SmtpSettings(**values)


def email_settings(config: Mapping[str, Any], base: Path | None = None) -> EmailSettings:
    """`[email]`: from, to, cc, bcc, list, subject, max_size."""
    known = {"from", "to", "cc", "bcc", "list", "subject", "max_size"}
    table = _table(config, "email", known)
    values: dict[str, Any] = {}
    if "from" in table:
        values["sender"] = _text(table["from"], "[email] from")
    for key in ("to", "cc", "bcc"):
        if key in table:
            values[key] = _addresses(table[key], f"[email] {key}")
    if "list" in table:
        raw = table["list"]
        names = [raw] if isinstance(raw, str) else raw
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ConfigError("[email] list must be a file name or a list of file names")
        paths = [Path(n).expanduser() for n in names]
        values["lists"] = tuple(
            base / p if base is not None and not p.is_absolute() else p for p in paths
        )
    if "subject" in table:
        values["subject"] = _text(table["subject"], "[email] subject")
    if "max_size" in table:
        values["max_size"] = parse_size(table["max_size"])
    return EmailSettings(**values)


def mail_settings(
    config: Mapping[str, Any],
    overrides: EmailOverrides | None = None,
    *,
    env: Mapping[str, str] | None = None,
    base: Path | None = None,
) -> MailSettings:
    """Config file, then environment, then command line."""
    email = email_settings(config, base)
    if overrides is not None:
        if overrides.to or overrides.cc or overrides.bcc or overrides.lists:
            email = replace(
                email, to=overrides.to, cc=overrides.cc, bcc=overrides.bcc, lists=overrides.lists
            )
        if overrides.sender is not None:
            email = replace(email, sender=overrides.sender)
        if overrides.subject is not None:
            email = replace(email, subject=overrides.subject)
    return MailSettings(smtp_settings(config, env, base), email)


def resolve_password(
    smtp: SmtpSettings,
    env: Mapping[str, str] | None = None,
    *,
    interactive: bool | None = None,
    prompt: Callable[[str], str] = getpass.getpass,
) -> Secret | None:
    """BRIEFER_SMTP_PASSWORD, else a prompt on a terminal; None when no user is configured."""
    if not smtp.user:
        return None
    env = os.environ if env is None else env
    if env.get(PASSWORD_ENV):
        return Secret(env[PASSWORD_ENV])
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        raise SMTPAuthError(
            f"SMTP user {smtp.user} needs a password: set {PASSWORD_ENV} "
            "(there is no terminal to ask for it)"
        )
    try:
        value = prompt(f"SMTP password for {smtp.user} at {smtp.host}: ")
    except (EOFError, KeyboardInterrupt):
        raise SMTPAuthError("no SMTP password given") from None
    if not value:
        raise SMTPAuthError("no SMTP password given")
    return Secret(value)
