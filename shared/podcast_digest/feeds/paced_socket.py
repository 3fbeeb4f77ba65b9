"""The whole of a fetch held to one deadline and one minimum rate, headers included.

body.TransferBudget bounds a body once its headers are in; before that, http.client reads the
status line and headers a line at a time, each read bounded only by the read timeout. A server
that drips its headers (a byte every few seconds, each beating the read timeout) could hold a
fetch for days. So every read of the connection, from the first byte of the answer to the last
byte of the body, goes through a TransferClock:

- after the grace period, what has arrived must average at least the minimum rate;
- the whole fetch must be over by its deadline: the grace period plus what the headers may be
  (HEADER_ALLOWANCE) at the minimum rate, and, once the body's size is known (declared, or its
  cap), that too;
- no single read waits past the moment either rule would fail, so a silent server is cut off
  then, not a read timeout later.

Redirect hops share one clock: a chain of slow hops is one slow fetch.
"""

import io
import socket
import ssl
import time
from typing import Any

from podcast_digest.errors import UpstreamUnavailable
from podcast_digest.feeds.body import TransferBudget

HEADER_ALLOWANCE = 64 * 1024  # bytes of status line and headers a fetch may take at the minimum rate


class TransferClock:
    """How long the rest of one fetch may take (module docstring)."""

    def __init__(self, budget: TransferBudget, *, read_timeout: float, what: str) -> None:
        self._budget = budget
        self._read_timeout = read_timeout
        self.what = what
        self.start = time.monotonic()
        self.received = 0
        self.phase = "its headers"
        self.deadline = budget.deadline_for(HEADER_ALLOWANCE, self.start)

    def expect_body(self, size: int) -> None:
        """The headers are in: the body may be `size` bytes (declared, or its cap)."""
        self.phase = "its body"
        self.deadline = self._budget.deadline_for(HEADER_ALLOWANCE + size, self.start)

    def _limit(self) -> float:
        by_rate = self.start + max(
            self._budget.grace_seconds, self.received / self._budget.min_bytes_per_second
        )
        return min(self.deadline, by_rate)

    def next_timeout(self) -> float:
        """Seconds the next read may wait; raises UpstreamUnavailable once the fetch is out of time."""
        now = time.monotonic()
        limit = self._limit()
        if now >= limit:
            raise self.refusal(now)
        return min(self._read_timeout, limit - now)

    def out_of_time(self) -> bool:
        return time.monotonic() >= self._limit() - 0.005

    def refusal(self, now: float | None = None) -> UpstreamUnavailable:
        elapsed = (now if now is not None else time.monotonic()) - self.start
        rate = self._budget.min_bytes_per_second
        if elapsed >= self.deadline - self.start:
            return UpstreamUnavailable(
                f"{self.what} took too long to arrive ({self.received:,} bytes in {elapsed:.0f} s, past its "
                f"deadline at min_transfer_bytes_per_second={rate:,.0f}); try again later"
            )
        return UpstreamUnavailable(
            f"{self.what} is sending {self.phase} too slowly ({self.received:,} bytes in {elapsed:.0f} s, "
            f"under min_transfer_bytes_per_second={rate:,.0f}); try again later"
        )


class _PacedReader(io.RawIOBase):
    """The connection's byte stream, every read bounded by the clock."""

    def __init__(self, raw: io.RawIOBase, sock: socket.socket, clock: TransferClock) -> None:
        super().__init__()
        self._raw = raw
        self._sock = sock
        self._clock = clock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self._sock.settimeout(self._clock.next_timeout())
        try:
            count = self._raw.readinto(buffer)
        except TimeoutError as exc:
            if self._clock.out_of_time():
                raise self._clock.refusal() from exc
            raise  # the read timeout itself: the callers say so
        self._clock.received += count or 0
        return count or 0

    def close(self) -> None:
        self._raw.close()
        super().close()


class PacedSocket:
    """A connected socket (plain or TLS) whose answer is read through a TransferClock.

    http.client reads only through `makefile`; everything else is the socket's own."""

    def __init__(self, sock: socket.socket | ssl.SSLSocket, clock: TransferClock) -> None:
        self._sock = sock
        self.clock = clock

    def makefile(self, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BufferedReader:
        # The socket's own unbuffered file keeps its reference counting: the connection may close the
        # socket while the response is still being read (Connection: close).
        raw = self._sock.makefile("rb", buffering=0)
        return io.BufferedReader(_PacedReader(raw, self._sock, self.clock))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)
