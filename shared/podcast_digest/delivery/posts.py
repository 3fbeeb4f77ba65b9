"""deliver_post_once: one finished episode to one destination (Slack, Discord, webhook, folder), once.

The same records and rules as email (send.py): a claim under the destination's
own recipient id (`destination_recipient_id`), the post, then the outcome. The
stable Idempotency-Key (the claim's name, `delivery_name`) goes with every post,
so a receiver can fold away the one repeat the rule allows: the run was killed
after the receiver took the post and before we recorded it.

What differs from email:
- a 429 is that destination's rate limit, not a mail service refusing everyone:
  the post waits (TRANSIENT) and the others go on;
- a 404/410 (DestinationGone) disables the destination with the reason, so it is
  reported by `run` and `destinations list` and never posted to again until the
  operator adds a working webhook.
"""

import logging

from podcast_digest.delivery.claim import delivery_name
from podcast_digest.delivery.send import DeliveryResult, Outcome, claimed, hand_over_claimed
from podcast_digest.destinations.targets import shown_target
from podcast_digest.errors import DestinationGone
from podcast_digest.models.destination import (
    Destination,
    DestinationStatus,
    Post,
    destination_recipient_id,
)
from podcast_digest.pipeline.context import Context
from podcast_digest.ports.destinations import DestinationSender

log = logging.getLogger(__name__)


def post_key(destination: Destination, delivery_key: str) -> str:
    """The Idempotency-Key of this post: the same on every attempt, different per destination."""
    return delivery_name(destination_recipient_id(destination.destination_id), delivery_key)


def deliver_post_once(
    ctx: Context, destination: Destination, post: Post, sender: DestinationSender, delivery_key: str
) -> DeliveryResult:
    """Post `post` to `destination` unless it went already; see the module doc."""
    recipient = destination_recipient_id(destination.destination_id)
    claim = claimed(ctx, recipient, delivery_key)
    if isinstance(claim, DeliveryResult):
        return claim
    idempotency_key = post_key(destination, delivery_key)

    def hand_over() -> str:
        try:
            sender.send(destination, post, idempotency_key)
        except DestinationGone as exc:
            disable(ctx, destination, str(exc))
            raise
        return idempotency_key

    what = f"{destination.kind.value} destination {destination.destination_id}"
    return hand_over_claimed(
        ctx, recipient, delivery_key, claim, hand_over, what=what, throttled=Outcome.TRANSIENT
    )


def disable(ctx: Context, destination: Destination, reason: str) -> None:
    """Record that the far end is gone: no post goes there again until it is added anew."""
    current = ctx.records.get_destination(destination.destination_id) or destination
    ctx.records.put_destination(
        current.model_copy(update={"status": DestinationStatus.DISABLED, "disabled_reason": reason})
    )
    log.error(
        "destination %s (%s) disabled: %s", destination.destination_id, shown_target(destination), reason
    )
