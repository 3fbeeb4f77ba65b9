"""Cost comes from the API's token counts and an editable price table."""

import pytest

from podcast_digest.summarization.llm.pricing import PRICES, Price, Usage, cost_usd, price_for


def test_cost_is_tokens_times_the_table_price():
    assert cost_usd("gpt-4o-mini", 1_000_000, 1_000_000) == pytest.approx(0.15 + 0.60)


def test_cached_input_tokens_are_priced_at_the_cached_rate():
    assert cost_usd("gpt-4o-mini", 1_000_000, 0, cached_input_tokens=400_000) == pytest.approx(
        0.6 * 0.15 + 0.4 * 0.075
    )


def test_a_dated_snapshot_is_priced_as_its_base_model_not_a_shorter_one():
    assert price_for("gpt-4o-mini-2024-07-18") == PRICES["gpt-4o-mini"]
    assert price_for("gpt-4o-2024-11-20") == PRICES["gpt-4o"]


def test_an_unknown_model_costs_nothing_and_is_reported_unknown():
    assert price_for("llama3.1:8b") is None
    assert cost_usd("llama3.1:8b", 10_000, 10_000) == 0.0


def test_the_table_is_editable(monkeypatch):
    monkeypatch.setitem(
        PRICES, "house-model", Price(input_per_million=1, cached_input_per_million=1, output_per_million=2)
    )
    assert Usage(input_tokens=500_000, output_tokens=500_000, calls=3).cost_usd(
        "house-model"
    ) == pytest.approx(1.5)


def test_usages_add_up():
    total = Usage(input_tokens=1, output_tokens=2, cached_input_tokens=0, calls=1) + Usage(
        input_tokens=10, output_tokens=20, cached_input_tokens=5, calls=2
    )
    assert total == Usage(input_tokens=11, output_tokens=22, cached_input_tokens=5, calls=3)
