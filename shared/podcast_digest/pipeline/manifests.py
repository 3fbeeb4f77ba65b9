"""Episode manifests: how a polled episode enters the pipeline through the same door as a dropped file.

The poller records a new episode, then writes its manifest (models/manifest.py)
to `episodes/<feed_id>/<episode_id>.json`. On AWS that object's S3 event
starts the execution through start_pipeline, exactly as a dropped file's
does, with the same naming rule (bucket + key + etag); locally the runner
writes the same manifest and goes on in-process.

A manifest is built from the recorded episode alone, so writing it again
(a re-poll, a re-delivered poll batch) writes the same bytes: the same ETag,
the same execution name, and nothing starts twice.
"""

import contextlib
import json

from pydantic import ValidationError

from podcast_digest.errors import BadInputError
from podcast_digest.models import Episode
from podcast_digest.models.manifest import MAX_MANIFEST_BYTES, MAX_URL_LENGTH, EpisodeManifest
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline import keys
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.episodes import ref_of


def manifest_for(episode: Episode, month: str | None = None) -> EpisodeManifest:
    """The manifest of a recorded episode: its id, feed, title, audio and transcript links.

    Only what never changes once the episode is recorded (not its status, not a
    language the transcript may reveal), so the bytes are the same every time.
    One exception: an episode the monthly budget holds carries `month` (the
    month it is announced in), so the first poll of a new month starts it again.
    """
    links = [link.url for link in episode.transcripts if len(link.url) <= MAX_URL_LENGTH]
    enclosure = episode.audio.url if episode.audio is not None else None
    return EpisodeManifest(
        episode_id=episode.episode_id,
        feed=episode.feed_id,
        title=episode.title[:500] or None,
        enclosure_url=enclosure if enclosure and len(enclosure) <= MAX_URL_LENGTH else None,
        transcript_urls=links[:20],
        budget_month=month if episode.waiting_reason else None,
    )


def manifest_bytes(episode: Episode, month: str | None = None) -> bytes:
    """The manifest as stored: the same bytes for the same recorded episode (and month, if it waits)."""
    return (
        manifest_for(episode, month).model_dump_json(exclude_none=True, exclude_defaults=True).encode("utf-8")
    )


def announce(ctx: Context, episode: Episode) -> str:
    """Write the episode's manifest (the same bytes every time, or every month while the budget
    holds it); returns its key."""
    key = keys.manifest_key(episode.feed_id, episode.episode_id)
    month = ctx.clock().strftime("%Y-%m")
    ctx.blobs.put_bytes(key, manifest_bytes(episode, month), content_type="application/json")
    return key


def is_manifest_key(key: str) -> bool:
    return key.startswith(keys.EPISODES_PREFIX) and key.endswith(".json")


def ingest_announced(ctx: Context, key: str) -> EpisodeRef:
    """The recorded episode a manifest announces; BadInputError (one line) for any manifest we refuse.

    The manifest must sit at its own episode's key and name an episode the
    records hold under that feed: a manifest never creates or renames one.
    A manifest that is gone raises NotFoundError (its object was deleted).
    """
    manifest = _read(ctx, key)
    if not manifest.episode_id or not manifest.feed:
        raise BadInputError(f"{key}: a manifest names its episode_id and feed; this one does not")
    if key != keys.manifest_key(manifest.feed, manifest.episode_id):
        raise BadInputError(
            f"{key}: announces episode {manifest.episode_id} of feed {manifest.feed}, "
            f"whose manifest is {keys.manifest_key(manifest.feed, manifest.episode_id)}"
        )
    episode = ctx.records.get_episode(manifest.episode_id)
    if episode is None or episode.feed_id != manifest.feed:
        raise BadInputError(
            f"{key}: episode {manifest.episode_id} of feed {manifest.feed} is not in the records "
            "(only the poller writes manifests, after recording the episode)"
        )
    return ref_of(episode)


def _read(ctx: Context, key: str) -> EpisodeManifest:
    with contextlib.closing(ctx.blobs.open(key)) as stream:
        data = stream.read(MAX_MANIFEST_BYTES + 1)
    if len(data) > MAX_MANIFEST_BYTES:
        raise BadInputError(f"{key}: over {MAX_MANIFEST_BYTES} bytes, which is no episode manifest")
    try:
        parsed = json.loads(data)
    except ValueError as exc:
        raise BadInputError(f"{key}: not JSON ({exc}), so not an episode manifest") from exc
    if not isinstance(parsed, dict):
        raise BadInputError(f"{key}: not a JSON object, so not an episode manifest")
    try:
        return EpisodeManifest.model_validate(parsed)
    except ValidationError as exc:
        reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise BadInputError(f"{key}: not a usable episode manifest ({reason})") from exc
