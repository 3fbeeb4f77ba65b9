"""Summarize step: transcript → summary in the house format, stored as a record and as files.

The summary JSON goes to the records (DynamoDB/SQLite); the full page (HTML)
and the JSON also go to the blob store, where the digest email links to them.
"""

import logging

from podcast_digest.costs.gate import summarizer_within_budget
from podcast_digest.costs.ledger import record_summary_cost
from podcast_digest.errors import BadInputError
from podcast_digest.models import EpisodeStatus, Summary, Transcript
from podcast_digest.models.steps import EpisodeRef, SummarizeResult
from podcast_digest.pipeline import keys
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.episodes import load_episode, load_feed, reached, save
from podcast_digest.summarization.talk import summarize_talk

log = logging.getLogger(__name__)


def summarize_episode(ctx: Context, ref: EpisodeRef) -> SummarizeResult:
    episode = load_episode(ctx, ref)
    existing = ctx.records.get_summary(episode.episode_id)
    if existing is not None and reached(episode, EpisodeStatus.SUMMARIZED):
        return _result(existing)
    if existing is not None:
        # Stored before a failure in the notify step: never pay for it twice.
        save(ctx, episode, EpisodeStatus.SUMMARIZED)
        return _result(existing)
    if not episode.transcript_key:
        raise BadInputError(
            f"episode {episode.episode_id} has no transcript yet: run the transcribe step first"
        )

    transcript = Transcript.model_validate_json(ctx.blobs.get_bytes(episode.transcript_key))
    feed = load_feed(ctx, episode)
    # The monthly budget decides before a paid LLM is called: it may raise OverBudget.
    episode, summarizer = summarizer_within_budget(ctx, episode, transcript)
    # Sponsor reads are cut before any summarizer sees the talk, and listed on the Sponsors line.
    summary = summarize_talk(summarizer, feed, episode, transcript)
    summary = summary.model_copy(
        update={
            "episode_id": episode.episode_id,
            "feed_id": episode.feed_id,
            "podcast_title": summary.podcast_title or feed.title,
            "episode_title": summary.episode_title or episode.title,
            "episode_url": summary.episode_url or episode.link,
            "audio_url": summary.audio_url or (episode.audio.url if episode.audio else None),
            "duration_seconds": summary.duration_seconds or transcript.duration or episode.duration_seconds,
            "chapters": summary.chapters or episode.chapters,
            "provenance": summary.provenance.model_copy(
                update={"transcription_cost_usd": episode.transcription_cost_usd or 0.0}
            ),
        }
    )
    publish_summary_files(ctx, summary)
    ctx.records.put_summary(summary)
    record_summary_cost(ctx, summary)
    save(ctx, episode, EpisodeStatus.SUMMARIZED)
    index_for_search(ctx, summary)
    return _result(summary)


def index_for_search(ctx: Context, summary: Summary) -> None:
    """Make the new summary findable; a failure here loses nothing (serve backfills the index)."""
    if ctx.search is None:
        return
    from podcast_digest.search.indexing import index_summary

    try:
        index_summary(ctx.search, ctx.blobs, summary)
    except Exception:  # search is a convenience: never fail an episode over it
        log.exception("could not index %s for search; `podcast-digest serve` will retry", summary.episode_id)


def publish_summary_files(ctx: Context, summary: Summary) -> None:
    """The full summary as JSON and as a page, where digests link for the In-Depth part."""
    from podcast_digest.digest import render_html

    feed_id, episode_id = summary.feed_id, summary.episode_id
    ctx.blobs.put_bytes(
        keys.summary_key(feed_id, episode_id, "json"), summary.model_dump_json().encode(), "application/json"
    )
    ctx.blobs.put_bytes(
        keys.summary_key(feed_id, episode_id, "html"),
        render_html(summary).encode("utf-8"),
        "text/html; charset=utf-8",
    )


def _result(summary: Summary) -> SummarizeResult:
    return SummarizeResult(
        feed_id=summary.feed_id,
        episode_id=summary.episode_id,
        summary_key=keys.summary_key(summary.feed_id, summary.episode_id),
        cost_usd=summary.provenance.cost_usd,
    )
