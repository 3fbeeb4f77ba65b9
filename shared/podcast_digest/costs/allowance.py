"""What is left of this month's budget: install-wide (setting) and the feed's own; the tighter wins."""

from dataclasses import dataclass

from podcast_digest.models import Feed
from podcast_digest.ports.costs import CostStore


@dataclass(frozen=True)
class Allowance:
    scope: str  # "the install" or "feed <title>"
    budget: float
    spent: float
    month: str

    @property
    def left(self) -> float:
        return max(0.0, round(self.budget - self.spent, 6))

    def describe(self) -> str:
        return f"{self.scope} has ${self.left:.4f} of {dollars(self.budget)} left in {self.month}"


def dollars(amount: float) -> str:
    """$12.50, $0.01, and a sub-cent amount with the digits it has ($0.005)."""
    text = f"{amount:.6f}".rstrip("0")
    whole, _, cents = text.partition(".")
    return f"${whole}.{cents.ljust(2, '0')}"


def spent(costs: CostStore, month: str, feed_id: str | None = None) -> float:
    """The month's recorded actual spend (one index read of the ledger)."""
    return round(sum(entry.usd for entry in costs.list_costs(month, feed_id)), 6)


def allowances(
    costs: CostStore, install_budget: float | None, feed: Feed, when_month: str
) -> list[Allowance]:
    """Every budget that applies to this feed's next episode (none: no cap)."""
    found = []
    if install_budget is not None:
        found.append(Allowance("the install", install_budget, spent(costs, when_month), when_month))
    if feed.monthly_budget_usd is not None:
        scope = f"feed {feed.title or feed.feed_id}"
        found.append(
            Allowance(scope, feed.monthly_budget_usd, spent(costs, when_month, feed.feed_id), when_month)
        )
    return found


def tightest(found: list[Allowance]) -> Allowance | None:
    return min(found, key=lambda a: a.left) if found else None
