"""The cost ledger port: what each step spent, filed by month, read back by month (an index read)."""

from typing import Protocol

from podcast_digest.models import CostEntry


class CostStore(Protocol):
    def put_cost(self, entry: CostEntry) -> None:
        """Record (or replace) the cost of one step of one episode; keyed by (episode_id, step)."""
        ...

    def list_costs(self, month: str, feed_id: str | None = None) -> list[CostEntry]:
        """The month's entries ('YYYY-MM'), of one feed or all: an index query, never a scan."""
        ...
