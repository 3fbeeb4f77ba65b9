"""Notify step: email the finished digest to every confirmed subscriber of the feed, exactly once.

Each (subscriber, episode) send is claimed with a conditional write before
the mailer is called and completed with the message id after, so a retried
step, a re-run or a duplicated event never mails anyone twice. A transient
failure releases the claim (the next attempt sends only to those left); the
step then fails with a TransientError so the orchestrator retries it.

With a public base URL every digest carries an RFC 8058 one-click
unsubscribe link (a signed token for that subscriber and feed). Without one
(a local run) there is no web endpoint to click: no List-Unsubscribe header
is sent, and the operator unsubscribes people with `podcast-digest
subscribers unsubscribe`. The episode's description goes in as show notes
(sanitised by the digest composer).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from podcast_digest.errors import (
    BadInputError,
    NotFoundError,
    TransientError,
    UpstreamThrottled,
    UpstreamUnavailable,
)
from podcast_digest.models import (
    Delivery,
    EpisodeStatus,
    Frequency,
    OutgoingEmail,
    Subscriber,
    SubscriberStatus,
    Summary,
    subscriber_id_for,
)
from podcast_digest.models.steps import EpisodeRef, NotifyResult
from podcast_digest.pipeline import keys
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.episodes import load_episode, reached, save

log = logging.getLogger(__name__)


def notify_episode(ctx: Context, ref: EpisodeRef) -> NotifyResult:
    episode = load_episode(ctx, ref)
    result = NotifyResult(feed_id=episode.feed_id, episode_id=episode.episode_id)
    if reached(episode, EpisodeStatus.NOTIFIED):
        return result
    summary = ctx.records.get_summary(episode.episode_id)
    if summary is None:
        raise NotFoundError(f"episode {episode.episode_id} has no summary yet: run the summarize step first")

    from podcast_digest.digest.email import DigestForRecipients

    unsubscribe_link = unsubscribe_links(ctx)
    # Composed once for everyone, before any claim: a digest we cannot build fails the step
    # loudly instead of leaving claimed-but-unsent markers.
    digest = DigestForRecipients(
        summary,
        sender=ctx.settings.sender,
        sender_name=ctx.settings.sender_name,
        full_summary_url=summary_page_url(ctx, summary),
        show_notes_html=episode.description or None,
        with_unsubscribe=bool(ctx.settings.public_base_url),
    )
    tally = DeliveryTally()
    for subscriber in recipients(ctx, episode.feed_id, episode.recipients):
        email = digest.to(subscriber.email, unsubscribe_link(subscriber, episode.feed_id))
        tally.count(deliver_once(ctx, email, summary.episode_id, subscriber))
    tally.raise_if_pending("digest")
    save(ctx, episode, EpisodeStatus.NOTIFIED)
    return result.model_copy(update=tally.counts())


def recipients(ctx: Context, feed_id: str, extra_addresses: list[str]) -> list[Subscriber]:
    """Confirmed per-episode subscribers of the feed, plus addresses a dropped file named.

    Suppressed (bounced, complained) and unsubscribed addresses are never mailed,
    even when a dropped file names them.
    """
    chosen: dict[str, Subscriber] = {}
    for subscription in ctx.records.list_subscriptions_for_feed(feed_id):
        if subscription.frequency is not Frequency.PER_EPISODE:
            continue  # daily/weekly subscribers get the roundup instead
        subscriber = ctx.records.get_subscriber(subscription.subscriber_id)
        if subscriber is not None and subscriber.can_receive:
            chosen[subscriber.subscriber_id] = subscriber
    for address in extra_addresses:
        subscriber_id = subscriber_id_for(address)
        known = ctx.records.get_subscriber(subscriber_id)
        if known is not None and known.status in (SubscriberStatus.SUPPRESSED, SubscriberStatus.UNSUBSCRIBED):
            continue
        if subscriber_id not in chosen:
            chosen[subscriber_id] = Subscriber(
                subscriber_id=subscriber_id, email=address, status=SubscriberStatus.CONFIRMED
            )
            if known is None:
                # Recorded (with no feeds), so that their one-click unsubscribe, a bounce or a
                # complaint holds for later dropped files naming them too.
                ctx.records.put_subscriber(
                    chosen[subscriber_id].model_copy(update={"created_at": ctx.clock()})
                )
    return list(chosen.values())


def summary_page_url(ctx: Context, summary: Summary) -> str | None:
    """Where the full summary (with the In-Depth part) can be read."""
    if ctx.settings.public_base_url:
        return f"{ctx.settings.public_base_url.rstrip('/')}/summaries/{summary.episode_id}"
    path_for = getattr(ctx.blobs, "path_for", None)  # the folder store can give a local file
    if path_for is not None:
        return (
            Path(path_for(keys.summary_key(summary.feed_id, summary.episode_id, "html"))).resolve().as_uri()
        )
    return None


def unsubscribe_links(ctx: Context) -> Callable[[Subscriber, str | None], str | None]:
    """A function giving each recipient's one-click link (None for all when there is no public URL)."""
    if not ctx.settings.public_base_url:
        return lambda _subscriber, _feed_id: None
    from podcast_digest.subscriptions.service import SubscriptionService
    from podcast_digest.subscriptions.signing_key import signer_for

    service = SubscriptionService(ctx, signer_for(ctx.settings))

    return lambda subscriber, feed_id: service.unsubscribe_url(subscriber.subscriber_id, feed_id)


@dataclass
class DeliveryTally:
    """Counts deliver_once outcomes for one step (digests or roundups), with the step's error rules:
    throttling stops the step at once; transient failures fail it after everyone was tried."""

    sent: int = 0
    already_sent: int = 0
    failed: int = 0
    pending: int = 0

    def count(self, outcome: str) -> None:
        if outcome == "sent":
            self.sent += 1
        elif outcome == "already_sent":
            self.already_sent += 1
        else:
            self.failed += 1
            if outcome == "throttled":
                raise throttled_error(self.sent)
            self.pending += outcome == "transient"

    def raise_if_pending(self, what: str) -> None:
        if self.pending:
            raise UpstreamUnavailable(
                f"{self.pending} {what}(s) could not be sent yet (mail service unavailable); "
                "a retry sends only to those not yet mailed"
            )

    def counts(self) -> dict[str, int]:
        return {"sent": self.sent, "already_sent": self.already_sent, "failed": self.failed}


def throttled_error(sent: int) -> UpstreamThrottled:
    return UpstreamThrottled(
        f"the mail service is still throttling after its own retries ({sent} sent in this attempt); "
        "the rest wait for the step's retry with backoff, and no one is mailed twice"
    )


def deliver_once(ctx: Context, email: OutgoingEmail, key: str, subscriber: Subscriber) -> str:
    """Claim (subscriber, key), send, record the outcome.

    Returns "sent", "already_sent", "refused" (this recipient; the others go on),
    "transient" (this recipient, for now) or "throttled": the mail service is
    refusing everyone for now (the client's own adaptive retries gave up), so the
    caller stops sending instead of hammering it and lets the orchestrator back off.
    """
    claim = Delivery(subscriber_id=subscriber.subscriber_id, delivery_key=key, claimed_at=ctx.clock())
    if not ctx.records.claim_delivery(claim):
        return "already_sent"
    try:
        message_id = ctx.mailer.send(email)
    except UpstreamThrottled as exc:
        ctx.records.fail_delivery(subscriber.subscriber_id, key, f"{type(exc).__name__}: {exc}")
        log.warning("mail service throttling at %s: stopping this attempt", subscriber.subscriber_id)
        return "throttled"
    except TransientError as exc:
        ctx.records.fail_delivery(subscriber.subscriber_id, key, f"{type(exc).__name__}: {exc}")
        log.warning("digest to %s not sent yet: %s", subscriber.subscriber_id, exc)
        return "transient"
    except BadInputError as exc:  # this recipient refused (e.g. SMTP 550): the others still get theirs
        ctx.records.fail_delivery(subscriber.subscriber_id, key, f"{type(exc).__name__}: {exc}")
        log.error("digest to %s refused: %s", subscriber.subscriber_id, exc)
        return "refused"
    except BaseException as exc:
        ctx.records.fail_delivery(subscriber.subscriber_id, key, f"{type(exc).__name__}: {exc}")
        raise
    ctx.records.complete_delivery(subscriber.subscriber_id, key, message_id)
    return "sent"
