"""A publisher transcript that is a web page, or unreachable, never becomes a digest: the episode
falls back to its audio (fetched for real from the same local publisher), or fails with the reason."""

from datetime import UTC, datetime

import pytest

from podcast_digest.models import EpisodeStatus, Feed, feed_id_for
from podcast_digest.pipeline import runner
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.feed_server import Route

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
PAGE = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>Welcome</h1><p>This is a web page.</p></body></html>"


def _feed(transcript_url: str, transcript_type: str, audio_url: str | None) -> bytes:
    enclosure = f'<enclosure url="{audio_url}" type="audio/mpeg"/>' if audio_url else ""
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">'
        "<channel><title>Show</title><item><guid>1</guid><title>Episode</title>"
        f'{enclosure}<podcast:transcript url="{transcript_url}" type="{transcript_type}"/>'
        "</item></channel></rss>"
    ).encode()


@pytest.fixture
def pipeline(tmp_path, monkeypatch):
    monkeypatch.setattr(runner.time, "sleep", lambda _seconds: None)

    def run(server, feed_body: bytes):
        url = server.route("/feed.xml", Route(body=feed_body))
        ctx = build_context(
            load_settings(home=tmp_path / "home", allow_loopback=True, connect_timeout_seconds=1)
        )
        ctx.records.put_feed(Feed(feed_id=feed_id_for(url), url=url, added_at=NOW))
        runner.run(ctx)
        [episode] = ctx.records.list_episodes()
        return ctx, episode

    return run


TRANSCRIPTS = {
    "a web page declared as VTT": (Route(body=PAGE, content_type="text/vtt"), "text/vtt"),
    "a web page declared as HTML": (Route(body=PAGE, content_type="text/html"), "text/html"),
    "unreachable (HTTP 503)": (Route(status=503, body=b"down", content_type="text/plain"), "text/vtt"),
}


@pytest.mark.parametrize("case", TRANSCRIPTS)
def test_an_unusable_or_unreachable_transcript_falls_back_to_the_audio(server, pipeline, case):
    route, declared = TRANSCRIPTS[case]
    transcript = server.route("/t.vtt", route)
    # The audio is itself a login page, so the step still fails, but at the audio, having tried it.
    audio = server.route("/ep.mp3", Route(body=b"<html><body>log in</body></html>", content_type="text/html"))

    ctx, episode = pipeline(server, _feed(transcript, declared, audio))

    assert server.requests_for("/ep.mp3"), "the audio was never tried"
    assert episode.status is EpisodeStatus.FAILED
    assert "not audio" in (episode.failure_reason or "")
    assert ctx.records.get_summary(episode.episode_id) is None


@pytest.mark.parametrize("declared", ["text/vtt", "text/html"])
def test_a_web_page_with_no_audio_to_fall_back_on_fails_with_the_reason_and_sends_nothing(
    server, pipeline, declared
):
    transcript = server.route("/t.vtt", Route(body=PAGE, content_type=declared))

    ctx, episode = pipeline(server, _feed(transcript, declared, None))

    assert episode.status is EpisodeStatus.FAILED
    assert "not a transcript" in (episode.failure_reason or "")
    assert ctx.records.get_summary(episode.episode_id) is None
    assert list((ctx.settings.outbox_dir).glob("*.eml")) == []


VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n<v Host>We grow tomatoes on the balcony every summer, with compost.\n"
LOGIN_PAGE = Route(body=b"<html><body>log in</body></html>", content_type="text/html")


def _runs(server, tmp_path, **settings):
    """A run function over one feed whose transcript is /t.vtt and audio /ep.mp3 (a login page, so a
    fall back to the audio shows as the step failing there)."""
    transcript, audio = server.url("/t.vtt"), server.route("/ep.mp3", LOGIN_PAGE)
    url = server.route("/feed.xml", Route(body=_feed(transcript, "text/vtt", audio)))
    options = {"home": tmp_path / "home", "allow_loopback": True, "connect_timeout_seconds": 1} | settings
    ctx = build_context(load_settings(**options))
    ctx.records.put_feed(Feed(feed_id=feed_id_for(url), url=url, added_at=NOW))

    def run():
        runner.run(ctx, force=True)
        [episode] = ctx.records.list_episodes()
        return episode

    return ctx, run


@pytest.fixture
def no_sleep(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(runner.time, "sleep", slept.append)
    return slept


def test_a_transcript_that_fails_transiently_is_tried_again_and_used_without_touching_the_audio(
    server, tmp_path, no_sleep
):
    # Throttled for an hour: the run does not wait, the episode waits for a later run, audio untouched.
    server.route("/t.vtt", Route(status=503, retry_after="3600", body=b"busy", content_type="text/plain"))
    _ctx, run = _runs(server, tmp_path)

    first = run()
    assert first.status is EpisodeStatus.FAILED
    assert first.transcript_fetch_failures == 1
    assert "a later run retries it" in (first.failure_reason or "")
    assert server.requests_for("/ep.mp3") == []

    server.route("/t.vtt", Route(body=VTT, content_type="text/vtt"))  # the publisher is back
    second = run()

    assert second.status is EpisodeStatus.NOTIFIED
    assert (second.transcript_engine or "").startswith("publisher transcript")
    assert server.requests_for("/ep.mp3") == []  # nothing was paid for
    assert len(server.requests_for("/t.vtt")) == 2


def test_a_transcript_that_keeps_failing_transiently_falls_back_to_the_audio_after_its_tries(
    server, tmp_path, no_sleep
):
    server.route("/t.vtt", Route(status=503, body=b"down", content_type="text/plain"))
    _ctx, run = _runs(server, tmp_path, publisher_transcript_attempts=3)

    episode = run()

    # Within the run's own backoff: two failed tries count, the third falls back to the audio.
    assert len(server.requests_for("/t.vtt")) == 3
    assert len(server.requests_for("/ep.mp3")) >= 1
    assert episode.status is EpisodeStatus.FAILED
    assert "not audio" in (episode.failure_reason or "")
    assert any("publisher transcript not used after 3 tries" in note for note in episode.notes)


def test_a_throttled_transcript_gets_one_try_per_run_and_the_audio_only_on_the_last(
    server, tmp_path, no_sleep
):
    server.route(
        "/t.vtt", Route(status=429, retry_after="3600", body=b"slow down", content_type="text/plain")
    )
    ctx, run = _runs(server, tmp_path, publisher_transcript_attempts=3, max_attempts=3)

    outcomes = []
    for _ in range(3):
        episode = run()
        outcomes.append((len(server.requests_for("/t.vtt")), len(server.requests_for("/ep.mp3")) > 0))

    assert outcomes == [(1, False), (2, False), (3, True)]
    assert all(wait <= ctx.settings.max_retry_after_seconds for wait in no_sleep)
    assert "not audio" in (episode.failure_reason or "")


@pytest.mark.parametrize("status", [404, 410])
def test_a_transcript_that_is_gone_falls_back_to_the_audio_at_once(server, tmp_path, no_sleep, status):
    server.route("/t.vtt", Route(status=status, body=b"gone", content_type="text/plain"))
    _ctx, run = _runs(server, tmp_path)

    episode = run()

    assert len(server.requests_for("/t.vtt")) == 1
    assert len(server.requests_for("/ep.mp3")) >= 1
    assert episode.transcript_fetch_failures == 0
    assert "not audio" in (episode.failure_reason or "")


def test_an_episode_on_its_last_attempt_falls_back_rather_than_giving_up(server, tmp_path, no_sleep):
    server.route("/t.vtt", Route(status=503, retry_after="3600", body=b"busy", content_type="text/plain"))
    _ctx, run = _runs(server, tmp_path, max_attempts=1, publisher_transcript_attempts=5)

    episode = run()

    assert len(server.requests_for("/t.vtt")) == 1
    assert len(server.requests_for("/ep.mp3")) >= 1
    assert "not audio" in (episode.failure_reason or "")
