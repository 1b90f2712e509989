"""E-mail a briefing PDF: check the addresses, make the message, check its size, then save it
(dry run) or send it over SMTP and record the delivery beside the PDF. The PDF is never touched.

settings.py holds the checked settings (briefer.config reads them from the file and the
environment), addresses.py splits and checks addresses and header values, message.py
makes the message, transport.py talks SMTP, log.py keeps `deliveries.jsonl`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefer.errors import ConfigError, MessageTooLargeError
from briefer.files import write_atomic
from briefer.mail.addresses import Mailbox, Recipients, resolve_recipients, resolve_sender
from briefer.mail.log import DELIVERY_LOG, read_deliveries, record_delivery
from briefer.mail.message import ComposedMessage, compose, read_pdf, summarise_pdf
from briefer.mail.settings import (
    NO_SMTP_HOST,
    EmailSettings,
    MailSettings,
    Secret,
    SmtpSettings,
    resolve_password,
)
from briefer.mail.transport import DeliveryResult, deliver

__all__ = [
    "DELIVERY_LOG",
    "DeliveryResult",
    "EmailSettings",
    "MailSettings",
    "Mailbox",
    "Recipients",
    "Secret",
    "SendReport",
    "SmtpSettings",
    "prepare_message",
    "read_deliveries",
    "send_briefing",
]

log = logging.getLogger("briefer")


@dataclass(frozen=True)
class SendReport:
    """A sent message (`result`) or a saved one (`eml`, for a dry run)."""

    message: ComposedMessage
    result: DeliveryResult | None = None
    eml: Path | None = None
    log: Path | None = None


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.1f} kB"


def prepare_message(
    pdf: Path, email: EmailSettings, *, now: datetime | None = None
) -> ComposedMessage:
    """The checked, finished message; raises MailError (or SourceError) before any connection."""
    data = read_pdf(pdf)
    sender = resolve_sender(email)
    recipients = resolve_recipients(email)
    message = compose(
        pdf, data, summarise_pdf(pdf), sender, recipients, subject=email.subject, now=now
    )
    if message.size > email.max_size:
        raise MessageTooLargeError(
            f"the message would be {_size(message.size)} ({message.size} bytes), over the "
            f"limit of {_size(email.max_size)} ([email] max_size); nothing was sent, "
            f"{pdf} is kept"
        )
    return message


def send_briefing(
    pdf: Path,
    settings: MailSettings,
    *,
    dry_run: bool = False,
    password: Secret | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SendReport:
    """Send (or with `dry_run` save as `<pdf>.eml`) the briefing. Raises the delivery's MailError
    after it is recorded; the caller prints it. Recipients who got it are in the error text."""
    pdf = Path(pdf)
    message = prepare_message(pdf, settings.email, now=now)
    if dry_run:
        eml = write_atomic(message.data, pdf.with_suffix(".eml"))
        log.info(
            "dry run: %s (%s) would go to %s",
            eml,
            _size(message.size),
            ", ".join(message.recipients.envelope),
        )
        return SendReport(message, eml=eml)
    if not settings.smtp.host:
        raise ConfigError(NO_SMTP_HOST)
    if password is None:
        password = resolve_password(settings.smtp)
    log.info(
        "sending %s (%s) to %d recipient(s) via %s",
        message.pdf_name,
        _size(message.size),
        len(message.recipients.envelope),
        settings.smtp.server,
    )
    result = deliver(message, settings.smtp, password, sleep=sleep)
    log_path = record_delivery(pdf, message, result, settings.smtp)
    if result.error is not None:
        raise result.error
    log.info("delivered to %s", ", ".join(result.accepted))
    return SendReport(message, result=result, log=log_path)
