"""The fetcher port: every byte read from outside goes through one of these."""

from typing import Protocol

from pydantic import ConfigDict

from podcast_digest.models.base import DomainModel


class FetchResult(DomainModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    url: str  # the final URL, after redirects
    status: int  # 200, or 304 when unchanged
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    permanent_redirect: str | None = None  # where a 301/308 said the resource now lives


class StreamedBody(Protocol):
    """A body being read in chunks (an enclosure): decoded, size-capped and time-boxed by the fetcher."""

    url: str  # the final URL, after redirects (or the local path)
    content_length: int | None  # what the server declared it would send on the wire, if it did

    @property
    def wire_bytes(self) -> int:
        """Bytes received so far as sent (before decoding): what content_length promised."""
        ...

    def read(self, size: int = -1, /) -> bytes: ...

    def close(self) -> None: ...


class Fetcher(Protocol):
    def fetch(
        self,
        url: str,
        *,
        max_bytes: int,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        base: str | None = None,
    ) -> FetchResult:
        """GET with the safety rules (schemes, addresses, size caps, timeouts). Raises
        UnsafeInputError for a refused URL, TransientError for 429/5xx/timeouts.

        `base` is the document that named this URL (e.g. the feed of a transcript
        link): a local file may only be read when the base is itself a local file
        and the target lies in its folder, so nothing fetched from the network can
        make us read a local file."""
        ...

    def stream(self, url: str, *, max_bytes: int, base: str | None = None) -> tuple[StreamedBody, str | None]:
        """Open a body for streaming (enclosures). Returns (body, content type); close the body when done."""
        ...
