"""The budget in front of the LLM summary, and the operator's digest saying what waits.

The LLM is the real summarizer against tests/support/chat_server.py (a local server speaking
OpenAI's chat completions); the transcript is a publisher's (free), so the summary alone is paid.
"""

from datetime import UTC, datetime

import pytest

from podcast_digest.models import (
    CostStep,
    EpisodeStatus,
    Feed,
)
from podcast_digest.pipeline.runner import run
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.chat_server import ChatServer

from .conftest import VTT, outbox_messages, watch, write_feed

NOVEMBER = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def chat():
    with ChatServer() as running:
        yield running


def llm_context(tmp_path, chat, **overrides):
    chosen = {
        "home": tmp_path / "home",
        "summarizer": "llm",
        "transcriber": "offline",
        "openai_api_key": "sk-test",
        "openai_base_url": chat.base_url,
        "allow_loopback": True,
    }
    ctx = build_context(load_settings(**(chosen | overrides)))
    ctx.clock = lambda: NOVEMBER
    return ctx


def one_episode(tmp_path, title="Balcony tomatoes"):
    return write_feed(tmp_path / "feed", [{"title": title, "guid": "ep1", "transcript": VTT}])


def test_an_llm_summary_over_budget_waits_transcribed_and_the_model_is_never_called(tmp_path, chat):
    ctx = llm_context(tmp_path, chat, monthly_budget_usd=0.001)
    feed = watch(ctx, one_episode(tmp_path), "ana@example.com")

    report = run(ctx, retry_delays=())

    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert chat.calls == []
    assert episode.status is EpisodeStatus.TRANSCRIBED
    assert episode.attempts == 0
    why = report.over_budget[episode.episode_id]
    assert "the LLM summary waits" in why
    assert "tokens of gpt-4o-mini" in why
    assert "min of" not in why  # the transcript was free: only the summary's cost is named
    assert "$0.0010 of $0.001 left in 2026-11" in why
    assert episode.cost_estimate.summary_model == "gpt-4o-mini"
    assert episode.estimated_cost_usd == pytest.approx(episode.cost_estimate.summary_usd)
    assert episode.estimated_cost_usd > 0.001
    assert outbox_messages(ctx) == []

    within = llm_context(tmp_path, chat, monthly_budget_usd=1.0)
    again = run(within, retry_delays=())

    assert again.notified == [episode.episode_id]
    assert chat.calls, "within budget the LLM is called"
    summary = within.records.get_summary(episode.episode_id)
    assert summary.provenance.summarizer == "llm"
    spent = {e.step: e.usd for e in within.records.list_costs("2026-11")}
    assert spent[CostStep.SUMMARY] == pytest.approx(summary.provenance.cost_usd)
    assert spent[CostStep.SUMMARY] > 0
    # The estimate is an upper bound: it prices the map-reduce's whole output allowance.
    assert summary.provenance.cost_usd <= episode.estimated_cost_usd


def test_with_the_offline_fallback_an_over_budget_summary_is_made_extractively(tmp_path, chat):
    ctx = llm_context(tmp_path, chat, monthly_budget_usd=0.0, budget_fallback_offline=True)
    feed = watch(ctx, one_episode(tmp_path), "ana@example.com")

    report = run(ctx, retry_delays=())

    [episode] = ctx.records.list_episodes(feed.feed_id)
    assert report.over_budget == {}
    assert report.notified == [episode.episode_id]
    assert chat.calls == []
    assert ctx.records.get_summary(episode.episode_id).provenance.summarizer == "extractive"
    assert episode.waiting_reason is None


def test_the_operators_own_copy_says_what_waits_and_no_one_elses_does(tmp_path, chat):
    operator = "ops@example.com"
    ctx = llm_context(tmp_path, chat, monthly_budget_usd=0.0, operator_address=operator)
    waiting_feed = watch(ctx, one_episode(tmp_path / "a", title="Pricey <b>episode</b>"), operator)
    free = llm_context(
        tmp_path, chat, monthly_budget_usd=0.0, operator_address=operator, summarizer="extractive"
    )

    run(ctx, retry_delays=())  # the LLM summary waits
    [waiting] = ctx.records.list_episodes(waiting_feed.feed_id)
    assert waiting.waiting_reason
    free_feed = watch(free, one_episode(tmp_path / "b", title="Free one"), operator, "ana@example.com")
    run(free, [free_feed.feed_id], retry_delays=())

    copies = {m["To"]: m for m in outbox_messages(free)}
    assert set(copies) == {operator, "ana@example.com"}
    own_text = copies[operator].get_body(("plain",)).get_content()
    own_html = copies[operator].get_body(("html",)).get_content()
    assert "Budget: 1 episode(s) wait for the monthly budget ($0.0000 of $0.00 spent in 2026-11)" in own_text
    assert "Pricey <b>episode</b>" in own_text
    assert "Pricey &lt;b&gt;episode&lt;/b&gt;" in own_html
    assert "<b>episode</b>" not in own_html
    for message in (copies["ana@example.com"],):
        assert "Budget:" not in message.get_body(("plain",)).get_content()
        assert "Budget:" not in message.get_body(("html",)).get_content()


def test_a_summary_waiting_after_paid_speech_to_text_names_only_the_summarys_cost(tmp_path, chat):
    from podcast_digest.costs.gate import summarizer_within_budget
    from podcast_digest.errors import OverBudget
    from podcast_digest.models import CostEstimate, Episode, Transcript

    ctx = llm_context(tmp_path, chat, monthly_budget_usd=0.001)
    ctx.records.put_feed(Feed(feed_id="feed-1", url="https://x.example/feed.xml", title="Show"))
    transcribed = Episode(
        episode_id="ep-1",
        feed_id="feed-1",
        status=EpisodeStatus.TRANSCRIBED,
        transcription_cost_usd=0.18,
        cost_estimate=CostEstimate(
            transcription_usd=0.18, transcription_engine="openai gpt-4o-mini-transcribe", audio_seconds=3600
        ),
    )
    ctx.records.put_episode(transcribed)
    transcript = Transcript.model_validate(
        {
            "segments": [{"start": 0, "end": 3600, "text": "words about gardens " * 2000}],
            "source": {"kind": "speech_to_text", "engine": "openai"},
        }
    )

    with pytest.raises(OverBudget) as raised:
        summarizer_within_budget(ctx, transcribed, transcript)

    assert "the LLM summary waits: it would cost about $" in str(raised.value)
    assert "min of" not in str(raised.value)
    stored = ctx.records.get_episode("ep-1")
    assert stored.cost_estimate.transcription_usd == 0.18  # the estimate made before paid work stays
    assert stored.cost_estimate.summary_usd > 0.001
    assert stored.estimated_cost_usd == pytest.approx(0.18 + stored.cost_estimate.summary_usd)
    assert chat.calls == []
