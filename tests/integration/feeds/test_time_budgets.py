"""No server decides how long we wait: Retry-After is bounded, and a dripping body is cut off.

Every server here is a real one on 127.0.0.1 that misbehaves on purpose (tests/support/feed_server.py).
Nothing here asserts a duration: a body that drips is refused (the old code read it to the end), and
the runner's sleeps are recorded, not timed.
"""

from datetime import UTC, datetime, timedelta

import pytest

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.errors import UpstreamUnavailable
from podcast_digest.feeds.enclosures import download_enclosure
from podcast_digest.feeds.fetch import SafeFetcher
from podcast_digest.feeds.polling import MAX_BACKOFF, poll_feed
from podcast_digest.models import Enclosure, Episode, EpisodeStatus, Feed, feed_id_for
from podcast_digest.pipeline import runner
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.feed_server import Route

MP3_HEAD = b"ID3\x04\x00\x00\x00\x00\x00\x00"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture
def slow_settings(settings):
    # 400 bytes dripped one at a time take ~4 s: well past a 0.3 s grace at 2 KB/s, well inside the read timeout.
    return settings.model_copy(
        update={
            "read_timeout_seconds": 3,
            "min_transfer_bytes_per_second": 2048,
            "transfer_grace_seconds": 0.3,
        }
    )


def _drip(body: bytes, **extra) -> Route:
    return Route(body=body, chunk_size=1, chunk_delay=0.01, **extra)


def test_an_enclosure_dripping_bytes_is_cut_off_and_nothing_is_kept(server, slow_settings, tmp_path):
    url = server.route("/ep.mp3", _drip(MP3_HEAD + b"\0" * 390, content_type="audio/mpeg"))
    blobs = FolderBlobStore(tmp_path / "blobs")
    episode = Episode(episode_id="e", feed_id="f", audio=Enclosure(url=url))

    with pytest.raises(UpstreamUnavailable, match="too slowly"):
        download_enclosure(episode, fetcher=SafeFetcher(slow_settings), blobs=blobs, settings=slow_settings)
    assert blobs.list_keys("audio/") == []


@pytest.mark.parametrize("path", ["/feed.xml", "/t.vtt", "/chapters.json"])
def test_a_feed_transcript_or_chapters_file_dripping_bytes_is_cut_off(server, slow_settings, path):
    url = server.route(path, _drip(b"WEBVTT\n\n" + b" " * 392, content_type="text/vtt"))

    with pytest.raises(UpstreamUnavailable, match="too slowly"):
        SafeFetcher(slow_settings).fetch(url, max_bytes=slow_settings.max_transcript_bytes)


@pytest.mark.parametrize("retry_after", ["3600", "999999999999", "9" * 40, "Fri, 01 Jan 9999 00:00:00 GMT"])
def test_a_huge_retry_after_on_a_feed_backs_off_at_most_a_week_without_overflow(
    server, settings, tmp_path, retry_after
):
    from podcast_digest.adapters.sqlite.records import SQLiteRecords

    url = server.route("/feed.xml", Route(status=503, retry_after=retry_after, body=b"busy"))
    feed = Feed(feed_id=feed_id_for(url), url=url, added_at=NOW)
    with SQLiteRecords(tmp_path / "r.sqlite3") as records:
        records.put_feed(feed)
        result = poll_feed(feed, fetcher=SafeFetcher(settings), records=records, settings=settings, now=NOW)
        stored = records.get_feed(feed.feed_id)
    assert result.outcome == "error"
    assert stored is not None
    assert stored.next_poll_at is not None
    assert stored.next_poll_at <= NOW + MAX_BACKOFF * 1.1 + timedelta(seconds=1)


@pytest.mark.parametrize("retry_after", ["3600", "999999999999"])
def test_the_runner_never_sleeps_past_the_bound_and_leaves_the_episode_to_a_later_run(
    server, tmp_path, monkeypatch, retry_after
):
    slept: list[float] = []
    monkeypatch.setattr(runner.time, "sleep", slept.append)
    enclosure = server.route("/ep.mp3", Route(status=503, retry_after=retry_after, body=b"busy"))
    feed_url = server.route(
        "/feed.xml",
        Route(
            body=(
                '<?xml version="1.0"?><rss version="2.0"><channel><title>Show</title>'
                f'<item><guid>1</guid><title>Throttled</title><enclosure url="{enclosure}" type="audio/mpeg"/>'
                "</item></channel></rss>"
            ).encode()
        ),
    )
    ctx = build_context(
        load_settings(home=tmp_path / "home", allow_loopback=True, max_retry_after_seconds=30)
    )
    ctx.records.put_feed(Feed(feed_id=feed_id_for(feed_url), url=feed_url, added_at=NOW))

    report = runner.run(ctx, retry_delays=(1.0, 4.0))

    assert all(wait <= 30 for wait in slept)
    [episode] = ctx.records.list_episodes()
    assert episode.status is EpisodeStatus.FAILED
    assert "a later run retries it" in (episode.failure_reason or "")
    assert not report.ok
