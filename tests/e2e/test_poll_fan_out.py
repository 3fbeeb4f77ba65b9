"""The scheduled poll: due feeds found by index, fanned out through SQS, new episodes run the pipeline.

A polled episode enters by the drop folder's door: poll_feed_batch writes its
manifest under episodes/ and that object's S3 event starts the execution
through start_pipeline (the poller's role may not start one at all).
"""

import json

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.adapters.aws.stepfunctions import execution_name_for_object
from podcast_digest.models import (
    Feed,
    Subscriber,
    SubscriberStatus,
    Subscription,
    feed_id_for,
    subscriber_id_for,
)
from podcast_digest.models.manifest import EpisodeManifest
from podcast_digest.pipeline.keys import manifest_key
from tests.support import aws
from tests.support.aws_stack import REPO, executions, wait_for_execution
from tests.support.corpus import corpus_path
from tests.support.feed_server import FeedServer, Route

LISTENER = "listener@example.com"

pytestmark = pytest.mark.slow

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>The Local Show</title>
    <link>https://example.com/show</link>
    <description>A show served from 127.0.0.1.</description>
    <item>
      <title>Episode one</title>
      <guid isPermaLink="false">local-show-1</guid>
      <pubDate>Mon, 01 Jun 2026 12:00:00 +0000</pubDate>
      <podcast:transcript url="{transcript}" type="application/x-subrip" language="en" />
    </item>
  </channel>
</rss>
"""


def _poll(stack) -> dict:
    event = json.loads((REPO / "events" / "scheduled-event.json").read_text())
    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("PollFeedsFunction"), Payload=json.dumps(event)
    )
    assert "FunctionError" not in response, response["Payload"].read()
    return json.loads(response["Payload"].read())


def _started_by_its_manifest(stack, feed_id: str, episode_id: str) -> str:
    """The execution name the S3 event of this episode's manifest (as stored now) starts."""
    key = manifest_key(feed_id, episode_id)
    etag = clients.s3().head_object(Bucket=stack.bucket, Key=key)["ETag"]
    return execution_name_for_object(stack.bucket, key, etag)


def _poll_batch(stack, feed_id: str) -> dict:
    """One SQS delivery of a batch naming this feed, as the event source mapping sends it."""
    event = json.loads((REPO / "events" / "sqs-batch.json").read_text())
    event["Records"] = event["Records"][:1]
    event["Records"][0]["body"] = json.dumps({"feed_ids": [feed_id]})
    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("PollFeedBatchFunction"), Payload=json.dumps(event)
    )
    assert "FunctionError" not in response
    return json.loads(response["Payload"].read())


def test_a_due_feed_is_polled_through_the_queue_and_its_new_episode_is_mailed(stack_for_local_publisher):
    stack = stack_for_local_publisher
    records = DynamoDBRecords(stack.table)
    with FeedServer() as publisher:
        transcript = corpus_path("transcripts", "podcastnamespace__example.srt").read_bytes()
        transcript_url = publisher.route(
            "/1.srt", Route(body=transcript, content_type="application/x-subrip")
        )
        feed_url = publisher.route("/feed.xml", Route(body=FEED.format(transcript=transcript_url).encode()))
        feed = Feed(feed_id=feed_id_for(feed_url), url=feed_url, title="The Local Show")
        records.put_feed(feed)
        subscriber_id = subscriber_id_for(LISTENER)
        records.put_subscriber(
            Subscriber(subscriber_id=subscriber_id, email=LISTENER, status=SubscriberStatus.CONFIRMED)
        )
        records.put_subscription(Subscription(subscriber_id=subscriber_id, feed_id=feed.feed_id))

        fan_out = _poll(stack)

        assert fan_out == {"due": 1, "messages": 1}
        (started,) = executions(stack.state_machine_arn)
        execution = wait_for_execution(started["executionArn"])
        assert execution["status"] == "SUCCEEDED", execution

    (episode,) = records.list_episodes(feed.feed_id)
    # Started by the S3 event of the poller's manifest, under the drop folder's naming rule.
    assert started["name"] == _started_by_its_manifest(stack, feed.feed_id, episode.episode_id)
    assert started["name"].startswith("episode-")
    body = clients.s3().get_object(Bucket=stack.bucket, Key=manifest_key(feed.feed_id, episode.episode_id))
    manifest = EpisodeManifest.model_validate_json(body["Body"].read())
    assert (manifest.episode_id, manifest.feed, manifest.title) == (
        episode.episode_id,
        feed.feed_id,
        "Episode one",
    )
    assert manifest.transcript_urls == [transcript_url]
    assert json.loads(execution["output"])["episode_id"] == episode.episode_id
    calls = {(function, action) for function, action, _ in stack.roles.checked}
    assert (stack.function_name("PollFeedBatchFunction"), "s3:PutObject") in calls
    starters = {function for function, action in calls if action == "states:StartExecution"}
    assert starters == {stack.function_name("StartPipelineFunction")}
    assert records.get_episode(episode.episode_id).status.value == "notified"
    assert records.get_summary(episode.episode_id).one_sentence_summary
    assert len([m for m in aws.sent_messages() if LISTENER in m.destinations]) == 1
    polled = records.get_feed(feed.feed_id)
    assert polled.last_polled_at is not None
    assert polled.next_poll_at > polled.last_polled_at
    assert _poll(stack) == {"due": 0, "messages": 0}  # not due again until its next poll

    # The same batch delivered again (SQS is at least once): nothing new, nothing started, nothing sent.
    assert _poll_batch(stack, feed.feed_id) == {"batchItemFailures": []}
    assert len(executions(stack.state_machine_arn)) == 1
    assert len([m for m in aws.sent_messages() if LISTENER in m.destinations]) == 1


def test_a_redelivered_batch_starts_an_episode_an_earlier_delivery_recorded_but_never_announced(
    stack_for_local_publisher,
):
    from podcast_digest.models import Episode, EpisodeStatus, episode_id_for

    stack = stack_for_local_publisher
    records = DynamoDBRecords(stack.table)
    with FeedServer() as publisher:
        feed_url = publisher.route("/feed.xml", Route(status=304))  # nothing new this time
        feed = Feed(feed_id=feed_id_for(feed_url), url=feed_url, title="The Local Show", etag='"v1"')
        records.put_feed(feed)
        stranded = Episode(
            episode_id=episode_id_for(feed.feed_id, "stranded", None, None),
            feed_id=feed.feed_id,
            guid="stranded",
        )
        records.add_episode(stranded)

        assert _poll_batch(stack, feed.feed_id) == {"batchItemFailures": []}

    (execution,) = executions(stack.state_machine_arn)
    assert execution["name"] == _started_by_its_manifest(stack, feed.feed_id, stranded.episode_id)
    # It has neither audio nor a transcript: it ends marked failed, as any such episode would.
    assert wait_for_execution(execution["executionArn"])["status"] == "FAILED"
    assert records.get_episode(stranded.episode_id).status is EpisodeStatus.FAILED


def test_an_episode_announced_twice_starts_one_execution(stack_for_local_publisher):
    """A poll that still sees an episode as waiting (a stale index, a batch delivered twice) announces it again."""
    from podcast_digest.models import Episode, EpisodeStatus, episode_id_for

    stack = stack_for_local_publisher
    records = DynamoDBRecords(stack.table)
    with FeedServer() as publisher:
        feed_url = publisher.route("/feed.xml", Route(status=304))
        feed = Feed(feed_id=feed_id_for(feed_url), url=feed_url, title="The Local Show", etag='"v1"')
        records.put_feed(feed)
        waiting = Episode(
            episode_id=episode_id_for(feed.feed_id, "twice", None, None), feed_id=feed.feed_id, guid="twice"
        )
        records.add_episode(waiting)
        _poll_batch(stack, feed.feed_id)
        (first,) = executions(stack.state_machine_arn)
        wait_for_execution(first["executionArn"])
        records.put_episode(records.get_episode(waiting.episode_id).model_copy(
            update={"status": EpisodeStatus.DISCOVERED}
        ))  # fmt: skip

        second = _poll_batch(stack, feed.feed_id)

    assert second == {"batchItemFailures": []}
    assert [e["name"] for e in executions(stack.state_machine_arn)] == [first["name"]]
