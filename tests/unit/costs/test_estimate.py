"""The estimate before paid work: what it is made of, and how the audio's length is known."""

import pytest

from podcast_digest.costs.allowance import dollars
from podcast_digest.costs.estimate import audio_length, estimate_episode
from podcast_digest.costs.month import checked_month, month_of
from podcast_digest.errors import BadInputError, ConfigurationError
from podcast_digest.models import Enclosure, Episode
from podcast_digest.settings import Settings, load_settings


def episode(**fields) -> Episode:
    return Episode(episode_id="ep", feed_id="feed", **fields)


def test_the_length_comes_from_the_feed_else_the_enclosure_size_at_a_low_bitrate():
    assert audio_length(episode(duration_seconds=1800)).seconds == 1800
    sized = audio_length(episode(audio=Enclosure(url="https://x.example/a.mp3", length=28_800_000)))
    assert sized.seconds == 3600  # 28.8 MB at 64 kbps
    assert "assumed 64 kbps" in sized.basis
    unknown = audio_length(episode(audio=Enclosure(url="https://x.example/a.mp3")))
    assert unknown.seconds is None
    assert "unknown" in unknown.basis


def summarizer_defaults() -> tuple[float, int, int]:
    """The LLM summarizer's own input overhead and output allowances, which the estimate follows."""
    import inspect

    from podcast_digest.summarization.llm.map_reduce import MapReduce
    from podcast_digest.summarization.llm.summarizer import LLMSummarizer

    engine = inspect.signature(MapReduce.__init__).parameters
    return (
        inspect.signature(LLMSummarizer.__init__).parameters["input_ratio"].default,
        engine["map_output_tokens"].default,
        engine["reduce_output_tokens"].default,
    )


def test_an_hour_of_openai_speech_to_text_and_an_llm_summary_is_priced_from_the_tables():
    settings = Settings(
        transcriber="openai", summarizer="llm", openai_api_key="sk-x", llm_model="gpt-4o-mini"
    )
    ratio, per_part, overview = summarizer_defaults()

    estimate = estimate_episode(settings, episode(duration_seconds=3600), publisher_transcript=False)

    assert estimate.transcription_usd == pytest.approx(0.18)  # 60 min x $0.003
    assert estimate.transcription_engine == "openai gpt-4o-mini-transcribe"
    # 60 min x 160 words x 1.35 tokens in, x the map-reduce's input overhead;
    # 14 parts of 270 s, each with its output allowance, and the overview's, out.
    assert estimate.transcript_tokens == 12960
    assert estimate.input_tokens == pytest.approx(ratio * 12960, abs=1)
    assert estimate.output_tokens == 14 * per_part + overview
    expected = (
        estimate.input_tokens * 0.15 + estimate.output_tokens * 0.60
    ) / 1e6  # gpt-4o-mini's list price
    assert estimate.summary_usd == pytest.approx(expected, abs=1e-6)
    assert estimate.total_usd == pytest.approx(0.18 + estimate.summary_usd)


def test_a_publisher_transcript_and_the_offline_engines_cost_nothing():
    settings = Settings(transcriber="offline", summarizer="extractive")
    free = estimate_episode(Settings(), episode(duration_seconds=3600), publisher_transcript=True)
    offline = estimate_episode(settings, episode(duration_seconds=3600), publisher_transcript=False)
    assert free.total_usd == 0.0
    assert free.transcription_engine == "publisher"
    assert offline.total_usd == 0.0
    assert offline.summary_model == "extractive"


def test_an_unknown_length_makes_an_unknown_cost():
    estimate = estimate_episode(
        Settings(transcriber="openai", openai_api_key="sk-x"), episode(), publisher_transcript=False
    )
    assert estimate.transcription_usd is None
    assert estimate.total_usd is None
    assert not estimate.known


def test_months_and_amounts_read_and_print_plainly():
    from datetime import datetime, timedelta, timezone

    assert month_of(datetime(2026, 12, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))) == "2026-11"  # UTC
    assert checked_month(" 2026-02 ") == "2026-02"
    with pytest.raises(BadInputError, match="YYYY-MM"):
        checked_month("2026-13")
    assert [dollars(v) for v in (12.5, 0.01, 0.005, 0, 3)] == ["$12.50", "$0.01", "$0.005", "$0.00", "$3.00"]


def test_the_budget_setting_reads_empty_as_none_and_refuses_a_negative(monkeypatch):
    monkeypatch.setenv("PODCAST_DIGEST_MONTHLY_BUDGET_USD", "")
    assert load_settings().monthly_budget_usd is None
    monkeypatch.setenv("PODCAST_DIGEST_MONTHLY_BUDGET_USD", "-3")
    with pytest.raises(ConfigurationError, match="monthly_budget_usd"):
        load_settings()
