"""Speech to text inside the local pipeline: a feed with only audio is transcribed by the offline engine,
and a broken enclosure leaves the episode failed at the transcribe step with the reason."""

import pytest

from podcast_digest.cli.lookup import feed_location
from podcast_digest.models import EpisodeStatus, Feed, Transcript, feed_id_for
from podcast_digest.pipeline.runner import run
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.speech import KNOWN_TEXT, mp3_bytes, speak, word_error_rate


def audio_only_feed(folder, enclosure_name: str, mime: str):
    """A real RSS file with one episode whose only content is an enclosure beside it."""
    size = (folder / enclosure_name).stat().st_size
    feed = folder / "feed.xml"
    feed.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Coffee Talk</title><link>https://example.org/</link>
<description>About coffee.</description>
<item><title>Origins</title><guid>origins-1</guid><pubDate>Mon, 01 Jun 2026 12:00:00 +0000</pubDate>
<enclosure url="{enclosure_name}" type="{mime}" length="{size}"/></item>
</channel></rss>""",
        encoding="utf-8",
    )
    return feed


@pytest.fixture
def ctx(tmp_path):
    return build_context(load_settings(home=tmp_path / "home", transcriber="offline"))


def watch(ctx, feed_path) -> Feed:
    url = feed_location(str(feed_path))
    feed = Feed(feed_id=feed_id_for(url), url=url)
    ctx.records.put_feed(feed)
    return feed


@pytest.mark.slow
def test_an_audio_only_episode_is_transcribed_offline_and_its_engine_recorded(ctx, tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    speak(" ".join([KNOWN_TEXT] * 2), folder / "origins.wav")
    feed = watch(ctx, audio_only_feed(folder, "origins.wav", "audio/wav"))

    run(ctx, retry_delays=())

    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert episode.transcript_key, f"not transcribed: {episode.failed_step}: {episode.failure_reason}"
    assert episode.transcript_engine == "faster-whisper tiny.en"
    assert episode.transcription_cost_usd == 0.0
    assert 20 < (episode.audio_seconds or 0) < 60
    transcript = Transcript.model_validate_json(ctx.blobs.get_bytes(episode.transcript_key))
    assert word_error_rate(" ".join([KNOWN_TEXT] * 2), transcript.text) <= 0.2


def test_a_truncated_enclosure_fails_the_episode_at_transcribe_with_the_reason(ctx, tmp_path):
    folder = tmp_path / "feed"
    folder.mkdir()
    whole = mp3_bytes(40)
    (folder / "origins.mp3").write_bytes(whole[: len(whole) // 2])
    feed = watch(ctx, audio_only_feed(folder, "origins.mp3", "audio/mpeg"))

    report = run(ctx, retry_delays=())

    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert episode.status is EpisodeStatus.FAILED
    assert episode.failed_step == "transcribe"
    assert "truncated" in (episode.failure_reason or "")
    assert report.failed == {episode.episode_id: episode.failure_reason}
