"""WebhookSender: the summary as JSON to any receiver, signed (destinations/signatures.py).

The body: `{"type": "summary.published", "delivery_key", "feed_title",
"episode": {...}, "full_summary_url", "summary": <the summary JSON>}`; the summary
is the model's own serialisation, the stable contract (docs/summary-json.md).
Headers: the timestamp, the HMAC-SHA256 signature over timestamp + "." + body,
and Idempotency-Key (stable across re-sends).
"""

import json
import time
from collections.abc import Callable

from podcast_digest.adapters.destinations.hook_client import HookClient, header_retry_after
from podcast_digest.destinations.signatures import (
    IDEMPOTENCY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature,
)
from podcast_digest.errors import ConfigurationError
from podcast_digest.models.destination import Destination, Post
from podcast_digest.settings import Settings


def webhook_payload(post: Post, delivery_key: str) -> dict[str, object]:
    episode = post.episode
    return {
        "type": "summary.published",
        "delivery_key": delivery_key,
        "feed_title": post.feed_title,
        "episode": {
            "episode_id": episode.episode_id,
            "feed_id": episode.feed_id,
            "title": episode.title,
            "link": episode.link,
            "published_at": episode.published_at.isoformat() if episode.published_at else None,
            "duration_seconds": episode.duration_seconds,
        },
        "full_summary_url": post.full_summary_url,
        "summary": post.summary.model_dump(mode="json"),
    }


class WebhookSender:
    """The DestinationSender for generic JSON webhooks."""

    def __init__(
        self, settings: Settings, client: HookClient | None = None, now: Callable[[], float] = time.time
    ) -> None:
        self._client = client or HookClient(settings)
        self._now = now

    def send(self, destination: Destination, post: Post, delivery_key: str) -> None:
        if destination.signing_secret is None:
            raise ConfigurationError(
                f"webhook destination {destination.destination_id} has no signing secret: remove it and add it again"
            )
        body = json.dumps(webhook_payload(post, delivery_key), ensure_ascii=False).encode("utf-8")
        timestamp = str(int(self._now()))
        headers = {
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: signature(destination.signing_secret.get_secret_value(), timestamp, body),
            IDEMPOTENCY_HEADER: delivery_key,
        }
        self._client.post(destination.target.get_secret_value(), body, headers, "webhook", header_retry_after)
