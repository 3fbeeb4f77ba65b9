"""The Records contract: what every records adapter (SQLite, DynamoDB) must do, tested the same way."""

import threading
from datetime import UTC, datetime, timedelta, timezone

from podcast_digest.models import (
    Chapter,
    ClickbaitVerdict,
    Delivery,
    DeliveryStatus,
    Enclosure,
    Episode,
    EpisodeStatus,
    EpisodeType,
    Feed,
    FeedStatus,
    Frequency,
    InDepthSection,
    KeyIdeaGroup,
    Lesson,
    PromiseCheck,
    Provenance,
    Quote,
    Subscriber,
    SubscriberStatus,
    Subscription,
    Summary,
    TranscriptLink,
)
from tests.contract.conftest import skip_if_writes_are_not_serialised

NOW = datetime(2026, 11, 28, 9, 30, 15, 123456, tzinfo=UTC)
PARIS = timezone(timedelta(hours=1))


def a_feed(feed_id: str = "feed-1", **changes) -> Feed:
    feed = Feed(
        feed_id=feed_id,
        url=f"https://podcasts.example.com/{feed_id}.xml",
        title="The Long Listen — épisodes",
        description="<p>Untrusted <b>show</b> text</p>",
        link="https://podcasts.example.com/",
        language="fr",
        image_url="https://podcasts.example.com/art.jpg",
        added_at=NOW - timedelta(days=30),
        status=FeedStatus.OK,
        etag='W/"abc"',
        last_modified="Sat, 28 Nov 2026 09:00:00 GMT",
        content_hash="d41d8cd98f00b204",
        last_polled_at=datetime(2026, 11, 28, 10, 0, tzinfo=PARIS),
        next_poll_at=NOW + timedelta(hours=1),
        consecutive_failures=2,
        last_error="HTTP 503 from the publisher",
        update_frequency_seconds=3600,
    )
    return feed.model_copy(update=changes)


def an_episode(episode_id: str = "ep-1", feed_id: str = "feed-1", **changes) -> Episode:
    episode = Episode(
        episode_id=episode_id,
        feed_id=feed_id,
        guid=f"guid-{episode_id}",
        title="Why sleep matters",
        description="<p>Notes with a <a href='https://x.example'>link</a></p>",
        link=f"https://podcasts.example.com/{episode_id}",
        published_at=NOW - timedelta(days=1),
        duration_seconds=3725.5,
        language="en",
        episode_type=EpisodeType.BONUS,
        audio=Enclosure(
            url=f"https://cdn.example.com/{episode_id}.mp3", mime_type="audio/mpeg", length=12345678
        ),
        transcripts=[
            TranscriptLink(
                url="https://cdn.example.com/t.vtt", mime_type="text/vtt", language="en", rel="captions"
            ),
            TranscriptLink(url="https://cdn.example.com/t.json", mime_type="application/json"),
        ],
        chapters_url="https://cdn.example.com/chapters.json",
        chapters=[
            Chapter(start_seconds=0, title="Intro"),
            Chapter(start_seconds=90.5, title="Main", url=None),
        ],
        recipients=["a@example.com", "b@example.org"],
        status=EpisodeStatus.TRANSCRIBED,
        failed_step=None,
        failure_reason=None,
        attempts=1,
        audio_key=f"audio/{feed_id}/{episode_id}.mp3",
        transcript_key=f"transcripts/{feed_id}/{episode_id}.json",
        transcript_engine="faster-whisper tiny.en",
        transcription_cost_usd=0.0123,
        audio_seconds=3725.5,
        discovered_at=NOW - timedelta(hours=20),
        updated_at=datetime(2026, 11, 28, 10, 31, tzinfo=PARIS),
    )
    return episode.model_copy(update=changes)


def a_summary(episode_id: str = "ep-1") -> Summary:
    return Summary(
        episode_id=episode_id,
        feed_id="feed-1",
        podcast_title="The Long Listen",
        episode_title="Why sleep matters",
        episode_url="https://podcasts.example.com/ep-1",
        audio_url="https://cdn.example.com/ep-1.mp3",
        language="en",
        duration_seconds=3725.5,
        quick_takes=ClickbaitVerdict(
            is_clickbait=False,
            verdict="It delivers: the science and the habits are both there.",
            promises=[
                PromiseCheck(promise="the science of sleep", delivered=True, where_seconds=120.0),
                PromiseCheck(promise="a 5-step routine", delivered=False),
            ],
        ),
        one_sentence_summary="Sleep is when the brain cleans up; protect it.",
        favorite_quote=Quote(
            text="Sleep is not a luxury.", speaker="Dr. Ünal", start_seconds=61.2, verified=True
        ),
        tldr="Sleep more, at regular times.",
        key_ideas=[KeyIdeaGroup(heading="Biology", ideas=["Glymphatic system", "REM cycles"])],
        lessons=[Lesson(title="Keep a schedule", explanation="Same time every day, weekends too.")],
        conclusion="Worth the hour.",
        in_depth=[
            InDepthSection(
                start_seconds=0,
                end_seconds=290.0,
                heading="Why we sleep",
                key_ideas=["Memory consolidation"],
                lessons_heading="What to do",
                lessons=[Lesson(title="Dim lights", explanation="An hour before bed.")],
            )
        ],
        chapters=[Chapter(start_seconds=0, title="Intro")],
        provenance=Provenance(
            transcript_source="publisher transcript (vtt)",
            summarizer="llm",
            model="gpt-4o-mini",
            input_tokens=12000,
            output_tokens=900,
            model_calls=4,
            cost_usd=0.0042,
            transcription_cost_usd=0.0,
            created_at=NOW,
        ),
    )


def a_subscriber(subscriber_id: str = "sub-1", email: str = "listener@example.com", **changes) -> Subscriber:
    subscriber = Subscriber(
        subscriber_id=subscriber_id,
        email=email,
        name="Zoë Listener",
        status=SubscriberStatus.CONFIRMED,
        created_at=NOW - timedelta(days=3),
        confirmed_at=NOW - timedelta(days=2),
    )
    return subscriber.model_copy(update=changes)


def race(count: int, action) -> list:
    """Run action() on `count` threads released together; returns their results."""
    barrier = threading.Barrier(count, timeout=30)
    results: list = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = action()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a racing thread did not finish"
    assert not errors, errors
    return results


# -- feeds ---------------------------------------------------------------------------------------


def test_a_feed_round_trips_with_every_field(records):
    feed = a_feed()
    records.put_feed(feed)
    assert records.get_feed("feed-1") == feed


def test_missing_records_read_as_none(records):
    assert records.get_feed("nope") is None
    assert records.find_feed_by_url("https://nowhere.example/feed.xml") is None
    assert records.get_episode("nope") is None
    assert records.get_summary("nope") is None
    assert records.get_subscriber("nope") is None
    assert records.get_delivery("nope", "nope") is None


def test_put_feed_replaces_the_stored_feed(records):
    records.put_feed(a_feed())
    updated = a_feed(title="Renamed", consecutive_failures=0, last_error=None)
    records.put_feed(updated)
    assert records.get_feed("feed-1") == updated
    assert records.list_feeds() == [updated]


def test_find_feed_by_url_follows_a_moved_feed(records):
    records.put_feed(a_feed())
    moved = a_feed(url="https://new-host.example/feed.xml")
    records.put_feed(moved)
    assert records.find_feed_by_url("https://new-host.example/feed.xml") == moved
    assert records.find_feed_by_url("https://podcasts.example.com/feed-1.xml") is None


def test_list_feeds_returns_every_feed(records):
    feeds = [a_feed(f"feed-{n}") for n in range(5)]
    for feed in feeds:
        records.put_feed(feed)
    assert sorted(records.list_feeds(), key=lambda f: f.feed_id) == feeds


def test_delete_feed_removes_it_and_deleting_twice_is_harmless(records):
    records.put_feed(a_feed("feed-1"))
    records.put_feed(a_feed("feed-2"))
    records.delete_feed("feed-1")
    records.delete_feed("feed-1")
    assert records.get_feed("feed-1") is None
    assert [f.feed_id for f in records.list_feeds()] == ["feed-2"]


def test_due_feeds_are_the_unscheduled_and_those_scheduled_up_to_now(records):
    records.put_feed(a_feed("never-polled", next_poll_at=None))
    records.put_feed(a_feed("overdue", next_poll_at=NOW - timedelta(hours=2)))
    records.put_feed(a_feed("due-exactly-now", next_poll_at=NOW))
    records.put_feed(a_feed("later", next_poll_at=NOW + timedelta(seconds=1)))
    # The offset must not matter: these two are written in Paris time (UTC+1).
    records.put_feed(a_feed("due-in-paris-time", next_poll_at=(NOW - timedelta(seconds=1)).astimezone(PARIS)))
    records.put_feed(
        a_feed("later-in-paris-time", next_poll_at=(NOW + timedelta(minutes=5)).astimezone(PARIS))
    )

    due = {feed.feed_id for feed in records.list_due_feeds(NOW)}

    assert due == {"never-polled", "overdue", "due-exactly-now", "due-in-paris-time"}


def test_due_feeds_follow_a_changed_schedule(records):
    records.put_feed(a_feed("feed-1", next_poll_at=NOW - timedelta(minutes=1)))
    assert [f.feed_id for f in records.list_due_feeds(NOW)] == ["feed-1"]
    records.put_feed(a_feed("feed-1", next_poll_at=NOW + timedelta(hours=1)))
    assert records.list_due_feeds(NOW) == []


def test_due_feeds_respect_the_limit(records):
    for n in range(5):
        records.put_feed(a_feed(f"feed-{n}", next_poll_at=NOW - timedelta(minutes=n)))
    records.put_feed(a_feed("not-due", next_poll_at=NOW + timedelta(days=1)))
    limited = records.list_due_feeds(NOW, limit=2)
    assert len(limited) == 2
    assert {f.feed_id for f in limited} <= {f"feed-{n}" for n in range(5)}


# -- episodes ------------------------------------------------------------------------------------


def test_an_episode_round_trips_with_nested_lists_and_datetimes(records):
    episode = an_episode()
    assert records.add_episode(episode) is True
    stored = records.get_episode("ep-1")
    assert stored == episode
    assert stored.transcripts[1].mime_type == "application/json"
    assert stored.chapters[1].start_seconds == 90.5
    assert stored.updated_at == datetime(2026, 11, 28, 9, 31, tzinfo=UTC)


def test_add_episode_is_idempotent_and_never_overwrites(records):
    first = an_episode(title="First seen")
    assert records.add_episode(first) is True
    assert records.add_episode(an_episode(title="Seen again", status=EpisodeStatus.DISCOVERED)) is False
    assert records.get_episode("ep-1") == first
    assert len(records.list_episodes()) == 1


def test_put_episode_replaces_and_moves_it_between_status_filters(records):
    records.add_episode(an_episode(status=EpisodeStatus.DISCOVERED))
    failed = an_episode(
        status=EpisodeStatus.FAILED, failed_step="transcribe", failure_reason="not audio", attempts=2
    )
    records.put_episode(failed)
    assert records.get_episode("ep-1") == failed
    assert records.list_episodes(statuses=[EpisodeStatus.DISCOVERED]) == []
    assert records.list_episodes(statuses=[EpisodeStatus.FAILED]) == [failed]


def test_put_episode_creates_an_episode_that_did_not_exist(records):
    episode = an_episode()
    records.put_episode(episode)
    assert records.get_episode("ep-1") == episode


def test_list_episodes_filters_by_feed_and_status(records):
    records.add_episode(an_episode("a1", "feed-a", status=EpisodeStatus.DISCOVERED))
    records.add_episode(an_episode("a2", "feed-a", status=EpisodeStatus.SUMMARIZED))
    records.add_episode(an_episode("a3", "feed-a", status=EpisodeStatus.FAILED))
    records.add_episode(an_episode("b1", "feed-b", status=EpisodeStatus.DISCOVERED))

    def ids(**filters) -> set[str]:
        return {e.episode_id for e in records.list_episodes(**filters)}

    assert ids() == {"a1", "a2", "a3", "b1"}
    assert ids(feed_id="feed-a") == {"a1", "a2", "a3"}
    assert ids(feed_id="feed-c") == set()
    assert ids(statuses=[EpisodeStatus.DISCOVERED]) == {"a1", "b1"}
    assert ids(statuses=[EpisodeStatus.DISCOVERED, EpisodeStatus.FAILED]) == {"a1", "a3", "b1"}
    assert ids(feed_id="feed-a", statuses=iter([EpisodeStatus.DISCOVERED])) == {"a1"}
    assert ids(statuses=[]) == set()


def test_list_episodes_is_newest_first_then_by_discovery_with_undated_last(records):
    base = datetime(2026, 1, 1, tzinfo=UTC)
    episodes = [
        an_episode("oldest", published_at=base, discovered_at=base),
        an_episode("newest", published_at=base + timedelta(days=10), discovered_at=base),
        # Same publication time: the one discovered later comes first.
        an_episode(
            "tie-seen-first", published_at=base + timedelta(days=5), discovered_at=base + timedelta(hours=1)
        ),
        an_episode(
            "tie-seen-later", published_at=base + timedelta(days=5), discovered_at=base + timedelta(hours=2)
        ),
        # Same instant as day 7 in UTC, written in another offset.
        an_episode(
            "middle-in-paris", published_at=(base + timedelta(days=7)).astimezone(PARIS), discovered_at=base
        ),
        an_episode("undated", published_at=None, discovered_at=base + timedelta(days=30)),
    ]
    for episode in episodes:
        records.add_episode(episode)

    order = [e.episode_id for e in records.list_episodes(feed_id="feed-1")]

    assert order == ["newest", "middle-in-paris", "tie-seen-later", "tie-seen-first", "oldest", "undated"]


# -- summaries -----------------------------------------------------------------------------------


def test_a_summary_round_trips_with_every_nested_part(records):
    summary = a_summary()
    records.put_summary(summary)
    assert records.get_summary("ep-1") == summary


def test_put_summary_replaces_the_stored_summary(records):
    records.put_summary(a_summary())
    revised = a_summary().model_copy(update={"tldr": "Revised.", "favorite_quote": None})
    records.put_summary(revised)
    assert records.get_summary("ep-1") == revised


# -- subscribers and subscriptions ---------------------------------------------------------------


def test_a_subscriber_round_trips_and_is_listed(records):
    first = a_subscriber("sub-1", "zoe@example.com")
    second = a_subscriber(
        "sub-2", "ann@example.org", name=None, status=SubscriberStatus.PENDING, confirmed_at=None
    )
    records.put_subscriber(first)
    records.put_subscriber(second)
    assert records.get_subscriber("sub-1") == first
    assert sorted(records.list_subscribers(), key=lambda s: s.subscriber_id) == [first, second]


def test_put_subscriber_replaces_the_stored_subscriber(records):
    records.put_subscriber(a_subscriber())
    suppressed = a_subscriber(status=SubscriberStatus.SUPPRESSED, suppressed_reason="hard bounce")
    records.put_subscriber(suppressed)
    assert records.get_subscriber("sub-1") == suppressed
    assert records.list_subscribers() == [suppressed]


def test_subscriptions_are_listed_per_feed_and_per_subscriber(records):
    records.put_subscriber(a_subscriber("sub-1", "one@example.com"))
    records.put_subscriber(a_subscriber("sub-2", "two@example.com"))
    subscriptions = [
        Subscription(subscriber_id="sub-1", feed_id="feed-a", created_at=NOW),
        Subscription(subscriber_id="sub-1", feed_id="feed-b", frequency=Frequency.WEEKLY),
        Subscription(subscriber_id="sub-2", feed_id="feed-a", frequency=Frequency.DAILY, created_at=NOW),
    ]
    for subscription in subscriptions:
        records.put_subscription(subscription)

    def by_key(items):
        return sorted(items, key=lambda s: (s.subscriber_id, s.feed_id))

    assert by_key(records.list_subscriptions_for_feed("feed-a")) == [subscriptions[0], subscriptions[2]]
    assert records.list_subscriptions_for_feed("feed-b") == [subscriptions[1]]
    assert records.list_subscriptions_for_feed("feed-z") == []
    assert by_key(records.list_subscriptions_for_subscriber("sub-1")) == subscriptions[:2]
    assert records.list_subscriptions_for_subscriber("sub-2") == [subscriptions[2]]


def test_put_subscription_twice_keeps_one_with_the_latest_frequency(records):
    records.put_subscriber(a_subscriber())
    records.put_subscription(Subscription(subscriber_id="sub-1", feed_id="feed-a"))
    weekly = Subscription(subscriber_id="sub-1", feed_id="feed-a", frequency=Frequency.WEEKLY)
    records.put_subscription(weekly)
    assert records.list_subscriptions_for_feed("feed-a") == [weekly]


def test_delete_subscription_removes_only_that_one(records):
    records.put_subscriber(a_subscriber())
    records.put_subscription(Subscription(subscriber_id="sub-1", feed_id="feed-a"))
    records.put_subscription(Subscription(subscriber_id="sub-1", feed_id="feed-b"))
    records.delete_subscription("sub-1", "feed-a")
    records.delete_subscription("sub-1", "feed-a")
    assert [s.feed_id for s in records.list_subscriptions_for_subscriber("sub-1")] == ["feed-b"]
    assert records.list_subscriptions_for_feed("feed-a") == []


def test_delete_subscriber_removes_their_subscriptions_and_no_one_elses(records):
    records.put_subscriber(a_subscriber("sub-1", "one@example.com"))
    records.put_subscriber(a_subscriber("sub-2", "two@example.com"))
    for subscriber_id in ("sub-1", "sub-2"):
        for feed_id in ("feed-a", "feed-b"):
            records.put_subscription(Subscription(subscriber_id=subscriber_id, feed_id=feed_id))

    records.delete_subscriber("sub-1")
    records.delete_subscriber("sub-1")

    assert records.get_subscriber("sub-1") is None
    assert records.list_subscriptions_for_subscriber("sub-1") == []
    assert [s.subscriber_id for s in records.list_subscriptions_for_feed("feed-a")] == ["sub-2"]
    assert [s.subscriber_id for s in records.list_subscriptions_for_feed("feed-b")] == ["sub-2"]
    assert [s.subscriber_id for s in records.list_subscribers()] == ["sub-2"]


# -- deliveries ----------------------------------------------------------------------------------


def a_claim(subscriber_id: str = "sub-1", key: str = "ep-1") -> Delivery:
    return Delivery(subscriber_id=subscriber_id, delivery_key=key, claimed_at=NOW)


def test_the_first_claim_wins_and_the_marker_round_trips(records):
    claim = a_claim()
    assert records.claim_delivery(claim) is True
    assert records.get_delivery("sub-1", "ep-1") == claim
    assert records.claim_delivery(a_claim()) is False


def test_claims_are_per_subscriber_and_key(records):
    assert records.claim_delivery(a_claim("sub-1", "ep-1")) is True
    assert records.claim_delivery(a_claim("sub-1", "ep-2")) is True
    assert records.claim_delivery(a_claim("sub-2", "ep-1")) is True
    assert records.claim_delivery(a_claim("sub-1", "roundup:2026-W48")) is True


def test_a_completed_delivery_records_the_message_and_is_never_claimed_again(records):
    records.claim_delivery(a_claim())
    records.complete_delivery("sub-1", "ep-1", "<123@example.org>")

    delivery = records.get_delivery("sub-1", "ep-1")
    assert delivery.status is DeliveryStatus.SENT
    assert delivery.message_id == "<123@example.org>"
    assert delivery.sent_at is not None
    assert delivery.claimed_at == NOW
    assert records.claim_delivery(a_claim()) is False


def test_a_failed_delivery_keeps_the_reason_and_can_be_claimed_again(records):
    records.claim_delivery(a_claim())
    records.fail_delivery("sub-1", "ep-1", "SMTP 451: try later")

    failed = records.get_delivery("sub-1", "ep-1")
    assert failed.status is DeliveryStatus.FAILED
    assert failed.error == "SMTP 451: try later"

    retry = Delivery(subscriber_id="sub-1", delivery_key="ep-1", claimed_at=NOW + timedelta(minutes=5))
    assert records.claim_delivery(retry) is True
    assert records.get_delivery("sub-1", "ep-1") == retry
    assert records.claim_delivery(a_claim()) is False


def test_a_completed_delivery_whose_marker_went_missing_is_still_recorded_as_sent(records):
    # The mail has gone: recording it is what keeps a retry from sending it twice.
    records.complete_delivery("sub-1", "unclaimed", "<1@example.org>")
    delivery = records.get_delivery("sub-1", "unclaimed")
    assert delivery.status is DeliveryStatus.SENT
    assert delivery.message_id == "<1@example.org>"
    assert records.claim_delivery(a_claim("sub-1", "unclaimed")) is False


def test_a_failure_recorded_without_a_claim_can_be_claimed_later(records):
    records.fail_delivery("sub-1", "unclaimed", "boom")
    assert records.get_delivery("sub-1", "unclaimed").status is DeliveryStatus.FAILED
    assert records.claim_delivery(a_claim("sub-1", "unclaimed")) is True


def test_a_claim_is_stored_as_sending_whatever_status_it_carries(records):
    assert records.claim_delivery(a_claim().model_copy(update={"status": DeliveryStatus.SENT})) is True
    assert records.get_delivery("sub-1", "ep-1").status is DeliveryStatus.SENDING


def test_exactly_one_of_eight_racing_threads_claims_a_delivery(records, request):
    skip_if_writes_are_not_serialised(request)
    results = race(8, lambda: records.claim_delivery(a_claim()))
    assert sorted(results) == [False] * 7 + [True]


def test_exactly_one_of_eight_racing_threads_reclaims_a_failed_delivery(records, request):
    skip_if_writes_are_not_serialised(request)
    records.claim_delivery(a_claim())
    records.fail_delivery("sub-1", "ep-1", "timed out")
    results = race(8, lambda: records.claim_delivery(a_claim()))
    assert sorted(results) == [False] * 7 + [True]
    assert records.get_delivery("sub-1", "ep-1").status is DeliveryStatus.SENDING


def test_racing_threads_each_add_a_distinct_episode_once(records, request):
    skip_if_writes_are_not_serialised(request)
    counter = iter(range(8))
    lock = threading.Lock()

    def add_own_then_shared() -> tuple[bool, bool]:
        with lock:
            n = next(counter)
        return records.add_episode(an_episode(f"own-{n}")), records.add_episode(an_episode("shared"))

    results = race(8, add_own_then_shared)
    assert all(own for own, _ in results)
    assert sorted(shared for _, shared in results) == [False] * 7 + [True]
    assert len(records.list_episodes()) == 9


def test_a_claim_left_sending_is_never_open_by_age_alone(records):
    # No clock decides: a claim still 'sending' days later is not free to a plain claim.
    records.claim_delivery(a_claim().model_copy(update={"claim_id": "first"}))
    days_later = Delivery(subscriber_id="sub-1", delivery_key="ep-1", claimed_at=NOW + timedelta(days=3))
    assert records.claim_delivery(days_later) is False
    assert records.get_delivery("sub-1", "ep-1").claim_id == "first"


def test_a_claim_left_sending_is_taken_over_by_the_sender_that_saw_it(records):
    # A sender killed mid-send leaves 'sending'; the next run takes over exactly that claim.
    records.claim_delivery(a_claim().model_copy(update={"claim_id": "killed"}))
    seen = records.get_delivery("sub-1", "ep-1")
    takeover = a_claim().model_copy(update={"claim_id": "next-run"})
    assert records.claim_delivery(takeover, taking_over=seen) is True
    assert records.get_delivery("sub-1", "ep-1").claim_id == "next-run"
    # The same stale view cannot win twice: the claim it saw is gone.
    late = a_claim().model_copy(update={"claim_id": "late-run"})
    assert records.claim_delivery(late, taking_over=seen) is False
    assert records.get_delivery("sub-1", "ep-1").claim_id == "next-run"


def test_a_marker_claimed_before_claim_ids_existed_can_be_taken_over_once(records):
    records.claim_delivery(a_claim())  # no claim_id, as markers written by earlier versions
    seen = records.get_delivery("sub-1", "ep-1")
    assert records.claim_delivery(a_claim().model_copy(update={"claim_id": "a"}), taking_over=seen) is True
    assert records.claim_delivery(a_claim().model_copy(update={"claim_id": "b"}), taking_over=seen) is False


def test_a_sent_delivery_is_never_taken_over(records):
    records.claim_delivery(a_claim().model_copy(update={"claim_id": "first"}))
    seen = records.get_delivery("sub-1", "ep-1")
    records.complete_delivery("sub-1", "ep-1", "<m@example.com>")
    assert records.claim_delivery(a_claim().model_copy(update={"claim_id": "x"}), taking_over=seen) is False
    assert records.get_delivery("sub-1", "ep-1").status is DeliveryStatus.SENT


def test_exactly_one_of_eight_racing_threads_takes_over_a_claim_left_sending(records, request):
    skip_if_writes_are_not_serialised(request)
    records.claim_delivery(a_claim().model_copy(update={"claim_id": "killed"}))
    seen = records.get_delivery("sub-1", "ep-1")
    counter = iter(range(8))
    lock = threading.Lock()

    def take_over() -> bool:
        with lock:
            n = next(counter)
        return records.claim_delivery(a_claim().model_copy(update={"claim_id": f"run-{n}"}), taking_over=seen)

    assert sorted(race(8, take_over)) == [False] * 7 + [True]


def test_a_sent_delivery_is_never_claimed_again_however_old(records):
    records.claim_delivery(a_claim())
    records.complete_delivery("sub-1", "ep-1", "<m@example.com>")

    years_later = Delivery(subscriber_id="sub-1", delivery_key="ep-1", claimed_at=NOW + timedelta(days=900))
    assert records.claim_delivery(years_later) is False
