"""Feed controls and skipped episodes through every records adapter (SQLite, DynamoDB under moto):
stored in the record's JSON, so they round-trip with no migration, and SKIPPED is a status you can list."""

from datetime import UTC, datetime

from podcast_digest.models import Episode, EpisodeStatus, Feed, FeedControls

NOW = datetime(2026, 12, 2, 1, 0, tzinfo=UTC)
CONTROLS = FeedControls(
    language="pt-BR",
    summary_language="de",
    instructions="Name every tool.\nKeep the tl;dr short: «três frases».",
    skip_title_patterns=["^trailer", r"\bbest of\b"],
    skip_longer_than_seconds="2h",
)


def test_a_feed_s_controls_round_trip(records):
    feed = Feed(feed_id="feed-c", url="https://podcasts.example.com/c.xml", controls=CONTROLS)
    records.put_feed(feed)

    assert records.get_feed("feed-c").controls == CONTROLS
    assert records.find_feed_by_url(feed.url).controls == CONTROLS
    assert [f.controls for f in records.list_feeds()] == [CONTROLS]


def test_a_feed_without_controls_reads_back_empty(records):
    records.put_feed(Feed(feed_id="feed-e", url="https://podcasts.example.com/e.xml"))
    assert records.get_feed("feed-e").controls.is_empty()


def test_a_skipped_episode_keeps_its_rule_and_lists_by_its_status(records):
    records.put_feed(Feed(feed_id="feed-c", url="https://podcasts.example.com/c.xml", controls=CONTROLS))
    skipped = Episode(
        episode_id="ep-trailer",
        feed_id="feed-c",
        title="Trailer: season two",
        status=EpisodeStatus.SKIPPED,
        skipped_by="title matches skip pattern '^trailer'",
        published_at=NOW,
        discovered_at=NOW,
    )
    waiting = Episode(episode_id="ep-1", feed_id="feed-c", title="One", published_at=NOW, discovered_at=NOW)
    assert records.add_episode(skipped)
    assert records.add_episode(waiting)

    assert records.get_episode("ep-trailer") == skipped
    assert [e.episode_id for e in records.list_episodes("feed-c", [EpisodeStatus.SKIPPED])] == ["ep-trailer"]
    assert [e.episode_id for e in records.list_episodes(None, [EpisodeStatus.SKIPPED])] == ["ep-trailer"]
    assert {e.episode_id for e in records.list_episodes("feed-c")} == {"ep-trailer", "ep-1"}
    assert {e.episode_id for e in records.list_episodes()} == {"ep-trailer", "ep-1"}
