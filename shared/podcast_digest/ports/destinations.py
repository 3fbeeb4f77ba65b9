"""The destinations port: one adapter per kind (Slack, Discord, webhook, folder).

`send` delivers one Post and returns nothing when the far end took it. It says
what went wrong with the errors delivery already tells apart:
- TransientError: 5xx, timeout, connection dropped: try again later;
- UpstreamThrottled: 429 (Retry-After is capped by our settings, never the server's word alone);
- BadInputError: a 4xx that will not change (404/410: the destination is disabled with the reason);
- DeliveryUncertain: the request went out and no answer came: the marker stays 'sending'.
`delivery_key` is stable across re-sends so a receiver can deduplicate.
"""

from typing import Protocol

from podcast_digest.models.destination import Destination, Post


class DestinationSender(Protocol):
    def send(self, destination: Destination, post: Post, delivery_key: str) -> None: ...
