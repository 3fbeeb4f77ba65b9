"""What speech to text costs: one editable table, US dollars per audio minute, per engine and model.

Edit `PRICE_PER_MINUTE_USD` when a provider changes its prices (checked
2026-11 on the providers' public price pages; OpenAI's gpt-4o transcribe
models bill audio tokens, and these are their published per-minute
estimates). Amazon Transcribe is the standard batch tier in us-east-1,
billed per second with a 15-second minimum per job.
"""

import logging

log = logging.getLogger(__name__)

# (engine, model) → USD per minute of audio sent. Model None: the engine's one price.
PRICE_PER_MINUTE_USD: dict[tuple[str, str | None], float] = {
    ("openai", "gpt-4o-mini-transcribe"): 0.003,
    ("openai", "gpt-4o-transcribe"): 0.006,
    ("openai", "gpt-4o-transcribe-diarize"): 0.006,
    ("openai", "whisper-1"): 0.006,
    ("amazon-transcribe", None): 0.024,
    ("faster-whisper", None): 0.0,  # runs on your own CPU
}

MINIMUM_BILLED_SECONDS = {"amazon-transcribe": 15.0}


def price_per_minute(engine: str, model: str | None) -> float | None:
    """USD per audio minute, or None when the table does not know this engine and model."""
    for key in ((engine, model), (engine, None)):
        if key in PRICE_PER_MINUTE_USD:
            return PRICE_PER_MINUTE_USD[key]
    return None


def transcription_cost_usd(engine: str, model: str | None, audio_seconds: float) -> float:
    """The cost of sending audio_seconds to this engine; 0.0 (with a warning) when its price is unknown."""
    price = price_per_minute(engine, model)
    if price is None:
        log.warning(
            "no price for %s %s in transcription/pricing.py: its cost is recorded as 0; add it to the table",
            engine,
            model,
        )
        return 0.0
    billed = max(audio_seconds, MINIMUM_BILLED_SECONDS.get(engine, 0.0)) if audio_seconds > 0 else 0.0
    return round(price * billed / 60, 6)


def cost_per_hour_usd(engine: str, model: str | None) -> float | None:
    """The price of one hour of audio, for comparisons (the benchmark, the README)."""
    price = price_per_minute(engine, model)
    return None if price is None else round(price * 60, 4)
