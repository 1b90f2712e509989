"""SMTP delivery with smtplib: verified TLS, login, per-recipient results, retries of transient
(4xx) replies with backoff, and no blind resending once the message content has gone out."""

from __future__ import annotations

import base64
import contextlib
import logging
import re
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

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
)
from briefer.mail.message import ComposedMessage
from briefer.mail.settings import Secret, SmtpSettings

log = logging.getLogger("briefer")

DELIVERED, PARTIAL, REFUSED, FAILED, UNCERTAIN = (
    "delivered",
    "partial",
    "refused",
    "failed",
    "uncertain",
)


@dataclass(frozen=True)
class DeliveryResult:
    """What happened to one message. `error` is None only when every recipient accepted it."""

    outcome: str  # delivered | partial | refused | failed | uncertain
    accepted: tuple[str, ...] = ()
    refused: dict[str, str] = field(default_factory=dict)  # address -> the server's reply
    unconfirmed: tuple[str, ...] = ()  # sent, but the connection broke before the answer
    attempts: int = 0
    error: MailError | None = None


class _Transient(Exception):
    """A 4xx reply for the whole transaction: nothing was delivered, trying again is safe."""

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.reply = reply


class _Uncertain(Exception):
    """The connection broke after the content was sent: the server may have accepted it."""

    def __init__(self, session: _Session) -> None:
        super().__init__("connection lost after the message was sent")
        self.session = session


@dataclass
class _Session:
    """One SMTP transaction's recipients: accepted, refused for good, deferred (4xx)."""

    accepted: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    deferred: dict[str, str] = field(default_factory=dict)


MAX_REPLY_LINES = 100  # an EHLO reply has a dozen lines; a hundred is a server flooding us
MAX_REPLY_BYTES = 64 * 1024
_MAX_LINE = 8192  # RFC 5321 allows 512 bytes; smtplib's own limit
DEADLINE_TIMEOUTS = 5  # one exchange may last this many `timeout`s ...
DEADLINE_RATE = 20_000  # ... plus one second for every this many bytes of the message


class _ReplyTooLong(smtplib.SMTPException):
    """The server's reply is longer than any real one: a flood, not an answer."""


class _Watchdog:
    """Ends one SMTP exchange at its deadline, whatever it is blocked on: a per-read timeout
    alone lets a server that sends one line every few seconds hold the connection for ever."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._client: smtplib.SMTP | None = None
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def start(self, client: smtplib.SMTP) -> None:
        self._client = client
        self._timer.start()

    def _expire(self) -> None:
        self.expired = True
        sock = self._client.sock if self._client is not None else None
        if sock is not None:
            # The plain socket's shutdown, also for TLS: it wakes a read blocked in another
            # thread without touching the TLS object that read is using.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class _BoundedReplies(smtplib.SMTP):
    """smtplib's reply reading with limits on the number of lines, the size and the time."""

    _watchdog: _Watchdog

    def getreply(self) -> tuple[int, bytes]:
        lines: list[bytes] = []
        size = 0
        while True:
            line = self._read_line()
            size += len(line)
            if len(lines) >= MAX_REPLY_LINES or size > MAX_REPLY_BYTES:
                self.close()
                raise _ReplyTooLong(
                    f"its reply ran past {MAX_REPLY_LINES} lines or {MAX_REPLY_BYTES // 1024} kB"
                )
            lines.append(line[4:].strip(b" \t\r\n"))
            try:
                code = int(line[:3])
            except ValueError:
                return -1, b"\n".join(lines)
            if line[3:4] != b"-":
                return code, b"\n".join(lines)

    def _read_line(self) -> bytes:
        if self._watchdog.expired:
            self.close()
            raise TimeoutError("the exchange took too long")
        if self.file is None:
            assert self.sock is not None
            self.file = self.sock.makefile("rb")
        try:
            line = self.file.readline(_MAX_LINE + 1)
        except OSError as exc:
            self.close()
            raise smtplib.SMTPServerDisconnected(f"Connection unexpectedly closed: {exc}") from exc
        if not line:
            self.close()
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        if len(line) > _MAX_LINE:
            self.close()
            raise _ReplyTooLong(f"a line of its reply is over {_MAX_LINE} bytes")
        return line


class _Client(_BoundedReplies):
    def __init__(self, host: str, port: int, timeout: float, watchdog: _Watchdog) -> None:
        self._watchdog = watchdog
        watchdog.start(self)
        super().__init__(host, port, timeout=timeout)


class _SSLClient(_BoundedReplies, smtplib.SMTP_SSL):
    def __init__(
        self,
        host: str,
        port: int,
        timeout: float,
        context: ssl.SSLContext | None,
        watchdog: _Watchdog,
    ) -> None:
        self._watchdog = watchdog
        watchdog.start(self)
        super().__init__(host, port, timeout=timeout, context=context)


def deadline(settings: SmtpSettings, size: int) -> float:
    """Seconds one exchange (connect to QUIT) may last: room for a slow server and a slow line,
    a bound for one that answers a little at a time."""
    return DEADLINE_TIMEOUTS * settings.timeout + size / DEADLINE_RATE


def _reply(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else message
    return f"{code} {' '.join(text.split())}".strip()


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """The system's trusted CAs, plus `ca_file` if given; certificates and names are checked."""
    context = ssl.create_default_context()
    if settings.ca_file:
        try:
            context.load_verify_locations(cafile=str(settings.ca_file))
        except (OSError, ssl.SSLError) as exc:
            raise SMTPTLSError(f"cannot load the CA file {settings.ca_file}: {exc}") from None
    return context


def _timed_out(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, TimeoutError | socket.timeout):
            return True
        seen = seen.__context__
    return False


def _connection_error(exc: BaseException, settings: SmtpSettings, when: str) -> MailError:
    """The one-line error for a low-level failure while `when`."""
    server = settings.server
    if _timed_out(exc):
        return SMTPTimeoutError(
            f"the SMTP server {server} did not answer within {settings.timeout:g} s ({when})"
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return SMTPTLSError(
            f"the TLS certificate of {server} is not trusted: {exc.verify_message} "
            "(set [smtp] ca_file if it is signed by your own CA)"
        )
    if isinstance(exc, ssl.SSLError):
        return SMTPTLSError(f"TLS with {server} failed: {exc.reason or exc}")
    if isinstance(exc, ConnectionRefusedError):
        return SMTPConnectionError(f"connection to the SMTP server {server} refused")
    if isinstance(exc, socket.gaierror):
        return SMTPConnectionError(f"unknown SMTP host {settings.host}: {exc.strerror or exc}")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return SMTPConnectionError(f"the SMTP server {server} closed the connection ({when})")
    reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return SMTPConnectionError(f"cannot talk to the SMTP server {server} ({when}): {reason}")


def _connect(
    settings: SmtpSettings, context: ssl.SSLContext | None, watchdog: _Watchdog
) -> smtplib.SMTP:
    host, port, timeout = settings.host or "", settings.effective_port, settings.timeout
    try:
        if settings.security == "ssl":
            return _SSLClient(host, port, timeout, context, watchdog)
        return _Client(host, port, timeout, watchdog)
    except smtplib.SMTPConnectError as exc:  # a greeting other than 220
        reply = _reply(exc.smtp_code, exc.smtp_error)
        if 400 <= exc.smtp_code < 500:
            raise _Transient(reply) from None
        raise SMTPConnectionError(
            f"the SMTP server {settings.server} turned us away: {reply}"
        ) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise _connection_error(exc, settings, "connecting") from None


def _secure_and_login(
    client: smtplib.SMTP,
    settings: SmtpSettings,
    context: ssl.SSLContext | None,
    password: Secret | None,
) -> None:
    client.ehlo_or_helo_if_needed()
    if settings.security == "starttls":
        if not client.has_extn("starttls"):
            raise SMTPTLSError(
                f"the SMTP server {settings.server} does not offer STARTTLS "
                '(use security = "ssl", or "none" only on a trusted network)'
            )
        try:
            client.starttls(context=context)
        except smtplib.SMTPResponseException as exc:
            reply = _reply(exc.smtp_code, exc.smtp_error)
            if 400 <= exc.smtp_code < 500:
                raise _Transient(reply) from None
            raise SMTPTLSError(
                f"the SMTP server {settings.server} refused STARTTLS: {reply}"
            ) from None
        client.ehlo()
    if settings.user:
        if password is None:
            raise SMTPAuthError(f"SMTP user {settings.user} needs a password")
        if not client.has_extn("auth"):
            raise SMTPAuthError(
                f"the SMTP server {settings.server} does not offer AUTH"
                + (" without TLS" if settings.security == "none" else "")
            )
        try:
            _login(client, settings.user, password)
        except smtplib.SMTPAuthenticationError as exc:
            reply = _reply(exc.smtp_code, exc.smtp_error)
            if 400 <= exc.smtp_code < 500:
                raise _Transient(reply) from None
            raise SMTPAuthError(
                f"the SMTP server {settings.server} refused the login of {settings.user}: {reply}"
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise SMTPAuthError(
                f"the SMTP server {settings.server} offers no login method briefer knows"
            ) from None


def _login(client: smtplib.SMTP, user: str, password: Secret) -> None:
    """smtplib's login, except that a non-ASCII user or password goes as UTF-8 over AUTH PLAIN
    (RFC 4616), which smtplib cannot do: it encodes credentials as ASCII."""
    if (user + password.reveal()).isascii():
        client.login(user, password.reveal())
        return
    if "PLAIN" not in client.esmtp_features.get("auth", "").upper().split():
        raise SMTPAuthError(
            "the SMTP user or password is not ASCII, which needs AUTH PLAIN; the server "
            "does not offer it"
        )
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.reveal().encode())
    code, reply = client.docmd("AUTH", "PLAIN " + token.decode("ascii"))
    if code not in (235, 503):  # 503: already authenticated, as smtplib accepts too
        raise smtplib.SMTPAuthenticationError(code, reply)


def _send_content(
    client: smtplib.SMTP, data: bytes, session: _Session, settings: SmtpSettings
) -> tuple[int, str]:
    """DATA by hand (as smtplib does) so we know whether the content left before a failure:
    until the final dot has gone, the server cannot have accepted the message."""
    code, message = client.docmd("data")
    if code != 354:
        return code, _reply(code, message)
    payload = re.sub(rb"(?m)^\.", b"..", data)  # dot-stuffing, RFC 5321 4.5.2
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    try:
        client.send(payload + b".\r\n")
    except (OSError, smtplib.SMTPException) as exc:
        when = "while sending the message, before its end: not sent"
        raise _connection_error(exc, settings, when) from None
    try:
        code, message = client.getreply()
    except (OSError, smtplib.SMTPException):
        raise _Uncertain(session) from None
    return code, _reply(code, message)


def _envelope(
    client: smtplib.SMTP, message: ComposedMessage, recipients: list[str], settings: SmtpSettings
) -> _Session:
    """MAIL FROM and one RCPT TO per recipient; who was accepted, refused or deferred."""
    session = _Session()
    options = [f"SIZE={message.size}"] if client.has_extn("size") else []
    code, raw = client.mail(message.sender.address, options)
    if code != 250:
        _reset(client)
        reply = _reply(code, raw)
        if 400 <= code < 500:
            raise _Transient(reply)
        if code == 552:
            raise _too_large(settings, reply)
        raise MessageRejectedError(f"the SMTP server refused the sender: {reply}")
    for address in recipients:
        code, raw = client.rcpt(address)
        if code == 421:  # the server is closing the connection: try the whole thing again
            raise _Transient(_reply(code, raw))
        if code in (250, 251):
            session.accepted.append(address)
        elif 400 <= code < 500:
            session.deferred[address] = _reply(code, raw)
        else:
            session.refused[address] = _reply(code, raw)
    return session


def _transaction(
    client: smtplib.SMTP, message: ComposedMessage, recipients: list[str], settings: SmtpSettings
) -> _Session:
    session = _envelope(client, message, recipients, settings)
    if not session.accepted:
        _reset(client)
        return session
    code, reply = _send_content(client, message.data, session, settings)
    if code == 250:
        return session
    if 400 <= code < 500:  # the server says it did not take the message: resending is safe
        session.deferred.update(dict.fromkeys(session.accepted, reply))
        session.accepted.clear()
        return session
    if code == 552:
        raise _too_large(settings, reply)
    raise MessageRejectedError(f"the SMTP server refused the message: {reply}")


def _too_large(settings: SmtpSettings, reply: str) -> MessageTooLargeError:
    return MessageTooLargeError(f"the SMTP server {settings.server} refused the size: {reply}")


def _reset(client: smtplib.SMTP) -> None:
    try:
        client.rset()
    except (OSError, smtplib.SMTPException):
        pass


def _close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()


def _attempt(
    message: ComposedMessage,
    recipients: list[str],
    settings: SmtpSettings,
    password: Secret | None,
) -> _Session:
    context = _tls_context(settings) if settings.security != "none" else None
    watchdog = _Watchdog(deadline(settings, message.size))
    try:
        client = _connect(settings, context, watchdog)
        try:
            _secure_and_login(client, settings, context, password)
            return _transaction(client, message, recipients, settings)
        finally:
            _close(client)
    except smtplib.SMTPResponseException as exc:  # e.g. a refused STARTTLS or a 421 anywhere
        if watchdog.expired:
            raise _too_slow(settings, watchdog) from None
        reply = _reply(exc.smtp_code, exc.smtp_error)
        if 400 <= exc.smtp_code < 500:
            raise _Transient(reply) from None
        raise MessageRejectedError(f"the SMTP server {settings.server} said: {reply}") from None
    except (OSError, smtplib.SMTPException, MailError, _Transient) as exc:
        if watchdog.expired:
            raise _too_slow(settings, watchdog) from None
        if isinstance(exc, MailError | _Transient):
            raise
        raise _connection_error(exc, settings, "before the message was sent") from None
    finally:
        watchdog.cancel()


def _too_slow(settings: SmtpSettings, watchdog: _Watchdog) -> SMTPTimeoutError:
    return SMTPTimeoutError(
        f"the SMTP server {settings.server} did not finish within {watchdog.seconds:.0f} s "
        f"({DEADLINE_TIMEOUTS} x timeout, plus 1 s per {DEADLINE_RATE // 1000} kB of message)"
    )


def deliver(
    message: ComposedMessage,
    settings: SmtpSettings,
    password: Secret | None = None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> DeliveryResult:
    """Send `message` to its envelope recipients. Never raises for a delivery failure: the
    result carries the error, so the caller can record what happened before reporting it."""
    if not settings.host:
        raise MailError("no SMTP host: set host in [smtp] or BRIEFER_SMTP_HOST")
    pending = list(message.recipients.envelope)
    accepted: list[str] = []
    refused: dict[str, str] = {}
    attempts = 0
    transient = ""
    while True:
        attempts += 1
        try:
            session = _attempt(message, pending, settings, password)
        except _Transient as exc:
            transient = exc.reply
            deferred = dict.fromkeys(pending, exc.reply)
        except _Uncertain as exc:
            refused.update(exc.session.refused)
            unsure = exc.session.accepted
            uncertain = DeliveryUncertainError(
                f"the connection to {settings.server} broke after the message was sent; it may "
                f"have reached {', '.join(unsure)}, so it is not sent again "
                "(ask them, or see the server's log, before sending again)"
            )
            return _result(UNCERTAIN, accepted, refused, attempts, uncertain, unsure)
        except MailError as failure:
            return _result(PARTIAL if accepted else FAILED, accepted, refused, attempts, failure)
        else:
            accepted.extend(session.accepted)
            refused.update(session.refused)
            deferred = session.deferred
            transient = next(iter(deferred.values()), "")
        if not deferred:
            break
        if attempts > settings.retries:
            refused.update(deferred)
            break
        delay = settings.retry_delay * 2 ** (attempts - 1)
        log.info("the server deferred (%s); trying again in %g s", transient, delay)
        sleep(delay)
        pending = list(deferred)
    return _final(accepted, refused, attempts, transient, settings)


def _final(
    accepted: list[str],
    refused: dict[str, str],
    attempts: int,
    transient: str,
    settings: SmtpSettings,
) -> DeliveryResult:
    """The result once retrying is over: delivered, refused, or deferred to the end."""
    if not refused:
        return _result(DELIVERED, accepted, refused, attempts, None)
    if not accepted and transient and all(r == transient for r in refused.values()):
        deferring = MessageRejectedError(
            f"the SMTP server {settings.server} kept deferring the message after "
            f"{attempts} attempt(s): {transient}"
        )
        return _result(FAILED, accepted, refused, attempts, deferring)
    listing = "; ".join(f"{address} ({reply})" for address, reply in refused.items())
    refusal = RecipientsRefusedError(f"refused by the SMTP server: {listing}")
    return _result(PARTIAL if accepted else REFUSED, accepted, refused, attempts, refusal)


def _result(
    outcome: str,
    accepted: list[str],
    refused: dict[str, str],
    attempts: int,
    error: MailError | None,
    unconfirmed: list[str] | None = None,
) -> DeliveryResult:
    if error is not None:
        done = f"delivered to {', '.join(accepted)}" if accepted else "delivered to nobody"
        if outcome != UNCERTAIN or accepted:
            error = type(error)(f"{error}; {done}")
    return DeliveryResult(
        outcome, tuple(accepted), dict(refused), tuple(unconfirmed or ()), attempts, error
    )
