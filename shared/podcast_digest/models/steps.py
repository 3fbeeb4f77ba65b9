"""Step payloads: what one pipeline step hands the next (in Step Functions and in-process).

Small on purpose: ids and storage keys, never a transcript or a summary
(Step Functions caps a state's input/output at 256 KB).
"""

from pydantic import Field

from podcast_digest.models.base import DomainModel


class EpisodeRef(DomainModel):
    feed_id: str
    episode_id: str


class TranscribeResult(EpisodeRef):
    transcript_key: str
    source: str


class SummarizeResult(EpisodeRef):
    summary_key: str
    cost_usd: float = 0.0


class NotifyResult(EpisodeRef):
    sent: int = 0
    already_sent: int = 0
    resent: int = Field(0, description="of those sent: again after an uncertain attempt, same Message-ID")
    failed: int = 0


class StepFailure(EpisodeRef):
    """What the state machine's Catch hands mark_failed."""

    step: str
    error: str = Field(description="the exception class name (Step Functions' Error)")
    cause: str = Field("", description="the message (Step Functions' Cause)")
