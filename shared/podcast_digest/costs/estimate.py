"""An episode's expected cost before any paid work: audio minutes × the speech-to-text price, and
expected tokens × the model's price.

The audio's length comes from what was measured, else the feed's <itunes:duration>, else the
enclosure's size at an assumed bitrate (ASSUMED_KBPS, low on purpose: a lower bitrate means a
longer episode, so the guess errs on the dear side). With none of these the length is unknown,
and so is the cost: the budget then treats the episode as over budget (gate.py).

The LLM's tokens come from the transcript's length (estimated from the audio's length at
SPEECH_WORDS_PER_MINUTE before there is one), through the map-reduce's own input overhead
(`input_ratio`) and its output allowances per part and for the overview, read from the
summarizer's defaults so the estimate follows them.
"""

import inspect
import math
from dataclasses import dataclass

from podcast_digest.costs.engines import transcription_engine, uses_llm
from podcast_digest.models import CostEstimate, Episode
from podcast_digest.settings import Settings
from podcast_digest.summarization.sections import TOKENS_PER_WORD
from podcast_digest.transcription.pricing import transcription_cost_usd

ASSUMED_KBPS = 64
SPEECH_WORDS_PER_MINUTE = 160


@dataclass(frozen=True)
class AudioLength:
    seconds: float | None
    basis: str


def audio_length(episode: Episode, probed_seconds: float | None = None) -> AudioLength:
    """How long the episode's audio is, and how we know (`probed_seconds`: from the file's headers)."""
    if episode.audio_seconds:
        return AudioLength(episode.audio_seconds, "measured from the audio")
    if episode.duration_seconds:
        return AudioLength(episode.duration_seconds, "the feed's duration")
    if probed_seconds:
        return AudioLength(probed_seconds, "the audio file's headers")
    if episode.audio is not None and episode.audio.length:
        seconds = episode.audio.length * 8 / (ASSUMED_KBPS * 1000)
        megabytes = episode.audio.length / 1_000_000
        return AudioLength(
            seconds, f"the enclosure's size ({megabytes:.1f} MB) at an assumed {ASSUMED_KBPS} kbps"
        )
    return AudioLength(None, "unknown: the feed gives no duration and the enclosure no size")


def spoken_tokens(audio_seconds: float) -> int:
    """About how many tokens a transcript of this much talk has."""
    return math.ceil(audio_seconds / 60 * SPEECH_WORDS_PER_MINUTE * TOKENS_PER_WORD)


def estimate_episode(
    settings: Settings, episode: Episode, *, publisher_transcript: bool, probed_seconds: float | None = None
) -> CostEstimate:
    """The estimate before transcription: speech to text (0 for a publisher transcript) and the summary."""
    length = audio_length(episode, probed_seconds)
    engine, model = ("publisher", None) if publisher_transcript else transcription_engine(settings)
    stt: float | None = 0.0
    if not publisher_transcript:
        stt = None if length.seconds is None else transcription_cost_usd(engine, model, length.seconds)
    tokens = spoken_tokens(length.seconds) if length.seconds else 0
    summary = estimate_summary(settings, tokens, length.seconds or 0.0)
    return summary.model_copy(
        update={
            "transcription_usd": stt,
            "transcription_engine": " ".join(p for p in (engine, model) if p),
            "audio_seconds": length.seconds,
            "audio_seconds_basis": length.basis,
        }
    )


def estimate_summary(settings: Settings, transcript_tokens: int, audio_seconds: float) -> CostEstimate:
    """The summary's expected cost from the transcript's tokens (0 for the extractive summarizer)."""
    if not uses_llm(settings):
        return CostEstimate(
            transcription_usd=0.0, summary_model="extractive", transcript_tokens=transcript_tokens
        )
    from podcast_digest.summarization.llm.pricing import cost_usd

    shape = _map_reduce_shape()
    parts = max(1, math.ceil(audio_seconds / shape.section_seconds)) if audio_seconds else 1
    input_tokens = math.ceil(shape.input_ratio * transcript_tokens)
    output_tokens = parts * shape.map_output_tokens + shape.reduce_output_tokens
    return CostEstimate(
        transcription_usd=0.0,
        summary_usd=round(cost_usd(settings.llm_model, input_tokens, output_tokens), 6),
        summary_model=settings.llm_model,
        transcript_tokens=transcript_tokens,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
    )


@dataclass(frozen=True)
class _Shape:
    input_ratio: float
    section_seconds: float
    map_output_tokens: int
    reduce_output_tokens: int


def _map_reduce_shape() -> _Shape:
    """The LLM summarizer's own defaults: its input overhead, part length and output allowances."""
    from podcast_digest.summarization.llm.map_reduce import MapReduce
    from podcast_digest.summarization.llm.summarizer import LLMSummarizer

    summarizer = inspect.signature(LLMSummarizer.__init__).parameters
    engine = inspect.signature(MapReduce.__init__).parameters
    return _Shape(
        input_ratio=summarizer["input_ratio"].default,
        section_seconds=summarizer["section_seconds"].default,
        map_output_tokens=engine["map_output_tokens"].default,
        reduce_output_tokens=engine["reduce_output_tokens"].default,
    )
