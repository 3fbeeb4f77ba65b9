"""The step services, one import away: what the Lambda handlers and the runner call."""

from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.drop_feed import is_drop_feed
from podcast_digest.pipeline.drop_folder import ingest_dropped
from podcast_digest.pipeline.episodes import ref_of
from podcast_digest.pipeline.failures import mark_failed
from podcast_digest.pipeline.notify import notify_episode
from podcast_digest.pipeline.summarize import summarize_episode
from podcast_digest.pipeline.transcribe import transcribe_episode

__all__ = [
    "ingest_dropped",
    "mark_failed",
    "notify_episode",
    "poll",
    "summarize_episode",
    "transcribe_episode",
]


def poll(ctx: Context, feed_ids: list[str] | None = None, *, force: bool = False) -> list[EpisodeRef]:
    """Poll the feeds (all due ones, or those named) and return the new episodes to process."""
    from podcast_digest.feeds.polling import poll_feeds

    feeds = [f for f in ctx.records.list_feeds() if not is_drop_feed(f)]
    if feed_ids is not None:
        wanted = set(feed_ids)
        feeds = [f for f in feeds if f.feed_id in wanted]
    results = poll_feeds(feeds, fetcher=ctx.fetcher, records=ctx.records, settings=ctx.settings, force=force)
    return [ref_of(e) for r in results for e in r.new_episodes if not e.backfill]
