"""The exactly-once marker of one (subscriber, digest) and its stable Message-ID.

A claim is written before the mailer is called. What was there decides what
the new claim means: nothing or a failed send (a first or a retried send), an
uncertain 'sending' marker left by a sender that stopped mid-send (taken over
by its claim id, then sent again with the same Message-ID), or a sent one.
"""

import hashlib
import re
import secrets
from enum import StrEnum

from podcast_digest.models import Delivery, DeliveryStatus
from podcast_digest.pipeline.context import Context

_NOT_ATEXT = re.compile(r"[^A-Za-z0-9-]+")
_MAX_KEY = 80


class ClaimResult(StrEnum):
    OWNED = "owned"  # nothing or a failure before: this sender owns a first send
    UNCERTAIN = "uncertain"  # a stopped sender left it 'sending': this sender sends again, same Message-ID
    SENT = "sent"  # recorded as sent: nothing to do
    HELD = "held"  # another sender claimed it a moment ago: its outcome is not known yet


def delivery_name(subscriber_id: str, delivery_key: str) -> str:
    """'<key>.<subscriber>' in letters, digits and '-': a file name and a Message-ID's left part.

    'roundup:2026-W48' becomes 'roundup-2026-W48'; a key too long for a file name is
    shortened with a hash of the whole so two keys never share a name.
    """
    key = _NOT_ATEXT.sub("-", delivery_key).strip("-") or "digest"
    if len(key) > _MAX_KEY or key != delivery_key.replace(":", "-"):
        key = f"{key[:40]}-{hashlib.sha256(delivery_key.encode()).hexdigest()[:16]}"
    return f"{key}.{_NOT_ATEXT.sub('-', subscriber_id)}"


def stable_message_id(subscriber_id: str, delivery_key: str, sender: str) -> str:
    """The same Message-ID every time this digest goes to this subscriber, on the sender's domain."""
    domain = sender.rsplit("@", 1)[-1]
    return f"<{delivery_name(subscriber_id, delivery_key)}@{domain}>"


def claim_send(ctx: Context, subscriber_id: str, delivery_key: str) -> ClaimResult:
    """Claim the send of (subscriber, key); see ClaimResult for what the answer means."""
    seen = ctx.records.get_delivery(subscriber_id, delivery_key)
    if seen is not None and seen.status is DeliveryStatus.SENT:
        return ClaimResult.SENT
    uncertain = seen is not None and seen.status is DeliveryStatus.SENDING
    claim = Delivery(
        subscriber_id=subscriber_id,
        delivery_key=delivery_key,
        claim_id=secrets.token_hex(8),
        claimed_at=ctx.clock(),
    )
    if ctx.records.claim_delivery(claim, taking_over=seen if uncertain else None):
        return ClaimResult.UNCERTAIN if uncertain else ClaimResult.OWNED
    now = ctx.records.get_delivery(subscriber_id, delivery_key)
    return ClaimResult.SENT if now is not None and now.status is DeliveryStatus.SENT else ClaimResult.HELD
