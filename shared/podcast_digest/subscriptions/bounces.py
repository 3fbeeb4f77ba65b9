"""SES feedback → suppression: after a permanent bounce or a complaint, an address is never mailed again.

SES reports through SNS in two shapes: the classic identity notification
(`notificationType`) and configuration-set event publishing (`eventType`).
Both carry the same `bounce` / `complaint` objects. Permanent bounces and
complaints suppress every recipient they name; transient and undetermined
bounces (a full mailbox, a greylisting server), deliveries, delays and the
rest are only counted. An address we hold no record of is still recorded as
suppressed, so a later subscribe request for it is refused.
"""

import logging
from typing import Any

from pydantic import ConfigDict, Field, ValidationError

from podcast_digest.errors import BadInputError
from podcast_digest.models import Subscriber, SubscriberStatus, subscriber_id_for
from podcast_digest.models.base import DomainModel
from podcast_digest.models.subscriber import normalise_email
from podcast_digest.pipeline.context import Context

log = logging.getLogger(__name__)


class _Recipient(DomainModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    email_address: str = Field(alias="emailAddress", max_length=320)
    status: str | None = None
    diagnostic_code: str | None = Field(None, alias="diagnosticCode")


class _Bounce(DomainModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    bounce_type: str = Field(alias="bounceType")
    bounce_sub_type: str | None = Field(None, alias="bounceSubType")
    recipients: list[_Recipient] = Field(alias="bouncedRecipients", max_length=100)


class _Complaint(DomainModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    recipients: list[_Recipient] = Field(alias="complainedRecipients", max_length=100)
    feedback_type: str | None = Field(None, alias="complaintFeedbackType")


class SesNotification(DomainModel):
    """Either shape of SES feedback; only the parts that decide suppression."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    notification_type: str | None = Field(None, alias="notificationType")
    event_type: str | None = Field(None, alias="eventType")
    bounce: _Bounce | None = None
    complaint: _Complaint | None = None

    @property
    def kind(self) -> str:
        return self.notification_type or self.event_type or "unknown"


class FeedbackOutcome(DomainModel):
    kind: str
    suppressed: list[str] = Field(default_factory=list, description="subscriber ids")
    ignored_reason: str | None = None


def suppression_reason(notification: SesNotification) -> tuple[str | None, list[str]]:
    """(why these addresses are suppressed, the addresses), or (None, []) when nothing should be."""
    if notification.kind == "Bounce" and notification.bounce is not None:
        if notification.bounce.bounce_type != "Permanent":
            return None, []
        sub_type = notification.bounce.bounce_sub_type or "General"
        return f"permanent bounce ({sub_type})", [r.email_address for r in notification.bounce.recipients]
    if notification.kind == "Complaint" and notification.complaint is not None:
        if (notification.complaint.feedback_type or "").lower() == "not-spam":
            return None, []  # the recipient said it is NOT spam
        feedback = notification.complaint.feedback_type or "complaint"
        return f"complaint ({feedback})", [r.email_address for r in notification.complaint.recipients]
    return None, []


def apply_feedback(ctx: Context, message: dict[str, Any] | str) -> FeedbackOutcome:
    """Suppress what one SES notification says must be; BadInputError for a message that is not SES feedback."""
    try:
        notification = (
            SesNotification.model_validate_json(message)
            if isinstance(message, str)
            else SesNotification.model_validate(message)
        )
    except ValidationError as exc:
        raise BadInputError(f"not an SES notification: {exc.errors()[0]['msg']}") from None
    reason, addresses = suppression_reason(notification)
    if reason is None:
        return FeedbackOutcome(kind=notification.kind, ignored_reason="no suppression needed")
    outcome = FeedbackOutcome(kind=notification.kind)
    for raw in addresses:
        try:
            address = normalise_email(raw)
        except ValueError:
            log.warning("SES feedback names an address we could never have mailed; skipped")
            continue
        outcome.suppressed.append(suppress(ctx, address, reason).subscriber_id)
    return outcome


def suppress(ctx: Context, address: str, reason: str) -> Subscriber:
    """Mark the address suppressed (creating its record when we hold none); idempotent."""
    subscriber_id = subscriber_id_for(address)
    known = ctx.records.get_subscriber(subscriber_id)
    if known is not None and known.status is SubscriberStatus.SUPPRESSED:
        return known
    base = known or Subscriber(subscriber_id=subscriber_id, email=address, created_at=ctx.clock())
    suppressed = base.model_copy(update={"status": SubscriberStatus.SUPPRESSED, "suppressed_reason": reason})
    ctx.records.put_subscriber(suppressed)
    log.info("subscriber %s suppressed: %s", subscriber_id, reason)
    return suppressed
