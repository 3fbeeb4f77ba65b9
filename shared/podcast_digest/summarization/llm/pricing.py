"""What a model's tokens cost: an editable table, US dollars per million tokens.

Prices are OpenAI's list prices for standard (non-batch) chat completions as
published in 2025; edit `PRICES` when they change or to add a model. A dated
snapshot ("gpt-4o-mini-2024-07-18") is priced as its base model. A model that
is not in the table (a local Ollama or vLLM model, say) costs 0 here, and
`price_for` returns None so the caller can say the cost is unknown.
"""

from pydantic import Field

from podcast_digest.models.base import DomainModel


class Price(DomainModel):
    input_per_million: float = Field(ge=0)
    cached_input_per_million: float = Field(ge=0)
    output_per_million: float = Field(ge=0)


PRICES: dict[str, Price] = {
    "gpt-4o-mini": Price(input_per_million=0.15, cached_input_per_million=0.075, output_per_million=0.60),
    "gpt-4o": Price(input_per_million=2.50, cached_input_per_million=1.25, output_per_million=10.00),
    "gpt-4.1": Price(input_per_million=2.00, cached_input_per_million=0.50, output_per_million=8.00),
    "gpt-4.1-mini": Price(input_per_million=0.40, cached_input_per_million=0.10, output_per_million=1.60),
    "gpt-4.1-nano": Price(input_per_million=0.10, cached_input_per_million=0.025, output_per_million=0.40),
    "gpt-5": Price(input_per_million=1.25, cached_input_per_million=0.125, output_per_million=10.00),
    "gpt-5-mini": Price(input_per_million=0.25, cached_input_per_million=0.025, output_per_million=2.00),
    "gpt-5-nano": Price(input_per_million=0.05, cached_input_per_million=0.005, output_per_million=0.40),
    "o4-mini": Price(input_per_million=1.10, cached_input_per_million=0.275, output_per_million=4.40),
}


def price_for(model: str) -> Price | None:
    """The model's price, or its base model's for a dated snapshot; None when the table doesn't know it."""
    name = model.strip().lower()
    if name in PRICES:
        return PRICES[name]
    # Longest base name first, so "gpt-4o-mini-2024-07-18" is not priced as "gpt-4o".
    for base in sorted(PRICES, key=len, reverse=True):
        if name.startswith(base + "-"):
            return PRICES[base]
    return None


def cost_usd(model: str, input_tokens: int, output_tokens: int, cached_input_tokens: int = 0) -> float:
    """The cost of the tokens in dollars; 0.0 for a model the table does not know."""
    price = price_for(model)
    if price is None:
        return 0.0
    cached = min(cached_input_tokens, input_tokens)
    return (
        (input_tokens - cached) * price.input_per_million
        + cached * price.cached_input_per_million
        + output_tokens * price.output_per_million
    ) / 1_000_000


class Usage(DomainModel):
    """Tokens billed and calls made, as the API's `usage` reports them."""

    input_tokens: int = 0
    output_tokens: int = 0
    cached_input_tokens: int = 0
    calls: int = 0

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cached_input_tokens=self.cached_input_tokens + other.cached_input_tokens,
            calls=self.calls + other.calls,
        )

    def cost_usd(self, model: str) -> float:
        return cost_usd(model, self.input_tokens, self.output_tokens, self.cached_input_tokens)
