"""What is left of this month's budget: install-wide (setting) and the feed's own; the tighter wins."""

from collections.abc import Sequence
from dataclasses import dataclass

from podcast_digest.models import BudgetHold, CostEntry, Feed
from podcast_digest.ports.costs import CostStore


@dataclass(frozen=True)
class Allowance:
    scope: str  # "the install" or "feed <title>"
    budget: float
    spent: float  # paid, plus what steps under way hold
    month: str
    held: float = 0.0  # of `spent`: the estimates of steps not yet paid for

    @property
    def left(self) -> float:
        return max(0.0, round(self.budget - self.spent, 6))

    def describe(self) -> str:
        said = f"{self.scope} has ${self.left:.4f} of {dollars(self.budget)} left in {self.month}"
        if self.held:
            said += f" (${self.held:.4f} of it is held by steps under way)"
        return said


def dollars(amount: float) -> str:
    """$12.50, $0.01, and a sub-cent amount with the digits it has ($0.005)."""
    text = f"{amount:.6f}".rstrip("0")
    whole, _, cents = text.partition(".")
    return f"${whole}.{cents.ljust(2, '0')}"


def spent(costs: CostStore, month: str, feed_id: str | None = None) -> float:
    """The month's recorded actual spend (one index read of the ledger)."""
    return round(sum(entry.usd for entry in costs.list_costs(month, feed_id)), 6)


def committed(ledger: Sequence[CostEntry], holds: Sequence[BudgetHold], feed_id: str | None = None) -> float:
    """The month's spend a gate counts: each step's actual cost once the ledger has it, its hold's
    estimate while it is still being done (or its actual cost is not yet visible)."""
    usd = {e.key: e.usd for e in ledger if feed_id is None or e.feed_id == feed_id}
    for hold in holds:
        if feed_id is None or hold.feed_id == feed_id:
            usd.setdefault(hold.key, hold.usd)
    return round(sum(usd.values()), 6)


def allowances(
    ledger: Sequence[CostEntry],
    holds: Sequence[BudgetHold],
    install_budget: float | None,
    feed: Feed,
    when_month: str,
) -> list[Allowance]:
    """Every budget that applies to this feed's next episode (none: no cap), counting the month's holds."""
    found = []
    if install_budget is not None:
        found.append(_allowance("the install", install_budget, ledger, holds, when_month, None))
    if feed.monthly_budget_usd is not None:
        scope = f"feed {feed.title or feed.feed_id}"
        found.append(_allowance(scope, feed.monthly_budget_usd, ledger, holds, when_month, feed.feed_id))
    return found


def _allowance(
    scope: str,
    budget: float,
    ledger: Sequence[CostEntry],
    holds: Sequence[BudgetHold],
    month: str,
    feed_id: str | None,
) -> Allowance:
    total = committed(ledger, holds, feed_id)
    held = round(total - committed(ledger, [], feed_id), 6)
    return Allowance(scope, budget, total, month, held)


def tightest(found: list[Allowance]) -> Allowance | None:
    return min(found, key=lambda a: a.left) if found else None
