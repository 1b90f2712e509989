"""Addresses and header values: checked for syntax (no DNS) and for line breaks before any
message is made, so a hostile value can never add a header or a recipient."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import formataddr, getaddresses
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.errors import MailError

if TYPE_CHECKING:
    from briefer.mail.settings import EmailSettings

# Line breaks Python or a mail client might honour, and the other C0/C1 controls except tab.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")


def check_header_value(value: str, what: str) -> str:
    """`value` unchanged, or MailError if it holds a line break or another control character."""
    bad = _FORBIDDEN.search(value)
    if bad:
        kind = "a line break" if bad[0] in "\r\n\x85\u2028\u2029" else "a control character"
        raise MailError(f"{what} contains {kind} ({bad[0]!r}), which is not allowed in a header")
    return value


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')  # a quoted display name, escapes included


def split_addresses(
    values: list[str] | tuple[str, ...], what: str | None = "address"
) -> tuple[str, ...]:
    """Flags and config values may hold several addresses separated by commas or semicolons;
    a separator inside a quoted name ("Doe, Jane" <jane@x>) does not split. Each address is
    read by `email.utils.getaddresses` and returned as `"Name" <address>` or `address`;
    MailError names anything that is not one whole address (after `what: `, if given)."""
    out: list[str] = []
    for value in values:
        check_header_value(value, what or "an address")
        # Quoted names masked (same length), so separators and brackets are found outside them.
        masked = _QUOTED.sub(lambda m: "_" * len(m[0]), value)
        if '"' in masked or masked.count("<") != masked.count(">"):
            raise MailError(_said(what, f"unbalanced quotes or brackets in {value.strip()!r}"))
        bounds = [-1, *(i for i, c in enumerate(masked) if c in ",;"), len(value)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            piece = value[start + 1 : end].strip()
            if piece:
                out.append(_one_address(piece, what))
    return tuple(out)


def _said(what: str | None, problem: str) -> str:
    return f"{what}: {problem}" if what else problem


def _one_address(piece: str, what: str | None) -> str:
    parsed = getaddresses([piece])
    name, address = parsed[0] if len(parsed) == 1 else ("", "")
    # getaddresses keeps what it can read and drops the rest: "bad address" gives "bad".
    whole = bool(name) or address == piece.strip("<> ")
    if not address or not whole:
        raise MailError(_said(what, f"{piece!r} is not a valid e-mail address"))
    if not name:
        return address
    return '"{}" <{}>'.format(name.replace("\\", "\\\\").replace('"', '\\"'), address)


@dataclass(frozen=True)
class Mailbox:
    """One checked address; `address` is the normalised addr-spec used on the envelope."""

    address: str
    name: str = ""

    def header(self) -> Address:
        local, _, domain = self.address.rpartition("@")
        return Address(display_name=self.name, username=local, domain=domain)

    def __str__(self) -> str:
        return formataddr((self.name, self.address)) if self.name else self.address


@dataclass(frozen=True)
class Recipients:
    """To, Cc and Bcc, each address once (in the most visible field it was given for)."""

    to: tuple[Mailbox, ...] = ()
    cc: tuple[Mailbox, ...] = ()
    bcc: tuple[Mailbox, ...] = ()

    @property
    def envelope(self) -> tuple[str, ...]:
        """Every address the server is asked to deliver to; Bcc never appears in a header."""
        return tuple(m.address for m in (*self.to, *self.cc, *self.bcc))


_NAMED = re.compile(r"\s*(?P<name>.*?)\s*<(?P<address>[^<>]*)>\s*")


def parse_mailbox(text: str, what: str) -> Mailbox:
    """`jane@example.org` or `Jane Doe <jane@example.org>`; MailError says what is wrong."""
    from email_validator import EmailNotValidError, validate_email

    check_header_value(text, what)
    match = _NAMED.fullmatch(text)
    if match:
        name, address = match["name"], match["address"].strip()
        if len(name) >= 2 and name[0] == name[-1] == '"':
            name = name[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    else:
        name, address = "", text.strip()
    if not address:
        raise MailError(f"{what}: no address in {text!r}")
    try:
        checked = validate_email(address, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise MailError(f"{what}: {address!r} is not a valid e-mail address: {exc}") from None
    return Mailbox(checked.ascii_email or checked.normalized, name.strip())


_PREFIX = re.compile(r"(?i)^(to|cc|bcc)\s*:\s*")
_COMMENT = re.compile(r"(^|\s)#.*$")


def read_list_file(path: Path) -> list[tuple[str, str]]:
    """A distribution list: one address a line, `#` starts a comment, blank lines are skipped,
    and a line may start with `cc:` or `bcc:` (default: To). Returns (field, address) pairs."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MailError(f"distribution list not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MailError(f"cannot read distribution list {path}: {exc}") from None
    out = []
    for line in text.splitlines():
        line = _COMMENT.sub("", line).strip()
        if not line:
            continue
        prefix = _PREFIX.match(line)
        kind = prefix[1].lower() if prefix else "to"
        out.append((kind, line[prefix.end() :] if prefix else line))
    return out


def resolve_recipients(email: EmailSettings) -> Recipients:
    """All recipients from flags/config and distribution lists, checked and deduplicated."""
    given: dict[str, list[tuple[str, str]]] = {"to": [], "cc": [], "bcc": []}
    for kind in ("to", "cc", "bcc"):
        given[kind] = [(value, f"--{kind} address") for value in getattr(email, kind)]
    for path in email.lists:
        for number, (kind, value) in enumerate(read_list_file(path), start=1):
            given[kind].append((value, f"{path} (entry {number})"))
    seen: set[str] = set()
    chosen: dict[str, list[Mailbox]] = {"to": [], "cc": [], "bcc": []}
    for kind in ("to", "cc", "bcc"):
        for value, what in given[kind]:
            mailbox = parse_mailbox(value, what)
            key = mailbox.address.lower()
            if key not in seen:
                seen.add(key)
                chosen[kind].append(mailbox)
    if not seen:
        raise MailError("no recipients: give --to or --list, or set to/list in [email]")
    return Recipients(tuple(chosen["to"]), tuple(chosen["cc"]), tuple(chosen["bcc"]))


def resolve_sender(email: EmailSettings) -> Mailbox:
    if not email.sender:
        raise MailError("no sender: give --from or set from in [email]")
    return parse_mailbox(email.sender, "sender (--from)")
