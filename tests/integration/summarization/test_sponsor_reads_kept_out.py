"""Sponsor reads never reach a summary, whichever summarizer writes it; they appear once, on the Sponsors line."""

import pytest

from podcast_digest.cli.lookup import feed_location
from podcast_digest.digest import render_html, render_markdown, render_text
from podcast_digest.digest.outline import EXTRACTIVE_LABEL
from podcast_digest.models import (
    Feed,
    Subscriber,
    SubscriberStatus,
    Subscription,
    feed_id_for,
    subscriber_id_for,
)
from podcast_digest.pipeline import keys
from podcast_digest.pipeline.runner import run
from podcast_digest.settings import load_settings
from podcast_digest.summarization.extractive import ExtractiveSummarizer
from podcast_digest.summarization.quality import score_summary, visible_text
from podcast_digest.summarization.talk import summarize_talk
from podcast_digest.wiring import build_context
from tests.integration.pipeline.conftest import VTT, outbox_messages, write_feed
from tests.integration.summarization.llm_support import corpus_transcript, episode, feed, summarizer
from tests.support.chat_server import ChatServer
from tests.unit.summarization.sponsor_reads import ACME_READ, ACME_WORDS, plant

TALK_PYTHON_SPONSORS = ["Microsoft for Startups Founders Hub", "Sentry", "Assembly AI"]


def _shown(summary) -> str:
    return " ".join(text for texts in visible_text(summary).values() for text in texts).casefold()


@pytest.mark.corpus
def test_the_offline_summary_of_talk_python_has_no_advert_and_lists_its_sponsors():
    transcript = corpus_transcript("talkpython-vtt")
    summary = summarize_talk(ExtractiveSummarizer(), feed(), episode("H2O Wave"), transcript)
    quality = score_summary(summary, transcript)
    assert quality.total("sponsor_text") == 0, quality.examples.get("sponsor text")
    assert "sentry" not in _shown(summary)
    assert sorted({n for r in summary.sponsors for n in r.sponsors}) == sorted(TALK_PYTHON_SPONSORS)
    assert quality.quote_verified  # and not from a read: score_summary checks that too


@pytest.mark.corpus
def test_the_llm_path_never_sees_the_reads():
    transcript = corpus_transcript("talkpython-vtt")
    with ChatServer() as server:
        summary = summarize_talk(summarizer(server), feed(), episode("H2O Wave"), transcript)
        sent = " ".join(call.request_text for call in server.completed()).casefold()
    assert "brought to you by" not in sent
    assert "coupon code" not in sent
    assert score_summary(summary, transcript).total("sponsor_text") == 0
    assert len(summary.sponsors) == 4


@pytest.mark.corpus
def test_a_read_planted_in_another_episode_stays_out_of_its_summary():
    original = corpus_transcript("practical-ai-100")
    planted = plant(original, ACME_READ, at_segment=120)
    summary = summarize_talk(ExtractiveSummarizer(), feed(), episode("Practical AI's 100th episode"), planted)
    shown = _shown(summary)
    assert not [w for w in ACME_WORDS if w in shown]
    [read] = summary.sponsors
    assert read.sponsors == ["Acme Cloud"]
    assert read.start_seconds == pytest.approx(original.segments[120].start)


def test_the_pipeline_cuts_the_read_and_every_rendering_shows_the_sponsors_line(tmp_path):
    ctx = build_context(load_settings(home=tmp_path / "home"))
    cue = "\n\n00:00:24.000 --> 00:00:34.000\n"
    with_read = VTT.replace(cue, f"\n\n00:00:22.000 --> 00:00:24.000\n<v Ben>{ACME_READ}{cue}", 1)
    items = [{"title": "Balcony tomatoes", "guid": "ep1", "transcript": with_read}]
    url = feed_location(str(write_feed(tmp_path / "feed", items)))
    feed_id = feed_id_for(url)
    ctx.records.put_feed(Feed(feed_id=feed_id, url=url))
    sid = subscriber_id_for("ana@example.com")
    ctx.records.put_subscriber(
        Subscriber(subscriber_id=sid, email="ana@example.com", status=SubscriberStatus.CONFIRMED)
    )
    ctx.records.put_subscription(Subscription(subscriber_id=sid, feed_id=feed_id))

    assert run(ctx, retry_delays=()).ok

    [stored] = ctx.records.list_episodes(feed_id)
    summary = ctx.records.get_summary(stored.episode_id)
    assert [r.sponsors for r in summary.sponsors] == [["Acme Cloud"]]
    assert not [w for w in ACME_WORDS if w in _shown(summary)]
    line = "Sponsors: Acme Cloud (0:22)"
    assert line in render_text(summary).splitlines()
    assert f"*{line}*" in render_markdown(summary)
    assert line in render_html(summary)
    page = ctx.blobs.get_bytes(keys.summary_key(feed_id, stored.episode_id, "html")).decode()
    assert line in page
    [message] = outbox_messages(ctx)
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert line in html
    assert line in text.splitlines()
    # The honest label, wherever provenance is shown.
    for rendering in (render_text(summary), render_markdown(summary), page, html, text):
        assert EXTRACTIVE_LABEL in rendering
