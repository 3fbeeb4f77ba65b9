"""Polling in AWS: the schedule finds due feeds by index and fans them out through SQS batches.

poll_feeds (schedule) reads the due-feeds index (never a Scan) and queues
batches of feed ids; poll_feed_batch (the SQS consumer, many in parallel)
polls one batch and starts one execution per new episode, named by episode
id so a re-delivered message starts nothing twice.
"""

from datetime import datetime

from pydantic import BaseModel

from podcast_digest.errors import ConfigurationError
from podcast_digest.lambda_support.observability import MetricUnit, metrics
from podcast_digest.pipeline.context import Context

MAX_FEEDS_PER_RUN = 50_000


class FanOut(BaseModel):
    due: int
    messages: int


class BatchPolled(BaseModel):
    feeds: int
    new_episodes: int
    started: int


def fan_out_due_feeds(ctx: Context, now: datetime) -> FanOut:
    from podcast_digest.adapters.aws.sqs import FeedBatchQueue
    from podcast_digest.pipeline.drop_folder import is_drop_feed

    if not ctx.settings.poll_queue_url:
        raise ConfigurationError(
            "PODCAST_DIGEST_POLL_QUEUE_URL is not set: the stack must pass the poll queue"
        )
    due = [f.feed_id for f in ctx.records.list_due_feeds(now, limit=MAX_FEEDS_PER_RUN) if not is_drop_feed(f)]
    size = ctx.settings.poll_batch_size
    batches = [due[i : i + size] for i in range(0, len(due), size)]
    messages = FeedBatchQueue(ctx.settings.poll_queue_url).send(batches, scheduled_at=now.isoformat())
    metrics.add_metric(name="FeedsDue", unit=MetricUnit.Count, value=len(due))
    return FanOut(due=len(due), messages=messages)


def poll_batch(ctx: Context, feed_ids: list[str]) -> BatchPolled:
    """Poll the feeds, then start every episode of theirs still waiting to be processed.

    Waiting ones include this poll's new episodes and any a previous delivery
    of the same message recorded but could not start (SQS delivers at least
    once): execution names come from episode ids, so none starts twice.
    """
    from podcast_digest.adapters.aws.stepfunctions import PipelineStarter, execution_name_for_episode
    from podcast_digest.models import EpisodeStatus
    from podcast_digest.pipeline.episodes import ref_of
    from podcast_digest.pipeline.steps import poll

    if not ctx.settings.state_machine_arn:
        raise ConfigurationError(
            "PODCAST_DIGEST_STATE_MACHINE_ARN is not set: the stack must pass the state machine"
        )
    new = poll(ctx, feed_ids)
    waiting = {ref.episode_id: ref for ref in new}
    for feed_id in feed_ids:
        for episode in ctx.records.list_episodes(feed_id, statuses=[EpisodeStatus.DISCOVERED]):
            if not episode.backfill:
                waiting.setdefault(episode.episode_id, ref_of(episode))
    starter = PipelineStarter(ctx.settings.state_machine_arn)
    started = sum(starter.start(execution_name_for_episode(ref), ref) for ref in waiting.values())
    metrics.add_metric(name="EpisodesDiscovered", unit=MetricUnit.Count, value=len(new))
    return BatchPolled(feeds=len(feed_ids), new_episodes=len(new), started=started)
