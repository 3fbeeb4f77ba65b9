"""Build the MIME message every mailer sends (outbox, SMTP, SES raw): one function, one format.

multipart/alternative with text/plain first and text/html last (clients show
the last part they understand), UTF-8 throughout, headers built by the
standard library's header registry so a display name or subject with non-ASCII
text is encoded (RFC 2047) and nothing is ever glued together as a string.
"""

from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

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


def _one_line(value: str) -> str:
    # The model folds these already; a model_construct()ed email skips validation, so fold again.
    return " ".join("".join(c if c.isprintable() else " " for c in value).split())


def build_message(email: OutgoingEmail, *, message_id_domain: str | None = None) -> EmailMessage:
    """The complete message; its Message-ID is the email's stable one, else a fresh one on the sender's domain."""
    message = EmailMessage(policy=policy.SMTP)
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
        message[name] = value
    # Quoted-printable keeps every line 7-bit and under 78 characters: safe through any relay,
    # with or without 8BITMIME, and through SES raw sending.
    message.set_content(email.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(email.html, subtype="html", charset="utf-8", cte="quoted-printable")
    for part in message.iter_parts():
        del part["MIME-Version"]  # belongs on the top level only
    return message
