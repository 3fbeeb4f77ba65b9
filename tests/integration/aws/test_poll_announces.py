"""poll_feed_batch's half of the one door, on moto: it records and announces, it never starts.

Each waiting episode of the batch's feeds gets its manifest under episodes/
(the S3 event of which starts it, tests/e2e/test_poll_fan_out.py); backfill
and files dropped for one of those feeds do not: they are not the poller's.
"""

from datetime import UTC, datetime, timedelta

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.models import Episode, Feed, feed_id_for
from podcast_digest.models.manifest import EpisodeManifest
from podcast_digest.pipeline.keys import manifest_key
from tests.support import aws


@pytest.fixture
def poller(moto_stack, monkeypatch):
    from podcast_digest.lambda_support.runtime import LambdaFunction

    for name, value in {
        "PODCAST_DIGEST_RECORDS": "dynamodb",
        "PODCAST_DIGEST_BLOBS": "s3",
        "PODCAST_DIGEST_TABLE_NAME": aws.TABLE,
        "PODCAST_DIGEST_BUCKET_NAME": aws.BUCKET,
    }.items():
        monkeypatch.setenv(name, value)
    return LambdaFunction("poll_feed_batch").context()


def _manifests() -> list[str]:
    listed = clients.s3().list_objects_v2(Bucket=aws.BUCKET, Prefix="episodes/")
    return sorted(item["Key"] for item in listed.get("Contents", []))


def test_waiting_episodes_are_announced_and_nothing_is_started(poller):
    from podcast_digest.lambda_support.polling import poll_batch

    records = poller.pipeline.records
    feed = Feed(
        feed_id=feed_id_for("https://example.org/feed.xml"),
        url="https://example.org/feed.xml",
        next_poll_at=datetime.now(UTC) + timedelta(hours=1),  # not due: nothing is fetched
    )
    records.put_feed(feed)
    waiting = Episode(episode_id="e-waiting", feed_id=feed.feed_id, guid="w", title="Waiting")
    backfill = Episode(episode_id="e-backfill", feed_id=feed.feed_id, guid="b", backfill=True)
    dropped = Episode(
        episode_id="e-dropped", feed_id=feed.feed_id, guid="incoming/talk.mp3", audio_key="incoming/talk.mp3"
    )
    for episode in (waiting, backfill, dropped):
        records.add_episode(episode)

    polled = poll_batch(poller, [feed.feed_id])

    assert poller.starter is None  # the poller is not wired to start executions at all
    assert polled.model_dump() == {"feeds": 1, "new_episodes": 0, "announced": 1}
    assert _manifests() == [manifest_key(feed.feed_id, waiting.episode_id)]
    body = clients.s3().get_object(Bucket=aws.BUCKET, Key=_manifests()[0])["Body"].read()
    manifest = EpisodeManifest.model_validate_json(body)
    assert (manifest.episode_id, manifest.feed, manifest.title) == ("e-waiting", feed.feed_id, "Waiting")


def test_a_manifest_s3_refuses_fails_the_batch_and_its_redelivery_announces_the_episode(poller):
    """The batch fails (SQS redelivers it, then dead-letters it); the recorded episode is not lost."""
    from podcast_digest.errors import PodcastDigestError
    from podcast_digest.lambda_support.polling import poll_batch

    records = poller.pipeline.records
    feed = Feed(
        feed_id=feed_id_for("https://example.org/feed.xml"),
        url="https://example.org/feed.xml",
        next_poll_at=datetime.now(UTC) + timedelta(hours=1),
    )
    records.put_feed(feed)
    records.add_episode(Episode(episode_id="e-1", feed_id=feed.feed_id, guid="1", title="One"))
    clients.s3().delete_bucket(Bucket=aws.BUCKET)  # S3 answers NoSuchBucket to the manifest's PUT

    with pytest.raises(PodcastDigestError):
        poll_batch(poller, [feed.feed_id])

    aws.create_bucket()
    assert poll_batch(poller, [feed.feed_id]).announced == 1
    assert _manifests() == [manifest_key(feed.feed_id, "e-1")]


def test_an_episode_the_budget_holds_is_announced_again_once_a_month(poller):
    """The gate holds an over-budget episode with a waiting reason; its manifest names the month it is
    announced in, so the first poll of a new month writes new bytes (a new ETag: a new execution
    name), while polls within the month write the same bytes and start nothing twice."""
    from podcast_digest.lambda_support.polling import poll_batch
    from podcast_digest.models import EpisodeStatus

    records = poller.pipeline.records
    feed = Feed(
        feed_id=feed_id_for("https://example.org/budget.xml"),
        url="https://example.org/budget.xml",
        next_poll_at=datetime.now(UTC) + timedelta(days=90),  # not due: nothing is fetched
    )
    records.put_feed(feed)
    held = Episode(
        episode_id="e-held",
        feed_id=feed.feed_id,
        guid="h",
        title="Held",
        status=EpisodeStatus.TRANSCRIBED,  # the summary's LLM call was over budget
        waiting_reason="it would cost about $0.30 and $0.00 of $5.00 is left this month",
    )
    records.add_episode(held)
    key = manifest_key(feed.feed_id, held.episode_id)

    def etag_polled_on(day: datetime) -> str:
        poller.pipeline.clock = lambda: day
        poll_batch(poller, [feed.feed_id])
        return clients.s3().head_object(Bucket=aws.BUCKET, Key=key)["ETag"]

    november = etag_polled_on(datetime(2026, 11, 20, tzinfo=UTC))
    assert etag_polled_on(datetime(2026, 11, 30, 23, 59, tzinfo=UTC)) == november
    december = etag_polled_on(datetime(2026, 12, 1, 0, 5, tzinfo=UTC))
    assert december != november
    body = clients.s3().get_object(Bucket=aws.BUCKET, Key=key)["Body"].read()
    assert EpisodeManifest.model_validate_json(body).budget_month == "2026-12"

    # Once it went on (no waiting reason, still unfinished), it is not the poller's to announce again.
    records.put_episode(held.model_copy(update={"waiting_reason": None}))
    assert etag_polled_on(datetime(2027, 1, 2, tzinfo=UTC)) == december
