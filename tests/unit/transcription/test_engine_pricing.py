"""The price table: cost per audio minute for each engine and model."""

import pytest

from podcast_digest.transcription.pricing import (
    PRICE_PER_MINUTE_USD,
    cost_per_hour_usd,
    price_per_minute,
    transcription_cost_usd,
)


def test_cost_is_the_per_minute_price_times_the_minutes_sent():
    assert transcription_cost_usd("openai", "gpt-4o-mini-transcribe", 3600) == pytest.approx(0.18)
    assert transcription_cost_usd("openai", "whisper-1", 90) == pytest.approx(0.009)


def test_the_offline_engine_is_free_whatever_the_model_folder():
    assert transcription_cost_usd("faster-whisper", "tiny.en", 7200) == 0.0
    assert transcription_cost_usd("faster-whisper", "my-large-v3", 7200) == 0.0


def test_amazon_transcribe_bills_at_least_fifteen_seconds():
    assert transcription_cost_usd("amazon-transcribe", None, 4) == pytest.approx(0.024 * 15 / 60)
    assert transcription_cost_usd("amazon-transcribe", None, 0) == 0.0


def test_an_unknown_model_costs_zero_with_a_warning(caplog):
    assert price_per_minute("openai", "some-new-model") is None
    assert transcription_cost_usd("openai", "some-new-model", 600) == 0.0
    assert "no price for openai some-new-model" in caplog.text


def test_every_price_is_a_non_negative_number_per_minute():
    assert all(isinstance(p, float) and p >= 0 for p in PRICE_PER_MINUTE_USD.values())
    assert cost_per_hour_usd("openai", "gpt-4o-transcribe") == pytest.approx(0.36)
