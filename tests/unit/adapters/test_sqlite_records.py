"""What is particular to the SQLite records file: pragmas, persistence, several openers, threads."""

import json
import sqlite3
import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest

from podcast_digest.adapters.sqlite import SQLiteRecords
from podcast_digest.adapters.sqlite.records import sortable_time
from podcast_digest.errors import ConfigurationError, NotFoundError
from podcast_digest.models import Delivery, Episode, Feed, Subscription


@pytest.fixture
def database(tmp_path):
    return tmp_path / "home" / "podcast-digest.sqlite3"


def test_the_file_is_created_in_wal_mode_with_foreign_keys_and_a_busy_timeout(database):
    with SQLiteRecords(database, busy_timeout_seconds=7.5) as records:
        connection = records._connection()
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert connection.execute("PRAGMA busy_timeout").fetchone()[0] == 7500
    assert database.is_file()


def test_records_survive_closing_and_reopening(database):
    feed = Feed(feed_id="feed-1", url="https://example.com/feed.xml", title="Persisted")
    with SQLiteRecords(database) as records:
        records.put_feed(feed)
    with SQLiteRecords(database) as records:
        assert records.get_feed("feed-1") == feed


def test_two_openers_of_one_file_claim_a_delivery_exactly_once(database):
    # Two SQLiteRecords on one file stand for two processes (an overlapping cron run): the claim's
    # atomicity must come from SQLite's lock, not from anything inside one Python object.
    first, second = SQLiteRecords(database), SQLiteRecords(database)
    barrier = threading.Barrier(8, timeout=30)
    results: list[bool] = []
    lock = threading.Lock()

    def claim(records: SQLiteRecords) -> None:
        barrier.wait()
        won = records.claim_delivery(Delivery(subscriber_id="sub-1", delivery_key="ep-1"))
        with lock:
            results.append(won)

    threads = [threading.Thread(target=claim, args=(first if n % 2 else second,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    first.close()
    second.close()
    assert sorted(results) == [False] * 7 + [True]


def test_each_thread_uses_its_own_connection(database):
    with SQLiteRecords(database) as records:
        seen: list[sqlite3.Connection] = []
        thread = threading.Thread(target=lambda: seen.append(records._connection()))
        thread.start()
        thread.join(timeout=10)
        assert seen
        assert seen[0] is not records._connection()


def test_close_closes_the_connections_of_other_threads_too(database):
    records = SQLiteRecords(database)
    opened = threading.Event()
    closed = threading.Event()
    outcome: list[BaseException] = []

    def worker() -> None:
        records.list_feeds()
        opened.set()
        closed.wait(timeout=10)
        try:
            records.list_feeds()
        except sqlite3.ProgrammingError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    assert opened.wait(timeout=10)
    records.close()
    closed.set()
    thread.join(timeout=10)
    assert len(outcome) == 1


def test_a_closed_store_says_so(database):
    records = SQLiteRecords(database)
    records.close()
    with pytest.raises(sqlite3.ProgrammingError):
        records.list_feeds()


def test_a_row_written_by_a_newer_model_with_more_fields_still_reads(database):
    # The body is the model's JSON: a field added later (and written by a newer version)
    # must not stop this version from reading the record.
    episode = Episode(episode_id="ep-1", feed_id="feed-1", title="Hello")
    with SQLiteRecords(database) as records:
        records.add_episode(episode)
        body = json.loads(episode.model_dump_json()) | {"a_field_from_the_future": [1, 2, 3]}
        records._connection().execute(
            "UPDATE episodes SET body = ? WHERE episode_id = ?", (json.dumps(body), "ep-1")
        )
        assert records.get_episode("ep-1") == episode


def test_indexed_times_are_utc_fixed_width_and_sort_as_time():
    paris = timezone(timedelta(hours=1))
    instant = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
    assert sortable_time(instant) == "2026-11-28T09:30:00.000000Z"
    assert sortable_time(instant.astimezone(paris)) == "2026-11-28T09:30:00.000000Z"
    assert sortable_time(datetime(2026, 11, 28, 9, 30)) == "2026-11-28T09:30:00.000000Z"  # naive is UTC
    assert sortable_time(datetime(999, 1, 1, tzinfo=UTC)) == "0999-01-01T00:00:00.000000Z"
    assert sortable_time(None) is None
    times = [instant + timedelta(microseconds=n * 999_999) for n in range(50)]
    assert sorted(sortable_time(t) for t in times) == [sortable_time(t) for t in times]


def test_a_negative_limit_for_due_feeds_is_a_mistake(database):
    with SQLiteRecords(database) as records:
        with pytest.raises(ValueError, match="limit"):
            records.list_due_feeds(datetime.now(UTC), limit=-1)
        records.put_feed(Feed(feed_id="feed-1", url="https://example.com/feed.xml"))
        assert records.list_due_feeds(datetime.now(UTC), limit=0) == []


def test_due_feeds_come_unscheduled_first_then_most_overdue(database):
    now = datetime(2026, 11, 28, tzinfo=UTC)
    with SQLiteRecords(database) as records:
        for feed_id, offset in (("recent", -1), ("ancient", -100), ("never", None), ("middle", -10)):
            next_poll = None if offset is None else now + timedelta(minutes=offset)
            records.put_feed(
                Feed(feed_id=feed_id, url=f"https://example.com/{feed_id}", next_poll_at=next_poll)
            )
        assert [f.feed_id for f in records.list_due_feeds(now)] == ["never", "ancient", "middle", "recent"]
        assert [f.feed_id for f in records.list_due_feeds(now, limit=2)] == ["never", "ancient"]


def test_a_finished_threads_connection_is_closed(database):
    # A poller makes new worker threads each run: their connections must not pile up.
    with SQLiteRecords(database) as records:
        seen: list[sqlite3.Connection] = []

        def work() -> None:
            records.list_feeds()
            seen.append(records._connection())

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(timeout=10)
        with pytest.raises(sqlite3.ProgrammingError):
            seen[0].execute("SELECT 1")
        assert records.list_feeds() == []


def test_a_subscription_for_someone_who_is_not_a_subscriber_is_refused(database):
    # SQLite's foreign key; the DynamoDB adapter does not check this (see the contract suite).
    with SQLiteRecords(database) as records:
        with pytest.raises(NotFoundError, match="add the subscriber before"):
            records.put_subscription(Subscription(subscriber_id="ghost", feed_id="feed-a"))
        assert records.list_subscriptions_for_feed("feed-a") == []


def test_a_file_that_is_not_a_database_is_refused_with_what_to_do(database):
    database.parent.mkdir(parents=True)
    database.write_bytes(b"<rss>this is a feed, not a database</rss>" * 100)
    with pytest.raises(ConfigurationError, match="PODCAST_DIGEST_HOME"):
        SQLiteRecords(database)
