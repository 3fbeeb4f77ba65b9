"""Notify step: email the finished digest to every confirmed subscriber of the feed, exactly once.

The step only chooses who gets it and composes the digest once; claiming,
sending with a stable Message-ID and recording each send is
podcast_digest.delivery's job (shared with the roundups). When some sends
could not go yet (mail service down, throttling) the step raises a
TransientError after trying everyone, so the episode waits, without using up
an attempt, and a retry sends only to those not yet mailed.

Destinations (Slack, Discord, webhooks, folders) that want the feed get the
same episode as a Post, after the subscribers, through the same records and
tally: a destination that is down makes the episode wait like a mail service
that is down, and one that is gone (404/410) is disabled and not waited for.

With a public base URL every digest carries an RFC 8058 one-click
unsubscribe link and a manage link. Without one (a local run) there is no web
endpoint: no link at all goes out, and the operator unsubscribes people with
`podcast-digest subscribers unsubscribe`.
"""

from podcast_digest.costs.notice import budget_notice, with_operator_notice
from podcast_digest.delivery import DeliveryTally, deliver_once
from podcast_digest.delivery.links import RecipientLinks
from podcast_digest.delivery.posts import deliver_post_once
from podcast_digest.errors import ConfigurationError, NotFoundError
from podcast_digest.models import (
    EpisodeStatus,
    Frequency,
    Subscriber,
    SubscriberStatus,
    subscriber_id_for,
)
from podcast_digest.models.destination import Post
from podcast_digest.models.steps import EpisodeRef, NotifyResult
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.episodes import load_episode, reached, save


def notify_episode(ctx: Context, ref: EpisodeRef) -> NotifyResult:
    episode = load_episode(ctx, ref)
    result = NotifyResult(feed_id=episode.feed_id, episode_id=episode.episode_id)
    if reached(episode, EpisodeStatus.NOTIFIED):
        return result
    summary = ctx.records.get_summary(episode.episode_id)
    if summary is None:
        raise NotFoundError(f"episode {episode.episode_id} has no summary yet: run the summarize step first")

    from podcast_digest.digest.email import DigestForRecipients

    links = RecipientLinks.of(ctx)
    # Composed once for everyone, before any claim: a digest we cannot build fails the step
    # loudly instead of leaving claimed-but-unsent markers.
    digest = DigestForRecipients(
        summary,
        sender=ctx.settings.sender,
        sender_name=ctx.settings.sender_name,
        full_summary_url=links.full_summary(summary),
        show_notes_html=episode.description or None,
        with_unsubscribe=links.has_endpoint,
        operator_address=ctx.settings.operator_address,
    )
    tally = DeliveryTally()
    notice = budget_notice(ctx) if ctx.settings.operator_address else None
    for subscriber in recipients(ctx, episode.feed_id, episode.recipients):
        email = digest.to(
            subscriber.email,
            links.unsubscribe(subscriber, episode.feed_id),
            manage_url=links.manage(subscriber),
        )
        email = with_operator_notice(ctx, email, notice)  # the operator's copy says what waits
        tally.count(deliver_once(ctx, email, summary.episode_id, subscriber.subscriber_id))
    post_to_destinations(
        ctx, Post(summary=summary, episode=episode, full_summary_url=links.full_summary(summary)), tally
    )
    tally.raise_if_waiting("digest")
    save(ctx, episode, EpisodeStatus.NOTIFIED)
    return result.model_copy(update=tally.counts())


def post_to_destinations(ctx: Context, post: Post, tally: DeliveryTally) -> None:
    """Every active destination that wants the feed gets the post once (delivery/posts.py)."""
    wanted = [d for d in ctx.records.list_destinations() if d.wants(post.episode.feed_id)]
    if not wanted:
        return
    if ctx.destination_sender is None:
        raise ConfigurationError("this context was built without destination senders (see wiring.py)")
    feed = ctx.records.get_feed(post.episode.feed_id)
    post = post.model_copy(update={"feed_title": (feed.title if feed else "") or post.summary.podcast_title})
    for destination in wanted:
        sender = ctx.destination_sender(destination.kind)
        tally.count(deliver_post_once(ctx, destination, post, sender, post.summary.episode_id))


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
