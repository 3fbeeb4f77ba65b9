"""What a dropped audio file says about itself: the title and description in its tags.

ID3 (MP3: TIT2, the podcast frames TDES/TIT3, COMM), MP4 (M4A: ©nam, ldes,
desc, ©cmt) and Vorbis comments (Ogg, Opus, FLAC: title, description,
comment), read with mutagen without decoding. Tags are untrusted: control
characters go, lengths are capped, and a file whose tags break the parser
simply has none. A file name is never a title here: a name we made up is no
promise the episode could fail to keep.
"""

import io
from collections.abc import Iterable
from typing import BinaryIO

from pydantic import Field

from podcast_digest.models.base import DomainModel

# Tags sit at the start of most files; a stream that cannot seek is read this far at most.
MAX_TAG_BYTES = 4 * 1024 * 1024
MAX_TITLE, MAX_DESCRIPTION = 500, 5000

_TITLE_KEYS = ("TIT2", "©nam", "title")
_DESCRIPTION_KEYS = ("TDES", "ldes", "desc", "description", "TIT3", "COMM", "©cmt", "comment")


class FileMetadata(DomainModel):
    """A title and description a file carries itself (its publisher's, when anyone's)."""

    title: str | None = Field(None, max_length=MAX_TITLE)
    description: str | None = Field(None, max_length=MAX_DESCRIPTION)


def tidy(value: object, limit: int) -> str | None:
    """One line of printable text, at most `limit` characters; None when nothing is left."""
    text = " ".join("".join(c if c.isprintable() else " " for c in str(value)).split())
    return text[:limit] or None


def audio_metadata(source: BinaryIO) -> FileMetadata:
    """The title and description in an audio file's tags; empty when it has none we can read."""
    try:
        import mutagen
    except ImportError:  # the audio extra is not installed: no tags, not an error
        return FileMetadata()
    stream = source if source.seekable() else io.BytesIO(source.read(MAX_TAG_BYTES))
    try:
        stream.seek(0)
        parsed = mutagen.File(stream)  # type: ignore[attr-defined]
        tags = getattr(parsed, "tags", None)
        if tags is None:
            return FileMetadata()
        return FileMetadata(
            title=tidy(_first(tags, _TITLE_KEYS), MAX_TITLE),
            description=tidy(_first(tags, _DESCRIPTION_KEYS), MAX_DESCRIPTION),
        )
    except Exception:  # hostile tags can break a parser in any way: no tags then
        return FileMetadata()
    finally:
        if stream is source:
            source.seek(0)


def _first(tags: object, keys: Iterable[str]) -> str:
    """The first non-empty value among `keys`, whatever the tag format keeps them as."""
    for key in keys:
        for value in _values(tags, key):
            if value.strip():
                return value
    return ""


def _values(tags: object, key: str) -> list[str]:
    getall = getattr(tags, "getall", None)
    if callable(getall) and key.isupper() and len(key) == 4:  # ID3 frames: TIT2, COMM:desc:lang…
        return [str(text) for frame in getall(key) for text in getattr(frame, "text", [])]
    try:
        found = tags.get(key) or tags.get(key.upper()) or []  # type: ignore[attr-defined]
    except (KeyError, ValueError, TypeError):
        return []
    return [str(v) for v in (found if isinstance(found, list) else [found])]
