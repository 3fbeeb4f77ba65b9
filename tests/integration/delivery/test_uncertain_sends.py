"""A send cut off before its outcome was recorded is never counted as sent: the next run sends it again
with the same Message-ID, which the outbox recognises (nothing doubled) and receivers de-duplicate."""

from podcast_digest.delivery import stable_message_id
from podcast_digest.models import Delivery, DeliveryStatus, EpisodeStatus
from podcast_digest.pipeline.runner import run
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.kill_trials import addresses, prepare_template
from tests.support.smtp_server import smtp_server


def a_context(home, **settings):
    return build_context(load_settings(home=home, **settings))


def left_sending(ctx, episode_id, subscriber_id):
    """What a sender killed between claiming and recording leaves: a bare 'sending' claim."""
    ctx.records.fail_delivery(subscriber_id, episode_id, "reset by the test")
    ctx.records.claim_delivery(
        Delivery(
            subscriber_id=subscriber_id, delivery_key=episode_id, claim_id="killed", claimed_at=ctx.clock()
        )
    )


def pending(ctx):
    [feed] = ctx.records.list_feeds()
    episodes = ctx.records.list_episodes(feed.feed_id)
    subscribers = [s.subscriber_id for s in ctx.records.list_subscriptions_for_feed(feed.feed_id)]
    return episodes, subscribers


def test_a_claim_left_sending_is_sent_again_once_and_the_outbox_writes_nothing_twice(tmp_path):
    home = prepare_template(tmp_path)
    ctx = a_context(home)
    first = run(ctx, retry_delays=())
    assert first.ok, first
    episodes, subscribers = pending(ctx)
    sent_before = sorted(p.name for p in ctx.settings.outbox_dir.iterdir())
    # Killed after the file was written, before the marker said 'sent'; and, for another
    # recipient, between the .eml and its .html.
    for episode in episodes:
        ctx.records.put_episode(episode.model_copy(update={"status": EpisodeStatus.SUMMARIZED}))
    left_sending(ctx, episodes[0].episode_id, subscribers[0])
    left_sending(ctx, episodes[0].episode_id, subscribers[1])
    cut_html = stable_message_id(subscribers[1], episodes[0].episode_id, ctx.settings.sender)
    (ctx.settings.outbox_dir / f"{cut_html.strip('<>').split('@')[0]}.html").unlink()

    again = run(ctx, retry_delays=())

    assert again.ok, again
    assert again.resent == 2
    assert sorted(p.name for p in ctx.settings.outbox_dir.iterdir()) == sent_before
    for subscriber_id in subscribers[:2]:
        marker = ctx.records.get_delivery(subscriber_id, episodes[0].episode_id)
        assert marker.status is DeliveryStatus.SENT
        assert marker.message_id == stable_message_id(
            subscriber_id, episodes[0].episode_id, ctx.settings.sender
        )


def test_over_smtp_the_repeat_carries_the_same_message_id(tmp_path):
    home = prepare_template(tmp_path)
    with smtp_server(tmp_path, starttls=False, auth=False) as server:
        ctx = a_context(
            home, mailer="smtp", smtp_host=server.host, smtp_port=server.port, smtp_starttls=False
        )
        assert run(ctx, retry_delays=()).ok
        episodes, subscribers = pending(ctx)
        ctx.records.put_episode(episodes[0].model_copy(update={"status": EpisodeStatus.SUMMARIZED}))
        left_sending(ctx, episodes[0].episode_id, subscribers[0])

        again = run(ctx, retry_delays=())

    assert again.resent == 1
    ids = [mail.parsed()["Message-ID"] for mail in server.received]
    repeated = stable_message_id(subscribers[0], episodes[0].episode_id, ctx.settings.sender)
    assert ids.count(repeated) == 2
    assert len(set(ids)) == len(episodes) * len(addresses())


def test_an_outage_over_several_runs_uses_no_attempts_and_everything_goes_once_it_is_over(tmp_path):
    home = prepare_template(tmp_path)
    down = a_context(
        home, mailer="smtp", smtp_host="127.0.0.1", smtp_port=9, smtp_starttls=False, max_attempts=2
    )
    for _ in range(4):  # more runs than max_attempts
        report = run(down, retry_delays=())
        assert not report.ok
        assert len(report.waiting) == len(pending(down)[0])
        assert all("Connection refused" in why for why in report.waiting.values())
    episodes, _ = pending(down)
    assert {(e.status.value, e.attempts) for e in episodes} == {("summarized", 0)}

    up = a_context(home)
    report = run(up, retry_delays=())

    assert report.ok, report
    assert len(report.notified) == len(episodes)
    assert len(list(up.settings.outbox_dir.glob("*.eml"))) == len(episodes) * len(addresses())
