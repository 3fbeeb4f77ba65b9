"""Rate limits on sign-up: per client (its IP address) and per address, in a sliding hour.

On top of the service's own rule (one confirmation email per address per
hour, kept in the records), these stop one client from walking a list of
addresses. They are per process: `serve` is one process; each warm Lambda
instance keeps its own, and API Gateway's throttling bounds the rest.
"""

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from podcast_digest.errors import PodcastDigestError

WINDOW_SECONDS = 3600.0


class TooManySignups(PodcastDigestError):
    """Sign-up refused for now; retry_after is in whole seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class SignupLimiter:
    per_client: int = 10
    per_address: int = 3
    clock: Callable[[], float] = time.monotonic
    _seen: dict[str, deque[float]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def admit(self, client: str, address: str) -> None:
        """Count one sign-up, or raise TooManySignups (nothing is counted then)."""
        now = self.clock()
        with self._lock:
            keys = [
                (f"client:{client}", self.per_client),
                (f"address:{address.strip().lower()}", self.per_address),
            ]
            for key, limit in keys:
                recent = self._recent(key, now)
                if len(recent) >= limit:
                    wait = int(recent[0] + WINDOW_SECONDS - now) + 1
                    raise TooManySignups(
                        f"too many sign-ups from here in the last hour: try again in {wait // 60 + 1} minutes",
                        wait,
                    )
            for key, _ in keys:
                self._recent(key, now).append(now)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._seen.setdefault(key, deque())
        while times and times[0] <= now - WINDOW_SECONDS:
            times.popleft()
        if len(self._seen) > 100_000:  # a flood of distinct clients must not grow memory without end
            self._seen = {k: v for k, v in self._seen.items() if v}
        return times
