"""The cost ledger on SQLite (migration 0004_costs.sql): mixed into SQLiteRecords."""

import sqlite3
from typing import TYPE_CHECKING

from podcast_digest.models import CostEntry


class SQLiteCostLedger:
    """put_cost / list_costs over the `costs` table; a month's read uses the costs_by_month index."""

    if TYPE_CHECKING:  # SQLiteRecords, which this is mixed into, has it

        def _connection(self) -> sqlite3.Connection: ...

    def put_cost(self, entry: CostEntry) -> None:
        self._connection().execute(
            "INSERT INTO costs (episode_id, step, feed_id, month, usd, body) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (episode_id, step) DO UPDATE SET feed_id = excluded.feed_id, "
            "month = excluded.month, usd = excluded.usd, body = excluded.body",
            (
                entry.episode_id,
                entry.step.value,
                entry.feed_id,
                entry.month,
                entry.usd,
                entry.model_dump_json(),
            ),
        )

    def list_costs(self, month: str, feed_id: str | None = None) -> list[CostEntry]:
        sql = "SELECT body FROM costs WHERE month = ?"
        parameters: list[object] = [month]
        if feed_id is not None:
            sql += " AND feed_id = ?"
            parameters.append(feed_id)
        rows = self._connection().execute(sql + " ORDER BY feed_id, episode_id, step", parameters)
        return [CostEntry.model_validate_json(row[0]) for row in rows]
