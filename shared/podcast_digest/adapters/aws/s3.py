"""Blobs in one S3 bucket: audio, transcripts, rendered summaries, the drop folder.

Streams go up as multipart uploads one part at a time, so memory stays at one
part (8 MiB) whatever the file size; a stream over its byte cap is aborted and
nothing is kept. Objects are encrypted at rest by the bucket's default (SSE).
"""

from email.errors import HeaderParseError
from email.header import decode_header, make_header
from typing import Any, BinaryIO, cast

from botocore.exceptions import ClientError

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.errors import translated_client
from podcast_digest.adapters.blob_keys import refuse_hostile_key
from podcast_digest.adapters.folder_blobs import size_limit_message
from podcast_digest.errors import NotFoundError, UnsafeInputError

MAX_KEY_BYTES = 1024  # S3's own limit
PART_SIZE = 8 * 1024 * 1024  # S3's minimum part is 5 MiB; 8 MiB keeps a 1 GB file under 130 parts
_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3BlobStore:
    """The BlobStore port on an S3 bucket."""

    def __init__(self, bucket: str, client: Any = None, part_size: int = PART_SIZE) -> None:
        if part_size < 5 * 1024 * 1024:
            raise ValueError("S3 multipart parts must be at least 5 MiB")
        self.bucket = bucket
        self._client = client
        self.part_size = part_size

    @property
    def client(self) -> Any:
        raw = self._client if self._client is not None else clients.s3()
        return translated_client(raw, "S3", answers=_MISSING)

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        checked_key(key)
        # A single PUT is atomic: readers see the old object or the whole new one.
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)

    def put_stream(
        self,
        key: str,
        stream: BinaryIO,
        content_type: str = "application/octet-stream",
        max_bytes: int | None = None,
    ) -> int:
        checked_key(key)
        first = _read_part(stream, self.part_size, max_bytes, 0, key)
        if len(first) < self.part_size:
            self.put_bytes(key, first, content_type)
            return len(first)
        upload = self.client.create_multipart_upload(Bucket=self.bucket, Key=key, ContentType=content_type)
        upload_id = upload["UploadId"]
        try:
            parts: list[dict[str, Any]] = []
            written, chunk = 0, first
            while chunk:
                number = len(parts) + 1
                etag = self.client.upload_part(
                    Bucket=self.bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=chunk
                )["ETag"]
                parts.append({"ETag": etag, "PartNumber": number})
                written += len(chunk)
                chunk = _read_part(stream, self.part_size, max_bytes, written, key)
            self.client.complete_multipart_upload(
                Bucket=self.bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
            )
            return written
        except BaseException:
            # Nothing half-written is kept: an aborted upload leaves no object.
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)
            raise

    def get_bytes(self, key: str) -> bytes:
        return cast(bytes, self._get(key)["Body"].read())

    def open(self, key: str) -> BinaryIO:
        return cast(BinaryIO, self._get(key)["Body"])

    def exists(self, key: str) -> bool:
        checked_key(key)
        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if _code(exc) in _MISSING:
                return False
            raise
        return True

    def delete(self, key: str) -> None:
        checked_key(key)
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def list_keys(self, prefix: str = "") -> list[str]:
        keys: list[str] = []
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
            keys.extend(obj["Key"] for obj in page.get("Contents", []))
        return sorted(keys)

    def user_metadata(self, key: str) -> dict[str, str]:
        """The object's user metadata (x-amz-meta-*): a dropped file's title, feed and recipients."""
        checked_key(key)
        try:
            head = self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if _code(exc) in _MISSING:
                raise NotFoundError(f"s3://{self.bucket}/{key} does not exist") from exc
            raise
        return {str(k).lower(): _decoded(str(v)) for k, v in head.get("Metadata", {}).items()}

    def _get(self, key: str) -> dict[str, Any]:
        checked_key(key)
        try:
            return cast(dict[str, Any], self.client.get_object(Bucket=self.bucket, Key=key))
        except ClientError as exc:
            if _code(exc) in _MISSING:
                raise NotFoundError(f"s3://{self.bucket}/{key} does not exist") from exc
            raise


def checked_key(key: str) -> str:
    """Return the key if S3 and every reader of it can take it safely; raise ValueError saying why not.

    The shared rule (refuse_hostile_key) plus S3's own length limit; looser than
    the folder store, since a drop-folder key may hold spaces and non-ASCII letters.
    """
    refuse_hostile_key(key)
    if len(key.encode("utf-8")) > MAX_KEY_BYTES:
        raise ValueError(f"blob key {key[:100]!r}… is over S3's {MAX_KEY_BYTES}-byte key limit")
    return key


def _read_part(stream: BinaryIO, size: int, max_bytes: int | None, written: int, key: str) -> bytes:
    """Read up to one part; refuse as soon as the running total passes max_bytes."""
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(min(remaining, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    data = b"".join(chunks)
    if max_bytes is not None and written + len(data) > max_bytes:
        raise UnsafeInputError(size_limit_message(key, max_bytes))
    return data


def _decoded(value: str) -> str:
    """S3 metadata is ASCII: non-ASCII values arrive RFC 2047-encoded (=?UTF-8?B?...?=), as the console sends them."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except (HeaderParseError, LookupError, UnicodeDecodeError):
        return value  # not an encoded word after all: keep it as written


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
