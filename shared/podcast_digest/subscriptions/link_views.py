"""What a page behind an emailed link shows before anyone clicks: whose link, which podcasts, how often.

The address is masked (l•••r@example.org): a forwarded email's link should not
hand a stranger the full address.
"""

from dataclasses import dataclass

from podcast_digest.models import Frequency
from podcast_digest.subscriptions.service import SubscriptionService
from podcast_digest.subscriptions.tokens import Purpose

FREQUENCY_WORDS = {
    Frequency.PER_EPISODE: "every episode, as soon as its summary is ready",
    Frequency.DAILY: "one daily roundup",
    Frequency.WEEKLY: "one weekly roundup",
}


def mask_address(address: str) -> str:
    local, _, domain = address.partition("@")
    if len(local) <= 2:
        return f"{local[:1]}•••@{domain}"
    return f"{local[0]}•••{local[-1]}@{domain}"


@dataclass(frozen=True)
class LinkView:
    masked_address: str | None
    podcast_titles: list[str]
    frequency: Frequency | None
    manage_url: str | None


def link_view(service: SubscriptionService, token: str, purpose: Purpose) -> LinkView:
    """Checks the token (InvalidToken when it is not ours) and describes what it acts on."""
    claims = service.signer.verify(token, purpose, now=service.ctx.clock())
    records = service.ctx.records
    subscriber = records.get_subscriber(claims.subscriber_id)
    subscriptions = records.list_subscriptions_for_subscriber(claims.subscriber_id)
    feed_ids = claims.feed_ids or [s.feed_id for s in subscriptions]
    titles = [feed.title or feed.url for feed in (records.get_feed(f) for f in feed_ids) if feed is not None]
    mine = [s.frequency for s in subscriptions if s.feed_id in feed_ids]
    frequency = Frequency(claims.frequency) if claims.frequency else (mine[0] if mine else None)
    manage = service.manage_url(claims.subscriber_id) if purpose is Purpose.UNSUBSCRIBE else None
    return LinkView(
        masked_address=mask_address(subscriber.email) if subscriber is not None else None,
        podcast_titles=titles,
        frequency=frequency,
        manage_url=manage,
    )
