"""OpenAI speech to text (or any server that speaks its transcription API), for episodes of any length.

The episode is decoded and re-encoded as it streams (`audio.encode_opus_chunks`)
into mono 16 kHz Opus chunks that fit one request each (25 MB; 1400 s for
the gpt-4o models) and overlap a few seconds. Chunks go out in parallel,
with a bound that also bounds memory; the client retries 429, 5xx and
timeouts with backoff, and a chunk that still fails is retried alone. The
chunks' words are then stitched (`merge`) and put in episode time.

whisper-1 returns segments with times (`verbose_json`); the gpt-4o models
return only text, whose times are spread over the chunk by word length and
marked estimated.

Episodes longer than one Lambda invocation: every finished chunk is kept in
the blob store (`chunk_parts`) as soon as it is answered; with a deadline set
(`time_budget`), the engine stops starting chunks when little time is left,
bounds each request by the time remaining, and raises TranscriptionPaused.
The next invocation decodes past the kept chunks without encoding them and
sends only what is missing.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import openai

from podcast_digest.errors import (
    AudioError,
    BadInputError,
    ConfigurationError,
    UpstreamThrottled,
    UpstreamUnavailable,
)
from podcast_digest.models import Episode, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.models.languages import whisper_code
from podcast_digest.transcription.audio import (
    AudioChunk,
    ChunkPlan,
    DecodeReport,
    encode_opus_chunks,
    open_episode_audio,
)
from podcast_digest.transcription.engines import time_budget
from podcast_digest.transcription.engines.chunk_parts import EpisodeChunkParts
from podcast_digest.transcription.engines.time_budget import TranscriptionPaused
from podcast_digest.transcription.merge import ChunkWords, merge_chunks, segments_from_words, words_of_segment
from podcast_digest.transcription.pricing import transcription_cost_usd

if TYPE_CHECKING:
    from podcast_digest.ports.blobs import BlobStore
    from podcast_digest.settings import Settings

log = logging.getLogger(__name__)

ENGINE = "openai"
MAX_UPLOAD_BYTES = 25_000_000  # the API's cap is 25 MiB; stay under it in decimal megabytes too
GPT4O_MAX_SECONDS = 1400  # the gpt-4o transcribe models refuse longer requests
DEFAULT_CHUNK_SECONDS = 1380  # under the gpt-4o cap; short enough to run an hour as three parallel requests
DEFAULT_OVERLAP_SECONDS = 8
STOP_MARGIN_SECONDS = 120.0  # with less left than this, start no new chunk: finish, keep, pause
_DEADLINE_SAFETY_SECONDS = 30.0  # a request started now ends this long before the invocation does
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_LANGUAGE = re.compile(r"[a-z]{2}")


@dataclass(frozen=True)
class ModelLimits:
    max_seconds: int | None  # None: only the size limit applies
    segments: bool  # answers verbose_json with timed segments


@dataclass(frozen=True)
class _Budget:
    """The invocation's remaining time as this transcription sees it (None: no deadline)."""

    seconds_left: time_budget.SecondsLeft | None
    stop_margin: float

    def running_out(self) -> bool:
        return self.seconds_left is not None and self.seconds_left() < self.stop_margin

    def request_timeout(self, longest: float, tries: int) -> float:
        """A request (with the client's own retries) that ends before the invocation does."""
        if self.seconds_left is None:
            return longest
        usable = (self.seconds_left() - _DEADLINE_SAFETY_SECONDS) / max(1, tries)
        return max(5.0, min(longest, usable))


def model_limits(model: str) -> ModelLimits:
    """What a transcription model accepts and returns; an unknown model is treated like gpt-4o (strictest)."""
    if model.startswith("whisper"):
        return ModelLimits(max_seconds=None, segments=True)
    return ModelLimits(max_seconds=GPT4O_MAX_SECONDS, segments=False)


class OpenAITranscriber:
    """The Transcriber port on OpenAI's `POST /v1/audio/transcriptions`."""

    name = ENGINE

    def __init__(
        self,
        settings: Settings,
        blobs: BlobStore,
        *,
        chunk_seconds: int = DEFAULT_CHUNK_SECONDS,
        overlap_seconds: int = DEFAULT_OVERLAP_SECONDS,
        max_upload_bytes: int = MAX_UPLOAD_BYTES,
        max_parallel: int = 4,
        chunk_attempts: int = 3,
        retry_base_seconds: float = 2.0,
        request_timeout_seconds: float = 600.0,
        client_retries: int = 2,
        stop_margin_seconds: float = STOP_MARGIN_SECONDS,
    ) -> None:
        if settings.openai_api_key is None and settings.openai_base_url is None:
            raise ConfigurationError(
                "the OpenAI transcriber needs an API key: set PODCAST_DIGEST_OPENAI_API_KEY "
                "(or PODCAST_DIGEST_TRANSCRIBER=offline to transcribe on this machine)"
            )
        self.model = settings.transcription_model
        self._limits = model_limits(self.model)
        if self._limits.max_seconds is not None:
            chunk_seconds = min(chunk_seconds, self._limits.max_seconds - 20)  # Opus padding and rounding
        self._plan = ChunkPlan(chunk_seconds, overlap_seconds, max_upload_bytes)
        self._blobs = blobs
        self._max_parallel = max(1, max_parallel)
        self._chunk_attempts = max(1, chunk_attempts)
        self._retry_base = retry_base_seconds
        self._request_timeout = request_timeout_seconds
        self._client_retries = client_retries
        self._stop_margin = stop_margin_seconds
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        self._client = openai.OpenAI(
            # A compatible server reached by base URL may need no key; the client insists on one.
            api_key=key or "no-key-needed-for-this-server",
            base_url=settings.openai_base_url,
            timeout=request_timeout_seconds,
            max_retries=client_retries,
        )

    def transcribe(self, episode: Episode, audio_key: str, *, language: str | None = None) -> Transcript:
        report = DecodeReport()
        # The feed's pin wins; else the feed's own word for it, when it reads as a code.
        language = whisper_code(language) if language else _language(episode.language)
        parts = EpisodeChunkParts(self._blobs, episode.episode_id, self.model, self._plan, audio_key)
        budget = _Budget(time_budget.current(), self._stop_margin)
        with open_episode_audio(self._blobs, audio_key) as source:
            chunks = encode_opus_chunks(source, self._plan, report, skip=parts.has)
            said = self._transcribe_all(chunks, _Job(language, parts, budget))
        parts.discard()
        words = merge_chunks(said)
        if not words:
            raise AudioError(
                f"no speech was recognised in {report.decoded_seconds:.0f}s of audio: the episode may be "
                "music or silence only"
            )
        sent_seconds = sum(c.end - c.start for c in said)
        log.info(
            "transcribed %s: %.0fs of audio in %d chunks with %s",
            episode.episode_id,
            report.decoded_seconds,
            len(said),
            self.model,
        )
        return Transcript(
            episode_id=episode.episode_id,
            language=language or episode.language,
            segments=segments_from_words(words),
            source=TranscriptSource(
                kind=TranscriptSourceKind.SPEECH_TO_TEXT,
                format="verbose_json" if self._limits.segments else "json",
                engine=ENGINE,
                model=self.model,
                audio_seconds=round(report.decoded_seconds, 3),
                cost_usd=transcription_cost_usd(ENGINE, self.model, sent_seconds),
                timing_estimated=not self._limits.segments,
            ),
        )

    def _transcribe_all(self, chunks: Iterable[AudioChunk], job: _Job) -> list[ChunkWords]:
        """Send chunks as they are made, at most max_parallel at once; results in chunk order.

        Chunks already kept are not sent. When the time budget runs short, no
        new chunk starts: those in flight finish (and are kept), then
        TranscriptionPaused.
        """
        # One more slot than workers keeps the next chunk encoding while all workers are busy,
        # and bounds how many encoded chunks are held in memory.
        slots = threading.BoundedSemaphore(self._max_parallel + 1)
        futures: list[Future[ChunkWords]] = []
        with ThreadPoolExecutor(self._max_parallel, thread_name_prefix="transcribe-chunk") as pool:
            try:
                for chunk in chunks:
                    if job.parts.has(chunk.index):
                        futures.append(_finished(job.parts.words(chunk.index)))
                        continue
                    if job.budget.running_out():
                        _pause(futures, job)
                    slots.acquire()
                    _raise_first_failure(futures)
                    future = pool.submit(self._transcribe_chunk, chunk, job)
                    future.add_done_callback(lambda _done: slots.release())
                    futures.append(future)
                return [f.result() for f in futures]
            except BaseException:
                for future in futures:
                    future.cancel()
                raise

    def _transcribe_chunk(self, chunk: AudioChunk, job: _Job) -> ChunkWords:
        """One chunk, retried alone (after the client's own retries) while the failure is transient."""
        failure: Exception | None = None
        for attempt in range(1, self._chunk_attempts + 1):
            try:
                response = self._request(chunk, job)
            except (openai.RateLimitError, openai.InternalServerError, openai.APIConnectionError) as exc:
                failure = exc  # APITimeoutError is an APIConnectionError
            except openai.APIStatusError as exc:
                raise _permanent_error(exc, chunk, self.model) from exc
            else:
                said = self._chunk_words(chunk, response)
                job.parts.save(chunk.index, said)
                return said
            if job.budget.running_out():
                raise TranscriptionPaused(
                    f"chunk {chunk.index} failed ({_describe(failure)}) with too little time left to retry it"
                ) from failure
            if attempt < self._chunk_attempts:
                delay = self._retry_base * 2 ** (attempt - 1) * (0.5 + random.random())
                log.warning(
                    "chunk %d (%.0f-%.0fs) failed (%s); retrying it alone in %.1fs",
                    chunk.index,
                    chunk.start,
                    chunk.end,
                    _describe(failure),
                    delay,
                )
                time.sleep(delay)
        message = (
            f"OpenAI transcription of chunk {chunk.index} ({chunk.start:.0f}-{chunk.end:.0f}s) failed "
            f"{self._chunk_attempts} times ({_describe(failure)}): try again later"
        )
        if isinstance(failure, openai.RateLimitError):
            raise UpstreamThrottled(message) from failure
        raise UpstreamUnavailable(message) from failure

    def _request(self, chunk: AudioChunk, job: _Job) -> Any:
        options: dict[str, Any] = {"response_format": "verbose_json" if self._limits.segments else "json"}
        if self._limits.segments:
            options["timestamp_granularities"] = ["segment"]
        if job.language:
            options["language"] = job.language
        return self._client.audio.transcriptions.create(
            model=self.model,
            file=(f"chunk-{chunk.index:04d}.ogg", chunk.data, "audio/ogg"),
            timeout=job.budget.request_timeout(self._request_timeout, self._client_retries + 1),
            **options,
        )

    def _chunk_words(self, chunk: AudioChunk, response: Any) -> ChunkWords:
        group_base = chunk.index * 1_000_000
        words = []
        segments = getattr(response, "segments", None) if self._limits.segments else None
        if segments is not None:
            for i, segment in enumerate(segments):
                start = chunk.start + max(0.0, float(segment.start))
                end = min(chunk.start + max(float(segment.end), float(segment.start)), chunk.end)
                words += words_of_segment(segment.text.strip(), start, max(end, start), group_base + i)
            return ChunkWords(chunk.start, chunk.end, words)
        text = " ".join(
            (response if isinstance(response, str) else getattr(response, "text", "") or "").split()
        )
        words = words_of_segment(text, chunk.start, chunk.end, group_base)
        # Sentences become segments: the chunk's text is one long run otherwise.
        sentence_of_word = [
            group_base + i for i, part in enumerate(_SENTENCE_END.split(text)) for _ in part.split()
        ]
        words = [replace(w, group=g) for w, g in zip(words, sentence_of_word, strict=True)]
        return ChunkWords(chunk.start, chunk.end, words, timing_estimated=True)


@dataclass(frozen=True)
class _Job:
    """One episode's transcription: its language, its kept chunks and its time budget."""

    language: str | None
    parts: EpisodeChunkParts
    budget: _Budget


def _finished(said: ChunkWords) -> Future[ChunkWords]:
    future: Future[ChunkWords] = Future()
    future.set_result(said)
    return future


def _pause(futures: list[Future[ChunkWords]], job: _Job) -> None:
    """Wait for the chunks in flight (each keeps itself), then stop this invocation for the next one."""
    for future in futures:
        failure = future.exception()  # waits
        if failure is not None and not isinstance(
            failure, TranscriptionPaused | UpstreamUnavailable | UpstreamThrottled
        ):
            raise failure
    raise TranscriptionPaused(
        f"{job.parts.stored_count()} chunk(s) transcribed and kept in {job.parts.prefix}; this invocation's "
        "time is nearly up, so the step runs again and sends only the chunks still missing"
    )


def _raise_first_failure(futures: list[Future[ChunkWords]]) -> None:
    for future in futures:
        if future.done() and not future.cancelled() and future.exception() is not None:
            raise future.exception()  # type: ignore[misc]


def _permanent_error(exc: openai.APIStatusError, chunk: AudioChunk, model: str) -> Exception:
    detail = _describe(exc)
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ConfigurationError(
            f"OpenAI refused the API key ({detail}): check PODCAST_DIGEST_OPENAI_API_KEY and its project's access"
        )
    if isinstance(exc, openai.NotFoundError):
        return ConfigurationError(
            f"OpenAI does not know the transcription model {model!r} ({detail}): "
            "set PODCAST_DIGEST_TRANSCRIPTION_MODEL, e.g. to gpt-4o-mini-transcribe"
        )
    if isinstance(exc, openai.BadRequestError):
        return AudioError(
            f"OpenAI refused the audio of chunk {chunk.index} ({chunk.start:.0f}-{chunk.end:.0f}s): {detail}"
        )
    return BadInputError(f"OpenAI answered {exc.status_code} for chunk {chunk.index}: {detail}")


def _describe(exc: Exception | None) -> str:
    if isinstance(exc, openai.APIStatusError):
        message = exc.message if isinstance(exc.message, str) else str(exc)
        return f"HTTP {exc.status_code}: {message[:300]}"
    return type(exc).__name__ if exc is not None else "no answer"


def _language(language: str | None) -> str | None:
    """The ISO 639-1 code the API takes, from a feed's language such as 'en-US' (untrusted)."""
    if not language:
        return None
    code = language.strip().lower()[:2]
    return code if _LANGUAGE.fullmatch(code) else None
