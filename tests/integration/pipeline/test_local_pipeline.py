"""The local pipeline end to end: feed file → transcript → summary → digest in the outbox."""

from podcast_digest.models import (
    EpisodeStatus,
    feed_id_for,
)
from podcast_digest.pipeline.runner import run

from .conftest import VTT, outbox_messages, watch, write_feed

HOUSE_PARTS = [
    "Quick Takes",
    "1-Sentence-Summary",
    "Favorite Quote",
    "tl;dr",
    "Key Ideas",
    "Lessons Learnt",
    "Conclusion",
    "In-Depth",
]


def test_a_feed_with_a_publisher_transcript_ends_as_a_digest_in_the_outbox(ctx, tmp_path):
    feed = watch(
        ctx,
        write_feed(tmp_path / "feed", [{"title": "Balcony tomatoes", "guid": "ep1", "transcript": VTT}]),
        "ana@example.com",
    )

    report = run(ctx, retry_delays=())

    assert report.ok, report
    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert episode.status is EpisodeStatus.NOTIFIED
    summary = ctx.records.get_summary(episode.episode_id)
    assert summary is not None
    assert summary.provenance.summarizer == "extractive"
    assert summary.favorite_quote is None or summary.favorite_quote.text in VTT
    [message] = outbox_messages(ctx)
    assert message["To"] == "ana@example.com"
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    for part in parts_with_content(summary):
        assert part in html, part
        assert part in text, part


def parts_with_content(summary) -> list[str]:
    """The house parts this summary has something for: a 40-second talk may leave Key Ideas or
    Lessons empty (no sentence is used twice), and an empty part gets no heading anywhere."""
    empty = {"Key Ideas": not summary.key_ideas, "Lessons Learnt": not summary.lessons}
    return [part for part in HOUSE_PARTS if not empty.get(part)]


def test_running_again_redoes_nothing_and_sends_nothing(ctx, tmp_path):
    feed = watch(
        ctx,
        write_feed(tmp_path / "feed", [{"title": "Balcony tomatoes", "guid": "ep1", "transcript": VTT}]),
        "ana@example.com",
    )
    run(ctx, retry_delays=())
    [episode] = ctx.records.list_episodes(feed.feed_id)
    first = ctx.records.get_summary(episode.episode_id)

    report = run(ctx, force=True, retry_delays=())

    assert report.notified == []
    assert report.failed == {}
    assert len(outbox_messages(ctx)) == 1
    assert ctx.records.get_summary(episode.episode_id) == first


def test_a_broken_feed_never_stops_the_others(ctx, tmp_path):
    not_a_feed = tmp_path / "broken" / "feed.xml"
    not_a_feed.parent.mkdir()
    not_a_feed.write_text("<html><body>Moved! Try our new site.</body></html>")
    watch(ctx, not_a_feed, "ana@example.com")
    good = watch(
        ctx,
        write_feed(tmp_path / "good", [{"title": "Compost", "guid": "ep1", "transcript": VTT}]),
        "ana@example.com",
    )

    report = run(ctx, retry_delays=())

    assert list(report.feed_errors) == [feed_id_for(str(not_a_feed.resolve()))]
    assert "feed" in next(iter(report.feed_errors.values())).lower()
    [episode] = ctx.records.list_episodes(good.feed_id)
    assert episode.status is EpisodeStatus.NOTIFIED
    broken = ctx.records.get_feed(feed_id_for(str(not_a_feed.resolve())))
    assert broken is not None
    assert broken.last_error


def test_an_episode_with_broken_timestamps_is_marked_failed_with_the_reason(ctx, tmp_path):
    broken_vtt = "WEBVTT\n\n00:00:09.000 --> 00:00:03.000\nThis cue ends before it starts.\n"
    feed = watch(
        ctx,
        write_feed(
            tmp_path / "feed",
            [
                {
                    "title": "Broken",
                    "guid": "bad",
                    "transcript": broken_vtt,
                    "date": "Mon, 01 Jun 2026 12:00:00 +0000",
                },
            ],
        ),
        "ana@example.com",
    )

    report = run(ctx, retry_delays=())

    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert episode.status is EpisodeStatus.FAILED
    assert episode.failed_step == "transcribe"
    assert "before" in (episode.failure_reason or "")
    assert report.failed == {episode.episode_id: episode.failure_reason}
    assert outbox_messages(ctx) == []


def test_a_notify_that_cannot_send_waits_keeps_the_summary_and_a_rerun_only_sends(make_context, tmp_path):
    # An SMTP server that is not there: a real transient failure at the notify step. The episode
    # waits (no attempt used up, the run not ok, the reason reported) instead of failing.
    down = make_context(mailer="smtp", smtp_host="127.0.0.1", smtp_port=9, smtp_timeout_seconds=2)
    feed = watch(
        down,
        write_feed(tmp_path / "feed", [{"title": "Mulch", "guid": "ep1", "transcript": VTT}]),
        "ana@example.com",
    )
    waiting = run(down, retry_delays=())
    [episode] = down.records.list_episodes(feed.feed_id)
    assert episode.status is EpisodeStatus.SUMMARIZED
    assert episode.attempts == 0
    assert not waiting.ok
    assert "Connection refused" in waiting.waiting[episode.episode_id]
    summary = down.records.get_summary(episode.episode_id)
    assert summary is not None

    up = make_context()
    report = run(up, retry_delays=())

    assert report.notified == [episode.episode_id]
    assert up.records.get_summary(episode.episode_id) == summary  # not summarised again
    assert len(outbox_messages(up)) == 1
