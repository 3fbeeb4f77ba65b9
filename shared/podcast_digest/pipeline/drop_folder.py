"""The drop folder: audio or a transcript put under `incoming/` becomes an episode.

Metadata comes from the object's own metadata (S3 user metadata, or what the
CLI passes) and, when present, a sidecar `<key>.meta.json`; keys:
`title`, `description`, `feed` (a known feed's id or URL), `recipients`
(comma-separated addresses), `language`, `etag` (makes re-uploads under one
key distinct): models/manifest.py's EpisodeManifest, the same contract as the
poller's episode manifests. A transcript dropped in skips speech to text.

Without a title or description there, the file's own are used: an audio
file's tags (transcription/tags.py) or a transcript's header (its VTT, JSON,
HTML or Markdown title). The file name is never taken for one: it only labels
an episode that has no title, and such an episode has no promise for Quick
Takes to judge (`Episode.promise_known`).
"""

import contextlib
import json
from pathlib import PurePosixPath

from pydantic import ValidationError

from podcast_digest.errors import BadInputError
from podcast_digest.models import (
    Episode,
    Feed,
    FeedStatus,
    TranscriptSource,
    TranscriptSourceKind,
)
from podcast_digest.models.identity import episode_id_for
from podcast_digest.models.manifest import MAX_MANIFEST_BYTES, POLLER_FIELDS, EpisodeManifest
from podcast_digest.models.steps import EpisodeRef, StepFailure
from podcast_digest.pipeline import keys
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.drop_feed import DROP_FEED_ID, DROP_FEED_URL
from podcast_digest.pipeline.episodes import ref_of
from podcast_digest.pipeline.failures import mark_failed
from podcast_digest.pipeline.transcribe import store_transcript
from podcast_digest.transcription.tags import FileMetadata, tidy

SIDECAR_SUFFIX = ".meta.json"
MAX_SIDECAR_BYTES = MAX_MANIFEST_BYTES
AUDIO_SUFFIXES = frozenset(
    {".mp3", ".m4a", ".mp4", ".aac", ".ogg", ".oga", ".opus", ".wav", ".flac", ".webm"}
)


# The drop folder's metadata is the pipeline's one episode contract (the poller's manifests are it too).
DropMetadata = EpisodeManifest


def is_dropped_audio(episode: Episode) -> bool:
    """A dropped audio file's episode (it may name a polled feed): its own S3 event started it."""
    return (episode.audio_key or "").startswith(keys.INCOMING_PREFIX)


def ingest_dropped(ctx: Context, key: str, metadata: dict[str, str]) -> EpisodeRef | None:
    """Record a dropped object as an episode; None for objects that are not episodes (sidecars, folders)."""
    if not key.startswith(keys.INCOMING_PREFIX) or key.endswith("/") or key.endswith(SIDECAR_SUFFIX):
        return None
    suffix = PurePosixPath(key).suffix.lower()
    from podcast_digest.transcription.publisher import TRANSCRIPT_SUFFIXES

    if suffix not in AUDIO_SUFFIXES and suffix not in TRANSCRIPT_SUFFIXES:
        raise BadInputError(
            f"{key}: {suffix or 'no suffix'} is neither audio ({', '.join(sorted(AUDIO_SUFFIXES))}) "
            f"nor a transcript ({', '.join(sorted(TRANSCRIPT_SUFFIXES))}): rename the file with the right suffix"
        )

    raw = {**_sidecar(ctx, key), **{k.lower(): v for k, v in metadata.items()}}
    feed = _feed_for(ctx, raw.get("feed"))
    own = _own_metadata(ctx, key, audio=suffix in AUDIO_SUFFIXES, given=raw)
    episode = Episode(
        episode_id=episode_id_for(feed.feed_id, f"{key}#{raw.get('etag', '')}", None, None),
        feed_id=feed.feed_id,
        guid=key,
        title=own.title or PurePosixPath(key).stem[:500],
        description=own.description or "",
        promise_known=bool(own.title or own.description),
        discovered_at=ctx.clock(),
    )
    if not ctx.records.add_episode(episode):
        return ref_of(episode)  # the same object delivered again: one episode
    try:
        meta = DropMetadata.model_validate({k: v for k, v in raw.items() if k not in POLLER_FIELDS})
    except ValidationError as exc:
        reason = "; ".join(str(err["msg"]) for err in exc.errors())
        mark_failed(
            ctx,
            StepFailure(
                **ref_of(episode).model_dump(),
                step="ingest",
                error="BadInputError",
                cause=f"bad metadata for {key}: {reason}",
            ),
        )
        raise BadInputError(f"bad metadata for {key}: {reason}") from exc

    episode = episode.model_copy(update={"recipients": meta.recipients, "language": meta.language})
    if suffix in AUDIO_SUFFIXES:
        episode = episode.model_copy(update={"audio_key": key})
        ctx.records.put_episode(episode)
        return ref_of(episode)
    ctx.records.put_episode(episode)
    _ingest_transcript(ctx, episode, key)
    return ref_of(episode)


def _own_metadata(ctx: Context, key: str, *, audio: bool, given: dict[str, object]) -> FileMetadata:
    """The title and description given with the file, else the ones the file carries itself."""
    from podcast_digest.transcription.publisher.titles import transcript_metadata
    from podcast_digest.transcription.tags import audio_metadata

    title = tidy(given.get("title") or "", 500)
    description = tidy(given.get("description") or "", 5000)
    if title and description:
        return FileMetadata(title=title, description=description)
    with contextlib.closing(ctx.blobs.open(key)) as stream:
        if audio:
            carried = audio_metadata(stream)
        else:
            data = stream.read(ctx.settings.max_transcript_bytes + 1)
            # An oversized transcript is refused when it is parsed; it has no title to read first.
            too_big = len(data) > ctx.settings.max_transcript_bytes
            carried = FileMetadata() if too_big else transcript_metadata(data, key)
    return FileMetadata(title=title or carried.title, description=description or carried.description)


def _ingest_transcript(ctx: Context, episode: Episode, key: str) -> None:
    from podcast_digest.transcription.publisher import parse_transcript

    data = ctx.blobs.get_bytes(key)
    try:
        if len(data) > ctx.settings.max_transcript_bytes:
            raise BadInputError(
                f"{key} is {len(data)} bytes, over the {ctx.settings.max_transcript_bytes}-byte limit "
                "(PODCAST_DIGEST_MAX_TRANSCRIPT_BYTES)"
            )
        source = TranscriptSource(kind=TranscriptSourceKind.DROPPED)
        transcript = parse_transcript(data, hint=key, source=source, episode_id=episode.episode_id)
    except BadInputError as exc:
        mark_failed(
            ctx,
            StepFailure(
                **ref_of(episode).model_dump(), step="transcribe", error=type(exc).__name__, cause=str(exc)
            ),
        )
        raise
    store_transcript(ctx, episode, transcript)


def _sidecar(ctx: Context, key: str) -> dict[str, object]:
    sidecar_key = key + SIDECAR_SUFFIX
    if not ctx.blobs.exists(sidecar_key):
        return {}
    data = ctx.blobs.get_bytes(sidecar_key)
    try:
        if len(data) > MAX_SIDECAR_BYTES:
            raise ValueError(f"over {MAX_SIDECAR_BYTES} bytes")
        parsed = json.loads(data)
        if not isinstance(parsed, dict):
            raise ValueError("not a JSON object")
    except ValueError as exc:
        raise BadInputError(
            f"{sidecar_key} is not a usable metadata file ({exc}): write a JSON object "
            'such as {"title": "...", "recipients": "a@example.com"}'
        ) from exc
    return {str(k).lower(): v for k, v in parsed.items()}


def _feed_for(ctx: Context, wanted: object) -> Feed:
    if isinstance(wanted, str) and wanted.strip():
        feed = ctx.records.get_feed(wanted.strip()) or ctx.records.find_feed_by_url(wanted.strip())
        if feed is None:
            raise BadInputError(f"feed {wanted!r} is not known: add it first (podcast-digest feeds add URL)")
        return feed
    feed = ctx.records.get_feed(DROP_FEED_ID)
    if feed is None:
        feed = Feed(
            feed_id=DROP_FEED_ID,
            url=DROP_FEED_URL,
            title="Dropped files",
            status=FeedStatus.OK,
            added_at=ctx.clock(),
        )
        ctx.records.put_feed(feed)
    return feed
