"""Daily and weekly roundups on SQLite + outbox: the right period, the right summaries, once each."""

from datetime import UTC, datetime

import pytest

from podcast_digest.models import Frequency, Subscriber, SubscriberStatus, Subscription, subscriber_id_for
from podcast_digest.subscriptions.roundup import RoundupRequest, period_ending_before, send_roundups
from tests.integration.subscriptions.flow import (
    FEED_ID,
    html_of,
    one_click_target,
    seed_episode,
    seed_feed,
    text_of,
)

NOW = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)  # a Saturday


def subscribe(
    ctx, address: str, frequency: Frequency, feed_id: str = FEED_ID, status=SubscriberStatus.CONFIRMED
):
    subscriber_id = subscriber_id_for(address)
    ctx.records.put_subscriber(Subscriber(subscriber_id=subscriber_id, email=address, status=status))
    ctx.records.put_subscription(
        Subscription(subscriber_id=subscriber_id, feed_id=feed_id, frequency=frequency)
    )


def test_periods_are_yesterday_and_last_iso_week():
    daily = period_ending_before(Frequency.DAILY, NOW)
    assert (daily.key, daily.start, daily.end) == (
        "2026-11-27",
        datetime(2026, 11, 27, tzinfo=UTC),
        datetime(2026, 11, 28, tzinfo=UTC),
    )
    weekly = period_ending_before(Frequency.WEEKLY, NOW)
    assert (weekly.key, weekly.start, weekly.end) == (
        "2026-W47",
        datetime(2026, 11, 16, tzinfo=UTC),
        datetime(2026, 11, 23, tzinfo=UTC),
    )
    assert weekly.delivery_key == "roundup:2026-W47"
    # Across a year boundary the ISO year is used.
    assert period_ending_before(Frequency.WEEKLY, datetime(2027, 1, 5, tzinfo=UTC)).key == "2026-W53"


def test_a_per_episode_roundup_is_refused():
    with pytest.raises(ValueError, match="per_episode"):
        RoundupRequest(frequency="per_episode")


def test_the_daily_roundup_holds_yesterdays_summaries_only_and_goes_once(ctx, outbox):
    subscribe(ctx, "daily@example.org", Frequency.DAILY)
    subscribe(ctx, "weekly@example.org", Frequency.WEEKLY)
    subscribe(ctx, "each@example.org", Frequency.PER_EPISODE)
    subscribe(ctx, "pending@example.org", Frequency.DAILY, status=SubscriberStatus.PENDING)
    seed_episode(ctx, 1, made=datetime(2026, 11, 27, 9, tzinfo=UTC), episode_title="Yesterday morning")
    seed_episode(ctx, 2, made=datetime(2026, 11, 27, 23, 59, tzinfo=UTC), episode_title="Yesterday night")
    seed_episode(ctx, 3, made=datetime(2026, 11, 26, 12, tzinfo=UTC), episode_title="Two days ago")
    seed_episode(ctx, 4, made=datetime(2026, 11, 28, 0, 0, tzinfo=UTC), episode_title="Today")

    result = send_roundups(ctx, Frequency.DAILY, NOW)
    assert (result.period, result.sent) == ("2026-11-27", 1)
    (roundup,) = outbox.messages()
    assert roundup["To"] == "daily@example.org"
    assert roundup["Subject"] == "Your daily podcast roundup: 2 new summaries from The Workshop Hour"
    html = html_of(roundup)
    assert html.index("Yesterday night") < html.index("Yesterday morning"), "newest first"
    assert "Two days ago" not in html
    assert "Today" not in html
    assert "https://digest.example.com/summaries/ep0001" in text_of(roundup)
    assert "manage?token=" in html
    one_click_target(roundup)

    again = send_roundups(ctx, Frequency.DAILY, NOW)
    assert (again.sent, again.already_sent) == (0, 1)
    assert len(outbox.messages()) == 1


def test_a_subscriber_with_nothing_new_gets_no_email(ctx, outbox):
    subscribe(ctx, "daily@example.org", Frequency.DAILY)
    result = send_roundups(ctx, Frequency.DAILY, NOW)
    assert (result.sent, result.nothing_new) == (0, 1)
    assert outbox.messages() == []


def test_a_weekly_roundup_gathers_every_subscribed_feed(ctx, outbox):
    other = "feed00000000000other"
    seed_feed(ctx, other, "Garden Hour")
    subscribe(ctx, "weekly@example.org", Frequency.WEEKLY)
    subscribe(ctx, "weekly@example.org", Frequency.WEEKLY, feed_id=other)
    seed_episode(ctx, 1, made=datetime(2026, 11, 17, 9, tzinfo=UTC))
    seed_episode(
        ctx, 2, feed_id=other, made=datetime(2026, 11, 22, 9, tzinfo=UTC), podcast_title="Garden Hour"
    )
    assert send_roundups(ctx, Frequency.WEEKLY, NOW).sent == 1
    (roundup,) = outbox.messages()
    assert "2 new summaries from Garden Hour, The Workshop Hour" in roundup["Subject"]
