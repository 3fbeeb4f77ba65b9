"""What the monthly budget's spend read costs as the ledger grows: ours (the costs_by_month index)
against the obvious alternative, summing every summary and episode the install has.

Builds a SQLite ledger of FEEDS feeds x EPISODES_PER_MONTH episodes a month x MONTHS months (two
entries per episode), through the real SQLiteRecords, then times, per budget check:
- ours: `spent(records, month)` and `spent(records, month, feed)` (an index range read), and
- the scan: reading every row and keeping the month's (what a query over the summaries' JSON
  without an index would do), on the same file.
Prints milliseconds per check, the ratio, and SQLite's query plan for both.

Run: .venv/bin/python bench/bench_cost_ledger.py
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "shared"))

from podcast_digest.adapters.sqlite.records import SQLiteRecords
from podcast_digest.costs.allowance import spent
from podcast_digest.models import CostEntry, CostStep

FEEDS = 50
EPISODES_PER_MONTH = 30
MONTHS = 36
REPEATS = 30


def months() -> list[str]:
    return [f"{2024 + i // 12}-{i % 12 + 1:02d}" for i in range(MONTHS)]


def fill(records: SQLiteRecords) -> int:
    connection = records._connection()
    connection.execute("BEGIN")
    count = 0
    for month in months():
        for feed in range(FEEDS):
            for n in range(EPISODES_PER_MONTH):
                for step, usd in ((CostStep.TRANSCRIPTION, 0.18), (CostStep.SUMMARY, 0.012)):
                    records.put_cost(
                        CostEntry(
                            episode_id=f"{month}-{feed}-{n}",
                            feed_id=f"feed-{feed:03d}",
                            step=step,
                            month=month,
                            usd=usd,
                            audio_seconds=3600,
                        )
                    )
                    count += 1
    connection.execute("COMMIT")
    return count


def timed(call) -> float:
    start = time.perf_counter()
    for _ in range(REPEATS):
        call()
    return (time.perf_counter() - start) / REPEATS * 1000


def scan_sum(records: SQLiteRecords, month: str) -> float:
    total = 0.0
    for (body,) in records._connection().execute("SELECT body FROM costs"):
        entry = CostEntry.model_validate_json(body)
        if entry.month == month:
            total += entry.usd
    return round(total, 6)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        records = SQLiteRecords(Path(folder) / "bench.sqlite3")
        start = time.perf_counter()
        rows = fill(records)
        print(
            f"ledger: {rows} entries ({FEEDS} feeds x {EPISODES_PER_MONTH} episodes x {MONTHS} months x 2 steps), "
            f"filled in {time.perf_counter() - start:.1f} s"
        )
        month = months()[-1]
        assert spent(records, month) == scan_sum(records, month)
        ours_install = timed(lambda: spent(records, month))
        ours_feed = timed(lambda: spent(records, month, "feed-007"))
        scan = timed(lambda: scan_sum(records, month))
        connection = records._connection()
        plan_ours = " ".join(
            r[-1]
            for r in connection.execute(
                "EXPLAIN QUERY PLAN SELECT body FROM costs WHERE month = ? AND feed_id = ?",
                (month, "feed-007"),
            )
        )
        plan_scan = " ".join(r[-1] for r in connection.execute("EXPLAIN QUERY PLAN SELECT body FROM costs"))
        print(
            f"ours, install-wide month ({FEEDS * EPISODES_PER_MONTH * 2} entries read): {ours_install:8.2f} ms"
        )
        print(f"ours, one feed's month ({EPISODES_PER_MONTH * 2} entries read):        {ours_feed:8.2f} ms")
        print(f"scan of the whole ledger ({rows} entries read):          {scan:8.2f} ms")
        print(f"ratio scan / ours: install-wide {scan / ours_install:.0f}x, one feed {scan / ours_feed:.0f}x")
        print(f"plan, ours: {plan_ours}")
        print(f"plan, scan: {plan_scan}")
        records.close()


if __name__ == "__main__":
    main()
