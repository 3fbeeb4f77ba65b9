"""The mailer port: outbox folder or SMTP locally, SES (raw MIME) in AWS."""

from typing import Protocol

from podcast_digest.models import OutgoingEmail


class Mailer(Protocol):
    def send(self, email: OutgoingEmail) -> str:
        """Send one message; returns its Message-ID (or the provider's id)."""
        ...
