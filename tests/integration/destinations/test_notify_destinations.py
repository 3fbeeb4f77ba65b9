"""The notify step posts each finished episode to every destination that wants its feed, exactly once,
under the same records and wait rules as email (real SQLite, real local servers)."""

import pytest

from podcast_digest.errors import UpstreamUnavailable
from podcast_digest.models import Episode, EpisodeStatus, Feed
from podcast_digest.models.destination import (
    Destination,
    DestinationKind,
    DestinationStatus,
    destination_recipient_id,
)
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.notify import notify_episode
from podcast_digest.wiring import build_context
from tests.integration.destinations.conftest import SECRET
from tests.support.summaries import sample_summary
from tests.support.webhook_servers import DISCORD, RECEIVER, SLACK, hook_server, status


@pytest.fixture
def ctx(settings):
    context = build_context(settings)
    context.records.put_feed(
        Feed(feed_id="feed-1", url="https://example.org/feed.xml", title="Garden <Hour>")
    )
    return context


def finished(ctx, episode_id: str, feed_id: str = "feed-1") -> EpisodeRef:
    ctx.records.put_episode(
        Episode(
            episode_id=episode_id,
            feed_id=feed_id,
            title=f"Episode {episode_id}",
            status=EpisodeStatus.SUMMARIZED,
        )
    )
    ctx.records.put_summary(sample_summary(episode_id=episode_id, feed_id=feed_id))
    return EpisodeRef(feed_id=feed_id, episode_id=episode_id)


def add(ctx, destination_id: str, kind: DestinationKind, url: str, **changes) -> None:
    secret = SECRET if kind is DestinationKind.WEBHOOK else None
    ctx.records.put_destination(
        Destination(destination_id=destination_id, kind=kind, target=url, signing_secret=secret, **changes)
    )


def test_each_destination_gets_the_episode_once_and_a_rerun_posts_nothing(ctx):
    with hook_server(SLACK) as slack, hook_server(DISCORD) as discord, hook_server(RECEIVER, SECRET) as hook:
        add(ctx, "s", DestinationKind.SLACK, slack.url())
        add(ctx, "d", DestinationKind.DISCORD, discord.url())
        add(ctx, "w", DestinationKind.WEBHOOK, hook.url())
        add(ctx, "other", DestinationKind.SLACK, slack.url("/other"), feed_ids=["feed-2"])
        result = notify_episode(ctx, finished(ctx, "ep-1"))
        notify_episode(ctx, EpisodeRef(feed_id="feed-1", episode_id="ep-1"))
        ctx.records.put_episode(
            ctx.records.get_episode("ep-1").model_copy(update={"status": EpisodeStatus.SUMMARIZED})
        )
        again = notify_episode(
            ctx, EpisodeRef(feed_id="feed-1", episode_id="ep-1")
        )  # markers hold, not status
    assert result.sent == 3
    assert again.already_sent == 3
    assert again.sent == 0
    for server in (slack, discord, hook):
        assert len(server.received) == 1
        assert server.received[0].accepted
    assert {r.path for r in slack.received} == {"/hook"}  # the feed-2 destination got nothing
    assert hook.received[0].document["feed_title"] == "Garden <Hour>"
    assert ctx.records.get_delivery(destination_recipient_id("w"), "ep-1").status.value == "sent"


def test_a_destination_that_is_down_makes_the_episode_wait_and_the_retry_posts_only_there(ctx):
    with hook_server(SLACK) as slack, hook_server(DISCORD) as discord:
        add(ctx, "s", DestinationKind.SLACK, slack.url())
        add(ctx, "d", DestinationKind.DISCORD, discord.url())
        discord.script(status(500))
        with pytest.raises(UpstreamUnavailable, match="wait"):
            notify_episode(ctx, finished(ctx, "ep-1"))
        assert ctx.records.get_episode("ep-1").status is EpisodeStatus.SUMMARIZED
        result = notify_episode(ctx, EpisodeRef(feed_id="feed-1", episode_id="ep-1"))
    assert (result.sent, result.already_sent) == (1, 1)
    assert len(slack.accepted()) == 1
    assert len(discord.accepted()) == 1
    assert ctx.records.get_episode("ep-1").status is EpisodeStatus.NOTIFIED


def test_a_webhook_that_is_gone_is_disabled_with_the_reason_and_never_posted_to_again(ctx):
    with hook_server(SLACK) as slack:
        add(ctx, "s", DestinationKind.SLACK, slack.url())
        slack.script(status(410))
        result = notify_episode(ctx, finished(ctx, "ep-1"))  # not a wait: the episode is done
        notify_episode(ctx, finished(ctx, "ep-2"))
    assert result.failed == 1
    assert ctx.records.get_episode("ep-1").status is EpisodeStatus.NOTIFIED
    gone = ctx.records.get_destination("s")
    assert gone.status is DestinationStatus.DISABLED
    assert "channel_is_archived" in gone.disabled_reason
    assert "/hook" not in gone.disabled_reason
    assert len(slack.received) == 1  # ep-2 was never posted


def test_subscribers_and_destinations_are_served_in_one_step_and_counted_together(ctx):
    from podcast_digest.models import Subscriber, SubscriberStatus, Subscription, subscriber_id_for

    sid = subscriber_id_for("listener@example.com")
    ctx.records.put_subscriber(
        Subscriber(subscriber_id=sid, email="listener@example.com", status=SubscriberStatus.CONFIRMED)
    )
    ctx.records.put_subscription(Subscription(subscriber_id=sid, feed_id="feed-1"))
    with hook_server(RECEIVER, SECRET) as hook:
        add(ctx, "w", DestinationKind.WEBHOOK, hook.url())
        result = notify_episode(ctx, finished(ctx, "ep-1"))
    assert result.sent == 2
    assert len(list(ctx.settings.outbox_dir.glob("ep-1.*.eml"))) == 1
    assert len(hook.accepted()) == 1
