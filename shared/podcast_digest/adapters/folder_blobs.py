"""FolderBlobStore: the BlobStore port on a local folder, the embedded default for S3.

Keys look like S3 keys (``transcripts/<feed_id>/<episode_id>.json``) and map
to files under the root. A key is checked before it touches the file system,
so a hostile key (from a feed, a dropped file's metadata, an event) can never
name a path outside the root. Writes go to a hidden temporary file in the
same folder, are fsynced, then renamed over the target: a reader sees the old
object or the whole new one. Content types are accepted for parity with S3
and not stored.
"""

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from podcast_digest.adapters.blob_keys import refuse_hostile_key
from podcast_digest.errors import NotFoundError, UnsafeInputError

_KEY = re.compile(r"[A-Za-z0-9._/-]+")
_MAX_KEY_LENGTH = 1024  # S3's limit, so a key valid here is valid there
_MAX_PART_LENGTH = 255  # a file name on common file systems
CHUNK_BYTES = 1024 * 1024

# Which setting raises the size cap for what lives under a key's first folder.
_LIMIT_SETTINGS = {
    "audio": "PODCAST_DIGEST_MAX_AUDIO_BYTES",
    "transcripts": "PODCAST_DIGEST_MAX_TRANSCRIPT_BYTES",
    "incoming": "PODCAST_DIGEST_MAX_AUDIO_BYTES (audio) or PODCAST_DIGEST_MAX_TRANSCRIPT_BYTES (transcripts)",
}


def validate_blob_key(key: str) -> str:
    """The folder store's rule: refuse_hostile_key, plus only ``[A-Za-z0-9._-]`` in parts that
    do not start with a dot (hidden names are this store's temporary files) and length limits."""
    refuse_hostile_key(key)
    shown = repr(key[:100])
    if len(key) > _MAX_KEY_LENGTH:
        raise ValueError(f"blob key {shown}… is {len(key)} characters long; the limit is {_MAX_KEY_LENGTH}")
    if not _KEY.fullmatch(key):
        raise ValueError(f"blob key {shown} has characters other than A-Z, a-z, 0-9, '.', '_', '-' and '/'")
    for part in key.split("/"):
        if part.startswith("."):
            raise ValueError(f"blob key {shown} has a part starting with '.': hidden names are not allowed")
        if len(part) > _MAX_PART_LENGTH:
            raise ValueError(f"blob key {shown} has a part longer than {_MAX_PART_LENGTH} characters")
    return key


def size_limit_message(key: str, max_bytes: int) -> str:
    """What a user sees when an object is over its cap: the limit and the setting that raises it."""
    setting = _LIMIT_SETTINGS.get(key.split("/", 1)[0], "the matching PODCAST_DIGEST_MAX_*_BYTES setting")
    return (
        f"{key} is larger than the {max_bytes:,}-byte limit, so it was refused and nothing was kept; "
        f"if the source is trustworthy, raise {setting}"
    )


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; some file systems cannot open a folder, which is fine.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class FolderBlobStore:
    """Blobs as files under ``root`` (created on first write)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).expanduser().absolute()

    def path_for(self, key: str) -> Path:
        """The file a key maps to (for local links); the key is validated first."""
        return self.root.joinpath(*validate_blob_key(key).split("/"))

    def _write(self, key: str, fill: Callable[[BinaryIO], int]) -> int:
        """Write through a hidden temp file beside the target, then rename it into place."""
        target = self.path_for(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as temp:
                written = fill(temp)
                temp.flush()
                os.fsync(temp.fileno())
            os.replace(temp_name, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp_name)
            raise
        _fsync_folder(target.parent)
        return written

    def put_bytes(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        self._write(key, lambda temp: temp.write(data))

    def put_stream(
        self,
        key: str,
        stream: BinaryIO,
        content_type: str = "application/octet-stream",
        max_bytes: int | None = None,
    ) -> int:
        """Copy in 1 MiB chunks. Past max_bytes the partial file is deleted and UnsafeInputError raised."""

        def copy(temp: BinaryIO) -> int:
            total = 0
            while True:
                # Read at most one byte past the cap: enough to know it is over, never much more.
                want = CHUNK_BYTES if max_bytes is None else min(CHUNK_BYTES, max_bytes - total + 1)
                chunk = stream.read(want)
                if not chunk:
                    return total
                total += len(chunk)
                if max_bytes is not None and total > max_bytes:
                    raise UnsafeInputError(size_limit_message(key, max_bytes))
                temp.write(chunk)

        return self._write(key, copy)

    def get_bytes(self, key: str) -> bytes:
        try:
            return self.path_for(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise NotFoundError(f"no blob {key!r} in {self.root}") from exc

    def open(self, key: str) -> BinaryIO:
        try:
            return self.path_for(key).open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError) as exc:
            raise NotFoundError(f"no blob {key!r} in {self.root}") from exc

    def exists(self, key: str) -> bool:
        return self.path_for(key).is_file()

    def delete(self, key: str) -> None:
        """Deleting a missing key is not an error (as in S3)."""
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            self.path_for(key).unlink()

    def list_keys(self, prefix: str = "") -> list[str]:
        """Every key starting with prefix (a plain string prefix, as in S3), sorted."""
        folder_part, _, _ = prefix.rpartition("/")
        if folder_part:
            validate_blob_key(folder_part)
        elif prefix.startswith("/") or any(c in prefix for c in "\\\x00"):
            validate_blob_key(prefix)
        start = self.root.joinpath(*folder_part.split("/")) if folder_part else self.root
        keys = []
        for folder, subfolders, files in os.walk(start):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            relative = Path(folder).relative_to(self.root).as_posix()
            for name in files:
                if name.startswith("."):
                    continue  # a write in progress
                key = name if relative == "." else f"{relative}/{name}"
                if key.startswith(prefix):
                    keys.append(key)
        return sorted(keys)
