"""Delivery: getting one email to one recipient exactly once, for digests, roundups and notices.

- claim: the exactly-once marker and the stable Message-ID of a (subscriber, digest);
- send: claim, send, record the outcome (`deliver_once`);
- tally: what a step's sends came to, and whether the step must wait for the mail service;
- links (imported as podcast_digest.delivery.links, since it builds on subscriptions): per-recipient links (unsubscribe, manage, full summary), never a path on this disk.

The rule for a send whose outcome is unknown (the sender was killed between
handing the message over and recording it): it is never counted as sent; the
next run sends it again with the same Message-ID. The outbox recognises the
file it already wrote, so nothing is doubled there; mail servers and inbox
providers recognise a repeated Message-ID. A lost digest is worse than a
repeat that the receiving side can fold away, so uncertainty resolves to
"send again", and every run reports how many such re-sends it made.
"""

from podcast_digest.delivery.claim import ClaimResult, claim_send, stable_message_id
from podcast_digest.delivery.send import DeliveryResult, Outcome, deliver_once
from podcast_digest.delivery.tally import DeliveryTally

__all__ = [
    "ClaimResult",
    "DeliveryResult",
    "DeliveryTally",
    "Outcome",
    "claim_send",
    "deliver_once",
    "stable_message_id",
]
