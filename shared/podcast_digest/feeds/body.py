"""A response body read with a size cap that holds after decompression.

A server chooses both how many bytes it sends and how they are compressed:
a 100 KB gzip body can inflate to gigabytes. The cap therefore applies to the
decoded bytes, and decompression is asked for at most what the cap still
allows, so memory stays bounded whatever arrives.
"""

import http.client
import io
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from podcast_digest.errors import UnsafeInputError, UpstreamUnavailable

CHUNK = 64 * 1024
EXPANSION_GRACE = 1024 * 1024  # decoded bytes before the expansion ratio is judged


class RawSource(Protocol):
    def read(self, amt: int, /) -> bytes: ...


def _decompressor(encoding: str, first: bytes) -> "zlib._Decompress | None":
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        # "deflate" is meant to be zlib-wrapped, but many servers send raw deflate.
        wrapped = len(first) >= 2 and (first[0] & 0x0F) == 8 and ((first[0] << 8) | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
    return None


@dataclass(frozen=True)
class TransferBudget:
    """How long a body may take: a server never decides how long we wait.

    After `grace_seconds` the body must have arrived at `min_bytes_per_second` on
    average, so a server dripping a byte every half second (each beating the read
    timeout) is cut off within the grace period; `deadline_for` makes the overall
    deadline the time the size cap (or the declared, smaller length) takes at that rate.
    """

    min_bytes_per_second: float
    grace_seconds: float

    def deadline_for(self, size: int, start: float) -> float:
        return start + self.grace_seconds + size / self.min_bytes_per_second


class CappedBody(io.RawIOBase):
    """A readable, decoded, size-capped view of a raw body.

    `too_big` builds the error raised when the decoded size passes max_bytes
    (it names the limit and the setting); `deadline` (a time.monotonic value)
    stops a server that drips bytes just fast enough to beat the read timeout,
    and `budget` also holds it to a minimum average rate (TransferBudget).
    """

    def __init__(
        self,
        raw: RawSource,
        *,
        max_bytes: int,
        content_encoding: str | None,
        too_big: Callable[[], UnsafeInputError],
        on_close: Callable[[], None] | None = None,
        deadline: float | None = None,
        what: str = "the response",
        budget: TransferBudget | None = None,
        max_expansion: float | None = None,
        url: str = "",
        content_length: int | None = None,
    ) -> None:
        super().__init__()
        self._raw = raw
        self._max_bytes = max_bytes
        self._encoding = (content_encoding or "identity").strip().lower()
        self._too_big = too_big
        self._on_close = on_close
        self._deadline = deadline
        self._budget = budget
        self._max_expansion = max_expansion
        self.url = url or what
        self.content_length = content_length  # as declared for the wire (StreamedBody)
        self._started = time.monotonic()
        self._raw_bytes = 0
        self._what = what
        self._inflate: zlib._Decompress | None = None
        self._pending = b""  # decoded bytes not yet handed out
        self._raw_done = False
        self.bytes_read = 0  # decoded bytes handed out so far

    def readable(self) -> bool:
        return True

    @property
    def wire_bytes(self) -> int:
        """Bytes received as sent, before decoding."""
        return self._raw_bytes

    def _check_time(self) -> None:
        now = time.monotonic()
        if self._deadline is not None and now > self._deadline:
            raise UpstreamUnavailable(f"{self._what} took too long to arrive; try again later")
        budget = self._budget
        elapsed = now - self._started
        if budget is not None and elapsed > budget.grace_seconds:
            rate = self._raw_bytes / elapsed
            if rate < budget.min_bytes_per_second:
                raise UpstreamUnavailable(
                    f"{self._what} is arriving too slowly ({self._raw_bytes:,} bytes in {elapsed:.0f} s, "
                    f"under min_transfer_bytes_per_second={budget.min_bytes_per_second:,.0f}); try again later"
                )

    def _next_raw(self) -> bytes:
        self._check_time()
        try:
            # read1: what has arrived (at most CHUNK), so the deadline is checked while a body drips;
            # read(CHUNK) on an HTTP response would wait for the whole CHUNK.
            read = getattr(self._raw, "read1", self._raw.read)
            data = read(CHUNK)
        except TimeoutError as exc:
            raise UpstreamUnavailable(
                f"{self._what} stopped sending (read timeout); try again later"
            ) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise UpstreamUnavailable(
                f"{self._what} broke off while sending ({exc}); try again later"
            ) from exc
        if not data:
            self._raw_done = True
        self._raw_bytes += len(data)
        return data

    def _fill(self) -> None:
        """Put at least one decoded byte in _pending, unless the body has ended."""
        while not self._pending and not self._raw_done:
            allowance = self._max_bytes - self.bytes_read + 1  # one past the cap proves it is too big
            if self._encoding in ("identity", ""):
                self._pending = self._next_raw()
                continue
            if self._inflate is None:
                first = self._next_raw()
                if not first:
                    return
                self._inflate = _decompressor(self._encoding, first)
                if self._inflate is None:
                    raise UnsafeInputError(
                        f"{self._what} uses the content encoding {self._encoding!r}, which we cannot decode"
                    )
                self._feed_inflater(first, allowance)
                continue
            if self._inflate.unconsumed_tail or (self._inflate.eof and self._inflate.unused_data):
                self._feed_inflater(b"", allowance)
                continue
            data = self._next_raw()
            if data:
                self._feed_inflater(data, allowance)

    def _feed_inflater(self, data: bytes, allowance: int) -> None:
        assert self._inflate is not None
        try:
            if self._inflate.eof:
                rest = self._inflate.unused_data + data
                if not rest.startswith(b"\x1f\x8b"):
                    self._raw_done = True  # trailing bytes after the stream: ignored, as browsers do
                    return
                # A second gzip member (concatenated gzip is legal).
                self._inflate = _decompressor(self._encoding, rest)
                assert self._inflate is not None
                data = rest
            else:
                data = self._inflate.unconsumed_tail + data
            self._pending = self._inflate.decompress(data, max(1, min(allowance, CHUNK)))
        except zlib.error as exc:
            raise UpstreamUnavailable(f"{self._what} sent a broken {self._encoding} body: {exc}") from exc

    def _check_expansion(self, decoded: int) -> None:
        """A compressed body that inflates past max_expansion times what arrived is a bomb: refused
        as soon as that shows (after the first MiB), long before the size cap fills a disk."""
        limit = self._max_expansion
        if limit is None or self._inflate is None or decoded < EXPANSION_GRACE:
            return
        if decoded > limit * max(1, self._raw_bytes):
            raise UnsafeInputError(
                f"{self._what} inflates {decoded / max(1, self._raw_bytes):,.0f}x ({self._raw_bytes:,} bytes sent "
                f"as {self._encoding}): a compression bomb, not media; refused"
            )

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        self._fill()
        if not self._pending:
            return 0
        size = min(len(buffer), len(self._pending))
        if self.bytes_read + size > self._max_bytes:
            raise self._too_big()
        self._check_expansion(self.bytes_read + size)
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        self.bytes_read += size
        return size

    def read_all(self) -> bytes:
        """Everything, decoded; raises past the cap without holding more than the cap."""
        parts: list[bytes] = []
        while True:
            self._fill()
            if not self._pending:
                return b"".join(parts)
            chunk, self._pending = self._pending, b""
            if self.bytes_read + len(chunk) > self._max_bytes:
                raise self._too_big()
            self._check_expansion(self.bytes_read + len(chunk))
            self.bytes_read += len(chunk)
            parts.append(chunk)

    def close(self) -> None:
        if not self.closed and self._on_close is not None:
            self._on_close()
        super().close()
