"""Where a finished summary goes besides email: Slack, Discord, a signed JSON webhook, a folder.

A destination is held to the same exactly-once records as an email recipient:
its deliveries are `Delivery` markers whose subscriber id is
`destination_recipient_id(destination_id)`.
"""

from datetime import datetime
from enum import StrEnum

from pydantic import Field, SecretStr

from podcast_digest.models.base import DomainModel
from podcast_digest.models.episode import Episode
from podcast_digest.models.summary import Summary


class DestinationKind(StrEnum):
    SLACK = "slack"
    DISCORD = "discord"
    WEBHOOK = "webhook"
    FOLDER = "folder"


class DestinationStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"  # the far end said it is gone (404/410) or refuses us for good


class Destination(DomainModel):
    destination_id: str
    kind: DestinationKind
    target: SecretStr = Field(
        description="webhook URL (a secret: never logged or printed whole) or, for a folder, its path"
    )
    signing_secret: SecretStr | None = Field(
        None, description="a JSON webhook's HMAC-SHA256 key (a secret like the URL); None for other kinds"
    )
    feed_ids: list[str] = Field(default_factory=list, description="empty: every feed")
    status: DestinationStatus = DestinationStatus.ACTIVE
    disabled_reason: str | None = None
    created_at: datetime | None = None

    def wants(self, feed_id: str) -> bool:
        return self.status is DestinationStatus.ACTIVE and (not self.feed_ids or feed_id in self.feed_ids)

    def stored(self) -> dict[str, object]:
        """The record as a store keeps it: JSON-ready, with the secrets in the clear (stores only)."""
        data = self.model_dump(mode="json")
        data["target"] = self.target.get_secret_value()
        data["signing_secret"] = self.signing_secret.get_secret_value() if self.signing_secret else None
        return data


class Post(DomainModel):
    """One finished episode as every destination receives it."""

    summary: Summary
    episode: Episode
    feed_title: str = ""
    full_summary_url: str | None = None


def destination_recipient_id(destination_id: str) -> str:
    """The `Delivery.subscriber_id` of a destination's markers (never a subscriber's id)."""
    return f"destination-{destination_id}"
