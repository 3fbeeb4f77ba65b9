"""deliver_once: claim (subscriber, key), send with the stable Message-ID, record what happened.

Crash points and what each leaves (the next run resolves every one):
- before the claim: nothing; the next run sends.
- after the claim, before or during the send (kill, Ctrl-C): a 'sending' marker, never counted
  as sent; the next run takes it over and sends again with the same Message-ID.
- after the mail server accepted the message, before the marker says so: the same; the outbox
  finds its own file and sends nothing twice, a mail server gets the same Message-ID again.
- a mailer that says the message did not go (4xx, 5xx, unreachable): the marker says 'failed'
  with why, and a later claim sends it.
A ConfigurationError (wrong login, SES account paused) is not one recipient's problem: it is
recorded and raised, so the step fails with its message. StorageFull (the outbox's disk) is
recorded and raised too: the step stops and everyone left waits for room.
"""

import logging
from collections.abc import Callable
from enum import StrEnum
from typing import NamedTuple

from podcast_digest.delivery.claim import ClaimResult, claim_send, stable_message_id
from podcast_digest.errors import (
    BadInputError,
    DeliveryUncertain,
    StorageFull,
    TransientError,
    UpstreamThrottled,
)
from podcast_digest.models import OutgoingEmail
from podcast_digest.pipeline.context import Context

log = logging.getLogger(__name__)


class Outcome(StrEnum):
    SENT = "sent"
    RESENT = "resent"  # sent again after an uncertain earlier attempt, with the same Message-ID
    ALREADY_SENT = "already_sent"
    HELD = "held"  # another sender is on it right now: not counted as sent
    REFUSED = "refused"  # this recipient, for good (e.g. SMTP 550); the others go on
    TRANSIENT = "transient"  # this recipient, for now: the episode waits
    THROTTLED = "throttled"  # the mail service refuses everyone for now: stop sending

    @property
    def delivered(self) -> bool:
        return self in (Outcome.SENT, Outcome.RESENT, Outcome.ALREADY_SENT)


class DeliveryResult(NamedTuple):
    outcome: Outcome
    reason: str | None = None  # why it did not go (for the run's report)


_HELD_REASON = "another run is sending it right now; the next run checks that it went"


def deliver_once(ctx: Context, email: OutgoingEmail, key: str, subscriber_id: str) -> DeliveryResult:
    """Send `email` unless (subscriber, key) was sent already; see the module doc."""
    claim = claimed(ctx, subscriber_id, key)
    if isinstance(claim, DeliveryResult):
        return claim
    message_id = stable_message_id(subscriber_id, key, email.sender)
    stamped = email.model_copy(update={"message_id": message_id})

    def hand_over() -> str:
        return ctx.mailer.send(stamped) or stamped.message_id or ""

    return hand_over_claimed(ctx, subscriber_id, key, claim, hand_over, what="digest")


def claimed(ctx: Context, subscriber_id: str, key: str) -> ClaimResult | DeliveryResult:
    """The claim this sender now owns (OWNED or UNCERTAIN), or the result when there is nothing to send."""
    claim = claim_send(ctx, subscriber_id, key)
    if claim is ClaimResult.SENT:
        return DeliveryResult(Outcome.ALREADY_SENT)
    if claim is ClaimResult.HELD:
        log.warning("%s to %s: %s", key, subscriber_id, _HELD_REASON)
        return DeliveryResult(Outcome.HELD, _HELD_REASON)
    return claim


def hand_over_claimed(
    ctx: Context,
    subscriber_id: str,
    key: str,
    claim: ClaimResult,
    hand_over: Callable[[], str],
    *,
    what: str,
    throttled: Outcome = Outcome.THROTTLED,
) -> DeliveryResult:
    """Call `hand_over` (it returns the id to record) under an owned claim and record its outcome.

    `throttled` is what a 429 means: THROTTLED stops the step (one mail service for everyone),
    TRANSIENT lets the others go on (one destination's rate limit).
    """
    failed = _send(ctx, hand_over, key, subscriber_id, what, throttled)
    if failed is not None:
        return failed
    return DeliveryResult(Outcome.RESENT if claim is ClaimResult.UNCERTAIN else Outcome.SENT)


def _send(
    ctx: Context, hand_over: Callable[[], str], key: str, subscriber_id: str, what: str, throttled: Outcome
) -> DeliveryResult | None:
    """None when the sender took it (and the marker says so); else what went wrong."""
    try:
        returned = hand_over()
    except DeliveryUncertain as exc:  # not failed, not sent: the claim stays 'sending' for the next run
        log.warning("%s to %s may or may not have gone: %s", what, subscriber_id, exc)
        return DeliveryResult(Outcome.TRANSIENT, str(exc))
    except StorageFull as exc:  # no room for anyone's mail: stop the step now, everyone waits
        _record_failure(ctx, subscriber_id, key, exc)
        raise
    except UpstreamThrottled as exc:
        _record_failure(ctx, subscriber_id, key, exc)
        log.warning("%s to %s throttled: %s", what, subscriber_id, exc)
        return DeliveryResult(throttled, str(exc))
    except TransientError as exc:
        _record_failure(ctx, subscriber_id, key, exc)
        log.warning("%s to %s not sent yet: %s", what, subscriber_id, exc)
        return DeliveryResult(Outcome.TRANSIENT, str(exc))
    except BadInputError as exc:
        _record_failure(ctx, subscriber_id, key, exc)
        log.error("%s to %s refused: %s", what, subscriber_id, exc)
        return DeliveryResult(Outcome.REFUSED, str(exc))
    except Exception as exc:  # the sender says it did not send (ConfigurationError, a bug): fail the step
        _record_failure(ctx, subscriber_id, key, exc)
        raise
    # KeyboardInterrupt or SystemExit mid-send leave the claim 'sending': the outcome is unknown.
    ctx.records.complete_delivery(subscriber_id, key, returned)
    return None


def _record_failure(ctx: Context, subscriber_id: str, key: str, exc: Exception) -> None:
    ctx.records.fail_delivery(subscriber_id, key, f"{type(exc).__name__}: {exc}")
