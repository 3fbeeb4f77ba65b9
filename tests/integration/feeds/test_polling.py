"""poll_feed / poll_feeds against a local publisher, recording into a real SQLite file."""

import threading
from datetime import UTC, datetime, timedelta

import pytest

from podcast_digest.adapters.sqlite.records import SQLiteRecords
from podcast_digest.feeds.fetch import SafeFetcher
from podcast_digest.feeds.polling import poll_feed, poll_feeds
from podcast_digest.models import EpisodeStatus, Feed, FeedStatus, feed_id_for
from tests.support.feed_server import Route

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _feed_xml(*guids: str, channel: str = "") -> bytes:
    items = "".join(
        f"<item><guid>{g}</guid><title>Episode {g}</title>"
        f'<enclosure url="/audio/{g}.mp3" type="audio/mpeg" length="1000"/>'
        f"<pubDate>Mon, {int(g):02d} Jun 2026 10:00:00 GMT</pubDate></item>"
        for g in guids
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">'
        f"<channel><title>Show</title><language>en</language>{channel}{items}</channel></rss>"
    ).encode()


@pytest.fixture
def records(tmp_path):
    with SQLiteRecords(tmp_path / "records.sqlite3") as store:
        yield store


def _add(records, url: str) -> Feed:
    feed = Feed(feed_id=feed_id_for(url), url=url, added_at=NOW)
    records.put_feed(feed)
    return feed


def _poll(feed, records, settings, *, now=NOW, force=False):
    return poll_feed(
        feed, fetcher=SafeFetcher(settings), records=records, settings=settings, now=now, force=force
    )


def test_first_poll_processes_only_the_newest_and_records_the_rest_as_backfill(server, records, settings):
    url = server.route("/feed.xml", Route(body=_feed_xml("3", "1", "5", "2", "4")))
    feed = _add(records, url)
    result = _poll(feed, records, settings.model_copy(update={"max_new_episodes_per_feed": 2}))
    assert result.outcome == "new"
    assert [e.guid for e in result.new_episodes] == ["5", "4"]
    stored = records.list_episodes(feed.feed_id)
    assert len(stored) == 5
    assert {e.guid for e in stored if e.backfill} == {"1", "2", "3"}
    assert all(e.status is EpisodeStatus.DISCOVERED and e.discovered_at == NOW for e in stored)
    assert stored[0].audio is not None
    assert stored[0].audio.url.startswith(server.url("/audio/"))
    saved = records.get_feed(feed.feed_id)
    assert saved.title == "Show"
    assert saved.status is FeedStatus.OK
    assert saved.next_poll_at > NOW


def test_not_due_feeds_are_left_alone_unless_forced(server, records, settings):
    url = server.route("/feed.xml", Route(body=_feed_xml("1")))
    feed = _add(records, url)
    _poll(feed, records, settings)
    polled = records.get_feed(feed.feed_id)
    assert _poll(polled, records, settings).outcome == "not_due"
    assert len(server.requests) == 1
    assert _poll(polled, records, settings, force=True).outcome == "unchanged"
    assert len(server.requests) == 2


def test_conditional_get_and_unchanged_bodies_cost_no_parse(server, records, settings):
    route = Route(body=_feed_xml("1"), etag='"abc"')
    url = server.route("/feed.xml", route)
    feed = _add(records, url)
    _poll(feed, records, settings)
    later = NOW + timedelta(days=1)
    assert _poll(records.get_feed(feed.feed_id), records, settings, now=later).outcome == "not_modified"
    assert server.requests[-1].headers["if-none-match"] == '"abc"'
    route.etag = None  # the server stops sending validators: the body hash still spares the parse
    assert (
        _poll(records.get_feed(feed.feed_id), records, settings, now=later, force=True).outcome == "unchanged"
    )


def test_a_new_item_is_returned_once(server, records, settings):
    route = Route(body=_feed_xml("1"))
    url = server.route("/feed.xml", route)
    feed = _add(records, url)
    _poll(feed, records, settings)
    route.body = _feed_xml("2", "1")
    result = _poll(records.get_feed(feed.feed_id), records, settings, force=True)
    assert result.outcome == "new"
    assert [e.guid for e in result.new_episodes] == ["2"]
    assert not result.new_episodes[0].backfill
    route.body = _feed_xml("2", "1") + b" "
    assert _poll(records.get_feed(feed.feed_id), records, settings, force=True).new_episodes == []


def test_failures_back_off_exponentially_and_recover(server, records, settings):
    route = Route(status=500)
    url = server.route("/feed.xml", route)
    feed = _add(records, url)
    first = _poll(feed, records, settings)
    assert first.outcome == "error"
    assert "500" in first.error
    failed_once = records.get_feed(feed.feed_id)
    assert failed_once.status is FeedStatus.ERROR
    assert failed_once.consecutive_failures == 1
    second = _poll(failed_once, records, settings, now=failed_once.next_poll_at)
    assert second.outcome == "error"
    failed_twice = records.get_feed(feed.feed_id)
    assert failed_twice.consecutive_failures == 2
    wait_one = failed_once.next_poll_at - NOW
    wait_two = failed_twice.next_poll_at - failed_once.next_poll_at
    assert wait_two > wait_one
    route.status, route.body = 200, _feed_xml("1")
    assert _poll(failed_twice, records, settings, force=True).outcome == "new"
    healed = records.get_feed(feed.feed_id)
    assert healed.status is FeedStatus.OK
    assert healed.consecutive_failures == 0
    assert healed.last_error is None


def test_retry_after_sets_the_next_poll(server, records, settings):
    url = server.route("/feed.xml", Route(status=429, retry_after="86400"))
    feed = _add(records, url)
    assert _poll(feed, records, settings).outcome == "error"
    assert records.get_feed(feed.feed_id).next_poll_at >= NOW + timedelta(days=1)


def test_broken_and_hostile_feeds_are_recorded_not_raised(server, records, settings):
    cases = {
        "/page": Route(body=b"<html><body>not a feed</body></html>", content_type="text/html"),
        "/bomb": Route(body=b'<!DOCTYPE r [<!ENTITY a "x">]><rss><channel/></rss>'),
        "/huge": Route(body=b"x" * (settings.max_feed_bytes + 1)),
    }
    for path, route in cases.items():
        feed = _add(records, server.route(path, route))
        result = _poll(feed, records, settings)
        assert result.outcome == "error", path
        assert records.get_feed(feed.feed_id).last_error == result.error


def test_a_feed_served_with_a_wrong_content_type_is_still_read(server, records, settings):
    url = server.route("/feed", Route(body=_feed_xml("1"), content_type="text/plain"))
    assert _poll(_add(records, url), records, settings).outcome == "new"


def test_permanent_redirects_and_new_feed_url_move_the_feed_but_keep_its_id(server, records, settings):
    server.route("/new.xml", Route(body=_feed_xml("1")))
    server.route("/old.xml", Route(status=301, location="/new.xml"))
    feed = _add(records, server.url("/old.xml"))
    _poll(feed, records, settings)
    moved = records.get_feed(feed.feed_id)
    assert moved.url == server.url("/new.xml")
    assert moved.feed_id == feed.feed_id

    channel = f"<itunes:new-feed-url>{server.url('/newest.xml')}</itunes:new-feed-url>"
    server.route("/new.xml", Route(body=_feed_xml("1", channel=channel)))
    _poll(moved, records, settings, force=True)
    again = records.get_feed(feed.feed_id)
    assert again.url == server.url("/newest.xml")
    assert again.next_poll_at == NOW  # read the new address on the next run


def test_update_frequency_is_honoured(server, records, settings):
    channel = '<podcast:updateFrequency rrule="FREQ=HOURLY;INTERVAL=6">6h</podcast:updateFrequency>'
    url = server.route("/feed.xml", Route(body=_feed_xml("1", channel=channel)))
    feed = _add(records, url)
    _poll(feed, records, settings)
    saved = records.get_feed(feed.feed_id)
    assert saved.update_frequency_seconds == 6 * 3600
    assert saved.next_poll_at >= NOW + timedelta(hours=6)


def test_a_blocked_feed_gives_no_episodes(server, records, settings):
    url = server.route("/feed.xml", Route(body=_feed_xml("1", channel="<itunes:block>yes</itunes:block>")))
    result = _poll(_add(records, url), records, settings)
    assert result.new_episodes == []
    assert "itunes:block" in (records.get_feed(feed_id_for(url)).last_error or "")


def test_a_local_feed_file_is_polled(tmp_path, records, settings):
    path = tmp_path / "feed.xml"
    path.write_bytes(_feed_xml("1"))
    result = _poll(_add(records, str(path)), records, settings)
    assert result.outcome == "new"


def test_poll_feeds_isolates_failures_and_bounds_each_host(server, records, settings):
    # Counted where the bound is kept, around each fetch: the server's handler threads outlive the
    # response the client has already read, so counting there sees a finished poll as still running.
    in_flight = {"now": 0, "max": 0}
    lock = threading.Lock()

    class CountingFetcher(SafeFetcher):
        def fetch(self, *args, **kwargs):
            with lock:
                in_flight["now"] += 1
                in_flight["max"] = max(in_flight["max"], in_flight["now"])
            try:
                return super().fetch(*args, **kwargs)
            finally:
                with lock:
                    in_flight["now"] -= 1

    feeds = []
    for number in range(8):
        url = server.route(f"/f{number}.xml", Route(body=_feed_xml(str(number + 1)), latency=0.05))
        feeds.append(_add(records, url))
    feeds.insert(3, _add(records, server.route("/broken", Route(status=404))))
    seen = []
    bounded = settings.model_copy(update={"poll_concurrency": 8, "poll_per_host": 2})
    results = poll_feeds(
        feeds,
        fetcher=CountingFetcher(bounded),
        records=records,
        settings=bounded,
        now=NOW,
        on_result=seen.append,
    )
    assert [r.feed_id for r in results] == [f.feed_id for f in feeds]
    assert [r.outcome for r in results].count("new") == 8
    assert results[3].outcome == "error"
    assert len(seen) == 9
    assert in_flight["max"] <= 2


def test_new_episodes_get_their_chapters_and_broken_chapters_cost_nothing(server, records, settings):
    chapters = b'{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}, {"startTime": 90, "title": "News"}]}'
    server.route("/c1.json", Route(body=chapters, content_type="application/json+chapters"))
    server.route("/c2.json", Route(status=404))
    items = "".join(
        f'<item><guid>{g}</guid><title>E{g}</title><podcast:chapters url="/c{g}.json" type="application/json+chapters"/>'
        f"<pubDate>Mon, 0{g} Jun 2026 10:00:00 GMT</pubDate></item>"
        for g in ("1", "2")
    )
    body = (
        '<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>S</title>'
        f"{items}</channel></rss>"
    ).encode()
    url = server.route("/feed.xml", Route(body=body))
    feed = _add(records, url)
    result = _poll(feed, records, settings.model_copy(update={"max_new_episodes_per_feed": 5}))
    by_guid = {e.guid: e for e in result.new_episodes}
    assert [c.title for c in by_guid["1"].chapters] == ["Intro", "News"]
    assert by_guid["2"].chapters == []
    stored = records.get_episode(by_guid["1"].episode_id)
    assert [c.start_seconds for c in stored.chapters] == [0, 90]


def test_a_publisher_that_rekeys_every_item_does_not_flood_the_pipeline(server, records, settings):
    route = Route(body=_feed_xml(*[str(n) for n in range(1, 25)]))
    url = server.route("/feed.xml", route)
    feed = _add(records, url)
    _poll(feed, records, settings)
    route.body = route.body.replace(b"<guid>", b"<guid>rekeyed-")
    result = _poll(records.get_feed(feed.feed_id), records, settings, force=True)
    assert len(result.new_episodes) == 10
    assert [e.guid for e in result.new_episodes][:2] == ["rekeyed-24", "rekeyed-23"]
    assert len([e for e in records.list_episodes(feed.feed_id) if not e.backfill]) == 1 + 10


def test_the_feeds_cast_and_each_episodes_persons_are_kept_in_the_records(server, records, settings):
    namespace = 'xmlns:podcast="https://podcastindex.org/namespace/1.0"'
    body = _feed_xml("1").replace(b"<rss ", f"<rss {namespace} ".encode())
    body = body.replace(
        b"<language>en</language>",
        b'<language>en</language><podcast:person role="host">Ann Lee</podcast:person>',
    ).replace(
        b"<title>Episode 1</title>",
        b'<title>Episode 1</title><podcast:person role="guest">Bo Chen</podcast:person>',
    )
    url = server.route("/feed.xml", Route(body=body))
    feed = _add(records, url)
    _poll(feed, records, settings)
    saved = records.get_feed(feed.feed_id)
    assert [(p.name, p.role) for p in saved.persons] == [("Ann Lee", "host")]
    (episode,) = records.list_episodes(feed.feed_id)
    assert [(p.name, p.role) for p in episode.persons] == [("Bo Chen", "guest")]
