"""The cost ledger port: what each step spent, filed by month, read back by month (an index read),
and the holds paid steps place on a month's budget before their engine is called."""

from collections.abc import Callable
from typing import Protocol

from podcast_digest.models import BudgetHold, CostEntry


class CostStore(Protocol):
    def put_cost(self, entry: CostEntry) -> None:
        """Record (or replace) the cost of one step of one episode; keyed by (episode_id, step)."""
        ...

    def list_costs(self, month: str, feed_id: str | None = None) -> list[CostEntry]:
        """The month's entries ('YYYY-MM'), of one feed or all: an index query, never a scan."""
        ...

    def hold_budget(self, hold: BudgetHold, fits: Callable[[list[BudgetHold]], bool]) -> bool:
        """Place `hold` if `fits`, given every hold of its month placed so far, says there is room:
        decided and written as one step, so of gates racing for the last of a budget only as many
        win as it covers. True when placed, or when that episode and step already hold (a retry);
        False when `fits` said no (nothing is written)."""
        ...
