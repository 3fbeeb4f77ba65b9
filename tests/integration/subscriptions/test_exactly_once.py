"""Exactly once through a real SMTP server: one recipient refused for now, a retry mails only that one."""

import pytest

from podcast_digest.errors import UpstreamUnavailable
from podcast_digest.models import (
    DeliveryStatus,
    EpisodeStatus,
    Subscriber,
    SubscriberStatus,
    Subscription,
    subscriber_id_for,
)
from podcast_digest.pipeline.notify import notify_episode, recipients
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.integration.subscriptions.flow import BASE_URL, FEED_ID, one_click_target, seed_episode, seed_feed
from tests.support.smtp_server import smtp_server

ADDRESSES = ["ana@example.org", "ben@example.org", "cleo@example.org"]


def test_a_transient_refusal_is_retried_for_that_recipient_only(tmp_path):
    with smtp_server(tmp_path, starttls=False, auth=False) as server:
        ctx = build_context(
            load_settings(
                home=tmp_path / "home",
                mailer="smtp",
                smtp_host=server.host,
                smtp_port=server.port,
                smtp_starttls=False,
                smtp_timeout_seconds=10,
                public_base_url=BASE_URL,
                sender="digest@digest.example.com",
            )
        )
        seed_feed(ctx)
        for address in ADDRESSES:
            subscriber_id = subscriber_id_for(address)
            ctx.records.put_subscriber(
                Subscriber(subscriber_id=subscriber_id, email=address, status=SubscriberStatus.CONFIRMED)
            )
            ctx.records.put_subscription(Subscription(subscriber_id=subscriber_id, feed_id=FEED_ID))
        ref, _ = seed_episode(ctx, 1)
        first_in_line = recipients(ctx, FEED_ID, [])[0].email

        server.rcpt_replies.append("451 4.2.1 Mailbox busy, try again later")
        with pytest.raises(UpstreamUnavailable, match="a retry sends only to those not yet mailed"):
            notify_episode(ctx, ref)
        assert sorted(rcpt for mail in server.received for rcpt in mail.rcpt_tos) == sorted(
            a for a in ADDRESSES if a != first_in_line
        )
        refused = ctx.records.get_delivery(subscriber_id_for(first_in_line), ref.episode_id)
        assert refused.status is DeliveryStatus.FAILED
        assert "451" in refused.error
        assert ctx.records.get_episode(ref.episode_id).status is EpisodeStatus.SUMMARIZED

        retry = notify_episode(ctx, ref)
        assert (retry.sent, retry.already_sent) == (1, 2)
        delivered = [rcpt for mail in server.received for rcpt in mail.rcpt_tos]
        assert sorted(delivered) == sorted(ADDRESSES), "everyone exactly once"
        assert delivered[-1] == first_in_line
        assert ctx.records.get_episode(ref.episode_id).status is EpisodeStatus.NOTIFIED

        # A third run (a duplicated event) sends nothing at all.
        again = notify_episode(ctx, ref)
        assert (again.sent, again.already_sent) == (0, 0)
        assert len(server.received) == 3
        for message in server.messages():
            one_click_target(message)
            assert message["To"] in ADDRESSES
