"""`deliveries.jsonl` beside the PDF: one JSON line per delivery, so "who got which version"
has an answer (match `pdf_sha256` against `sha256sum` of a copy)."""

from __future__ import annotations

import errno
import json
import logging
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from briefer.mail.message import ComposedMessage
from briefer.mail.settings import SmtpSettings
from briefer.mail.transport import DeliveryResult

log = logging.getLogger("briefer")

DELIVERY_LOG = "deliveries.jsonl"


@dataclass(frozen=True)
class DeliveryRecord:
    """One line of the log, as read back."""

    time: str  # UTC, ISO 8601 with a Z
    message_id: str
    subject: str
    sender: str
    pdf: str
    pdf_sha256: str
    server: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    accepted: tuple[str, ...]
    refused: dict[str, str]
    unconfirmed: tuple[str, ...]
    outcome: str
    attempts: int
    error: str | None


def delivery_log_path(pdf: Path) -> Path:
    return Path(pdf).parent / DELIVERY_LOG


def record_delivery(
    pdf: Path,
    message: ComposedMessage,
    result: DeliveryResult,
    smtp: SmtpSettings,
    *,
    when: datetime | None = None,
) -> Path | None:
    """Append one line; a log that cannot be written is a warning, not a failed delivery."""
    when = (when or datetime.now(UTC)).astimezone(UTC)
    line = {
        "time": when.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "message_id": message.message_id,
        "subject": message.subject,
        "sender": message.sender.address,
        "pdf": message.pdf_name,
        "pdf_sha256": message.pdf_sha256,
        "server": smtp.server,
        "to": [m.address for m in message.recipients.to],
        "cc": [m.address for m in message.recipients.cc],
        "bcc": [m.address for m in message.recipients.bcc],
        "accepted": list(result.accepted),
        "refused": result.refused,
        "unconfirmed": list(result.unconfirmed),
        "outcome": result.outcome,
        "attempts": result.attempts,
        "error": str(result.error) if result.error else None,
    }
    path = delivery_log_path(pdf)
    try:
        _append(path, json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as exc:
        log.warning("could not record the delivery in %s: %s", path, exc.strerror or exc)
        return None
    return path


def _append(path: Path, text: str) -> None:
    """Append to `path` itself: a symlink there (to someone's ~/.bashrc, say) is refused, and so
    is anything but a regular file; a FIFO does not make us wait for a reader."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(exc.errno, "it is a symbolic link; remove it") from None
        raise
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "it is not a regular file")
        handle.write(text)


def read_deliveries(path: Path) -> list[DeliveryRecord]:
    """Every record in a delivery log, oldest first; unreadable lines are skipped."""
    records = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        try:
            item = json.loads(raw)
            records.append(
                DeliveryRecord(
                    **{
                        **item,
                        **{k: tuple(item[k]) for k in ("to", "cc", "bcc", "accepted")},
                        "unconfirmed": tuple(item.get("unconfirmed", ())),
                    }
                )
            )
        except (ValueError, TypeError, KeyError):
            continue
    return records
