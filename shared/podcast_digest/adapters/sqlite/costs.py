"""The cost ledger and budget holds on SQLite (migrations 0004_costs.sql, 0005_budget_holds.sql):
mixed into SQLiteRecords."""

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from podcast_digest.models import BudgetHold, CostEntry


class SQLiteCostLedger:
    """put_cost / list_costs over the `costs` table; a month's read uses the costs_by_month index."""

    if TYPE_CHECKING:  # SQLiteRecords, which this is mixed into, has it

        def _connection(self) -> sqlite3.Connection: ...
        def _transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

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

    def hold_budget(self, hold: BudgetHold, fits: Callable[[list[BudgetHold]], bool]) -> bool:
        # BEGIN IMMEDIATE takes the write lock before the read: racing gates (threads or
        # processes) decide one after another, each seeing the holds of those before it.
        with self._transaction() as connection:
            holds = list(_holds(connection, hold.month))
            if any(placed.key == hold.key for placed in holds):
                return True
            if not fits(holds):
                return False
            connection.execute(
                "INSERT INTO budget_holds (month, episode_id, step, feed_id, usd, body) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    hold.month,
                    hold.episode_id,
                    hold.step.value,
                    hold.feed_id,
                    hold.usd,
                    hold.model_dump_json(),
                ),
            )
        return True


def _holds(connection: sqlite3.Connection, month: str) -> Iterator[BudgetHold]:
    rows = connection.execute("SELECT body FROM budget_holds WHERE month = ? ORDER BY rowid", (month,))
    return (BudgetHold.model_validate_json(row[0]) for row in rows)
