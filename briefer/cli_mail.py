"""The e-mail flags, defined once and shared by `briefer send` and `briefer build --email`,
and the thin glue from those flags to `briefer.mail`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from briefer.mail import EmailOverrides, MailSettings

To = Annotated[
    list[str] | None,
    typer.Option(
        "--to",
        help="Recipient, e.g. 'Jane Doe <jane@example.org>' (repeat or comma-separate). "
        "Any recipient flag replaces the configured recipients.",
    ),
]
Cc = Annotated[list[str] | None, typer.Option("--cc", help="Copy recipient (repeatable).")]
Bcc = Annotated[
    list[str] | None, typer.Option("--bcc", help="Blind-copy recipient (repeatable).")
]
ListFile = Annotated[
    list[Path] | None,
    typer.Option(
        "--list",
        help="Distribution list: one address a line, '#' comments, optional 'cc:'/'bcc:' prefix.",
    ),
]
Subject = Annotated[
    str | None, typer.Option("--subject", help="Subject (default: the title and date).")
]
Sender = Annotated[str | None, typer.Option("--from", help="Sender address.")]
DryRun = Annotated[
    bool,
    typer.Option("--dry-run", help="Write the message as a .eml beside the PDF; send nothing."),
]


def email_overrides(
    to: list[str] | None = None,
    cc: list[str] | None = None,
    bcc: list[str] | None = None,
    lists: list[Path] | None = None,
    subject: str | None = None,
    sender: str | None = None,
    dry_run: bool = False,
) -> EmailOverrides:
    from briefer.mail import EmailOverrides
    from briefer.mail.settings import split_addresses

    return EmailOverrides(
        sender=sender,
        to=split_addresses(to or []),
        cc=split_addresses(cc or []),
        bcc=split_addresses(bcc or []),
        lists=tuple(lists or ()),
        subject=subject,
        dry_run=dry_run,
    )


def mail_settings_for(overrides: EmailOverrides, config: Path | None) -> MailSettings:
    """Settings from the config file, environment and flags, with sender and recipients checked,
    so `build --email` fails on a bad address before the build, not after."""
    from briefer.config import CONFIG_NAME, load_config
    from briefer.mail import mail_settings
    from briefer.mail.addresses import resolve_recipients, resolve_sender

    base = (config or Path(CONFIG_NAME)).resolve().parent
    settings = mail_settings(load_config(config), overrides, base=base)
    resolve_sender(settings.email)
    resolve_recipients(settings.email)
    return settings


def send_pdf(pdf: Path, settings: MailSettings, overrides: EmailOverrides) -> str:
    """Send (or save) and return the line for stdout: the .eml path or the Message-ID."""
    from briefer.mail import send_briefing

    report = send_briefing(pdf, settings, dry_run=overrides.dry_run)
    return str(report.eml) if report.eml is not None else report.message.message_id
