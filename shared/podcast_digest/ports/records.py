"""The records port: feeds, episodes, summaries, subscribers, subscriptions, deliveries, destinations.

Adapters: SQLite (embedded default) and one DynamoDB table (AWS). Both pass
the same contract suite in tests/contract/.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from podcast_digest.models import (
    Delivery,
    Episode,
    EpisodeStatus,
    Feed,
    Subscriber,
    Subscription,
    Summary,
)
from podcast_digest.models.destination import Destination
from podcast_digest.ports.costs import CostStore


class FeedStore(Protocol):
    def put_feed(self, feed: Feed) -> None: ...
    def get_feed(self, feed_id: str) -> Feed | None: ...
    def find_feed_by_url(self, url: str) -> Feed | None: ...
    def list_feeds(self) -> list[Feed]: ...
    def list_due_feeds(self, now: datetime, limit: int = 1000) -> list[Feed]:
        """Feeds whose next_poll_at is unset or not after now (an index query, never a Scan)."""
        ...

    def delete_feed(self, feed_id: str) -> None: ...


class EpisodeStore(Protocol):
    def add_episode(self, episode: Episode) -> bool:
        """Insert if no episode has this id; True when it was new (never overwrites)."""
        ...

    def put_episode(self, episode: Episode) -> None: ...
    def get_episode(self, episode_id: str) -> Episode | None: ...
    def list_episodes(
        self, feed_id: str | None = None, statuses: Iterable[EpisodeStatus] | None = None
    ) -> list[Episode]:
        """Newest first (published_at, then discovered_at)."""
        ...


class SummaryStore(Protocol):
    def put_summary(self, summary: Summary) -> None: ...
    def get_summary(self, episode_id: str) -> Summary | None: ...


class SubscriberStore(Protocol):
    def put_subscriber(self, subscriber: Subscriber) -> None: ...
    def get_subscriber(self, subscriber_id: str) -> Subscriber | None: ...
    def list_subscribers(self) -> list[Subscriber]: ...
    def delete_subscriber(self, subscriber_id: str) -> None:
        """Removes the subscriber and their subscriptions."""
        ...

    def put_subscription(self, subscription: Subscription) -> None: ...
    def delete_subscription(self, subscriber_id: str, feed_id: str) -> None: ...
    def list_subscriptions_for_feed(self, feed_id: str) -> list[Subscription]: ...
    def list_subscriptions_for_subscriber(self, subscriber_id: str) -> list[Subscription]: ...


class DeliveryStore(Protocol):
    def claim_delivery(self, delivery: Delivery, *, taking_over: Delivery | None = None) -> bool:
        """Write the marker (status 'sending') only if none exists for (subscriber, key), or the
        existing one is open to a new claim (`Delivery.open_to_claim(taking_over)`: it failed, or
        it is the uncertain 'sending' marker `taking_over` that the caller read). Atomic: of
        racing claims, one wins. No age makes a marker claimable: time decides nothing.

        True: the caller owns the send. False: it was sent, or another sender holds it.
        """
        ...

    def complete_delivery(self, subscriber_id: str, delivery_key: str, message_id: str) -> None: ...
    def fail_delivery(self, subscriber_id: str, delivery_key: str, error: str) -> None: ...
    def get_delivery(self, subscriber_id: str, delivery_key: str) -> Delivery | None: ...


class DestinationStore(Protocol):
    """Slack, Discord, webhook and folder destinations. The target (a webhook URL) and signing
    secret are secrets: an adapter may keep them elsewhere (SSM on AWS), never in a log."""

    def put_destination(self, destination: Destination) -> None: ...
    def get_destination(self, destination_id: str) -> Destination | None: ...
    def list_destinations(self) -> list[Destination]:
        """Every destination, active or disabled, oldest first (created_at, then id)."""
        ...

    def delete_destination(self, destination_id: str) -> None:
        """Removes the destination (and its kept secret); its delivery markers stay, as history."""
        ...


class Records(
    FeedStore,
    EpisodeStore,
    SummaryStore,
    SubscriberStore,
    DeliveryStore,
    DestinationStore,
    CostStore,
    Protocol,
):
    """Everything the services persist; one adapter object implements it all."""
