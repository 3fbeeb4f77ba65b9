"""The cost ledger (CostStore) on every records adapter: entries filed by month and read back by
month and feed, replaced per (episode, step), and read by index, never by a scan."""

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from podcast_digest.models import CostEntry, CostStep


def entry(
    episode: str, feed: str, month: str, usd: float, step: CostStep = CostStep.TRANSCRIPTION
) -> CostEntry:
    return CostEntry(
        episode_id=episode,
        feed_id=feed,
        step=step,
        month=month,
        usd=usd,
        saved_usd=0.5 if usd == 0 else 0.0,
        audio_seconds=600.0,
        source="openai gpt-4o-mini-transcribe",
        recorded_at=datetime(2026, 11, 3, 4, 5, 6, tzinfo=UTC),
    )


def test_entries_round_trip_and_are_read_by_month_and_feed(records):
    filed = [
        entry("ep-1", "feed-a", "2026-11", 0.12),
        entry("ep-1", "feed-a", "2026-11", 0.03, CostStep.SUMMARY),
        entry("ep-2", "feed-b", "2026-11", 0.0),
        entry("ep-3", "feed-a", "2026-12", 0.5),
        entry("ep-4", "feed-ab", "2026-11", 0.07),  # a feed id that starts like another
    ]
    for item in filed:
        records.put_cost(item)

    november = records.list_costs("2026-11")
    assert sorted(november, key=lambda e: (e.episode_id, e.step)) == sorted(
        filed[:3] + filed[4:], key=lambda e: (e.episode_id, e.step)
    )
    assert {(e.episode_id, e.step) for e in records.list_costs("2026-11", "feed-a")} == {
        ("ep-1", CostStep.TRANSCRIPTION),
        ("ep-1", CostStep.SUMMARY),
    }
    assert records.list_costs("2026-12", "feed-a") == [filed[3]]
    assert records.list_costs("2026-10") == []


def test_an_entry_is_replaced_per_episode_and_step(records):
    records.put_cost(entry("ep-1", "feed-a", "2026-11", 0.12))
    records.put_cost(entry("ep-1", "feed-a", "2026-11", 0.2))
    records.put_cost(entry("ep-1", "feed-a", "2026-12", 0.3))  # re-done in the next month: moves there

    assert records.list_costs("2026-11") == []
    assert [e.usd for e in records.list_costs("2026-12")] == [0.3]


def test_a_month_is_read_through_an_index_never_a_scan(records):
    records.put_cost(entry("ep-1", "feed-a", "2026-11", 0.12))
    with no_scans(records):
        assert len(records.list_costs("2026-11")) == 1
        assert len(records.list_costs("2026-11", "feed-a")) == 1


@contextmanager
def no_scans(records):
    """SQLite: the query plan uses costs_by_month. DynamoDB: a Scan call fails the test."""
    if hasattr(records, "_connection"):
        connection = records._connection()
        for sql, args in (
            ("SELECT body FROM costs WHERE month = ?", ("2026-11",)),
            ("SELECT body FROM costs WHERE month = ? AND feed_id = ?", ("2026-11", "feed-a")),
        ):
            plan = " ".join(row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", args))
            assert "costs_by_month" in plan, plan
        yield
        return
    from podcast_digest.adapters.aws import clients

    client = clients.dynamodb()

    def refuse(**_kwargs):
        pytest.fail("the cost ledger scanned the table")

    client.meta.events.register("before-call.dynamodb.Scan", refuse)
    try:
        yield
    finally:
        client.meta.events.unregister("before-call.dynamodb.Scan", refuse)
