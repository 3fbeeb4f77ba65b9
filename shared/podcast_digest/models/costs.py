"""What an episode is expected to cost, and what was spent: the records behind the monthly budget."""

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from podcast_digest.models.base import DomainModel


class CostStep(StrEnum):
    TRANSCRIPTION = "transcription"
    SUMMARY = "summary"


class CostEstimate(DomainModel):
    """An episode's expected cost before paid work, and what the figure was made of."""

    transcription_usd: float | None = Field(
        None, ge=0, description="None: the audio's length is unknown, so its speech-to-text cost is too"
    )
    summary_usd: float = Field(0.0, ge=0)
    transcription_engine: str = Field("", description="e.g. 'openai gpt-4o-mini-transcribe', 'publisher'")
    summary_model: str = Field("", description="the LLM priced, or 'extractive' (free)")
    audio_seconds: float | None = Field(None, ge=0)
    audio_seconds_basis: str = Field("", description="where the length came from (feed, enclosure size…)")
    transcript_tokens: int = Field(0, ge=0)
    input_tokens: int = Field(0, ge=0)
    output_tokens: int = Field(0, ge=0)

    @property
    def known(self) -> bool:
        return self.transcription_usd is not None

    @property
    def total_usd(self) -> float | None:
        if self.transcription_usd is None:
            return None
        return round(self.transcription_usd + self.summary_usd, 6)


class CostEntry(DomainModel):
    """One step's actual cost, filed under the month it was spent in (UTC, 'YYYY-MM').

    A publisher transcript is filed too, at 0, with what speech to text would have cost
    (`saved_usd`): that is what `podcast-digest costs` reports as saved.
    """

    episode_id: str
    feed_id: str
    step: CostStep
    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    usd: float = Field(0.0, ge=0)
    saved_usd: float = Field(0.0, ge=0)
    audio_seconds: float = Field(0.0, ge=0)
    source: str = Field("", description="the engine or model that did the work")
    recorded_at: datetime | None = None

    @property
    def key(self) -> tuple[str, CostStep]:
        return (self.episode_id, self.step)


class BudgetHold(DomainModel):
    """What one paid step was expected to cost, held against its month's budget before the engine is
    called, so gates running at once see each other's work before any of it has been paid for.

    A hold is never released: once the step's actual cost is in the ledger, that figure counts
    instead (same episode and step); until then the estimate does. A step that failed after the
    engine was called may well have been charged, so its hold keeps counting.
    """

    episode_id: str
    feed_id: str
    step: CostStep
    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    usd: float = Field(ge=0)
    placed_at: datetime | None = None

    @property
    def key(self) -> tuple[str, CostStep]:
        return (self.episode_id, self.step)
