"""The host-leases port: at most N connections to one podcast host at once, across every poller.

One poll batch bounds its own connections per host; many batches run at
once (one Lambda each), so the bound that a publisher sees must be held in
shared records: a lease is one of a host's N slots, taken with a
conditional write and given back after the request (or expiring by itself
when its holder died).
"""

from typing import Protocol


class HostLeases(Protocol):
    def acquire(self, host: str, holder: str, slots: int, seconds: float) -> int | None:
        """Take a free (or expired) slot of `host` for `seconds`; its number, or None when all are held."""
        ...

    def release(self, host: str, slot: int, holder: str) -> None:
        """Give the slot back, if `holder` still holds it (a lease that expired may be someone else's now)."""
        ...
