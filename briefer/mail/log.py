"""`deliveries.jsonl` beside the PDF: one JSON line per delivery, so "who got which version"
has an answer (match `pdf_sha256` against `sha256sum` of a copy)."""

from __future__ import annotations

import json
import logging
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
        with path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as exc:
        log.warning("could not record the delivery in %s: %s", path, exc.strerror or exc)
        return None
    return path


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
