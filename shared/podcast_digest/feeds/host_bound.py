"""Politeness across pollers: a Fetcher that holds one of a host's shared slots for each request.

poll_feeds bounds connections per host within one poll; in the stack many
poll_feed_batch invocations run at once, each with its own bound, so one
popular host (a podcast hosting platform serves thousands of feeds) could
see dozens of connections. This decorator takes a lease (ports.host_leases)
before every fetch and gives it back after, so all pollers together hold at
most `per_host` connections to a host. A poller that finds every slot held
waits with backoff; past `max_wait_seconds` it gives up on that feed for now
(UpstreamThrottled: the feed is polled again after a short backoff).

`stream` (episode audio, in the transcribe step) passes through: those
downloads are bounded by the transcribe function's reserved concurrency.
"""

from __future__ import annotations

import logging
import random
import time
import urllib.parse
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from podcast_digest.errors import UpstreamThrottled
from podcast_digest.feeds.fetch import is_local_reference

if TYPE_CHECKING:
    from podcast_digest.ports import Fetcher, FetchResult
    from podcast_digest.ports.fetcher import StreamedBody
    from podcast_digest.ports.host_leases import HostLeases

log = logging.getLogger(__name__)

HOST_BUSY_RETRY_SECONDS = 120.0


class HostBoundFetcher:
    """The Fetcher port, with every fetch holding one of its host's `per_host` shared slots."""

    def __init__(
        self,
        fetcher: Fetcher,
        leases: HostLeases,
        *,
        per_host: int,
        lease_seconds: float,
        max_wait_seconds: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._fetcher = fetcher
        self._leases = leases
        self._per_host = max(1, per_host)
        self._lease_seconds = lease_seconds
        self._max_wait = max_wait_seconds
        self._sleep = sleep

    def fetch(self, url: str, **options: Any) -> FetchResult:
        host = _host_of(url)
        if host is None:
            return self._fetcher.fetch(url, **options)
        holder = uuid.uuid4().hex
        slot = self._take_slot(host, holder)
        try:
            return self._fetcher.fetch(url, **options)
        finally:
            self._leases.release(host, slot, holder)

    def stream(self, url: str, *, max_bytes: int, base: str | None = None) -> tuple[StreamedBody, str | None]:
        return self._fetcher.stream(url, max_bytes=max_bytes, base=base)

    def _take_slot(self, host: str, holder: str) -> int:
        waited, attempt = 0.0, 0
        while True:
            slot = self._leases.acquire(host, holder, self._per_host, self._lease_seconds)
            if slot is not None:
                return slot
            if waited >= self._max_wait:
                raise UpstreamThrottled(
                    f"{host} already has {self._per_host} connections from other pollers (poll_per_host); "
                    f"this feed is polled again in about {HOST_BUSY_RETRY_SECONDS:.0f} s",
                    retry_after=HOST_BUSY_RETRY_SECONDS,
                )
            delay = min(2.0, 0.05 * 2**attempt) * (0.5 + random.random())
            attempt += 1
            if attempt == 1:
                log.info("every connection slot of %s is held: waiting for one", host)
            self._sleep(delay)
            waited += delay


def _host_of(url: str) -> str | None:
    if is_local_reference(url):
        return None
    host = urllib.parse.urlsplit(url).hostname
    return host.lower() if host else None
