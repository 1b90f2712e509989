"""Errors the user can act on: the CLI prints `str(error)` on one line, exits `exit_code`."""


class BrieferError(Exception):
    exit_code = 1


class SourceError(BrieferError):
    """No sources, an unreadable file or a malformed manifest."""

    exit_code = 2


class ConfigError(BrieferError):
    """A bad flag value, an unknown section or a malformed config file."""

    exit_code = 3


class OutputError(BrieferError):
    """The output cannot be written where it was asked for."""

    exit_code = 4


class ModelError(BrieferError):
    """The spaCy pipeline named in the config is not installed."""

    exit_code = 5


class MailError(BrieferError):
    """The message cannot be made: no sender or recipient, a malformed address, CR/LF in a
    header value. Its subclasses are the ways sending can fail; the PDF is always kept."""

    exit_code = 10


class MessageTooLargeError(MailError):
    """The message is over the size limit (ours, checked before connecting, or the server's)."""

    exit_code = 11


class SMTPConnectionError(MailError):
    """The SMTP server cannot be reached: connection refused, unknown host, dropped."""

    exit_code = 12


class SMTPTimeoutError(MailError):
    """The SMTP server did not answer in time."""

    exit_code = 13


class SMTPTLSError(MailError):
    """TLS could not be set up: bad or untrusted certificate, no STARTTLS offered."""

    exit_code = 14


class SMTPAuthError(MailError):
    """Login refused, not offered by the server, or no password available."""

    exit_code = 15


class RecipientsRefusedError(MailError):
    """The server refused some or all recipients; the others (if any) got the message."""

    exit_code = 16


class MessageRejectedError(MailError):
    """The server refused the message for good (5xx) or kept deferring it (4xx) past retries."""

    exit_code = 17


class DeliveryUncertainError(MailError):
    """The connection broke after the message was sent: it may have been delivered, so it is
    not sent again."""

    exit_code = 18
