"""OutboxMailer: "sends" by writing each message to a folder, the offline default.

Each message becomes ``<UTC time>-<subject slug>-<short id>.eml`` (the exact
MIME a mail server would get; any mail client opens it) and a sibling
``.html`` with the HTML part, to open in a browser. Both are written to a
hidden temporary file, fsynced, then hard-linked into place: the link fails
rather than replace an existing file, so a message is never overwritten and
never seen half-written. The ``.html`` lands first, so whoever sees an
``.eml`` can open its sibling.
"""

import contextlib
import os
import re
import secrets
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from podcast_digest.adapters.mail.mime import build_message
from podcast_digest.models import OutgoingEmail

_SLUG_LENGTH = 60
_NAME_ATTEMPTS = 5


def subject_slug(subject: str) -> str:
    """'Épisode 12: ça marche!' → 'episode-12-ca-marche' (ASCII, at most 60 characters)."""
    ascii_text = unicodedata.normalize("NFKD", subject).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_LENGTH].rstrip("-") or "message"


def _write_new(folder: Path, name: str, data: bytes) -> None:
    """Write data to folder/name, atomically; FileExistsError if that name is taken."""
    descriptor, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.link(temp_name, folder / name)  # atomic, and refuses to replace
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)


class OutboxMailer:
    """A Mailer that writes messages to ``folder`` (created if missing)."""

    def __init__(self, folder: Path, *, message_id_domain: str | None = None) -> None:
        self.folder = Path(folder)
        self._message_id_domain = message_id_domain

    def send(self, email: OutgoingEmail) -> str:
        message = build_message(email, message_id_domain=self._message_id_domain)
        eml = message.as_bytes()
        html = email.html.encode("utf-8")  # the HTML part exactly as rendered (MIME adds a newline)
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        slug = subject_slug(email.subject)
        for _ in range(_NAME_ATTEMPTS):
            stem = f"{stamp}-{slug}-{secrets.token_hex(4)}"
            try:
                _write_new(self.folder, f"{stem}.html", html)
            except FileExistsError:
                continue
            try:
                _write_new(self.folder, f"{stem}.eml", eml)
            except FileExistsError:
                (self.folder / f"{stem}.html").unlink()
                continue
            return str(message["Message-ID"])
        raise FileExistsError(
            f"could not find a free file name in {self.folder} after {_NAME_ATTEMPTS} tries: "
            "check that nothing else is writing there"
        )
