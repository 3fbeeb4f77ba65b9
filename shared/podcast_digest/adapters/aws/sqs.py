"""The poll fan-out queue: due feeds go out in batches, one poll_feed_batch invocation per message."""

import json
from typing import Any

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.errors import translated_client
from podcast_digest.errors import UpstreamUnavailable

SEND_BATCH = 10  # SQS SendMessageBatch takes at most ten entries


class FeedBatchQueue:
    """Sends lists of feed ids to the poll queue."""

    def __init__(self, queue_url: str, client: Any = None) -> None:
        self.queue_url = queue_url
        self._client = client

    @property
    def client(self) -> Any:
        return translated_client(self._client if self._client is not None else clients.sqs(), "SQS")

    def send(self, batches: list[list[str]], scheduled_at: str) -> int:
        """Queue each batch as one message; returns how many were queued. Raises if SQS refused any."""
        sent = 0
        for start in range(0, len(batches), SEND_BATCH):
            chunk = batches[start : start + SEND_BATCH]
            entries = [
                {"Id": str(n), "MessageBody": json.dumps({"feed_ids": ids, "scheduled_at": scheduled_at})}
                for n, ids in enumerate(chunk)
            ]
            response = self.client.send_message_batch(QueueUrl=self.queue_url, Entries=entries)
            failed = response.get("Failed", [])
            if failed:
                reasons = "; ".join(f"{f.get('Code')}: {f.get('Message')}" for f in failed)
                raise UpstreamUnavailable(f"SQS refused {len(failed)} poll batch(es): {reasons}")
            sent += len(chunk)
        return sent
