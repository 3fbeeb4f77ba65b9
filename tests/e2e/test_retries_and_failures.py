"""Retry and Catch in the real state machine: a flaky publisher is retried, a broken one marks the episode failed."""

import json

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.adapters.aws.stepfunctions import PipelineStarter, execution_name_for_episode
from podcast_digest.models import (
    Episode,
    EpisodeStatus,
    Feed,
    Subscriber,
    SubscriberStatus,
    Subscription,
    TranscriptLink,
    episode_id_for,
    feed_id_for,
    subscriber_id_for,
)
from podcast_digest.models.steps import EpisodeRef
from tests.support import aws
from tests.support.aws_stack import REPO, wait_for_execution
from tests.support.corpus import corpus_path
from tests.support.feed_server import FeedServer, Route

LISTENER = "listener@example.com"
TRANSCRIPT = "/episodes/1/transcript.srt"

pytestmark = pytest.mark.slow


class FlakyPublisher(FeedServer):
    """A publisher whose first `failures` answers on a path are 503 Service Unavailable."""

    def __init__(self, failures: dict[str, int]) -> None:
        super().__init__()
        self.failures = failures

    def _answer(self, handler, route):
        path = handler.path.split("?", 1)[0]
        if len(self.requests_for(path)) <= self.failures.get(path, 0):
            route = Route(status=503, body=b"try later", content_type="text/plain", retry_after="1")
        super()._answer(handler, route)


def _episode_with_publisher_transcript(stack, publisher: FeedServer) -> EpisodeRef:
    """A polled episode as the poller records it: a feed, a confirmed subscriber, a transcript link."""
    records = DynamoDBRecords(stack.table)
    feed_url = publisher.url("/feed.xml")
    feed = Feed(feed_id=feed_id_for(feed_url), url=feed_url, title="The Local Show")
    records.put_feed(feed)
    subscriber_id = subscriber_id_for(LISTENER)
    records.put_subscriber(
        Subscriber(subscriber_id=subscriber_id, email=LISTENER, status=SubscriberStatus.CONFIRMED)
    )
    records.put_subscription(Subscription(subscriber_id=subscriber_id, feed_id=feed.feed_id))
    episode = Episode(
        episode_id=episode_id_for(feed.feed_id, "episode-1", None, None),
        feed_id=feed.feed_id,
        guid="episode-1",
        title="Episode one",
        transcripts=[TranscriptLink(url=publisher.url(TRANSCRIPT), mime_type="application/x-subrip")],
    )
    assert records.add_episode(episode)
    return EpisodeRef(feed_id=feed.feed_id, episode_id=episode.episode_id)


def _run(stack, ref: EpisodeRef) -> dict:
    name = execution_name_for_episode(ref)
    assert PipelineStarter(stack.state_machine_arn).start(name, ref)
    arn = stack.state_machine_arn.replace(":stateMachine:", ":execution:") + f":{name}"
    return wait_for_execution(arn)


def _transcript_route() -> Route:
    body = corpus_path("transcripts", "podcastnamespace__example.srt").read_bytes()
    return Route(body=body, content_type="application/x-subrip")


def test_a_step_that_fails_twice_with_a_transient_error_then_succeeds(stack_for_local_publisher):
    stack = stack_for_local_publisher
    with FlakyPublisher({TRANSCRIPT: 2}) as publisher:
        publisher.route(TRANSCRIPT, _transcript_route())
        ref = _episode_with_publisher_transcript(stack, publisher)

        execution = _run(stack, ref)

        assert execution["status"] == "SUCCEEDED", execution
        assert len(publisher.requests_for(TRANSCRIPT)) == 3
    history = clients.stepfunctions().get_execution_history(executionArn=execution["executionArn"])["events"]
    failures = [e for e in history if e["type"] == "TaskFailed" or e["type"] == "LambdaFunctionFailed"]
    assert len(failures) == 2
    episode = DynamoDBRecords(stack.table).get_episode(ref.episode_id)
    assert episode.status is EpisodeStatus.NOTIFIED
    assert episode.failure_reason is None
    assert len([m for m in aws.sent_messages() if LISTENER in m.destinations]) == 1


def test_a_step_that_fails_for_good_leaves_the_episode_marked_failed_with_its_reason(
    stack_for_local_publisher,
):
    stack = stack_for_local_publisher
    with FlakyPublisher({}) as publisher:  # no route for the transcript: 404 Not Found
        ref = _episode_with_publisher_transcript(stack, publisher)

        execution = _run(stack, ref)

        assert len(publisher.requests_for(TRANSCRIPT)) == 1  # bad input is not retried
    assert execution["status"] == "FAILED"
    episode = DynamoDBRecords(stack.table).get_episode(ref.episode_id)
    assert episode.status is EpisodeStatus.FAILED
    assert episode.failed_step == "transcribe"
    assert episode.failure_reason.startswith("BadInputError: ")
    assert "404" in episode.failure_reason
    assert "stackTrace" not in episode.failure_reason  # the message, not the raw Lambda error payload
    assert aws.sent_messages() == []


def test_mark_failed_accepts_the_sample_catch_event(stack):
    records = DynamoDBRecords(stack.table)
    event = json.loads((REPO / "events" / "step-failure.json").read_text())
    records.add_episode(Episode(episode_id=event["episode_id"], feed_id=event["feed_id"]))

    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("MarkFailedFunction"), Payload=json.dumps(event)
    )

    assert "FunctionError" not in response
    episode = records.get_episode(event["episode_id"])
    assert episode.status is EpisodeStatus.FAILED
    assert episode.failure_reason == (
        "BadInputError: https://example.com/t.vtt answered HTTP 404 Not Found: check the URL (or ask the publisher)"
    )
