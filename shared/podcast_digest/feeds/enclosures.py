"""Download an episode's enclosure into the blob store, streamed, whatever its size.

Memory stays bounded: the body goes from the fetcher's stream straight into
BlobStore.put_stream (a temporary file locally, S3 multipart in AWS). What
arrives is checked against what was declared: a web page posing as audio
(a broken tracking redirect, a login wall) or anything whose first bytes are
not an audio or video container we know is refused with AudioError; a
compressed body that inflates like a bomb is refused by the fetcher after its
first MiB (not at the 1 GiB cap); a body shorter than the server's
Content-Length (a dropped connection) is refused as transient, leaving
nothing behind.
"""

import io
import logging
import mimetypes
import re
import urllib.parse
from typing import BinaryIO, cast

from podcast_digest.errors import AudioError, BadInputError, UpstreamUnavailable
from podcast_digest.models import Episode
from podcast_digest.ports import BlobStore, Fetcher
from podcast_digest.ports.fetcher import StreamedBody
from podcast_digest.settings import Settings

log = logging.getLogger(__name__)

SNIFF_BYTES = 4096
MEDIA_EXTENSIONS = {
    "mp3", "m4a", "m4b", "mp4", "m4v", "aac", "ogg", "oga", "opus", "wav", "flac", "webm", "mkv", "mov", "mpga",
}  # fmt: skip
TYPE_EXTENSIONS = {
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/x-m4a": "m4a",
    "audio/mp4": "m4a",
    "audio/aac": "aac",
    "audio/ogg": "ogg",
    "audio/opus": "opus",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/flac": "flac",
    "audio/webm": "webm",
    "video/mp4": "mp4",
    "video/webm": "webm",
    "video/quicktime": "mov",
}
# What a page, a feed or an error document starts with (after whitespace and a BOM).
TEXT_DOCUMENT = re.compile(rb"^\s*(<!doctype|<html|<head|<body|<\?xml|<rss|<feed|\{|\[)", re.IGNORECASE)
PAGE_TYPES = ("text/", "application/xhtml", "application/json", "application/xml", "application/rss")
# How audio and video containers begin (their "magic bytes"); anything else is not media we can use.
MEDIA_SIGNATURES = (
    b"ID3",  # MP3 with an ID3v2 tag
    b"OggS",  # Ogg: Vorbis, Opus, FLAC-in-Ogg
    b"fLaC",  # FLAC
    b"RIFF",  # WAV (RIFF....WAVE)
    b"FORM",  # AIFF
    b"\x1aE\xdf\xa3",  # Matroska / WebM (EBML)
    b"#!AMR",  # AMR
    b"ADIF",  # AAC in ADIF
    b"0&\xb2u\x8ef\xcf\x11",  # ASF: WMA / WMV
    b".snd",  # Sun/NeXT audio
    b"MAC ",  # Monkey's Audio
    b"wvpk",  # WavPack
    b"MPCK",  # Musepack
    b"\x00\x00\x01\xba",  # MPEG program stream
)
MP4_BOXES = (b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide")  # MP4, M4A, MOV: a box type at offset 4


class _Prefixed(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream."""

    def __init__(self, head: bytes, rest: StreamedBody) -> None:
        super().__init__()
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _extension(url: str, content_type: str | None, declared_type: str | None) -> str:
    suffix = urllib.parse.urlsplit(url).path.rsplit("/", 1)[-1].rpartition(".")[2].lower()
    if suffix in MEDIA_EXTENSIONS:
        return suffix
    for mime in (content_type, declared_type):
        base = (mime or "").split(";")[0].strip().lower()
        if base in TYPE_EXTENSIONS:
            return TYPE_EXTENSIONS[base]
        guessed = (mimetypes.guess_extension(base) or "").lstrip(".")
        if guessed in MEDIA_EXTENSIONS:
            return guessed
    return "audio"


def audio_key_for(episode: Episode, extension: str) -> str:
    return f"audio/{episode.feed_id}/{episode.episode_id}.{extension}"


def _read_head(stream: StreamedBody) -> bytes:
    head = b""
    while len(head) < SNIFF_BYTES:
        data = stream.read(SNIFF_BYTES - len(head))
        if not data:
            break
        head += data
    return head


def looks_like_media(head: bytes) -> bool:
    """Whether the first bytes are those of an audio or video container we know."""
    if head.startswith(MEDIA_SIGNATURES) or head[4:8] in MP4_BOXES:
        return True
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0:
        return True  # an MPEG audio frame (MP3 without a tag) or AAC ADTS
    return len(head) > 188 and head[0] == 0x47 and head[188] == 0x47  # MPEG transport stream


def _refuse_pages(episode: Episode, url: str, content_type: str | None, head: bytes) -> None:
    served = (content_type or "").split(";")[0].strip().lower()
    looks_like_text = bool(TEXT_DOCUMENT.match(head.removeprefix(b"\xef\xbb\xbf")))
    if served.startswith(PAGE_TYPES) or looks_like_text:
        kind = "a web page or document" if looks_like_text else "a document"
        raise AudioError(
            f"the enclosure of {episode.title or episode.episode_id!r} ({url}) is not audio: the server sent "
            f"{kind} (Content-Type: {served or 'none'}); the link is broken or needs a login: ask the publisher"
        )
    if not head:
        raise AudioError(f"the enclosure of {episode.title or episode.episode_id!r} ({url}) is empty")
    if not looks_like_media(head):
        raise AudioError(
            f"the enclosure of {episode.title or episode.episode_id!r} ({url}) is not audio or video we know: "
            f"it starts with {head[:8].hex(' ')} (Content-Type: {served or 'none'}); ask the publisher"
        )


def download_enclosure(
    episode: Episode, *, fetcher: Fetcher, blobs: BlobStore, settings: Settings, base: str | None = None
) -> str:
    """Stream the enclosure into `audio/<feed_id>/<episode_id>.<ext>`; returns the key.

    `base` is the feed's URL: only a local feed's enclosure may be a local file.
    """
    if episode.audio is None:
        raise BadInputError(f"episode {episode.title or episode.episode_id!r} has no enclosure to download")
    url = episode.audio.url
    stream, content_type = fetcher.stream(url, max_bytes=settings.max_audio_bytes, base=base)
    key: str | None = None
    try:
        head = _read_head(stream)
        _refuse_pages(episode, url, content_type, head)
        key = audio_key_for(episode, _extension(url, content_type, episode.audio.mime_type))
        stored_type = (
            (content_type or episode.audio.mime_type or "application/octet-stream").split(";")[0].strip()
        )
        written = blobs.put_stream(
            key,
            cast(BinaryIO, _Prefixed(head, stream)),
            content_type=stored_type,
            max_bytes=settings.max_audio_bytes,
        )
        promised = stream.content_length
        if promised is not None and stream.wire_bytes < promised:
            blobs.delete(key)
            raise UpstreamUnavailable(
                f"the enclosure {url} ended after {stream.wire_bytes:,} of {promised:,} bytes; try again later"
            )
        declared = episode.audio.length
        if declared and abs(written - declared) > declared // 2:
            # Feeds often carry placeholder lengths: worth a log line, not a failure.
            log.info("enclosure %s is %d bytes; the feed declares %d", url, written, declared)
        return key
    finally:
        stream.close()
