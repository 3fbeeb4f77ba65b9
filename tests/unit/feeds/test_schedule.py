"""When a feed is due again: its update frequency when healthy, exponential backoff when failing."""

import itertools
from datetime import timedelta

from podcast_digest.feeds.polling import MAX_BACKOFF, MAX_INTERVAL, POLL_INTERVAL, backoff, poll_interval
from podcast_digest.models import Feed


def test_backoff_doubles_per_failure_up_to_a_week():
    waits = [backoff("f", n) for n in range(1, 12)]
    assert all(later >= earlier for earlier, later in itertools.pairwise(waits))
    assert POLL_INTERVAL <= waits[0] < 2 * POLL_INTERVAL
    assert waits[1] >= 2 * POLL_INTERVAL
    assert waits[-1] <= MAX_BACKOFF * 1.1


def test_retry_after_is_honoured_when_longer_than_the_backoff():
    assert backoff("f", 1, retry_after=6 * 3600) >= timedelta(hours=6)
    assert backoff("f", 1, retry_after=5) >= POLL_INTERVAL


def test_update_frequency_sets_the_period_within_bounds():
    assert POLL_INTERVAL <= poll_interval(Feed(feed_id="f", url="u")) <= POLL_INTERVAL * 1.1
    hourly = poll_interval(Feed(feed_id="f", url="u", update_frequency_seconds=3600))
    assert timedelta(hours=1) <= hourly <= timedelta(hours=1.1)
    weekly = poll_interval(Feed(feed_id="f", url="u", update_frequency_seconds=7 * 86400))
    assert MAX_INTERVAL <= weekly <= MAX_INTERVAL * 1.1
    every_minute = poll_interval(Feed(feed_id="f", url="u", update_frequency_seconds=60))
    assert every_minute >= POLL_INTERVAL


def test_feeds_added_together_are_spread_out():
    assert len({poll_interval(Feed(feed_id=str(i), url="u")) for i in range(20)}) > 10
