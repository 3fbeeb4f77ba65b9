"""The blob port: audio, transcripts, rendered summaries. A folder locally, S3 in AWS."""

from typing import BinaryIO, Protocol


class BlobStore(Protocol):
    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        """Write atomically: a reader sees the old object or the whole new one, never a part."""
        ...

    def put_stream(
        self,
        key: str,
        stream: BinaryIO,
        content_type: str = "application/octet-stream",
        max_bytes: int | None = None,
    ) -> int:
        """Copy a stream with bounded memory; returns bytes written. Over max_bytes: nothing is kept."""
        ...

    def get_bytes(self, key: str) -> bytes:
        """Raises NotFoundError when there is no such key."""
        ...

    def open(self, key: str) -> BinaryIO:
        """A readable stream of the object (caller closes it)."""
        ...

    def exists(self, key: str) -> bool: ...
    def delete(self, key: str) -> None: ...
    def list_keys(self, prefix: str = "") -> list[str]: ...
