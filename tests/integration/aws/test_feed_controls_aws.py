"""Feed controls in the AWS stack's records (DynamoDB under moto): the transcribe function starts its
Amazon Transcribe job in the feed's pinned language, and the poller records what a skip rule matches as
skipped and writes no manifest for it (so no execution starts)."""

from datetime import UTC, datetime, timedelta

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.lambda_support.events import TranscriptionJob
from podcast_digest.lambda_support.transcription_jobs import transcribe_or_start_job
from podcast_digest.models import Enclosure, Episode, EpisodeStatus, Feed, FeedControls
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.keys import manifest_key
from tests.support import aws

FEED = Feed(
    feed_id="feed-pinned",
    url="https://podcasts.example.com/pinned.xml",
    language="en-us",  # what the feed says; the operator knows better
    next_poll_at=datetime.now(UTC) + timedelta(hours=1),  # not due: the poller only starts what waits
    controls=FeedControls(language="de", skip_title_patterns=["^trailer"]),
)


def _episode(episode_id: str, title: str, **changes) -> Episode:
    return Episode(
        episode_id=episode_id,
        feed_id=FEED.feed_id,
        title=title,
        audio=Enclosure(url=f"https://podcasts.example.com/{episode_id}.mp3", mime_type="audio/mpeg"),
        **changes,
    )


def test_the_transcribe_function_starts_the_job_in_the_feed_s_pinned_language(stack, ctx):
    ctx.records.put_feed(FEED)
    audio_key = f"audio/{FEED.feed_id}/ep-de.mp3"
    clients.s3().put_object(Bucket=aws.BUCKET, Key=audio_key, Body=b"ID3" + b"\x00" * 512)
    ctx.records.put_episode(_episode("ep-de", "Folge 1", status=EpisodeStatus.FETCHED, audio_key=audio_key))

    started = transcribe_or_start_job(stack, EpisodeRef(feed_id=FEED.feed_id, episode_id="ep-de"))

    assert isinstance(started, TranscriptionJob)
    job = clients.client("transcribe").get_transcription_job(TranscriptionJobName=started.job_name)
    assert job["TranscriptionJob"]["LanguageCode"] == "de-DE"


@pytest.fixture
def poller(moto_stack, monkeypatch):
    """The poll_feed_batch function's context: it records and announces (manifests under episodes/),
    and the S3 event of each manifest starts the execution (tests/e2e/test_poll_fan_out.py)."""
    from podcast_digest.lambda_support.runtime import LambdaFunction

    for name, value in {
        "PODCAST_DIGEST_RECORDS": "dynamodb",
        "PODCAST_DIGEST_BLOBS": "s3",
        "PODCAST_DIGEST_TABLE_NAME": aws.TABLE,
        "PODCAST_DIGEST_BUCKET_NAME": aws.BUCKET,
    }.items():
        monkeypatch.setenv(name, value)
    return LambdaFunction("poll_feed_batch").context()


def test_the_poller_skips_by_the_feed_s_rule_and_announces_only_the_rest(poller):
    from podcast_digest.lambda_support.polling import poll_batch

    records = poller.pipeline.records
    records.put_feed(FEED)
    records.add_episode(_episode("ep-trailer", "Trailer: Staffel zwei"))
    records.add_episode(_episode("ep-1", "Folge 1"))

    polled = poll_batch(poller, [FEED.feed_id])

    assert polled.announced == 1
    listed = clients.s3().list_objects_v2(Bucket=aws.BUCKET, Prefix="episodes/")
    assert [item["Key"] for item in listed.get("Contents", [])] == [manifest_key(FEED.feed_id, "ep-1")]
    trailer = records.get_episode("ep-trailer")
    assert trailer.status is EpisodeStatus.SKIPPED
    assert trailer.skipped_by == "title matches skip pattern '^trailer'"
