"""The e-mail flags, defined once and shared by `briefer send` and `briefer build --email`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from briefer.config import EmailFlags
    from briefer.mail import SendReport

To = Annotated[
    list[str] | None,
    typer.Option(
        "--to",
        help="Recipient, e.g. 'Jane Doe <jane@example.org>' (repeat or comma-separate). "
        "Any recipient flag replaces the configured recipients.",
    ),
]
Cc = Annotated[list[str] | None, typer.Option("--cc", help="Copy recipient (repeatable).")]
Bcc = Annotated[list[str] | None, typer.Option("--bcc", help="Blind-copy recipient (repeatable).")]
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


def email_flags(
    to: list[str] | None = None,
    cc: list[str] | None = None,
    bcc: list[str] | None = None,
    lists: list[Path] | None = None,
    subject: str | None = None,
    sender: str | None = None,
    dry_run: bool = False,
) -> EmailFlags:
    """The flags as given; briefer.config splits and checks the addresses."""
    from briefer.config import EmailFlags

    return EmailFlags(
        sender=sender,
        to=tuple(to or ()),
        cc=tuple(cc or ()),
        bcc=tuple(bcc or ()),
        lists=tuple(lists or ()),
        subject=subject,
        dry_run=dry_run,
    )


def sent(report: SendReport) -> str:
    """The line for stdout: the .eml path of a dry run, else the Message-ID."""
    return str(report.eml) if report.eml is not None else report.message.message_id
