"""Episode audio for the speech-to-text engines: check it, probe it, decode it and cut it, streaming.

Everything here reads the audio once, frame by frame, with PyAV (whose
wheels bundle FFmpeg), so memory stays bounded whatever the episode's
length: a three-hour episode costs what a three-minute one does.

- `open_episode_audio`: a seekable stream of a blob (spooled to a temporary
  file when the store's stream cannot seek, because MP4 and some MP3s need it).
- `check_audio_head`: refuse what is plainly not audio (empty, an HTML page)
  before a decoder sees it, with a message that says what to do.
- `probe_duration`: the declared duration from the headers (mutagen), no decoding.
- `decode_pcm`: mono float32 PCM at 16 kHz in one-second blocks.
- `encode_opus_chunks`: the episode as overlapping Ogg/Opus chunks that each
  respect an upload's size and duration limits.
- `pcm_windows`: the episode as overlapping PCM windows (the offline engine).
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

import numpy as np

from podcast_digest.errors import AudioError

if TYPE_CHECKING:
    from podcast_digest.ports.blobs import BlobStore

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000  # what every speech model wants; more only costs bytes
BLOCK_SECONDS = 1  # chunk boundaries fall on whole seconds
OPUS_BITRATE = 24_000  # speech at 16 kHz stays intelligible to a model far below this
# A decode shorter than this share of the declared duration means the file was cut short.
TRUNCATION_TOLERANCE = 0.9
# Longer than any real episode: past this a file is refused, so a hostile feed cannot run up an API bill.
MAX_EPISODE_SECONDS = 12 * 3600
MAX_CORRUPT_PACKETS = 200  # a few damaged frames are normal in podcasts; a stream of them is not
_HEAD_BYTES = 1024
_SPOOL_CHUNK = 1024 * 1024


@contextlib.contextmanager
def open_episode_audio(blobs: BlobStore, key: str) -> Iterator[BinaryIO]:
    """A seekable stream of the audio blob; a non-seekable one is spooled to a temporary file first."""
    stream = blobs.open(key)
    try:
        if _seekable(stream):
            yield stream
            return
        with tempfile.TemporaryFile(prefix="podcast-digest-audio-") as spool:
            shutil.copyfileobj(stream, spool, _SPOOL_CHUNK)
            spool.seek(0)
            yield spool  # type: ignore[misc]
    finally:
        stream.close()


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def check_audio_head(source: BinaryIO) -> None:
    """Raise AudioError for an empty file or a web page posing as audio; leaves the position at 0."""
    source.seek(0)
    head = source.read(_HEAD_BYTES)
    source.seek(0)
    if not head:
        raise AudioError(
            "the audio file is empty (0 bytes): the download failed or the enclosure is empty; "
            "fetch the episode again or check the feed's enclosure URL"
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in text[:512]:
        raise AudioError(
            "the enclosure is an HTML page, not audio: the feed's link is probably broken "
            "(or the host answered with an error or login page); check the episode's enclosure URL"
        )
    if text.startswith(b"<?xml") or text.startswith(b"<error"):
        raise AudioError(
            "the enclosure is an XML document, not audio (often a storage service's error reply): "
            "the feed's link is probably broken or expired"
        )


def probe_duration(source: BinaryIO) -> float | None:
    """The duration the headers declare, in seconds, read with mutagen without decoding; None if unknown."""
    import mutagen

    source.seek(0)
    try:
        parsed = mutagen.File(source)  # type: ignore[attr-defined]
        length = getattr(getattr(parsed, "info", None), "length", None)
    except Exception:  # hostile headers can break a parser in any way: no duration then
        length = None
    finally:
        source.seek(0)
    if length is None or not np.isfinite(length) or length <= 0:
        return None
    return float(length)


@dataclass
class DecodeReport:
    """Filled in while decoding: what was declared and what was really there."""

    declared_seconds: float | None = None
    decoded_seconds: float = 0.0
    corrupt_packets: int = 0
    codec: str | None = None


def decode_pcm(source: BinaryIO, report: DecodeReport | None = None) -> Iterator[np.ndarray]:
    """Yield the audio as mono float32 blocks of one second at 16 kHz (the last block may be shorter).

    Raises AudioError when the input cannot be opened, has no audio, decodes
    to nothing, or stops well short of its declared duration (truncated).
    """
    import av

    report = report if report is not None else DecodeReport()
    check_audio_head(source)
    if report.declared_seconds is None:
        report.declared_seconds = probe_duration(source)
    _check_length(report.declared_seconds)
    source.seek(0)
    try:
        container = av.open(source, mode="r")
    except av.error.FFmpegError as exc:
        raise AudioError(
            f"the file is not audio that can be decoded ({_ffmpeg_reason(exc)}), or is cut off before its "
            "first frame: check that the enclosure is an audio file (MP3, M4A, Ogg, Opus, WAV, FLAC…) "
            "and fetch it again"
        ) from exc
    with container:
        if not container.streams.audio:
            raise AudioError(
                f"the file ({container.format.name}) has no audio stream: the enclosure is not a podcast episode"
            )
        stream = container.streams.audio[0]
        report.codec = stream.codec_context.name
        if report.declared_seconds is None and container.duration:
            report.declared_seconds = container.duration / 1_000_000
            _check_length(report.declared_seconds)
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        blocks = _BlockFifo(SAMPLE_RATE * BLOCK_SECONDS)
        for frame in _decoded_frames(container, stream, report):
            for out in resampler.resample(frame):
                yield from blocks.push(out.to_ndarray().reshape(-1))
            if blocks.total > MAX_EPISODE_SECONDS * SAMPLE_RATE:
                _check_length(blocks.total / SAMPLE_RATE)
        for out in resampler.resample(None):
            yield from blocks.push(out.to_ndarray().reshape(-1))
        report.decoded_seconds = blocks.total / SAMPLE_RATE
        tail = blocks.drain()
        if tail is not None:
            yield tail
    _check_complete(report)


def _decoded_frames(container, stream, report: DecodeReport):  # type: ignore[no-untyped-def]
    import av

    try:
        packets = container.demux(stream)
        for packet in packets:
            try:
                frames = packet.decode()
            except av.error.InvalidDataError:
                report.corrupt_packets += 1
                if report.corrupt_packets > MAX_CORRUPT_PACKETS:
                    raise AudioError(
                        f"the audio is corrupt: more than {MAX_CORRUPT_PACKETS} damaged frames "
                        f"({report.codec}); fetch the episode again or check the file"
                    ) from None
                continue
            yield from frames
    except av.error.FFmpegError as exc:
        raise AudioError(
            f"the audio could not be read past {report.decoded_seconds:.0f}s ({_ffmpeg_reason(exc)}): "
            "the file is damaged or truncated; fetch the episode again"
        ) from exc


def _check_length(seconds: float | None) -> None:
    if seconds is not None and seconds > MAX_EPISODE_SECONDS:
        raise AudioError(
            f"the audio runs {seconds / 3600:.1f} hours, longer than the {MAX_EPISODE_SECONDS // 3600}-hour "
            "limit for one episode: it is probably not a podcast episode (or a stream recording); "
            "cut it into episodes to transcribe it"
        )


def _check_complete(report: DecodeReport) -> None:
    if report.decoded_seconds <= 0:
        raise AudioError(
            "no audio could be decoded from the file: it is not audio, or it is truncated right after "
            "its header; fetch the episode again or check the enclosure"
        )
    declared = report.declared_seconds
    if declared and report.decoded_seconds < declared * TRUNCATION_TOLERANCE - 1:
        raise AudioError(
            f"the audio is truncated: its header declares {declared:.0f}s but only "
            f"{report.decoded_seconds:.0f}s could be decoded; the download was probably cut short, "
            "fetch the episode again"
        )


def _ffmpeg_reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


class _BlockFifo:
    """Regroups arbitrary-sized sample arrays into fixed-size blocks."""

    def __init__(self, block: int) -> None:
        self.block = block
        self.total = 0
        self._parts: list[np.ndarray] = []
        self._held = 0

    def push(self, samples: np.ndarray) -> Iterator[np.ndarray]:
        self.total += len(samples)
        self._parts.append(samples)
        self._held += len(samples)
        if self._held < self.block:
            return
        joined = np.concatenate(self._parts)
        whole = (len(joined) // self.block) * self.block
        for start in range(0, whole, self.block):
            yield joined[start : start + self.block]
        rest = joined[whole:]
        self._parts = [rest] if len(rest) else []
        self._held = len(rest)

    def drain(self) -> np.ndarray | None:
        if not self._held:
            return None
        joined = np.concatenate(self._parts)
        self._parts, self._held = [], 0
        return joined


@dataclass(frozen=True)
class ChunkPlan:
    """How to cut an episode for an API: the limits of one request and the overlap between chunks."""

    max_seconds: int  # nominal length of a chunk, overlap included
    overlap_seconds: int
    max_bytes: int  # a chunk is cut early when its encoding nears this

    def __post_init__(self) -> None:
        if self.overlap_seconds < 0 or self.max_seconds <= 2 * self.overlap_seconds:
            raise ValueError(
                f"a chunk of {self.max_seconds}s cannot carry {self.overlap_seconds}s of overlap"
            )


@dataclass(frozen=True)
class AudioChunk:
    """One upload: Ogg/Opus bytes covering [start, end) seconds of the episode."""

    index: int
    start: float
    end: float
    data: bytes

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass
class _OpenChunk:
    index: int
    start: int
    end: float  # nominal; cut earlier by the byte guard
    encoder: _OpusEncoder | _SkippedChunk = field(repr=False)


class _OpusEncoder:
    """Mono 16 kHz low-bitrate Opus in Ogg, written to memory block by block."""

    def __init__(self) -> None:
        import av

        self._buffer = io.BytesIO()
        self._container = av.open(self._buffer, mode="w", format="ogg")
        stream = self._container.add_stream("libopus", rate=SAMPLE_RATE)
        stream.layout = "mono"
        stream.bit_rate = OPUS_BITRATE
        # voip tunes Opus for speech; 60 ms frames halve the per-frame work of the default 20 ms.
        stream.options = {"application": "voip", "frame_duration": "60"}
        self._stream = stream
        self._pts = 0

    @property
    def size(self) -> int:
        return self._buffer.tell()

    def add(self, samples: np.ndarray) -> None:
        import av

        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="flt", layout="mono")
        frame.sample_rate = SAMPLE_RATE
        frame.pts = self._pts
        self._pts += len(samples)
        for packet in self._stream.encode(frame):
            self._container.mux(packet)

    def finish(self) -> bytes:
        for packet in self._stream.encode(None):
            self._container.mux(packet)
        self._container.close()
        return self._buffer.getvalue()


class _SkippedChunk:
    """Stands in for the encoder of a chunk the caller already has: decoded past, never encoded."""

    size = 0

    def add(self, samples: np.ndarray) -> None:
        pass

    def finish(self) -> bytes:
        return b""


def encode_opus_chunks(
    source: BinaryIO,
    plan: ChunkPlan,
    report: DecodeReport | None = None,
    skip: Callable[[int], bool] | None = None,
) -> Iterator[AudioChunk]:
    """Yield the episode as overlapping Opus chunks, in order, each within the plan's limits.

    A chunk is opened `overlap_seconds` before the previous one ends, so both
    carry the same audio there; the byte guard ends a chunk early (then the
    next starts earlier) so no upload nears `max_bytes`.

    `skip(index)` true: that chunk is yielded with empty data and not encoded
    (a resumed transcription that has it already; encoding is most of the
    work). Honoured only when the byte guard cannot cut a chunk, so skipped
    and encoded chunks fall on the same boundaries.
    """
    report = report if report is not None else DecodeReport()
    # The muxer writes in steps of ≤ 32 KB and one block adds a few KB: keep that much (and 2 %) spare.
    guard = plan.max_bytes - 64 * 1024 - plan.max_bytes // 50
    if skip is not None and plan.max_seconds * OPUS_BITRATE // 8 * 2 >= guard:
        skip = None  # a chunk might be cut by size: boundaries are known only by encoding
    opened: list[_OpenChunk] = []
    next_index = 0
    t = 0  # seconds from the start, at the block about to be added
    finished_until = 0.0
    for block in decode_pcm(source, report):
        if not opened or (t >= opened[-1].end - plan.overlap_seconds and len(opened) == 1):
            encoder = _SkippedChunk() if skip is not None and skip(next_index) else _OpusEncoder()
            opened.append(_OpenChunk(next_index, t, t + plan.max_seconds, encoder))
            next_index += 1
        for chunk in opened:
            chunk.encoder.add(block)
        t_after = t + len(block) / SAMPLE_RATE
        newest = opened[-1]
        if newest.encoder.size > guard and newest.end > t_after + plan.overlap_seconds:
            newest.end = t_after + plan.overlap_seconds
        while opened and t_after >= opened[0].end:
            done = opened.pop(0)
            finished_until = done.end
            yield AudioChunk(done.index, float(done.start), float(done.end), done.encoder.finish())
        t += BLOCK_SECONDS
    total = report.decoded_seconds
    for chunk in opened:
        data = chunk.encoder.finish()
        if finished_until >= total:
            continue  # only audio a finished chunk already carries
        finished_until = total
        yield AudioChunk(chunk.index, float(chunk.start), total, data)


def pcm_windows(
    source: BinaryIO, window_seconds: int, overlap_seconds: int, report: DecodeReport | None = None
) -> Iterator[tuple[float, np.ndarray]]:
    """Yield (start seconds, float32 samples) windows of the episode that overlap by overlap_seconds."""
    if window_seconds <= 2 * overlap_seconds:
        raise ValueError(f"a window of {window_seconds}s cannot carry {overlap_seconds}s of overlap")
    step_blocks = (window_seconds - overlap_seconds) // BLOCK_SECONDS
    window_blocks = window_seconds // BLOCK_SECONDS
    held: list[np.ndarray] = []
    start_block = 0
    emitted_to = 0  # block index the last emitted window reached
    for block in decode_pcm(source, report):
        held.append(block)
        if len(held) == window_blocks:
            yield float(start_block * BLOCK_SECONDS), np.concatenate(held)
            emitted_to = start_block + len(held)
            held = held[step_blocks:]
            start_block += step_blocks
    if held and start_block + len(held) > emitted_to:
        yield float(start_block * BLOCK_SECONDS), np.concatenate(held)
