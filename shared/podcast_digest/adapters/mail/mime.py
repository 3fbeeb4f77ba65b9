"""Build the MIME message every mailer sends (outbox, SMTP, SES raw): one function, one format.

multipart/alternative with text/plain first and text/html last (clients show
the last part they understand), UTF-8 throughout, headers built by the
standard library's header registry so a display name or subject with non-ASCII
text is encoded (RFC 2047) and nothing is ever glued together as a string.

Headers whose grammar has no room for RFC 2047 encoded words (List-Unsubscribe,
List-Id, Message-ID, … : URIs and ids in angle brackets) are written verbatim:
the standard library would fold a long one-click link into
`=?utf-8?q?=3Chttps…?=`, which Gmail and Yahoo do not read as a link. They
must be printable ASCII (URLs percent-encoded), are folded only after a comma
between elements (where RFC 5322 allows folding white space), and a line
longer than RFC 5322's 998 characters is refused.
"""

from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, make_msgid
from typing import Any

from podcast_digest.models import OutgoingEmail

# Headers build_message owns. An extra header with one of these names could add
# recipients (Bcc, Cc), forge the sender or break the MIME structure: refused.
RESERVED_HEADERS = frozenset(
    name.lower()
    for name in (
        "From",
        "Sender",
        "To",
        "Cc",
        "Bcc",
        "Reply-To",
        "Subject",
        "Date",
        "Message-ID",
        "MIME-Version",
        "Content-Type",
        "Content-Transfer-Encoding",
        "Content-Disposition",
        "Return-Path",
    )
)


# Angle-bracketed URIs and ids: never encoded words, folded only between elements.
VERBATIM_HEADERS = frozenset(
    name.lower()
    for name in (
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "List-Id",
        "List-Help",
        "List-Archive",
        "Message-ID",
    )
)
_LINE_LIMIT = 998  # RFC 5322 2.1.1: MUST
_FOLD_AT = 78  # RFC 5322 2.1.1: SHOULD


def fold_verbatim(name: str, value: str, linesep: str = "\r\n") -> str:
    """'Name: <a>, <b>' folded only after the commas between elements, each line within 998 characters."""
    text = " ".join(str(value).split())
    if not text.isascii() or not text.isprintable():
        raise ValueError(f"header {name!r} must be printable ASCII (percent-encode URLs): {text[:60]!r}")
    lines = [f"{name}:"]
    for element in (part.strip() for part in text.split(", ")):
        separator = " " if lines[-1].endswith(":") else ", "
        if len(lines[-1]) + len(separator) + len(element) > _FOLD_AT and not lines[-1].endswith(":"):
            lines[-1] += ","
            lines.append(f" {element}")
        else:
            lines[-1] += f"{separator}{element}"
    if any(len(line) > _LINE_LIMIT for line in lines):
        raise ValueError(f"header {name!r} has an element longer than RFC 5322's 998-character line limit")
    return linesep.join(lines) + linesep


class WirePolicy(EmailPolicy):
    """policy.SMTP, except that VERBATIM_HEADERS go on the wire as written (see the module doc)."""

    def fold(self, name: str, value: Any) -> str:
        if name.lower() in VERBATIM_HEADERS:
            return fold_verbatim(name, value, self.linesep)
        return str(super().fold(name, value))

    def fold_binary(self, name: str, value: Any) -> bytes:
        if name.lower() in VERBATIM_HEADERS:
            return fold_verbatim(name, value, self.linesep).encode("ascii")
        return bytes(super().fold_binary(name, value))


WIRE = WirePolicy(linesep="\r\n")


def _list_label(tag: str) -> str:
    return (
        "".join(c if c.isascii() and (c.isalnum() or c == "-") else "-" for c in tag).strip("-") or "digest"
    )


def _one_line(value: str) -> str:
    # The model folds these already; a model_construct()ed email skips validation, so fold again.
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())


def build_message(email: OutgoingEmail, *, message_id_domain: str | None = None) -> EmailMessage:
    """The complete message; its Message-ID is the email's stable one, else a fresh one on the sender's domain."""
    message = EmailMessage(policy=WIRE)
    sender_local, sender_domain = email.sender.rsplit("@", 1)
    message["From"] = Address(
        display_name=_one_line(email.sender_name or ""), username=sender_local, domain=sender_domain
    )
    to_local, to_domain = email.to.rsplit("@", 1)
    message["To"] = Address(username=to_local, domain=to_domain)
    message["Subject"] = _one_line(email.subject)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = email.message_id or make_msgid(domain=message_id_domain or sender_domain)
    for name, value in email.headers.items():
        if name.lower() in RESERVED_HEADERS:
            raise ValueError(
                f"extra header {name!r} is set by the mailer itself; pass it through OutgoingEmail's own fields"
            )
        if not name.replace("-", "").isalnum() or any(c in value for c in "\r\n"):
            raise ValueError(f"header {name!r} has a name or value that could inject headers")
        if name.lower() in VERBATIM_HEADERS:
            fold_verbatim(name, value)  # refused now (not ASCII, too long), not when a mailer serialises it
        message[name] = value
    if not any(name.lower() == "list-id" for name in email.headers):
        # RFC 2919: lets inbox filters and providers tell this kind of mail from the sender's other mail.
        message["List-Id"] = f"<{_list_label(email.tag)}.{sender_domain}>"
    # Quoted-printable keeps every line 7-bit and under 78 characters: safe through any relay,
    # with or without 8BITMIME, and through SES raw sending.
    message.set_content(email.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(email.html, subtype="html", charset="utf-8", cte="quoted-printable")
    for part in message.iter_parts():
        del part["MIME-Version"]  # belongs on the top level only
    return message
