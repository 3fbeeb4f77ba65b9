"""Who gets digests, of which feeds, how often, and the exactly-once delivery marker."""

import re
from datetime import datetime
from enum import StrEnum

from pydantic import Field, field_validator

from podcast_digest.models.base import DomainModel

# Deliberately strict: an address goes into a mail header, so anything that
# could smuggle a header (CR, LF, comma, angle brackets, quotes) is refused.
_ADDRESS = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


def normalise_email(value: str) -> str:
    """Return the address trimmed and with a lower-cased domain, or raise ValueError saying why."""
    address = value.strip()
    if not _ADDRESS.fullmatch(address) or len(address) > 254 or ".." in address:
        raise ValueError(
            f"{value!r} is not a valid email address: use the plain form name@example.com "
            "(no display name, spaces or line breaks)"
        )
    local, domain = address.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


class SubscriberStatus(StrEnum):
    PENDING = "pending"  # waiting for double opt-in confirmation
    CONFIRMED = "confirmed"
    UNSUBSCRIBED = "unsubscribed"
    SUPPRESSED = "suppressed"  # hard bounce or complaint: never mailed again


class Frequency(StrEnum):
    PER_EPISODE = "per_episode"
    DAILY = "daily"
    WEEKLY = "weekly"


class Subscriber(DomainModel):
    subscriber_id: str
    email: str
    name: str | None = Field(None, max_length=200)
    status: SubscriberStatus = SubscriberStatus.PENDING
    created_at: datetime | None = None
    confirmed_at: datetime | None = None
    suppressed_reason: str | None = None

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str) -> str:
        return normalise_email(value)

    @field_validator("name")
    @classmethod
    def _single_line_name(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return " ".join(value.split()) or None  # no CR/LF can reach a header

    @property
    def can_receive(self) -> bool:
        return self.status is SubscriberStatus.CONFIRMED


class Subscription(DomainModel):
    subscriber_id: str
    feed_id: str
    frequency: Frequency = Frequency.PER_EPISODE
    created_at: datetime | None = None


class DeliveryStatus(StrEnum):
    SENDING = "sending"  # claimed: written conditionally before the send; its outcome is not known yet
    SENT = "sent"
    FAILED = "failed"  # the mailer said it did not go: open to a new claim


class Delivery(DomainModel):
    """The exactly-once marker: one per subscriber and episode (or roundup period).

    A marker left 'sending' is never read as sent: its sender stopped (crash,
    kill, Ctrl-C) before it knew the outcome. The next sender takes it over by
    its `claim_id` (so of racing takeovers exactly one wins) and sends again
    with the same stable Message-ID; see podcast_digest.delivery.
    """

    subscriber_id: str
    delivery_key: str = Field(description="episode id, or 'roundup:<period>'")
    status: DeliveryStatus = DeliveryStatus.SENDING
    claim_id: str | None = Field(
        None, description="random per claim: a takeover replaces only the claim it saw"
    )
    message_id: str | None = None
    error: str | None = None
    claimed_at: datetime | None = None
    sent_at: datetime | None = None

    def open_to_claim(self, taking_over: "Delivery | None" = None) -> bool:
        """Whether a new claim may replace this marker: it failed, or it is the very 'sending'
        claim the new sender saw and means to take over (`taking_over`)."""
        if self.status is DeliveryStatus.FAILED:
            return True
        return (
            self.status is DeliveryStatus.SENDING
            and taking_over is not None
            and taking_over.status is DeliveryStatus.SENDING
            and taking_over.claim_id == self.claim_id
        )
