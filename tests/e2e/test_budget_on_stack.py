"""The monthly budget in the deployed stack (moto Step Functions, each function under its own role):
an episode whose Amazon Transcribe job would pass MonthlyBudgetUsd starts no job and downloads
nothing, and the state machine's Catch leaves it waiting, not failed; a publisher transcript
goes on to the digest whatever the budget."""

import time

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.adapters.aws.stepfunctions import PipelineStarter, execution_name_for_episode
from podcast_digest.models import (
    Enclosure,
    Episode,
    EpisodeStatus,
    Feed,
    Subscriber,
    SubscriberStatus,
    Subscription,
    TranscriptLink,
    subscriber_id_for,
)
from podcast_digest.models.steps import EpisodeRef
from tests.e2e.conftest import PARAMETERS, deploy_with_roles
from tests.e2e.test_retries_and_failures import _run, _transcript_route
from tests.support import aws
from tests.support.aws_stack import wait_for_execution
from tests.support.feed_server import FeedServer, Route

pytestmark = pytest.mark.slow

LISTENER = "listener@example.com"


@pytest.fixture
def stack_with_room_for_one_hour(moto_sfn, monkeypatch, held_to_roles):
    deployed = deploy_with_roles(
        monkeypatch,
        parameters=PARAMETERS
        | {"MonthlyBudgetUsd": "2.00"},  # one hour of Amazon Transcribe ($1.44), not two
        extra_environment={"PODCAST_DIGEST_ALLOW_LOOPBACK": "true"},
    )
    held_to_roles.append(deployed)
    return deployed


@pytest.fixture
def budget_stack(moto_sfn, monkeypatch, held_to_roles):
    deployed = deploy_with_roles(
        monkeypatch,
        parameters=PARAMETERS | {"MonthlyBudgetUsd": "0.50"},  # an hour of Amazon Transcribe is $1.44
        extra_environment={"PODCAST_DIGEST_ALLOW_LOOPBACK": "true"},
    )
    held_to_roles.append(deployed)
    return deployed


def an_hour_long_episode(stack, publisher: FeedServer, episode_id: str = "ep-1", **fields) -> EpisodeRef:
    records = DynamoDBRecords(stack.table)
    records.put_feed(Feed(feed_id="feed-1", url=publisher.url("/feed.xml"), title="The Local Show"))
    sid = subscriber_id_for(LISTENER)
    records.put_subscriber(Subscriber(subscriber_id=sid, email=LISTENER, status=SubscriberStatus.CONFIRMED))
    records.put_subscription(Subscription(subscriber_id=sid, feed_id="feed-1"))
    path = f"/{episode_id.replace('-', '')}.mp3"
    audio = publisher.route(path, Route(body=b"ID3" + b"\x00" * 4096, content_type="audio/mpeg"))
    records.add_episode(
        Episode(
            episode_id=episode_id,
            feed_id="feed-1",
            title="An hour",
            duration_seconds=3600,
            audio=Enclosure(url=audio, mime_type="audio/mpeg"),
            **fields,
        )
    )
    return EpisodeRef(feed_id="feed-1", episode_id=episode_id)


def test_over_budget_no_job_starts_and_the_episode_waits(budget_stack):
    with FeedServer() as publisher:
        ref = an_hour_long_episode(budget_stack, publisher)

        _run(budget_stack, ref)

        assert publisher.requests_for("/ep1.mp3") == []
    assert clients.client("transcribe").list_transcription_jobs()["TranscriptionJobSummaries"] == []
    episode = DynamoDBRecords(budget_stack.table).get_episode("ep-1")
    assert episode.status is EpisodeStatus.DISCOVERED
    assert episode.attempts == 0
    assert episode.failure_reason is None
    assert "speech to text waits" in episode.waiting_reason
    assert "$1.4400" in episode.waiting_reason
    assert aws.sent_messages() == []


def test_a_publisher_transcript_goes_on_whatever_the_budget(budget_stack):
    with FeedServer() as publisher:
        publisher.route("/ep1.srt", _transcript_route())
        ref = an_hour_long_episode(
            budget_stack,
            publisher,
            transcripts=[TranscriptLink(url=publisher.url("/ep1.srt"), mime_type="application/x-subrip")],
        )

        execution = _run(budget_stack, ref)

        assert execution["status"] == "SUCCEEDED", execution
        assert publisher.requests_for("/ep1.mp3") == []
    episode = DynamoDBRecords(budget_stack.table).get_episode("ep-1")
    assert episode.status is EpisodeStatus.NOTIFIED
    assert len([m for m in aws.sent_messages() if LISTENER in m.destinations]) == 1


def test_a_second_episode_waits_while_the_first_ones_job_is_unpaid(stack_with_room_for_one_hour):
    """The transcribe function holds the first hour's $1.44 under its own role before starting the
    job; the second execution, while that job runs and nothing is filed, sees the hold and waits."""
    stack = stack_with_room_for_one_hour
    transcribe = clients.client("transcribe")
    with FeedServer() as publisher:
        first = an_hour_long_episode(stack, publisher)
        name = execution_name_for_episode(first)
        assert PipelineStarter(stack.state_machine_arn).start(name, first)
        deadline = time.monotonic() + 60
        while not transcribe.list_transcription_jobs()["TranscriptionJobSummaries"]:
            assert time.monotonic() < deadline, "the first episode's job never started"
            time.sleep(0.2)
        arn = stack.state_machine_arn.replace(":stateMachine:", ":execution:") + f":{name}"
        clients.stepfunctions().stop_execution(executionArn=arn)
        wait_for_execution(arn)

        second = an_hour_long_episode(stack, publisher, "ep-2")
        _run(stack, second)

        assert publisher.requests_for("/ep2.mp3") == []
    records = DynamoDBRecords(stack.table)
    assert len(transcribe.list_transcription_jobs()["TranscriptionJobSummaries"]) == 1
    waiting = records.get_episode("ep-2")
    assert waiting.status is EpisodeStatus.DISCOVERED
    assert "speech to text waits" in waiting.waiting_reason
    assert "($1.4400 of it is held by steps under way)" in waiting.waiting_reason
