"""DynamoDB records under moto: what the single-table design promises beyond the shared contract."""

from datetime import UTC, datetime, timedelta

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.models import (
    ClickbaitVerdict,
    Delivery,
    Episode,
    EpisodeStatus,
    Feed,
    InDepthSection,
    Lesson,
    Provenance,
    Summary,
)
from tests.support import aws

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture
def records(moto_stack):
    return DynamoDBRecords(aws.TABLE)


@pytest.fixture
def operations(moto_stack):
    """Every DynamoDB operation the adapter sends, seen through botocore's own event hooks."""
    seen: list[str] = []
    clients.dynamodb().meta.events.register(
        "before-call.dynamodb.*", lambda model, **_: seen.append(model.name)
    )
    return seen


def _feed(n: int, next_poll_at: datetime | None) -> Feed:
    return Feed(feed_id=f"{n:020x}", url=f"https://example.com/{n}.xml", next_poll_at=next_poll_at)


def _summary(episode_id: str, in_depth_words: int) -> Summary:
    # Words drawn from a wide vocabulary so zlib cannot shrink them to nothing.
    import random

    rng = random.Random(7)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7)) for _ in range(in_depth_words)
    ]
    sections = [
        InDepthSection(
            start_seconds=i * 270.0,
            end_seconds=(i + 1) * 270.0,
            heading=f"Part {i}",
            key_ideas=[" ".join(words[j : j + 40]) for j in range(i * 400, (i + 1) * 400, 40)],
            lessons_heading="Lessons",
            lessons=[Lesson(title="keep going", explanation="why")],
        )
        for i in range(in_depth_words // 400)
    ]
    return Summary(
        episode_id=episode_id,
        feed_id="feed",
        quick_takes=ClickbaitVerdict(is_clickbait=False, verdict="Delivers."),
        one_sentence_summary="One sentence.",
        tldr="Short.",
        key_ideas=[],
        lessons=[],
        conclusion="Done.",
        in_depth=sections,
        provenance=Provenance(transcript_source="dropped transcript (vtt)", summarizer="extractive"),
    )


def test_due_feeds_come_from_the_index_without_a_scan(records, operations):
    records.put_feed(_feed(1, NOW - timedelta(minutes=5)))
    records.put_feed(_feed(2, NOW + timedelta(minutes=5)))
    records.put_feed(_feed(3, None))
    records.put_feed(_feed(4, NOW))
    operations.clear()

    due = records.list_due_feeds(NOW)

    assert [f.feed_id for f in due] == [f"{3:020x}", f"{1:020x}", f"{4:020x}"]
    assert operations
    assert set(operations) == {"Query"}


def test_due_feeds_respect_the_limit_across_shards(records):
    for n in range(12):
        records.put_feed(_feed(n, NOW - timedelta(minutes=n)))

    due = records.list_due_feeds(NOW, limit=5)

    assert [f.next_poll_at for f in due] == sorted(f.next_poll_at for f in due)
    assert due[0].next_poll_at == NOW - timedelta(minutes=11)
    assert len(due) == 5


def test_a_polled_feed_leaves_the_due_list_until_its_next_poll(records):
    feed = _feed(1, None)
    records.put_feed(feed)
    records.put_feed(feed.model_copy(update={"next_poll_at": NOW + timedelta(hours=1)}))

    assert records.list_due_feeds(NOW) == []
    assert [f.feed_id for f in records.list_due_feeds(NOW + timedelta(hours=2))] == [feed.feed_id]


def test_a_feed_is_found_by_its_new_url_after_a_move(records):
    feed = _feed(1, None)
    records.put_feed(feed)
    records.put_feed(feed.model_copy(update={"url": "https://new.example.com/feed.xml"}))

    assert records.find_feed_by_url(feed.url) is None
    assert records.find_feed_by_url("https://new.example.com/feed.xml").feed_id == feed.feed_id


def test_a_summary_with_a_huge_in_depth_part_round_trips_in_items_under_the_limit(records):
    summary = _summary("e1", in_depth_words=120_000)  # ~1 MB of JSON, far past one item
    assert len(summary.model_dump_json()) > 800_000

    records.put_summary(summary)

    assert records.get_summary("e1") == summary
    items = clients.dynamodb().query(
        TableName=aws.TABLE,
        KeyConditionExpression="PK = :pk",
        ExpressionAttributeValues={":pk": {"S": "EPISODE#e1"}},
    )["Items"]
    assert len(items) > 1
    assert all(len(item["body_z"]["B"]) < 360 * 1024 for item in items)


def test_a_smaller_summary_replaces_a_split_one_and_leaves_no_stale_parts(records):
    records.put_summary(_summary("e1", in_depth_words=120_000))
    small = _summary("e1", in_depth_words=800)

    records.put_summary(small)

    assert records.get_summary("e1") == small
    count = clients.dynamodb().query(
        TableName=aws.TABLE,
        KeyConditionExpression="PK = :pk AND begins_with(SK, :s)",
        ExpressionAttributeValues={":pk": {"S": "EPISODE#e1"}, ":s": {"S": "SUMMARY"}},
    )["Count"]
    assert count == 1


def test_long_show_notes_are_stored_compressed_and_read_back(records):
    episode = Episode(episode_id="e1", feed_id="f1", description="<p>notes</p>" * 20_000)

    assert records.add_episode(episode)

    item = clients.dynamodb().get_item(
        TableName=aws.TABLE, Key={"PK": {"S": "EPISODE#e1"}, "SK": {"S": "EPISODE"}}
    )["Item"]
    assert "body_z" in item
    assert "body" not in item
    assert records.get_episode("e1") == episode


def test_episodes_of_every_feed_are_listed_by_status_through_the_index(records, operations):
    records.add_episode(Episode(episode_id="a", feed_id="f1", status=EpisodeStatus.FAILED))
    records.add_episode(Episode(episode_id="b", feed_id="f2", status=EpisodeStatus.DISCOVERED))
    operations.clear()

    failed = records.list_episodes(statuses=[EpisodeStatus.FAILED])

    assert [e.episode_id for e in failed] == ["a"]
    assert set(operations) == {"Query"}


def test_a_failed_delivery_claim_expires_and_can_be_claimed_again(records):
    claim = Delivery(subscriber_id="s1", delivery_key="e1")
    assert records.claim_delivery(claim)
    records.fail_delivery("s1", "e1", "UpstreamUnavailable: SES down")

    item = clients.dynamodb().get_item(
        TableName=aws.TABLE, Key={"PK": {"S": "SUBSCRIBER#s1"}, "SK": {"S": "DELIVERY#e1"}}
    )["Item"]
    assert int(item["expires_at"]["N"]) > NOW.timestamp()
    assert records.claim_delivery(claim)
    records.complete_delivery("s1", "e1", "msg-1")
    assert not records.claim_delivery(claim)
