"""Transcribe step: the publisher's transcript when the feed has one, else speech to text.

Output: the canonical transcript as JSON in the blob store; the episode
records its key, the source (engine, model), audio minutes and cost.
"""

import logging

from podcast_digest.costs.gate import note_free_transcript, transcriber_within_budget
from podcast_digest.costs.ledger import record_transcription_cost
from podcast_digest.errors import BadInputError, TransientError
from podcast_digest.models import Episode, EpisodeStatus, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.models.steps import EpisodeRef, TranscribeResult
from podcast_digest.pipeline import keys
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.episodes import load_episode, load_feed, reached, save
from podcast_digest.pipeline.transcript_retry import retry_transcript_later, tries_note

log = logging.getLogger(__name__)


def transcribe_episode(ctx: Context, ref: EpisodeRef) -> TranscribeResult:
    episode = load_episode(ctx, ref)
    if episode.transcript_key and reached(episode, EpisodeStatus.TRANSCRIBED):
        return transcribe_result(episode)
    if episode.transcript_key and ctx.blobs.exists(episode.transcript_key):
        # Made before a later failure (or dropped in as a transcript): keep it.
        return transcribe_result(save(ctx, episode, EpisodeStatus.TRANSCRIBED))

    transcript, unused = _publisher_transcript(ctx, episode)
    if unused is not None and unused not in episode.notes:
        # Saved now, so the note survives the audio failing too.
        episode = save(ctx, episode.model_copy(update={"notes": [*episode.notes, unused][-10:]}))
    if transcript is None:
        # The monthly budget decides before any paid engine (or download): it may raise OverBudget.
        episode, transcriber = transcriber_within_budget(ctx, episode)
        episode = _ensure_audio(ctx, episode)
        assert episode.audio_key is not None
        pin = load_feed(ctx, episode).controls.language  # the feed's pin, else the engine detects
        transcript = transcriber.transcribe(episode, episode.audio_key, language=pin)
    else:
        episode = note_free_transcript(ctx, episode)
    return transcribe_result(store_transcript(ctx, episode, transcript))


def store_transcript(ctx: Context, episode: Episode, transcript: Transcript) -> Episode:
    """Write the transcript JSON and record it on the episode (status transcribed)."""
    transcript = transcript.model_copy(update={"episode_id": episode.episode_id})
    key = keys.transcript_key(episode.feed_id, episode.episode_id)
    ctx.blobs.put_bytes(key, transcript.model_dump_json().encode("utf-8"), "application/json")
    source = transcript.source
    updated = episode.model_copy(
        update={
            "transcript_key": key,
            "transcript_engine": source.describe(),
            "transcription_cost_usd": source.cost_usd,
            "audio_seconds": source.audio_seconds,
            "language": episode.language or transcript.language,
        }
    )
    record_transcription_cost(ctx, updated, transcript)
    return save(ctx, updated, EpisodeStatus.TRANSCRIBED)


def _publisher_transcript(ctx: Context, episode: Episode) -> tuple[Transcript | None, str | None]:
    """The publisher's transcript, or (None, why not) when it is unusable or unreachable and the
    episode has audio to fall back to (DESIGN.md); with no audio the error stands."""
    from podcast_digest.transcription.publisher import parse_transcript, preferred_transcript

    link = preferred_transcript(episode.transcripts)
    if link is None:
        return None, None
    feed = load_feed(ctx, episode)
    try:
        fetched = ctx.fetcher.fetch(
            link.url, max_bytes=ctx.settings.max_transcript_bytes, base=feed.url or None
        )
        source = TranscriptSource(kind=TranscriptSourceKind.PUBLISHER, url=link.url)
        transcript = parse_transcript(
            fetched.body, hint=link.mime_type or link.url, source=source, episode_id=episode.episode_id
        )
        return transcript, None
    except (BadInputError, TransientError) as exc:
        if episode.audio is None and episode.audio_key is None:
            raise
        tries = ""
        if isinstance(exc, TransientError):  # unreachable for now: tried again before the audio is paid for
            retry_transcript_later(ctx, episode, exc)
            tries = tries_note(episode)
        # A broken or unreachable publisher transcript should not cost the episode: fall back to the audio.
        log.warning("publisher transcript not used%s, transcribing the audio instead: %s", tries, exc)
        return None, f"publisher transcript not used{tries} ({exc}); transcribed from the audio"


def _ensure_audio(ctx: Context, episode: Episode) -> Episode:
    if episode.audio_key and ctx.blobs.exists(episode.audio_key):
        return episode
    if episode.audio is None:
        raise BadInputError(
            f"episode {episode.title or episode.episode_id!r} has neither a transcript nor audio: "
            "the feed item needs an enclosure or a <podcast:transcript>"
        )
    from podcast_digest.feeds.enclosures import download_enclosure

    feed = load_feed(ctx, episode)
    audio_key = download_enclosure(
        episode, fetcher=ctx.fetcher, blobs=ctx.blobs, settings=ctx.settings, base=feed.url or None
    )
    return save(ctx, episode.model_copy(update={"audio_key": audio_key}), EpisodeStatus.FETCHED)


def transcribe_result(episode: Episode) -> TranscribeResult:
    """The step's output for an episode whose transcript is stored."""
    assert episode.transcript_key is not None
    return TranscribeResult(
        feed_id=episode.feed_id,
        episode_id=episode.episode_id,
        transcript_key=episode.transcript_key,
        source=episode.transcript_engine or "",
    )
