"""An email ready to send: what every mailer adapter (outbox, SMTP, SES) receives."""

from pydantic import Field, field_validator

from podcast_digest.models.base import DomainModel
from podcast_digest.models.subscriber import normalise_email


class OutgoingEmail(DomainModel):
    sender: str = Field(description="From: address (a display name is added by the mailer)")
    sender_name: str | None = None
    to: str
    subject: str
    text: str
    html: str
    headers: dict[str, str] = Field(default_factory=dict, description="e.g. List-Unsubscribe")
    tag: str = Field("digest", description="what kind of mail: digest, roundup, confirmation")
    message_id: str | None = Field(
        None,
        pattern=r"^<[A-Za-z0-9.-]{1,200}@[A-Za-z0-9.-]{1,253}>$",
        description="a stable Message-ID set by delivery (the same on every re-send); else the mailer makes one",
    )

    @field_validator("sender", "to")
    @classmethod
    def _address(cls, value: str) -> str:
        return normalise_email(value)

    @field_validator("subject", "sender_name")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        # Feed titles end up in subjects: fold every line break and control char away.
        return (
            None if value is None else " ".join("".join(c if c.isprintable() else " " for c in value).split())
        )

    @field_validator("headers")
    @classmethod
    def _no_header_injection(cls, value: dict[str, str]) -> dict[str, str]:
        for name, content in value.items():
            if not name.replace("-", "").isalnum() or any(c in content for c in "\r\n"):
                raise ValueError(f"header {name!r} has a name or value that could inject headers")
        return value
