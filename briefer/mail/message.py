"""The e-mail itself: a plain-text body, an HTML alternative and the PDF, described from the
briefing JSON the PDF carries. The bytes made here are exactly the bytes sent or saved."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from briefer import __version__
from briefer.errors import MailError, SourceError
from briefer.mail.addresses import Mailbox, Recipients, check_header_value
from briefer.models import PartialDate

KEY_POINTS_FROM_BACKGROUND = 3


@dataclass(frozen=True)
class SinceSummary:
    """What a briefing built with `--since` says is new: the earlier briefing's title, the items
    marked new or changed (sources apart) and the sources the earlier one lacked."""

    title: str
    new: int
    changed: int
    new_sources: int

    @property
    def counts(self) -> str:
        """ "3 new items, 1 changed item, 1 new source"; "nothing new or changed"."""
        parts = [
            _count(self.new, "new item"),
            _count(self.changed, "changed item"),
            _count(self.new_sources, "new source"),
        ]
        return ", ".join(p for p in parts if p) or "nothing new or changed"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}" if n else ""


@dataclass(frozen=True)
class BriefingSummary:
    """What the message says about the briefing; empty fields for a PDF briefer did not make."""

    title: str
    made: date  # the day the PDF was written
    first_source_date: PartialDate | None = None
    last_source_date: PartialDate | None = None
    source_count: int | None = None
    key_points: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    from_briefer: bool = False
    since: SinceSummary | None = None  # only for a briefing built with --since

    @property
    def date_range(self) -> str | None:
        """Said as on the PDF's front page: "25–30 April 2009"."""
        from briefer.render.document import date_range

        if self.first_source_date is None:
            return None
        return date_range(self.first_source_date, self.last_source_date or self.first_source_date)


@dataclass(frozen=True)
class ComposedMessage:
    data: bytes  # the whole message with CRLF line ends, as it goes over the wire
    message_id: str
    subject: str
    sender: Mailbox
    recipients: Recipients
    pdf_name: str
    pdf_sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def read_pdf(path: Path) -> bytes:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError(f"PDF not found: {path}") from None
    except IsADirectoryError:
        raise SourceError(f"{path} is a folder, not a PDF") from None
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not data.startswith(b"%PDF-"):
        raise SourceError(f"{path} is not a PDF")
    return data


def _partial_date(value: object) -> PartialDate | None:
    """An ISO partial date ("2020", "2020-02", "2020-02-03"), None for anything else."""
    try:
        return PartialDate.parse(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _section_titles(names: object, titles: object) -> tuple[str, ...]:
    """Titles as the briefing JSON gives them ("section_titles"); for a JSON written before
    it had them, the name itself: "key_points" -> "Key points"."""
    if not isinstance(names, list):
        return ()
    given = titles if isinstance(titles, dict) else {}
    out = []
    for name in names:
        if isinstance(name, str):
            title = given.get(name)
            out.append(title if isinstance(title, str) else name.replace("_", " ").capitalize())
    return tuple(out)


def _texts(items: object, limit: int | None = None) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    texts = [" ".join(str(i.get("text", "")).split()) for i in items if isinstance(i, dict)]
    return tuple(t for t in texts if t)[:limit]


def _source_dates(sources: list[Any]) -> list[PartialDate]:
    """The sources' publication dates that can be read, earliest first."""
    found = (_partial_date(s.get("published")) for s in sources if isinstance(s, dict))
    return sorted((d for d in found if d is not None), key=PartialDate.sort_key)


def _since(content: dict[str, Any]) -> SinceSummary | None:
    """From the `since` section's "compared" item; None when the briefing has none."""
    from briefer.render.json_output import MARK_KEY

    items = content.get(MARK_KEY)
    found = [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    compared = next((i for i in found if i.get("kind") == "compared"), None)
    if compared is None or not isinstance(compared.get("title"), str):
        return None
    marked = compared.get("marked")
    # Sources are marked too; they are counted once, as new sources.
    tallies = [v for k, v in marked.items() if k != "sources"] if isinstance(marked, dict) else []
    new_sources = compared.get("new_sources")
    return SinceSummary(
        title=" ".join(compared["title"].split()),
        new=sum(_number(t, "new") for t in tallies),
        changed=sum(_number(t, "changed") for t in tallies),
        new_sources=len(new_sources) if isinstance(new_sources, list) else 0,
    )


def _number(tally: object, key: str) -> int:
    value = tally.get(key) if isinstance(tally, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def summarise_pdf(path: Path) -> BriefingSummary:
    """From the embedded briefing JSON; a foreign PDF gets its file name as title and no more."""
    from briefer.render.pdf import read_embedded_json

    made = date.fromtimestamp(Path(path).stat().st_mtime)
    content = read_embedded_json(path)
    if not isinstance(content, dict) or not isinstance(content.get("title"), str):
        return BriefingSummary(title=Path(path).stem, made=made)
    raw_sources = content.get("sources")
    sources: list[Any] = raw_sources if isinstance(raw_sources, list) else []
    dates = _source_dates(sources)
    key_points = _texts(content.get("key_points"))
    if not key_points:
        key_points = _texts(content.get("background"), KEY_POINTS_FROM_BACKGROUND)
    return BriefingSummary(
        title=" ".join(content["title"].split()) or Path(path).stem,
        made=made,
        first_source_date=dates[0] if dates else None,
        last_source_date=dates[-1] if dates else None,
        source_count=len(sources),
        key_points=key_points,
        sections=_section_titles(content.get("sections"), content.get("section_titles")),
        from_briefer=True,
        since=_since(content),
    )


def default_subject(summary: BriefingSummary) -> str:
    """The title and the day; control characters from an article's headline (an escape
    sequence, a NUL) are dropped: they would reach mail clients and terminals raw."""
    made = PartialDate(summary.made.year, summary.made.month, summary.made.day)
    title = "".join(c if unicodedata.category(c) != "Cc" else " " for c in summary.title)
    return f"{' '.join(title.split())} ({made.human()})"


def render_bodies(summary: BriefingSummary, pdf_name: str) -> tuple[str, str]:
    """(plain text, HTML) from templates/email/body.txt.j2 and body.html.j2."""
    from briefer.render.html import environment

    env = environment(plain_text_suffixes=(".txt.j2",))
    context = {"briefing": summary, "pdf_name": pdf_name, "version": __version__}
    text = env.get_template("email/body.txt.j2").render(context)
    html = env.get_template("email/body.html.j2").render(context)
    return text, html


def _safe_filename(name: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f\x85\u2028\u2029]", "_", name)


def compose(
    pdf_path: Path,
    pdf: bytes,
    summary: BriefingSummary,
    sender: Mailbox,
    recipients: Recipients,
    *,
    subject: str | None = None,
    now: datetime | None = None,
) -> ComposedMessage:
    """The finished message. A given subject with a line break is refused, never cleaned."""
    if subject is not None:
        check_header_value(subject, "subject")
        subject = subject.strip()
    subject = subject or default_subject(summary)
    pdf_name = _safe_filename(Path(pdf_path).name)
    text, html = render_bodies(summary, pdf_name)
    now = (now or datetime.now().astimezone()).astimezone()
    domain = sender.address.rpartition("@")[2]
    message_id = make_msgid(domain=domain)

    message = EmailMessage(policy=policy.SMTP)
    try:
        message["Subject"] = subject
        message["From"] = sender.header()
        if recipients.to:
            message["To"] = [m.header() for m in recipients.to]
        else:
            message["To"] = "undisclosed-recipients:;"
        if recipients.cc:
            message["Cc"] = [m.header() for m in recipients.cc]
        message["Date"] = format_datetime(now)
        message["Message-ID"] = message_id
        message["MIME-Version"] = "1.0"
        message["X-Mailer"] = f"briefer {__version__}"
    except ValueError as exc:  # defensive: values were checked, but say it in one line
        raise MailError(f"cannot make the message headers: {exc}") from None
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    return ComposedMessage(
        data=message.as_bytes(policy=policy.SMTP),
        message_id=message_id,
        subject=subject,
        sender=sender,
        recipients=recipients,
        pdf_name=pdf_name,
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
    )
