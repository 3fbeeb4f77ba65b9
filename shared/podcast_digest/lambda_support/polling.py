"""Polling in AWS: the schedule finds due feeds by index and fans them out through SQS batches.

poll_feeds (schedule) reads the due-feeds index (never a Scan) and queues
batches of feed ids; poll_feed_batch (the SQS consumer, many in parallel)
polls one batch and starts one execution per new episode, named by episode
id so a re-delivered message starts nothing twice.
"""

from datetime import datetime

from pydantic import BaseModel

from podcast_digest.lambda_support.observability import MetricUnit, metrics
from podcast_digest.lambda_support.stack import StackContext

MAX_FEEDS_PER_RUN = 50_000


class FanOut(BaseModel):
    due: int
    messages: int


class BatchPolled(BaseModel):
    feeds: int
    new_episodes: int
    started: int


def fan_out_due_feeds(stack: StackContext, now: datetime) -> FanOut:
    from podcast_digest.pipeline.drop_folder import is_drop_feed

    ctx, queue = stack.pipeline, stack.needs_poll_queue()
    due = [f.feed_id for f in ctx.records.list_due_feeds(now, limit=MAX_FEEDS_PER_RUN) if not is_drop_feed(f)]
    size = ctx.settings.poll_batch_size
    batches = [due[i : i + size] for i in range(0, len(due), size)]
    messages = queue.send(batches, scheduled_at=now.isoformat())
    metrics.add_metric(name="FeedsDue", unit=MetricUnit.Count, value=len(due))
    return FanOut(due=len(due), messages=messages)


def poll_batch(stack: StackContext, feed_ids: list[str]) -> BatchPolled:
    """Poll the feeds, then start every episode of theirs still waiting to be processed.

    Waiting ones include this poll's new episodes and any a previous delivery
    of the same message recorded but could not start (SQS delivers at least
    once): execution names come from episode ids, so none starts twice.
    """
    from podcast_digest.adapters.aws.stepfunctions import execution_name_for_episode
    from podcast_digest.feeds.skip_rules import skip_by_rules
    from podcast_digest.models import EpisodeStatus
    from podcast_digest.pipeline.episodes import ref_of
    from podcast_digest.pipeline.steps import poll

    ctx, starter = stack.pipeline, stack.needs_starter()
    new = poll(ctx, feed_ids)
    waiting = {ref.episode_id: ref for ref in new}
    for feed_id in feed_ids:
        found = ctx.records.list_episodes(feed_id, statuses=[EpisodeStatus.DISCOVERED])
        feed = ctx.records.get_feed(feed_id)
        if feed is not None:  # a skip rule set since they were found: recorded skipped, not started
            found, _ = skip_by_rules(ctx.records, feed.controls, found, ctx.clock())
        for episode in found:
            if not episode.backfill:
                waiting.setdefault(episode.episode_id, ref_of(episode))
    started = sum(starter.start(execution_name_for_episode(ref), ref) for ref in waiting.values())
    metrics.add_metric(name="EpisodesDiscovered", unit=MetricUnit.Count, value=len(new))
    return BatchPolled(feeds=len(feed_ids), new_episodes=len(new), started=started)
