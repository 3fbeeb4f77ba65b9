"""The cost ledger (CostStore) on every records adapter: entries filed by month and read back by
month and feed, replaced per (episode, step), and read by index, never by a scan; budget holds
decided and placed as one step."""

import itertools
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from podcast_digest.models import BudgetHold, CostEntry, CostStep
from tests.contract.conftest import skip_if_writes_are_not_serialised
from tests.contract.test_records_contract import race


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


def a_hold(episode: str, usd: float = 1.0, month: str = "2026-11", feed: str = "feed-a") -> BudgetHold:
    return BudgetHold(episode_id=episode, feed_id=feed, step=CostStep.SUMMARY, month=month, usd=usd)


def room_for(budget: float):
    """A gate's test: this hold fits beside the month's holds so far."""

    def fits_beside(hold: BudgetHold):
        return lambda holds: sum(h.usd for h in holds) + hold.usd <= budget

    return fits_beside


def test_a_hold_is_placed_when_it_fits_and_only_its_month_is_shown(records):
    seen: list[list[BudgetHold]] = []

    def fits(holds):
        seen.append(holds)
        return True

    assert records.hold_budget(a_hold("ep-1", month="2026-10"), fits)
    assert records.hold_budget(a_hold("ep-2"), fits)
    assert records.hold_budget(a_hold("ep-3", 2.5), fits)
    assert seen[1] == []  # October's hold is not November's
    assert seen[2] == [a_hold("ep-2")]


def test_a_hold_that_does_not_fit_writes_nothing(records):
    assert not records.hold_budget(a_hold("ep-1", 5.0), lambda holds: False)
    seen: list[list[BudgetHold]] = []
    assert records.hold_budget(a_hold("ep-2"), lambda holds: seen.append(holds) or True)
    assert seen == [[]]


def test_a_step_that_already_holds_is_let_through_without_asking_again(records):
    assert records.hold_budget(a_hold("ep-1"), lambda holds: True)
    asked = []
    assert records.hold_budget(a_hold("ep-1"), lambda holds: asked.append(holds) or False)
    assert asked == []  # a retry of the step: its own hold covers it


def test_of_eight_racing_gates_only_as_many_hold_as_the_budget_covers(records, request):
    skip_if_writes_are_not_serialised(request)
    numbers = itertools.count()
    lock = threading.Lock()
    fits = room_for(3.0)

    def gate() -> bool:
        with lock:
            hold = a_hold(f"ep-{next(numbers)}")
        return records.hold_budget(hold, fits(hold))

    assert sorted(race(8, gate)) == [False] * 5 + [True] * 3


def test_a_gate_that_loses_its_turn_decides_again_seeing_the_winner(records):
    """One gate reads the month's holds; before it writes, another gate places the last hold the
    budget covers. The first must not write on what it read: it reads again and is refused."""
    if hasattr(records, "_connection"):
        pytest.skip("SQLite decides inside its write lock: no other gate can come between read and write")
    calls: list[list[BudgetHold]] = []
    fits = room_for(1.5)

    def first_fits(holds):
        calls.append(holds)
        if len(calls) == 1:
            assert records.hold_budget(a_hold("ep-winner"), fits(a_hold("ep-winner")))
        return fits(a_hold("ep-late"))(holds)

    assert not records.hold_budget(a_hold("ep-late"), first_fits)
    assert [[h.episode_id for h in holds] for holds in calls] == [[], ["ep-winner"]]
