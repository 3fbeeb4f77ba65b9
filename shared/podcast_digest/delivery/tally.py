"""DeliveryTally: what one step's sends came to, and the step's rule for the ones that could not go.

Throttling stops the step at once; transient failures (and sends another run
holds) let everyone else be tried first, then the step raises
UpstreamUnavailable so the episode or roundup waits, without using up an
attempt, until its mail can go.
"""

from dataclasses import dataclass, field

from podcast_digest.delivery.send import DeliveryResult, Outcome
from podcast_digest.errors import UpstreamThrottled, UpstreamUnavailable

_WAITING = (Outcome.TRANSIENT, Outcome.THROTTLED, Outcome.HELD)


@dataclass
class DeliveryTally:
    sent: int = 0
    already_sent: int = 0
    resent: int = 0
    refused: int = 0
    waiting: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.refused + self.waiting

    def count(self, result: DeliveryResult) -> None:
        outcome = result.outcome
        if result.reason and outcome in _WAITING and result.reason not in self.reasons:
            self.reasons.append(result.reason)
        if outcome is Outcome.ALREADY_SENT:
            self.already_sent += 1
        elif outcome.delivered:
            self.sent += 1
            self.resent += outcome is Outcome.RESENT
        elif outcome is Outcome.REFUSED:
            self.refused += 1
        else:
            self.waiting += 1
            if outcome is Outcome.THROTTLED:
                raise throttled_error(self.sent)

    def raise_if_waiting(self, what: str) -> None:
        if self.waiting:
            why = self.reasons[-1] if self.reasons else "the mail service is unavailable"
            raise UpstreamUnavailable(
                f"{self.waiting} {what}(s) wait to be sent ({why}); "
                "a retry sends only to those not yet mailed"
            )

    def counts(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "already_sent": self.already_sent,
            "resent": self.resent,
            "failed": self.failed,
        }


def throttled_error(sent: int) -> UpstreamThrottled:
    return UpstreamThrottled(
        f"the mail service is still throttling after its own retries ({sent} sent in this attempt); "
        "the rest wait for the step's retry with backoff, and no one is mailed twice"
    )
