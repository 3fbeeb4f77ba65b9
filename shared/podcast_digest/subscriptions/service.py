"""Subscribe (double opt-in), confirm, one-click unsubscribe and manage: what the API and the CLI call.

Every public answer is the same whatever the address's state, so the API
never tells a stranger whether someone is subscribed: a subscribe request
always "sends a confirmation if the address can receive one", an unsubscribe
link always ends with "you will get no more of these".

Subscriptions are written only when the owner of the address confirms: the
confirmation token carries the feeds and frequency asked for, so a stranger
cannot add feeds to someone else's subscription. A suppressed address (hard
bounce, complaint) is never mailed again, not even a confirmation. At most one
confirmation per address per hour is sent (a delivery marker per hour), so the
form cannot be used to flood an inbox.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from podcast_digest.delivery import Outcome, deliver_once
from podcast_digest.errors import BadInputError, NotFoundError, UpstreamUnavailable
from podcast_digest.models import (
    Feed,
    Frequency,
    Subscriber,
    SubscriberStatus,
    Subscription,
    subscriber_id_for,
)
from podcast_digest.models.subscriber import normalise_email
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.drop_feed import is_drop_feed
from podcast_digest.subscriptions import links
from podcast_digest.subscriptions.tokens import LIFETIMES, Purpose, TokenClaims, TokenSigner

log = logging.getLogger(__name__)

MAX_FEEDS_PER_REQUEST = 20


@dataclass(frozen=True)
class ManageView:
    """What the manage page shows: the subscriber's feeds among all, and how often."""

    email: str
    feeds: list[tuple[Feed, bool]]
    frequency: Frequency
    token: str


class SubscriptionService:
    def __init__(self, ctx: Context, signer: TokenSigner) -> None:
        self.ctx = ctx
        self.signer = signer

    # --- tokens for outgoing mail -------------------------------------------------------------

    def unsubscribe_url(self, subscriber_id: str, feed_id: str | None = None) -> str | None:
        """The one-click link for a digest (feed given) or a roundup (all feeds); None without a public URL."""
        token = self.signer.sign(
            Purpose.UNSUBSCRIBE, subscriber_id, now=self.ctx.clock(), feed_ids=[feed_id] if feed_id else []
        )
        return links.token_link(self.ctx.settings, "unsubscribe", token)

    def manage_url(self, subscriber_id: str) -> str | None:
        token = self.signer.sign(Purpose.MANAGE, subscriber_id, now=self.ctx.clock())
        return links.token_link(self.ctx.settings, "manage", token)

    # --- subscribe / confirm --------------------------------------------------------------------

    def subscribe(
        self, email: str, feed_ids: list[str], frequency: Frequency = Frequency.PER_EPISODE
    ) -> None:
        """Ask the address's owner to confirm; silently does nothing for a suppressed address.

        Raises BadInputError for an invalid address or unknown feeds (that says
        nothing about any subscriber) and TransientError when the mail could not go yet.
        """
        try:
            address = normalise_email(email)
        except ValueError as exc:
            raise BadInputError(str(exc)) from None
        feeds = self._known_feeds(feed_ids)
        records, now = self.ctx.records, self.ctx.clock()
        subscriber_id = subscriber_id_for(address)
        subscriber = records.get_subscriber(subscriber_id)
        if subscriber is not None and subscriber.status is SubscriberStatus.SUPPRESSED:
            log.info("subscribe request for suppressed subscriber %s ignored", subscriber_id)
            return
        if subscriber is None or subscriber.status is SubscriberStatus.UNSUBSCRIBED:
            # A confirmed subscriber stays confirmed (and keeps their feeds) until they confirm more.
            records.put_subscriber(
                Subscriber(
                    subscriber_id=subscriber_id,
                    email=address,
                    status=SubscriberStatus.PENDING,
                    created_at=now,
                )
            )
        self._send_confirmation(subscriber_id, address, feeds, frequency, now)

    def confirm(self, token: str) -> Subscriber:
        """Confirm the subscription a token asks for; InvalidToken when it is not ours or expired."""
        claims = self.signer.verify(token, Purpose.CONFIRM, now=self.ctx.clock())
        records, now = self.ctx.records, self.ctx.clock()
        subscriber = records.get_subscriber(claims.subscriber_id)
        if subscriber is None or subscriber.status is SubscriberStatus.SUPPRESSED:
            # Removed since, or bounced/complained: confirming must not bring them back.
            raise NotFoundError("this subscription can no longer be confirmed: subscribe again")
        frequency = Frequency(claims.frequency or Frequency.PER_EPISODE)
        for feed_id in claims.feed_ids:
            if records.get_feed(feed_id) is not None:
                records.put_subscription(
                    Subscription(
                        subscriber_id=subscriber.subscriber_id,
                        feed_id=feed_id,
                        frequency=frequency,
                        created_at=now,
                    )
                )
        confirmed = subscriber.model_copy(
            update={"status": SubscriberStatus.CONFIRMED, "confirmed_at": subscriber.confirmed_at or now}
        )
        records.put_subscriber(confirmed)
        return confirmed

    # --- unsubscribe ----------------------------------------------------------------------------

    def unsubscribe(self, token: str) -> None:
        """One click: drop the feed the token names, or everything; the same outcome whatever the state."""
        claims = self.signer.verify(token, Purpose.UNSUBSCRIBE, now=self.ctx.clock())
        self.unsubscribe_subscriber(claims.subscriber_id, claims.feed_ids)

    def unsubscribe_subscriber(self, subscriber_id: str, feed_ids: list[str] | None = None) -> None:
        records = self.ctx.records
        subscriber = records.get_subscriber(subscriber_id)
        if subscriber is None:
            return
        for feed_id in feed_ids or []:
            records.delete_subscription(subscriber_id, feed_id)
        left = records.list_subscriptions_for_subscriber(subscriber_id) if feed_ids else []
        if left:
            return
        for subscription in records.list_subscriptions_for_subscriber(subscriber_id):
            records.delete_subscription(subscriber_id, subscription.feed_id)
        if subscriber.status is not SubscriberStatus.SUPPRESSED:  # suppression is stronger: keep it
            records.put_subscriber(subscriber.model_copy(update={"status": SubscriberStatus.UNSUBSCRIBED}))

    # --- manage ---------------------------------------------------------------------------------

    def manage_view(self, token: str) -> ManageView:
        claims = self.signer.verify(token, Purpose.MANAGE, now=self.ctx.clock())
        subscriber = self._manageable(claims)
        mine = {
            s.feed_id: s for s in self.ctx.records.list_subscriptions_for_subscriber(subscriber.subscriber_id)
        }
        feeds = [(feed, feed.feed_id in mine) for feed in self._public_feeds()]
        frequency = next(iter(mine.values())).frequency if mine else Frequency.PER_EPISODE
        return ManageView(email=subscriber.email, feeds=feeds, frequency=frequency, token=token)

    def update(self, token: str, feed_ids: list[str], frequency: Frequency) -> ManageView:
        """Set exactly these feeds at this frequency (none: unsubscribed from all)."""
        claims = self.signer.verify(token, Purpose.MANAGE, now=self.ctx.clock())
        subscriber = self._manageable(claims)
        wanted = {feed.feed_id for feed in self._known_feeds(feed_ids, allow_empty=True)}
        records, now = self.ctx.records, self.ctx.clock()
        for subscription in records.list_subscriptions_for_subscriber(subscriber.subscriber_id):
            if subscription.feed_id not in wanted:
                records.delete_subscription(subscriber.subscriber_id, subscription.feed_id)
        if not wanted:
            self.unsubscribe_subscriber(subscriber.subscriber_id)
        for feed_id in sorted(wanted):
            records.put_subscription(
                Subscription(
                    subscriber_id=subscriber.subscriber_id,
                    feed_id=feed_id,
                    frequency=frequency,
                    created_at=now,
                )
            )
        if wanted and subscriber.status is SubscriberStatus.UNSUBSCRIBED:
            # The manage link reached the address's owner, so this is a confirmed opt-in again.
            records.put_subscriber(subscriber.model_copy(update={"status": SubscriberStatus.CONFIRMED}))
        return self.manage_view(token)

    # --- internals ------------------------------------------------------------------------------

    def _manageable(self, claims: TokenClaims) -> Subscriber:
        subscriber = self.ctx.records.get_subscriber(claims.subscriber_id)
        if subscriber is None or subscriber.status in (SubscriberStatus.SUPPRESSED, SubscriberStatus.PENDING):
            raise NotFoundError("there is nothing to manage for this link: subscribe again")
        return subscriber

    def _public_feeds(self) -> list[Feed]:
        return [feed for feed in self.ctx.records.list_feeds() if not is_drop_feed(feed)]

    def _known_feeds(self, feed_ids: list[str], *, allow_empty: bool = False) -> list[Feed]:
        unique = list(dict.fromkeys(feed_ids))
        if not unique and not allow_empty:
            raise BadInputError("choose at least one podcast to subscribe to")
        if len(unique) > MAX_FEEDS_PER_REQUEST:
            raise BadInputError(f"choose at most {MAX_FEEDS_PER_REQUEST} podcasts at a time")
        public = {feed.feed_id: feed for feed in self._public_feeds()}
        unknown = [feed_id for feed_id in unique if feed_id not in public]
        if unknown:
            raise BadInputError(f"no podcast has the id {unknown[0][:40]!r}: pick one from the list")
        return [public[feed_id] for feed_id in unique]

    def _send_confirmation(
        self, subscriber_id: str, address: str, feeds: list[Feed], frequency: Frequency, now: datetime
    ) -> None:
        from podcast_digest.digest.notices import compose_confirmation

        token = self.signer.sign(
            Purpose.CONFIRM,
            subscriber_id,
            now=now,
            feed_ids=[f.feed_id for f in feeds],
            frequency=frequency.value,
        )
        confirm_url = links.token_link(self.ctx.settings, "confirm", token)
        if confirm_url is None:
            raise BadInputError(
                "double opt-in needs a public confirm link: set PODCAST_DIGEST_PUBLIC_BASE_URL, or add "
                "subscribers yourself with `podcast-digest subscribers add`"
            )
        email = compose_confirmation(
            to=address,
            sender=self.ctx.settings.sender,
            sender_name=self.ctx.settings.sender_name,
            confirm_url=confirm_url,
            feed_titles=[f.title or f.url for f in feeds],
            frequency=frequency,
            valid_days=LIFETIMES[Purpose.CONFIRM].days,
        )
        # At most one confirmation per address per hour, claimed and sent like any digest.
        result = deliver_once(self.ctx, email, f"confirm:{now:%Y-%m-%dT%H}", subscriber_id)
        if result.outcome in (Outcome.TRANSIENT, Outcome.THROTTLED):
            raise UpstreamUnavailable(result.reason or "the confirmation could not be sent yet")
        if result.outcome is Outcome.REFUSED:
            raise BadInputError(result.reason or "the mail service refused the confirmation")
        if not result.outcome.delivered:
            log.info("confirmation for %s: %s", subscriber_id, result.reason)
