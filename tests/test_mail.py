"""briefer.mail against real SMTP servers (aiosmtpd on 127.0.0.1): settings, addresses, the
message as parsed back by the stdlib, delivery, retries, failures and the delivery log."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import shutil
import traceback
from datetime import datetime
from email.utils import parsedate_to_datetime
from html import unescape
from pathlib import Path

import pytest
from mail_support import (
    PASSWORD,
    USER,
    Recorder,
    attachment_bytes,
    check_login,
    free_port,
    make_ca,
    silent_server,
    smtp_server,
)

from briefer.errors import (
    DeliveryUncertainError,
    MailError,
    MessageRejectedError,
    MessageTooLargeError,
    RecipientsRefusedError,
    SMTPAuthError,
    SMTPConnectionError,
    SMTPTimeoutError,
    SMTPTLSError,
    SourceError,
)
from briefer.mail import (
    DELIVERY_LOG,
    EmailSettings,
    MailSettings,
    Secret,
    SmtpSettings,
    prepare_message,
    read_deliveries,
    send_briefing,
)
from briefer.mail.addresses import (
    parse_mailbox,
    read_list_file,
    resolve_recipients,
    split_addresses,
)
from briefer.mail.message import BriefingSummary, render_bodies, summarise_pdf
from briefer.mail.settings import parse_size, resolve_password

AUTH_WITHOUT_TLS = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


@pytest.fixture
def pdf(sample_pdf, tmp_path) -> Path:
    """A private copy of the sample briefing, with a non-ASCII file name."""
    target = tmp_path / "out" / "Brïefing – Central Asia.pdf"
    target.parent.mkdir()
    shutil.copy(sample_pdf, target)
    return target


def email_to(*to: str, **more: object) -> EmailSettings:
    values: dict = {"sender": "Zoë Ünal <zoe@example.org>", "to": to, **more}
    return EmailSettings(**values)


def local(port: int, **more: object) -> SmtpSettings:
    values: dict = {
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "timeout": 5,
        "retry_delay": 0.01,
        **more,
    }
    return SmtpSettings(**values)


def pdf_with_json(folder: Path, name: str, content: dict | None) -> Path:
    """A small PDF made with pypdf, carrying `content` as briefer's embedded JSON (if given)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if content is not None:
        writer.add_attachment("briefing.json", json.dumps(content).encode())
    buffer = io.BytesIO()
    writer.write(buffer)
    path = folder / name
    path.write_bytes(buffer.getvalue())
    return path


# --- settings -------------------------------------------------------------------------------


def test_default_ports_follow_security():
    assert SmtpSettings(host="h").effective_port == 587
    assert SmtpSettings(host="h", security="ssl").effective_port == 465
    assert SmtpSettings(host="h", security="none").effective_port == 25


def test_sizes():
    assert parse_size(1234) == 1234
    assert parse_size("10MB") == 10_000_000
    assert parse_size("500 kB") == 500_000
    for bad in (0, -5, True, "lots", "10 TB", "inf MB"):
        with pytest.raises(ValueError, match="positive size"):
            parse_size(bad)


def test_password_only_from_environment_or_a_terminal_prompt():
    smtp = SmtpSettings(host="h", user="me")
    assert resolve_password(SmtpSettings(host="h"), {}) is None  # no user, no password
    secret = resolve_password(smtp, {"BRIEFER_SMTP_PASSWORD": "pw-from-env"})
    assert secret is not None
    assert secret.reveal() == "pw-from-env"
    assert "pw-from-env" not in repr(secret)
    assert "pw-from-env" not in str(secret)
    with pytest.raises(SMTPAuthError, match="BRIEFER_SMTP_PASSWORD"):
        resolve_password(smtp, {}, interactive=False)
    asked = []
    secret = resolve_password(
        smtp, {}, interactive=True, prompt=lambda q: asked.append(q) or "typed"
    )
    assert secret is not None
    assert secret.reveal() == "typed"
    assert "me" in asked[0]
    with pytest.raises(SMTPAuthError, match="no SMTP password"):
        resolve_password(smtp, {}, interactive=True, prompt=lambda q: "")


# --- addresses and header values --------------------------------------------------------------


def test_addresses_are_checked_for_syntax_and_kept_with_their_names():
    box = parse_mailbox('"Doe, Jane" <Jane.Doe@Example.ORG>', "--to")
    assert (box.name, box.address) == ("Doe, Jane", "Jane.Doe@example.org")
    assert parse_mailbox("  plain@example.org ", "--to").address == "plain@example.org"
    assert parse_mailbox("Zoë <zoe@bücher.example>", "--to").address == "zoe@xn--bcher-kva.example"
    for bad in ["not-an-address", "a@b", "two@@example.org", "Name <>", "a@example.org, b"]:
        with pytest.raises(MailError, match="--to"):
            parse_mailbox(bad, "--to")


def test_address_lists_are_split_by_getaddresses():
    assert split_addresses(['"Doe, Jane" <jane@example.org>']) == (
        '"Doe, Jane" <jane@example.org>',
    )
    assert split_addresses(["a@example.org; b@example.org,c@example.org"]) == (
        "a@example.org",
        "b@example.org",
        "c@example.org",
    )
    assert split_addresses(['"Doe; Jane" <j@example.org>; k@example.org', "", " , ;"]) == (
        '"Doe; Jane" <j@example.org>',
        "k@example.org",
    )
    # a comment names the address; an escaped quote stays in the name; non-ASCII is kept
    assert split_addresses(["jane@example.org (Jane Doe)", r'"A \"B\" C" <a@example.org>']) == (
        '"Jane Doe" <jane@example.org>',
        r'"A \"B\" C" <a@example.org>',
    )
    [zoe] = split_addresses(["Zoë Ünal <zoe@bücher.example>"])
    assert parse_mailbox(zoe, "--to") == parse_mailbox("Zoë Ünal <zoe@bücher.example>", "--to")
    assert parse_mailbox(split_addresses(['"Doe, Jane" <jane@example.org>'])[0], "--to").name == (
        "Doe, Jane"
    )


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("nobody@", "'nobody@' is not a valid e-mail address"),
        ("bad address", "'bad address' is not a valid e-mail address"),  # not "bad"
        ("Name <>", "'Name <>' is not a valid"),
        ("a@b@example.org", "is not a valid"),
        ("Jane <jane@example.org", "unbalanced quotes or brackets"),
        ('"unbalanced <a@example.org>', "unbalanced quotes or brackets"),
        ("Eve <eve@example.org>\r\nBcc: victim@example.org", "line break"),
    ],
)
def test_malformed_address_lists_are_refused_whole(value, problem):
    with pytest.raises(MailError, match="^--to[: ]") as caught:
        split_addresses(["ok@example.org", value], "--to")
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    "hostile",
    [
        "Eve <eve@example.org>\r\nBcc: victim@example.org",
        "Eve\n <eve@example.org>",
        "eve@example.org\rX-Injected: 1",
        "Eve\u2028 <eve@example.org>",
        "Eve\x00 <eve@example.org>",
    ],
)
def test_line_breaks_in_addresses_are_refused(hostile):
    with pytest.raises(MailError, match="not allowed in a header"):
        parse_mailbox(hostile, "--from")


def test_distribution_list_reads_comments_prefixes_and_deduplicates(tmp_path):
    team = tmp_path / "team.txt"
    team.write_text(
        "\ufeff# the desk\n\nalice@example.org   # editor\nBob <bob@example.org>\n"
        "cc: carol@example.org\nBCC:dave@example.org\nALICE@example.org\nodd#tag@example.org\n",
        encoding="utf-8",
    )
    assert read_list_file(team)[0] == ("to", "alice@example.org")
    recipients = resolve_recipients(
        EmailSettings(to=("bob@example.org",), bcc=("carol@example.org",), lists=(team,))
    )
    assert [m.address for m in recipients.to] == [
        "bob@example.org",
        "alice@example.org",
        "odd#tag@example.org",
    ]
    # carol is both a --bcc and a "cc:" entry: she gets one copy, in the more visible field
    assert [m.address for m in recipients.cc] == ["carol@example.org"]
    assert [m.address for m in recipients.bcc] == ["dave@example.org"]


def test_distribution_list_errors_name_the_file_and_entry(tmp_path):
    team = tmp_path / "team.txt"
    team.write_text("ok@example.org\nbroken-address\n", encoding="utf-8")
    with pytest.raises(MailError, match=r"team.txt \(entry 2\)"):
        resolve_recipients(EmailSettings(lists=(team,)))
    with pytest.raises(MailError, match="not found"):
        resolve_recipients(EmailSettings(lists=(tmp_path / "nope.txt",)))
    with pytest.raises(MailError, match="no recipients"):
        resolve_recipients(EmailSettings())


# --- the message ----------------------------------------------------------------------------


def test_message_parses_back_with_bodies_headers_and_the_pdf(pdf, sample_json):
    settings = email_to(
        "Jürgen Groß <jurgen@example.com>", cc=("cc@example.com",), bcc=("hidden@example.net",)
    )
    when = datetime.fromisoformat("2024-03-05T09:30:00+01:00")
    message = prepare_message(pdf, settings, now=when)
    assert message.data.isascii()  # every non-ASCII name and the subject are encoded
    assert b"\r\n" in message.data
    assert b"\n" not in message.data.replace(b"\r\n", b"")
    from email import message_from_bytes, policy

    parsed = message_from_bytes(message.data, policy=policy.default)
    title = sample_json["title"]
    assert parsed["Subject"].strip() == message.subject  # a folded header may start with a space
    assert message.subject.startswith(title)
    assert message.subject.endswith(")")
    assert parsed["From"].addresses[0].display_name == "Zoë Ünal"
    assert parsed["To"].addresses[0].display_name == "Jürgen Groß"
    assert parsed["Cc"].addresses[0].addr_spec == "cc@example.com"
    assert parsed["Bcc"] is None
    assert b"hidden@example.net" not in message.data
    assert message.recipients.envelope == (
        "jurgen@example.com",
        "cc@example.com",
        "hidden@example.net",
    )
    assert parsedate_to_datetime(parsed["Date"]) == when
    assert parsed["Message-ID"] == message.message_id
    assert message.message_id.startswith("<")
    assert message.message_id.endswith("@example.org>")

    kind, name, data = attachment_bytes(parsed)
    assert (kind, name) == ("application/pdf", "Brïefing – Central Asia.pdf")
    assert data == pdf.read_bytes()
    assert message.pdf_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()

    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    first_point = sample_json.get("key_points", sample_json["background"])[0]["text"]
    titles = sample_json.get("section_titles", {"timeline": "Timeline", "questions": "Questions"})
    for body in (" ".join(text.split()), " ".join(html.replace("&#39;", "'").split())):
        assert title in body
        assert "31 December 2019 – February 2020" in body  # the sources' date range
        assert titles["timeline"] in body
        assert titles["questions"] in body
        assert "Brïefing – Central Asia.pdf" in body
    assert " ".join(first_point.split()[:6]) in " ".join(text.split())
    assert first_point.split(",")[0] in html


def test_key_points_fall_back_to_background_and_foreign_pdfs_get_their_name(tmp_path):
    background = [{"text": f"Statement {n}.", "citations": []} for n in range(1, 6)]
    base = {
        "schema": 1,
        "title": "Title\nwith a break",
        "sections": ["background", "sources"],
        "sources": [{"id": "S1", "published": "2020"}, {"id": "S2", "published": None}],
        "background": background,
    }
    summary = summarise_pdf(pdf_with_json(tmp_path, "a.pdf", base))
    assert summary.key_points == ("Statement 1.", "Statement 2.", "Statement 3.")
    assert summary.title == "Title with a break"  # data is tidied, not refused
    assert (summary.date_range, summary.sections) == ("2020", ("Background", "Sources"))

    with_points = {**base, "key_points": [{"text": "The one point.", "citations": []}]}
    assert summarise_pdf(pdf_with_json(tmp_path, "b.pdf", with_points)).key_points == (
        "The one point.",
    )

    foreign = summarise_pdf(pdf_with_json(tmp_path, "Quarterly report.pdf", None))
    assert (foreign.title, foreign.key_points, foreign.from_briefer) == (
        "Quarterly report",
        (),
        False,
    )
    text, html = render_bodies(foreign, "Quarterly report.pdf")
    assert "Key points" not in text
    assert "Key points" not in html
    assert "citation" not in text  # nothing is claimed about a PDF briefer did not make


def test_section_titles_come_from_the_embedded_json(tmp_path):
    """The message names sections as the briefing's JSON titles them, so a new section needs
    no change in the mail code; an older JSON without titles gets its names made readable."""
    sections = ["key_points", "market_watch", "sources"]
    base = {"schema": 1, "title": "T", "sources": [], "sections": sections}
    titled = {**base, "section_titles": {"key_points": "Bottom line", "market_watch": "Markets"}}
    summary = summarise_pdf(pdf_with_json(tmp_path, "a.pdf", titled))
    assert summary.sections == ("Bottom line", "Markets", "Sources")
    untitled = summarise_pdf(pdf_with_json(tmp_path, "b.pdf", base))
    assert untitled.sections == ("Key points", "Market watch", "Sources")
    odd = {**base, "section_titles": ["not", "a", "mapping"], "sections": ["sources", 3]}
    assert summarise_pdf(pdf_with_json(tmp_path, "c.pdf", odd)).sections == ("Sources",)
    text, _ = render_bodies(summary, "a.pdf")
    assert "Markets" in text


def test_html_body_escapes_the_briefing_text():
    hostile = BriefingSummary(
        title="<script>alert(1)</script> & Co",
        made=datetime(2024, 1, 2).date(),
        key_points=('<img src=x onerror="boom()">',),
        from_briefer=True,
    )
    text, html = render_bodies(hostile, "<b>.pdf")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "<img" not in html
    assert "&lt;img" in html
    assert "&lt;b&gt;.pdf" in html
    assert "<script>alert(1)</script> & Co" in text  # plain text stays as written


@pytest.mark.parametrize("subject", ["Hello\r\nBcc: victim@example.org", "Line\nbreak", "CR\ronly"])
def test_a_subject_with_a_line_break_is_refused(pdf, subject):
    with pytest.raises(MailError, match="subject contains a line break"):
        prepare_message(pdf, email_to("a@example.org", subject=subject))


def test_a_non_pdf_is_refused(tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf")
    with pytest.raises(SourceError, match="not a PDF"):
        prepare_message(fake, email_to("a@example.org"))
    with pytest.raises(SourceError, match="not found"):
        prepare_message(tmp_path / "missing.pdf", email_to("a@example.org"))


def test_oversize_message_is_refused_before_connecting(pdf):
    with silent_server() as listener:
        port = listener.getsockname()[1]
        settings = MailSettings(local(port), email_to("a@example.org", max_size=50_000))
        with pytest.raises(MessageTooLargeError, match="over the limit") as caught:
            send_briefing(pdf, settings)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody ever connected
    assert str(pdf) in str(caught.value)
    assert pdf.is_file()
    assert not (pdf.parent / DELIVERY_LOG).exists()


def test_dry_run_writes_the_exact_message_and_sends_nothing(pdf):
    settings = MailSettings(SmtpSettings(), email_to("a@example.org", bcc=("b@example.org",)))
    report = send_briefing(pdf, settings, dry_run=True)
    assert report.eml == pdf.with_suffix(".eml")
    assert report.result is None
    assert report.eml.read_bytes() == report.message.data
    from email import message_from_bytes, policy

    parsed = message_from_bytes(report.eml.read_bytes(), policy=policy.default)
    assert attachment_bytes(parsed)[2] == pdf.read_bytes()
    assert not (pdf.parent / DELIVERY_LOG).exists()


# --- delivery over SMTP -----------------------------------------------------------------------


def test_plain_delivery_and_its_record(pdf):
    handler = Recorder()
    with smtp_server(handler) as port:
        settings = MailSettings(
            local(port), email_to("a@example.org", "B <b@example.org>", bcc=("c@example.net",))
        )
        report = send_briefing(pdf, settings)
    assert report.result is not None
    assert report.result.outcome == "delivered"
    [received] = handler.messages
    assert received.mail_from == "zoe@example.org"
    assert received.rcpt_tos == ["a@example.org", "b@example.org", "c@example.net"]
    assert not received.tls
    parsed = received.parsed()
    assert parsed["Message-ID"] == report.message.message_id
    assert parsed["Bcc"] is None
    assert attachment_bytes(parsed) == ("application/pdf", pdf.name, pdf.read_bytes())

    [record] = read_deliveries(pdf.parent / DELIVERY_LOG)
    assert record.outcome == "delivered"
    assert record.error is None
    assert record.message_id == report.message.message_id
    assert record.pdf_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert record.accepted == ("a@example.org", "b@example.org", "c@example.net")
    assert record.bcc == ("c@example.net",)
    assert record.refused == {}
    assert record.subject == report.message.subject
    assert record.time.endswith("Z")
    assert datetime.fromisoformat(record.time.replace("Z", "+00:00")).tzinfo is not None


def test_starttls_with_a_certificate_from_our_own_ca(pdf, tmp_path):
    ca = make_ca(tmp_path)
    handler = Recorder()
    with smtp_server(handler, tls_context=ca.server_context, require_starttls=True) as port:
        smtp = local(port, security="starttls", ca_file=ca.ca_file)
        send_briefing(pdf, MailSettings(smtp, email_to("a@example.org")))
    [received] = handler.messages
    assert received.tls
    assert attachment_bytes(received.parsed())[2] == pdf.read_bytes()


def test_starttls_refuses_an_untrusted_certificate(pdf, tmp_path):
    ca = make_ca(tmp_path)
    handler = Recorder()
    with smtp_server(handler, tls_context=ca.server_context) as port:
        settings = MailSettings(local(port, security="starttls"), email_to("a@example.org"))
        with pytest.raises(SMTPTLSError, match="not trusted"):
            send_briefing(pdf, settings)
    assert handler.messages == []
    assert pdf.is_file()


def test_a_ca_file_that_is_not_a_certificate(pdf, tmp_path):
    bogus = tmp_path / "bogus.pem"
    bogus.write_text("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    handler = Recorder()
    with smtp_server(handler) as port:
        smtp = local(port, security="starttls", ca_file=bogus)
        with pytest.raises(SMTPTLSError, match="cannot load the CA file"):
            send_briefing(pdf, MailSettings(smtp, email_to("a@example.org")))
    assert handler.messages == []


def test_starttls_is_required_when_asked_for(pdf):
    handler = Recorder()
    with smtp_server(handler) as port:  # a server without STARTTLS
        settings = MailSettings(local(port, security="starttls"), email_to("a@example.org"))
        with pytest.raises(SMTPTLSError, match="does not offer STARTTLS"):
            send_briefing(pdf, settings)
    assert handler.messages == []


def test_implicit_tls(pdf, tmp_path):
    ca = make_ca(tmp_path)
    handler = Recorder()
    with smtp_server(handler, ssl_context=ca.server_context) as port:
        smtp = local(port, security="ssl", ca_file=ca.ca_file)
        send_briefing(pdf, MailSettings(smtp, email_to("a@example.org")))
    [received] = handler.messages
    assert received.tls
    assert attachment_bytes(received.parsed())[2] == pdf.read_bytes()


@AUTH_WITHOUT_TLS
@pytest.mark.parametrize("password", [PASSWORD, "plain-ascii-secret"])
def test_login_with_the_right_password(pdf, password, monkeypatch):
    monkeypatch.setattr("mail_support.PASSWORD", password)
    handler = Recorder()
    with smtp_server(
        handler, authenticator=check_login, auth_required=True, auth_require_tls=False
    ) as port:
        settings = MailSettings(local(port, user=USER), email_to("a@example.org"))
        send_briefing(pdf, settings, password=Secret(password))
    [received] = handler.messages
    assert received.authenticated


@AUTH_WITHOUT_TLS
def test_a_refused_login_never_shows_the_password(pdf, briefer_log):
    wrong = "wrong-Pässword-xyz"
    handler = Recorder()
    with smtp_server(
        handler, authenticator=check_login, auth_required=True, auth_require_tls=False
    ) as port:
        settings = MailSettings(local(port, user=USER), email_to("a@example.org"))
        with pytest.raises(SMTPAuthError, match="refused the login of briefer-user") as caught:
            send_briefing(pdf, settings, password=Secret(wrong))
    assert handler.messages == []
    shown = [
        "".join(traceback.format_exception(caught.value)),  # chained exceptions included
        briefer_log.text,
        (pdf.parent / DELIVERY_LOG).read_text(encoding="utf-8"),
    ]
    assert "refused the login" in shown[0]
    assert not any(wrong in text for text in shown)


def test_a_refused_recipient_does_not_stop_the_others(pdf):
    handler = Recorder(refuse={"ghost@example.org"})
    with smtp_server(handler) as port:
        settings = MailSettings(
            local(port), email_to("a@example.org", "ghost@example.org", cc=("c@example.org",))
        )
        with pytest.raises(RecipientsRefusedError) as caught:
            send_briefing(pdf, settings)
    message = str(caught.value)
    assert "ghost@example.org (550 5.1.1 No such user here)" in message
    assert "delivered to a@example.org, c@example.org" in message
    assert "\n" not in message
    [received] = handler.messages
    assert received.rcpt_tos == ["a@example.org", "c@example.org"]
    assert attachment_bytes(received.parsed())[2] == pdf.read_bytes()
    [record] = read_deliveries(pdf.parent / DELIVERY_LOG)
    assert record.outcome == "partial"
    assert record.accepted == ("a@example.org", "c@example.org")
    assert record.refused == {"ghost@example.org": "550 5.1.1 No such user here"}


def test_every_recipient_refused(pdf):
    handler = Recorder(refuse={"a@example.org"})
    with smtp_server(handler) as port:
        with pytest.raises(RecipientsRefusedError, match="delivered to nobody"):
            send_briefing(pdf, MailSettings(local(port), email_to("a@example.org")))
    assert handler.data_attempts == 0
    assert read_deliveries(pdf.parent / DELIVERY_LOG)[0].outcome == "refused"


def test_a_transient_451_is_retried_with_backoff(pdf):
    handler = Recorder(defer_data=2)
    waits: list[float] = []
    with smtp_server(handler) as port:
        settings = MailSettings(local(port, retry_delay=0.25), email_to("a@example.org"))
        report = send_briefing(pdf, settings, sleep=waits.append)
    assert waits == [0.25, 0.5]
    assert handler.data_attempts == 3
    [received] = handler.messages  # delivered exactly once
    assert attachment_bytes(received.parsed())[2] == pdf.read_bytes()
    assert report.result is not None
    assert report.result.attempts == 3


def test_a_deferred_recipient_alone_is_tried_again(pdf):
    handler = Recorder(defer_rcpt={"busy@example.org": 1})
    with smtp_server(handler) as port:
        settings = MailSettings(local(port), email_to("a@example.org", "busy@example.org"))
        send_briefing(pdf, settings, sleep=lambda s: None)
    assert [m.rcpt_tos for m in handler.messages] == [["a@example.org"], ["busy@example.org"]]
    assert {m.parsed()["Message-ID"] for m in handler.messages} == {
        handler.messages[0].parsed()["Message-ID"]
    }  # the same message, each recipient served once


def test_a_421_starts_the_whole_transaction_again(pdf):
    handler = Recorder(closing_rcpt=1)
    with smtp_server(handler) as port:
        settings = MailSettings(local(port), email_to("a@example.org", "b@example.org"))
        report = send_briefing(pdf, settings, sleep=lambda s: None)
    assert [m.rcpt_tos for m in handler.messages] == [["a@example.org", "b@example.org"]]
    assert report.result is not None
    assert report.result.attempts == 2


def test_deferral_past_the_retries_gives_up(pdf):
    handler = Recorder(defer_data=99)
    with smtp_server(handler) as port:
        settings = MailSettings(local(port, retries=2), email_to("a@example.org"))
        with pytest.raises(MessageRejectedError, match="kept deferring .* 3 attempt"):
            send_briefing(pdf, settings, sleep=lambda s: None)
    assert handler.data_attempts == 3
    assert handler.messages == []


def test_a_permanent_rejection_is_not_retried(pdf):
    handler = Recorder(reject_data=True)
    with smtp_server(handler) as port:
        settings = MailSettings(local(port), email_to("a@example.org"))
        with pytest.raises(MessageRejectedError, match="554 5.6.0 Content rejected"):
            send_briefing(pdf, settings, sleep=lambda s: pytest.fail("retried a 5xx"))
    assert handler.data_attempts == 1
    assert read_deliveries(pdf.parent / DELIVERY_LOG)[0].outcome == "failed"


def test_a_message_possibly_accepted_is_never_sent_again(pdf):
    handler = Recorder(drop_after_data=True, refuse={"ghost@example.org"})
    with smtp_server(handler) as port:
        settings = MailSettings(local(port), email_to("a@example.org", "ghost@example.org"))
        with pytest.raises(DeliveryUncertainError, match="may have reached a@example.org,? "):
            send_briefing(pdf, settings, sleep=lambda s: pytest.fail("resent blindly"))
    assert handler.data_attempts == 1
    [record] = read_deliveries(pdf.parent / DELIVERY_LOG)
    assert (record.outcome, record.unconfirmed, record.accepted) == (
        "uncertain",
        ("a@example.org",),
        (),
    )
    assert "ghost@example.org" in record.refused


def test_a_server_that_is_down(pdf):
    settings = MailSettings(local(free_port()), email_to("a@example.org"))
    with pytest.raises(SMTPConnectionError, match="refused"):
        send_briefing(pdf, settings, sleep=lambda s: pytest.fail("retried a refused connection"))
    assert pdf.is_file()
    assert read_deliveries(pdf.parent / DELIVERY_LOG)[0].outcome == "failed"


def test_a_server_that_never_answers(pdf):
    with silent_server() as listener:
        port = listener.getsockname()[1]
        settings = MailSettings(local(port, timeout=0.3), email_to("a@example.org"))
        with pytest.raises(SMTPTimeoutError, match="did not answer within 0.3 s"):
            send_briefing(pdf, settings)


def test_a_delivery_log_that_cannot_be_written_is_only_a_warning(pdf, briefer_log):
    (pdf.parent / DELIVERY_LOG).mkdir()  # a folder where the log should go
    handler = Recorder()
    with smtp_server(handler) as port:
        send_briefing(pdf, MailSettings(local(port), email_to("a@example.org")))
    assert len(handler.messages) == 1
    assert any(
        r.levelno == logging.WARNING and "could not record" in r.getMessage()
        for r in briefer_log.records
    )


# --- a briefing built with --since --------------------------------------------------------------


def test_a_briefing_built_since_another_says_what_is_new_in_both_parts(tmp_path):
    """Built through the real pipeline: the first sample alone, then both `--since` it; the
    message sent over SMTP names the earlier briefing and counts what the JSON marks."""
    from conftest import SAMPLES
    from since_support import FIRST, alone

    from briefer.config import BuildRequest
    from briefer.pipeline import build
    from briefer.render.pdf import read_embedded_json

    first = build(
        BuildRequest(
            sources=alone(tmp_path / "one", FIRST), output=tmp_path / "one.json", format="json"
        )
    )
    pdf = build(
        BuildRequest(
            sources=SAMPLES, output=tmp_path / "out" / "both.pdf", format="pdf", since=first
        )
    )
    content = read_embedded_json(pdf)
    assert content is not None
    compared = content["since"][0]
    items = {k: v for k, v in compared["marked"].items() if k != "sources"}
    new = sum(t["new"] for t in items.values())
    changed = sum(t["changed"] for t in items.values())
    assert new
    assert changed
    assert compared["new_sources"] == ["S2"]
    plural = {n: "s" if n != 1 else "" for n in (new, changed)}
    line = (
        f"Compared with the earlier briefing “{compared['title']}”: {new} new item{plural[new]}, "
        f"{changed} changed item{plural[changed]}, 1 new source."
    )

    handler = Recorder()
    with smtp_server(handler) as port:
        send_briefing(pdf, MailSettings(local(port), email_to("a@example.org")))
    [received] = handler.messages
    parsed = received.parsed()
    text = parsed.get_body(("plain",)).get_content()
    html = parsed.get_body(("html",)).get_content()
    assert line in " ".join(text.split())
    assert line in " ".join(unescape(html).split())
    assert text.index("Compared with") < text.index("Key points")


def test_a_plain_briefing_says_nothing_of_an_earlier_one(pdf):
    text, html = render_bodies(summarise_pdf(pdf), pdf.name)
    assert "Compared with" not in text
    assert "Compared with" not in html


def test_since_counts_leave_sources_out_and_survive_odd_data(tmp_path):
    compared = {
        "kind": "compared",
        "title": "Monday's\nbriefing",
        "new_sources": ["S3"],
        "marked": {
            "key_points": {"new": 1, "changed": 0},
            "timeline": {"new": 2, "changed": "x"},
            "sources": {"new": 1, "changed": 0},
            "odd": [1, 2],
        },
    }
    base = {"schema": 1, "title": "T", "sources": [], "sections": ["since", "sources"]}
    summary = summarise_pdf(pdf_with_json(tmp_path, "a.pdf", {**base, "since": [compared]}))
    assert summary.since is not None
    assert summary.since.title == "Monday's briefing"
    assert summary.since.counts == "3 new items, 1 new source"
    nothing = {**compared, "new_sources": [], "marked": {}}
    quiet = summarise_pdf(pdf_with_json(tmp_path, "b.pdf", {**base, "since": [nothing]}))
    assert quiet.since is not None
    assert quiet.since.counts == "nothing new or changed"
    for odd in ({"since": "compared"}, {"since": [{"kind": "new", "title": "x"}]}):
        assert summarise_pdf(pdf_with_json(tmp_path, "c.pdf", {**base, **odd})).since is None
