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
