"""Real SMTP servers for the mail tests: aiosmtpd on 127.0.0.1, with TLS from a trustme CA."""

from __future__ import annotations

import email
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "briefer-user"
PASSWORD = "s3cret-Pässwörd-42"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    tls: bool  # the session was encrypted (STARTTLS or implicit TLS)
    authenticated: bool

    def parsed(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class Recorder:
    """A handler that keeps what it accepts and can refuse, defer or drop on demand."""

    refuse: set[str] = field(default_factory=set)  # 550 at RCPT, always
    defer_rcpt: dict[str, int] = field(default_factory=dict)  # address -> times to answer 450
    defer_data: int = 0  # times to answer 451 after DATA
    closing_rcpt: int = 0  # times to answer the first RCPT with 421 (shutting down)
    reject_data: bool = False  # answer 554 after DATA
    drop_after_data: bool = False  # close the connection instead of answering DATA
    messages: list[Received] = field(default_factory=list)
    data_attempts: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.closing_rcpt > 0:
            self.closing_rcpt -= 1
            return "421 4.3.2 Service shutting down"
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        if self.defer_rcpt.get(address, 0) > 0:
            self.defer_rcpt[address] -= 1
            return "450 4.2.1 Mailbox busy, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_attempts += 1
        if self.drop_after_data:
            server.transport.close()
            return "250 never heard"
        if self.reject_data:
            return "554 5.6.0 Content rejected"
        if self.defer_data > 0:
            self.defer_data -= 1
            return "451 4.3.0 Temporary failure, try again"
        self.messages.append(
            Received(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                envelope.content,
                tls=server.transport.get_extra_info("ssl_object") is not None,
                authenticated=bool(session.authenticated),
            )
        )
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_login(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode() == USER and auth_data.password.decode() == PASSWORD
    )
    return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(handler: Recorder, **kwargs: object) -> Iterator[int]:
    """Run aiosmtpd on a free port of 127.0.0.1; yields the port."""
    port = free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, server_hostname="localhost", **kwargs
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


@contextmanager
def silent_server() -> Iterator[socket.socket]:
    """A listening socket nobody serves: the kernel accepts connections, no one ever answers
    (a hung server). `accept()` on it tells whether anyone connected."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(4)
        sock.setblocking(False)
        yield sock


@dataclass
class LocalCA:
    ca_file: Path
    server_context: ssl.SSLContext


def make_ca(folder: Path) -> LocalCA:
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    cert.configure_cert(context)
    ca_file = folder / "test-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return LocalCA(ca_file, context)


def attachment_bytes(message: EmailMessage) -> tuple[str, str | None, bytes]:
    """(content type, file name, bytes) of the one attachment."""
    parts = list(message.iter_attachments())
    assert len(parts) == 1, [p.get_content_type() for p in parts]
    part = parts[0]
    return part.get_content_type(), part.get_filename(), part.get_content()
