"""A feed's skip rules change what happens: the episodes they match are recorded SKIPPED with the rule,
never transcribed (the engine is never called for them), never retried, and the rest go on as before."""

from dataclasses import replace

import pytest

from podcast_digest.cli.lookup import feed_location
from podcast_digest.models import EpisodeStatus, Feed, FeedControls, feed_id_for
from podcast_digest.pipeline.runner import run

from .conftest import VTT, write_feed

RULES = FeedControls(skip_title_patterns=["^trailer", r"\bbest of\b"], skip_longer_than_seconds="2h")


class CountingTranscriber:
    """The real engine, with its calls counted (what a skip rule must keep at zero)."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.name = engine.name
        self.calls: list[str] = []

    def transcribe(self, episode, audio_key, *, language=None):
        self.calls.append(episode.title)
        return self.engine.transcribe(episode, audio_key, language=language)


def audio_item(folder, guid: str, title: str, duration: str) -> dict[str, str]:
    # Not decodable: an engine that is called refuses it at once (no model run), and the call is counted.
    (folder / f"{guid}.wav").write_bytes(b"RIFF but not really a wave file " * 64)
    return {
        "title": title,
        "guid": guid,
        "extra": f'<enclosure url="{guid}.wav" type="audio/wav" length="100"/>'
        f"<itunes:duration>{duration}</itunes:duration>",
    }


@pytest.fixture
def feed_file(tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    items = [
        audio_item(folder, "t1", "Trailer: season two is coming", "1:30"),
        audio_item(folder, "b1", "The best of 2025", "45:00"),
        audio_item(folder, "l1", "The three-hour special", "3:00:00"),
        {"title": "Balcony tomatoes", "guid": "ep1", "transcript": VTT},
    ]
    path = write_feed(folder, items)
    text = path.read_text().replace(
        "<rss ", '<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
    )
    path.write_text(text)
    return path


def watch(ctx, path, controls: FeedControls) -> Feed:
    url = feed_location(str(path))
    feed = Feed(feed_id=feed_id_for(url), url=url, controls=controls)
    ctx.records.put_feed(feed)
    return feed


def counted(ctx):
    engine = CountingTranscriber(ctx.transcriber_factory())
    return replace(ctx, transcriber_factory=lambda: engine), engine


def test_matching_episodes_are_skipped_with_their_rule_and_never_transcribed(make_context, feed_file):
    ctx, engine = counted(make_context(max_new_episodes_per_feed=10, transcriber="offline"))
    feed = watch(ctx, feed_file, RULES)

    report = run(ctx, retry_delays=())

    by_title = {e.title: e for e in ctx.records.list_episodes(feed.feed_id)}
    assert engine.calls == []
    assert by_title["Trailer: season two is coming"].status is EpisodeStatus.SKIPPED
    assert by_title["Trailer: season two is coming"].skipped_by == "title matches skip pattern '^trailer'"
    assert by_title["The best of 2025"].skipped_by == r"title matches skip pattern '\bbest of\b'"
    assert by_title["The three-hour special"].skipped_by == "longer than 2h (3h)"
    assert by_title["Balcony tomatoes"].status is EpisodeStatus.NOTIFIED
    assert len(report.skipped) == 3
    assert report.ok, report
    assert not report.failed
    assert not report.gave_up

    again = run(ctx, retry_delays=(), force=True)  # skipped is done, not failed: nothing is retried
    assert engine.calls == []
    assert again.skipped == {}
    assert {e.status for e in ctx.records.list_episodes(feed.feed_id)} == {
        EpisodeStatus.SKIPPED,
        EpisodeStatus.NOTIFIED,
    }


def test_without_the_rules_the_same_episodes_reach_the_engine(make_context, feed_file):
    # The control for the test above: these episodes do need speech to text when nothing skips them.
    ctx, engine = counted(make_context(max_new_episodes_per_feed=10, transcriber="offline"))
    feed = watch(ctx, feed_file, FeedControls())

    run(ctx, retry_delays=())

    assert sorted(engine.calls) == sorted(
        ["Trailer: season two is coming", "The best of 2025", "The three-hour special"]
    )
    episodes = ctx.records.list_episodes(feed.feed_id)
    assert EpisodeStatus.SKIPPED not in {e.status for e in episodes}
    assert {e.failed_step for e in episodes if e.status is EpisodeStatus.FAILED} == {"transcribe"}


def test_a_rule_set_after_discovery_skips_what_has_not_started_yet(make_context, feed_file):
    ctx, engine = counted(make_context(max_new_episodes_per_feed=10, transcriber="offline"))
    feed = watch(ctx, feed_file, FeedControls())
    from podcast_digest.pipeline.steps import poll

    assert len(poll(ctx, [feed.feed_id])) == 4  # discovered, nothing started
    ctx.records.put_feed(ctx.records.get_feed(feed.feed_id).model_copy(update={"controls": RULES}))

    report = run(ctx, retry_delays=())

    assert engine.calls == []
    assert len(report.skipped) == 3
    skipped = [e for e in ctx.records.list_episodes(feed.feed_id) if e.status is EpisodeStatus.SKIPPED]
    assert {e.title for e in skipped} == {
        "Trailer: season two is coming",
        "The best of 2025",
        "The three-hour special",
    }


def test_on_a_first_poll_a_skipped_episode_takes_no_place_among_the_newest(make_context, tmp_path):
    folder = tmp_path / "newest"
    path = write_feed(
        folder,
        [
            {
                "title": "Trailer: next week",
                "guid": "t",
                "transcript": VTT,
                "date": "Wed, 03 Jun 2026 12:00:00 +0000",
            },
            {
                "title": "Balcony tomatoes",
                "guid": "ep1",
                "transcript": VTT,
                "date": "Tue, 02 Jun 2026 12:00:00 +0000",
            },
            {
                "title": "Older one",
                "guid": "ep0",
                "transcript": VTT,
                "date": "Mon, 01 Jun 2026 12:00:00 +0000",
            },
        ],
    )
    ctx = make_context(max_new_episodes_per_feed=1)
    feed = watch(ctx, path, FeedControls(skip_title_patterns=["^trailer"]))
    from podcast_digest.pipeline.steps import poll

    [ref] = poll(ctx, [feed.feed_id])

    by_title = {e.title: e for e in ctx.records.list_episodes(feed.feed_id)}
    assert ref.episode_id == by_title["Balcony tomatoes"].episode_id
    assert by_title["Trailer: next week"].status is EpisodeStatus.SKIPPED
    assert by_title["Older one"].backfill


def test_controls_set_while_the_feed_is_being_fetched_survive_the_poll(make_context, monkeypatch, tmp_path):
    import threading

    from podcast_digest.feeds.polling import poll_feed
    from tests.support.feed_server import FeedServer, Route

    monkeypatch.setenv("PODCAST_DIGEST_ALLOW_LOOPBACK", "true")
    body = write_feed(tmp_path / "slow", [{"title": "Balcony tomatoes", "guid": "ep1"}]).read_bytes()
    ctx = make_context()
    with FeedServer() as publisher:
        url = publisher.route("/feed.xml", Route(body=body, latency=1.0))  # a slow publisher
        feed = Feed(feed_id=feed_id_for(url), url=url)
        ctx.records.put_feed(feed)
        polling = threading.Thread(
            target=poll_feed,
            args=(feed,),
            kwargs={"fetcher": ctx.fetcher, "records": ctx.records, "settings": ctx.settings},
        )
        polling.start()
        while not publisher.requests:  # the poll has read the feed record and is waiting on the publisher
            threading.Event().wait(0.01)
        ctx.records.put_feed(feed.model_copy(update={"controls": RULES}))  # `feeds set` meanwhile
        polling.join(timeout=30)

    stored = ctx.records.get_feed(feed.feed_id)
    assert stored.last_polled_at is not None  # the poll's outcome is stored…
    assert stored.controls == RULES  # …without undoing the operator's change
