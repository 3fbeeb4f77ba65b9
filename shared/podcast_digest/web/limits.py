"""Rate limits on sign-up: per client (its IP address) and per address, in each clock hour.

Counted with the records' delivery markers (one per sign-up, under a hashed
client or address id and a `signup:<hour>:<n>` key), so the limit holds across
serve's threads, across warm Lambda instances and across restarts, with the
same atomic claim that makes sending exactly-once. The service's own rule
stays on top: one confirmation email per address per hour.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from podcast_digest.errors import PodcastDigestError
from podcast_digest.models import Delivery, subscriber_id_for
from podcast_digest.ports import DeliveryStore


class TooManySignups(PodcastDigestError):
    """Sign-up refused for now; retry_after is in whole seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def client_id(client: str) -> str:
    return "client-" + hashlib.sha256(client.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class SignupLimiter:
    per_client: int = 10
    per_address: int = 3

    def admit(self, deliveries: DeliveryStore, client: str, address: str, now: datetime) -> None:
        """Count one sign-up for the client and the address, or raise TooManySignups."""
        hour = now.replace(minute=0, second=0, microsecond=0)
        for owner, limit in (
            (client_id(client), self.per_client),
            (subscriber_id_for(address), self.per_address),
        ):
            if not self._take_slot(deliveries, owner, limit, hour, now):
                wait = int((hour + timedelta(hours=1) - now).total_seconds()) + 1
                raise TooManySignups(
                    f"too many sign-ups from here this hour: try again in {wait // 60 + 1} minutes", wait
                )

    @staticmethod
    def _take_slot(deliveries: DeliveryStore, owner: str, limit: int, hour: datetime, now: datetime) -> bool:
        prefix = f"signup:{hour:%Y-%m-%dT%H}"
        if deliveries.get_delivery(owner, f"{prefix}:{limit - 1}") is not None:
            return False  # full: one read, no write
        for slot in range(limit):
            if deliveries.claim_delivery(
                Delivery(subscriber_id=owner, delivery_key=f"{prefix}:{slot}", claimed_at=now)
            ):
                return True
        return False
