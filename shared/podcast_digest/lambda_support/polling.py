"""Polling in AWS: the schedule finds due feeds by index and fans them out through SQS batches.

poll_feeds (schedule) reads the due-feeds index (never a Scan) and queues
batches of feed ids; poll_feed_batch (the SQS consumer, many in parallel)
polls one batch and writes one manifest per new episode under episodes/.
It starts nothing itself: the manifest's S3 event does, through
start_pipeline, the one door into the pipeline (lambda_support/drop_folder.py).
"""

from datetime import datetime

from pydantic import Field

from podcast_digest.lambda_support.observability import MetricUnit, metrics
from podcast_digest.lambda_support.stack import StackContext
from podcast_digest.models.base import DomainModel

MAX_FEEDS_PER_RUN = 50_000


class FanOut(DomainModel):
    due: int
    messages: int


class BatchPolled(DomainModel):
    feeds: int
    new_episodes: int
    announced: int = Field(description="episode manifests written under episodes/ (each S3 event starts one)")


def fan_out_due_feeds(stack: StackContext, now: datetime) -> FanOut:
    from podcast_digest.pipeline.drop_feed import is_drop_feed

    ctx, queue = stack.pipeline, stack.needs_poll_queue()
    due = [f.feed_id for f in ctx.records.list_due_feeds(now, limit=MAX_FEEDS_PER_RUN) if not is_drop_feed(f)]
    size = ctx.settings.poll_batch_size
    batches = [due[i : i + size] for i in range(0, len(due), size)]
    messages = queue.send(batches, scheduled_at=now.isoformat())
    metrics.add_metric(name="FeedsDue", unit=MetricUnit.Count, value=len(due))
    return FanOut(due=len(due), messages=messages)


def poll_batch(stack: StackContext, feed_ids: list[str]) -> BatchPolled:
    """Poll the feeds, then announce every episode of theirs still waiting to be processed.

    Announcing writes the episode's manifest under episodes/; its S3 event
    starts the execution through start_pipeline, as a dropped file's does.
    Waiting ones include this poll's new episodes and any a previous delivery
    of the same message recorded but could not announce (SQS delivers at least
    once): a manifest written again has the same bytes, so the same execution
    name, and starts nothing twice. An episode the monthly budget holds is
    announced with the month in its manifest, so a new month starts it again.
    """
    from podcast_digest.feeds.skip_rules import skip_by_rules
    from podcast_digest.models import EpisodeStatus
    from podcast_digest.pipeline.drop_folder import is_dropped_audio
    from podcast_digest.pipeline.manifests import announce
    from podcast_digest.pipeline.steps import poll

    ctx = stack.pipeline
    new = poll(ctx, feed_ids)
    # This poll's new ones by key (the feed index behind list_episodes may lag a write), then the rest.
    waiting = {ref.episode_id: ctx.records.get_episode(ref.episode_id) for ref in new}
    unfinished = [EpisodeStatus.DISCOVERED, EpisodeStatus.FETCHED, EpisodeStatus.TRANSCRIBED]
    for feed_id in feed_ids:
        found = ctx.records.list_episodes(feed_id, statuses=unfinished)
        feed = ctx.records.get_feed(feed_id)
        if feed is not None:  # a skip rule set since they were found: recorded skipped, not started
            found, _ = skip_by_rules(ctx.records, feed.controls, found, ctx.clock())
        for episode in found:
            # Not yet started, or held by the monthly budget at any step (its manifest names the month).
            # A file dropped for this feed came in by its own object's event: never a second one.
            ready = episode.status is EpisodeStatus.DISCOVERED or episode.waiting_reason
            if ready and not episode.backfill and not is_dropped_audio(episode):
                waiting.setdefault(episode.episode_id, episode)
    announced = [announce(ctx, episode) for episode in waiting.values() if episode is not None]
    metrics.add_metric(name="EpisodesDiscovered", unit=MetricUnit.Count, value=len(new))
    metrics.add_metric(name="EpisodesAnnounced", unit=MetricUnit.Count, value=len(announced))
    return BatchPolled(feeds=len(feed_ids), new_episodes=len(new), announced=len(announced))
