"""Mail settings: the `[smtp]` and `[email]` tables of briefer.toml, validated by pydantic (an
unknown key or a value of the wrong type is refused). briefer.config reads them from the file
and the environment and lays the command line over them. The password is never a setting."""

from __future__ import annotations

import getpass
import math
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from briefer.errors import MailError, SMTPAuthError
from briefer.mail.addresses import split_addresses

SECURITY_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
DEFAULT_MAX_SIZE = 10_000_000  # bytes of the encoded message, i.e. after base64
PASSWORD_ENV = "BRIEFER_SMTP_PASSWORD"
NO_SMTP_HOST = "no SMTP host: set host in [smtp] of briefer.toml or BRIEFER_SMTP_HOST"


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


def _no_bool(value: object) -> object:
    """TOML's `true` is not the number 1 (pydantic would take it as one)."""
    if isinstance(value, bool):
        raise ValueError("must be a number")
    return value


def _text_or_none(value: object) -> object:
    """Surrounding blanks are dropped; an empty string means "not set"."""
    return (value.strip() or None) if isinstance(value, str) else value


Whole = Annotated[int, BeforeValidator(_no_bool)]
Seconds = Annotated[float, BeforeValidator(_no_bool), Field(allow_inf_nan=False)]


def relative_to_file(path: Path, info: ValidationInfo) -> Path:
    """A relative path in a config file is read from the file's folder (context "base")."""
    base = info.context.get("base") if isinstance(info.context, dict) else None
    path = path.expanduser()
    if not isinstance(base, Path):
        return path
    return path if path.is_absolute() else base / path


class SmtpSettings(BaseModel):
    """How to reach the SMTP server. `port` None means the usual port for `security`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: Annotated[str | None, BeforeValidator(_text_or_none)] = None
    port: Annotated[Whole, Field(ge=1, le=65535)] | None = None
    security: Literal["starttls", "ssl", "none"] = "starttls"
    user: Annotated[str | None, BeforeValidator(_text_or_none)] = None
    timeout: Annotated[Seconds, Field(gt=0)] = 30.0
    ca_file: Path | None = None
    retries: Annotated[Whole, Field(ge=0)] = 3  # further attempts after a transient (4xx) failure
    retry_delay: Annotated[Seconds, Field(ge=0)] = 2.0  # before the first retry; doubled each time

    @model_validator(mode="before")
    @classmethod
    def _never_a_password(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and "password" in data:
            raise ValueError(
                f"must not hold the password: it is never read from a file; set {PASSWORD_ENV}"
            )
        return data

    @field_validator("security", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("ca_file")
    @classmethod
    def _existing_file(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if value is None:
            return None
        path = relative_to_file(value, info)
        if not path.is_file():
            raise ValueError(f"names a file that is not found: {path}")
        return path

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else DEFAULT_PORTS[self.security]

    @property
    def server(self) -> str:
        return f"{self.host}:{self.effective_port}"


def _strings(value: object) -> list[str]:
    """A TOML string or list of strings, as a list."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ValueError("must be a string or a list of strings")
    return list(items)


def _addresses(value: object) -> tuple[str, ...]:
    """ "a@x, b@y", or a list of such strings: one entry per address."""
    try:
        return split_addresses(_strings(value), None)
    except MailError as exc:
        raise ValueError(f"must hold e-mail addresses: {exc}") from None


Addresses = Annotated[tuple[str, ...], BeforeValidator(_addresses)]


class EmailSettings(BaseModel):
    """Who sends and who receives; addresses are checked later, when the message is made.
    In the file, `sender` is the key `from` and `lists` the key `list`."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_by_name=True)

    sender: str | None = Field(default=None, alias="from")
    to: Addresses = ()
    cc: Addresses = ()
    bcc: Addresses = ()
    lists: tuple[Path, ...] = Field(default=(), alias="list")
    subject: str | None = None
    max_size: int = DEFAULT_MAX_SIZE

    @field_validator("lists", mode="before")
    @classmethod
    def _file_names(cls, value: object, info: ValidationInfo) -> tuple[Path, ...]:
        if isinstance(value, tuple) and all(isinstance(p, Path) for p in value):
            return value
        try:
            names = _strings(value)
        except ValueError:
            raise ValueError("must be a file name or a list of file names") from None
        return tuple(relative_to_file(Path(n), info) for n in names)

    @field_validator("max_size", mode="before")
    @classmethod
    def _size(cls, value: object) -> int:
        return parse_size(value)


@dataclass(frozen=True)
class MailSettings:
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    email: EmailSettings = field(default_factory=EmailSettings)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?)b?\s*$", re.IGNORECASE)


def parse_size(value: object) -> int:
    """Bytes as an integer, or a string such as "10MB" or "500 kB" (1 MB = 1,000,000 bytes);
    ValueError otherwise."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.match(value) if isinstance(value, str) else None
    if not match or not 0 < float(match[1]) < math.inf:
        raise ValueError('must be a positive size such as 10000000 or "10MB"')
    factor = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}[match[2].lower()]
    return int(float(match[1]) * factor)


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
