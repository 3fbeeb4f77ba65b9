"""The monthly budget, end to end on the embedded adapters: an episode whose paid speech to text
would pass the budget waits (the engine is never called), a publisher transcript goes on free,
a new month starts again from nothing, and a feed's own budget limits that feed alone.

Speech to text is the real OpenAI engine against tests/support/transcription_server.py (a local
server speaking the API); the audio is served by a local publisher (tests/support/feed_server.py).
"""

from datetime import UTC, datetime

import pytest

from podcast_digest.models import (
    CostStep,
    EpisodeStatus,
)
from podcast_digest.pipeline.runner import run
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.feed_server import FeedServer, Route
from tests.support.transcription_server import TranscriptionServer, write_marker_audio

from .conftest import VTT, outbox_messages, watch

NOVEMBER = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def speech():
    with TranscriptionServer() as running:
        yield running


@pytest.fixture
def publisher():
    with FeedServer() as running:
        yield running


@pytest.fixture
def audio(tmp_path) -> bytes:
    """Two minutes of marker audio: $0.006 at gpt-4o-mini-transcribe's $0.003 a minute."""
    return write_marker_audio(tmp_path / "two-minutes.wav", 120).read_bytes()


def item(
    publisher, guid: str, *, duration: str | None, audio: bytes | None = None, transcript: str = ""
) -> str:
    """One RSS item: audio served by the publisher, an <itunes:duration>, maybe a transcript."""
    parts = [
        f"<title>Episode {guid}</title><guid>{guid}</guid><pubDate>Mon, 0{guid[-1]} Jun 2026 12:00:00 +0000</pubDate>"
    ]
    if audio is not None:
        url = publisher.route(f"/{guid}.wav", Route(body=audio, content_type="audio/wav"))
        parts.append(f'<enclosure url="{url}" type="audio/wav" />')
    if duration:
        parts.append(f"<itunes:duration>{duration}</itunes:duration>")
    if transcript:
        url = publisher.route(f"/{guid}.vtt", Route(body=transcript.encode(), content_type="text/vtt"))
        parts.append(f'<podcast:transcript url="{url}" type="text/vtt" />')
    return f"<item>{''.join(parts)}</item>"


def serve_feed(publisher, path: str, items: list[str], title: str = "Garden Hour") -> str:
    body = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"
     xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
<title>{title}</title><link>https://example.org/</link><description>About gardens.</description>
{"".join(items)}</channel></rss>"""
    return publisher.route(path, Route(body=body.encode()))


def context(tmp_path, speech, **overrides):
    settings = load_settings(
        home=tmp_path / "home",
        transcriber="openai",
        summarizer="extractive",
        openai_api_key="sk-test",
        openai_base_url=speech.base_url,
        allow_loopback=True,
        max_new_episodes_per_feed=5,
        **overrides,
    )
    ctx = build_context(settings)
    ctx.clock = lambda: NOVEMBER
    return ctx


def test_over_budget_speech_to_text_waits_uncalled_and_the_run_says_why(tmp_path, speech, publisher, audio):
    ctx = context(tmp_path, speech, monthly_budget_usd=0.01)
    feed = watch(
        ctx, serve_feed(publisher, "/feed.xml", [item(publisher, "ep1", duration="1:00:00", audio=audio)])
    )

    report = run(ctx, retry_delays=(), force=True)

    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert speech.received == 0, "the paid engine was called"
    assert publisher.requests_for("/ep1.wav") == [], "audio was downloaded for an episode that waits"
    assert episode.status is EpisodeStatus.DISCOVERED
    assert episode.attempts == 0
    assert episode.failure_reason is None
    assert episode.estimated_cost_usd == pytest.approx(0.18)  # 60 min x $0.003
    assert episode.cost_estimate.audio_seconds_basis == "the feed's duration"
    assert "speech to text waits" in episode.waiting_reason
    why = report.over_budget[episode.episode_id]
    assert "Episode ep1" in why
    assert "$0.1800" in why
    assert "$0.0100 of $0.01 left in 2026-11" in why
    assert report.failed == {}
    assert report.notified == []

    raised = context(tmp_path, speech, monthly_budget_usd=1.0)
    again = run(raised, retry_delays=(), force=True)

    assert again.over_budget == {}
    assert again.notified == [episode.episode_id]
    assert speech.received >= 1
    done = raised.records.get_episode(episode.episode_id)
    assert done.waiting_reason is None
    spent = {entry.step: entry for entry in raised.records.list_costs("2026-11")}
    assert spent[CostStep.TRANSCRIPTION].usd == pytest.approx(0.006, abs=1e-4)  # 120 s sent
    assert spent[CostStep.SUMMARY].usd == 0.0
    assert spent[CostStep.SUMMARY].source == "extractive"


def test_a_publisher_transcript_goes_on_free_whatever_the_budget(tmp_path, speech, publisher, audio):
    ctx = context(tmp_path, speech, monthly_budget_usd=0.0)
    feed = watch(
        ctx,
        serve_feed(
            publisher, "/feed.xml", [item(publisher, "ep1", duration="1:00:00", audio=audio, transcript=VTT)]
        ),
        "ana@example.com",
    )

    report = run(ctx, retry_delays=(), force=True)

    assert report.ok, report
    assert report.over_budget == {}
    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert episode.status is EpisodeStatus.NOTIFIED
    assert speech.received == 0
    assert episode.cost_estimate.transcription_usd == 0.0
    entry = {e.step: e for e in ctx.records.list_costs("2026-11")}[CostStep.TRANSCRIPTION]
    # What the publisher saved: the transcript's 80 s at the chosen engine's $0.003 a minute.
    assert entry.usd == 0.0
    assert entry.saved_usd == pytest.approx(0.004)
    assert len(outbox_messages(ctx)) == 1


def test_a_new_month_starts_from_nothing(tmp_path, speech, publisher, audio):
    ctx = context(tmp_path, speech, monthly_budget_usd=0.01)
    items = [
        item(publisher, "ep1", duration="2:00", audio=audio),
        item(publisher, "ep2", duration="2:00", audio=audio),
    ]
    feed = watch(ctx, serve_feed(publisher, "/feed.xml", items))

    november = run(ctx, retry_delays=(), force=True)

    # The first ($0.006) fits the $0.01; the second would pass what is left ($0.004) and waits.
    first, second = (e.episode_id for e in reversed(ctx.records.list_episodes(feed.feed_id)))
    assert november.notified == [first]
    assert "$0.0040 of $0.01 left in 2026-11" in november.over_budget[second]
    calls = speech.received

    ctx.clock = lambda: datetime(2026, 11, 30, 23, 59, tzinfo=UTC)
    assert run(ctx, retry_delays=(), force=True).over_budget.keys() == {second}
    assert speech.received == calls

    ctx.clock = lambda: datetime(2026, 12, 1, 0, 0, 1, tzinfo=UTC)
    december = run(ctx, retry_delays=(), force=True)

    assert december.notified == [second]
    assert december.over_budget == {}
    assert speech.received > calls
    assert [e.episode_id for e in ctx.records.list_costs("2026-12")] == [second, second]
    assert {e.episode_id for e in ctx.records.list_costs("2026-11")} == {first}


def test_a_feeds_own_budget_limits_that_feed_only(tmp_path, speech, publisher, audio):
    ctx = context(tmp_path, speech, monthly_budget_usd=5.0)
    capped_items = [item(publisher, "ep1", duration="2:00", audio=audio)]
    capped = watch(ctx, serve_feed(publisher, "/capped.xml", capped_items, title="Capped Show"), budget=0.001)
    free = watch(
        ctx, serve_feed(publisher, "/open.xml", [item(publisher, "ep2", duration="2:00", audio=audio)])
    )

    report = run(ctx, retry_delays=(), force=True)

    [waiting] = ctx.records.list_episodes(capped.feed_id)
    [done] = ctx.records.list_episodes(free.feed_id)
    assert report.notified == [done.episode_id]
    assert "feed Capped Show has $0.0010 of $0.001 left in 2026-11" in report.over_budget[waiting.episode_id]
    assert waiting.status is EpisodeStatus.DISCOVERED
    assert publisher.requests_for("/ep1.wav") == []
    assert len(publisher.requests_for("/ep2.wav")) == 1


def test_an_episode_of_unknown_length_is_held_as_over_budget(tmp_path, speech, publisher, audio):
    ctx = context(tmp_path, speech, monthly_budget_usd=5.0)
    feed = watch(
        ctx, serve_feed(publisher, "/feed.xml", [item(publisher, "ep1", duration=None, audio=audio)])
    )

    report = run(ctx, retry_delays=(), force=True)

    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert speech.received == 0
    assert episode.estimated_cost_usd is None
    assert "its cost is unknown" in report.over_budget[episode.episode_id]
    assert "no duration" in report.over_budget[episode.episode_id]


def test_without_a_budget_nothing_waits(tmp_path, speech, publisher, audio):
    ctx = context(tmp_path, speech)
    feed = watch(
        ctx, serve_feed(publisher, "/feed.xml", [item(publisher, "ep1", duration=None, audio=audio)])
    )

    report = run(ctx, retry_delays=(), force=True)

    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert report.notified == [episode.episode_id]
    assert report.over_budget == {}
    assert speech.received >= 1
