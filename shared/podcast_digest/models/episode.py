"""An episode of a feed (or a file dropped in) and where it is in the pipeline."""

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from podcast_digest.models.base import DomainModel
from podcast_digest.models.costs import CostEstimate


class EpisodeStatus(StrEnum):
    """discovered → fetched → transcribed → summarized → notified, or failed (retriable), or skipped
    (a feed's skip rule matched: done, not failed; `skipped_by` names the rule)."""

    DISCOVERED = "discovered"
    FETCHED = "fetched"
    TRANSCRIBED = "transcribed"
    SUMMARIZED = "summarized"
    NOTIFIED = "notified"
    FAILED = "failed"
    SKIPPED = "skipped"


class EpisodeType(StrEnum):
    FULL = "full"
    TRAILER = "trailer"
    BONUS = "bonus"


class Enclosure(DomainModel):
    url: str
    mime_type: str | None = None
    length: int | None = Field(None, ge=0)


class TranscriptLink(DomainModel):
    """A `<podcast:transcript>` the publisher offers."""

    url: str
    mime_type: str | None = None
    language: str | None = None
    rel: str | None = None


class Chapter(DomainModel):
    start_seconds: float = Field(ge=0)
    title: str
    url: str | None = None


class Person(DomainModel):
    """A `<podcast:person>` the publisher names: who is on the show (untrusted feed text), not which
    voice of the transcript is theirs."""

    name: str = Field(max_length=120)
    role: str = Field("host", description="the Podcasting 2.0 taxonomy's role, lower-case: host, guest…")
    group: str = Field("cast", description="the taxonomy's group, lower-case: cast, writing, visuals…")

    @property
    def speaks(self) -> bool:
        """Someone heard on the show (the cast), not the cover artist or the editor."""
        return self.group == "cast"


class Episode(DomainModel):
    episode_id: str
    feed_id: str
    guid: str | None = None
    title: str = ""
    description: str = Field("", description="Untrusted show notes (may hold HTML); sanitise before display")
    promise_known: bool = Field(
        True,
        description="False when no title or description came from the publisher (a dropped file): "
        "there is then no promise for Quick Takes to judge",
    )
    link: str | None = None
    published_at: datetime | None = None
    duration_seconds: float | None = Field(None, ge=0)
    language: str | None = None
    episode_type: EpisodeType = EpisodeType.FULL
    audio: Enclosure | None = None
    transcripts: list[TranscriptLink] = Field(default_factory=list)
    chapters_url: str | None = None
    chapters: list[Chapter] = Field(default_factory=list)
    persons: list[Person] = Field(
        default_factory=list, description="the item's <podcast:person> tags (the feed's apply when empty)"
    )
    notes: list[str] = Field(
        default_factory=list, description="What the feed item had that could not be used (a malformed URL…)"
    )
    recipients: list[str] = Field(
        default_factory=list, description="For a dropped file: who gets the digest besides feed subscribers"
    )

    backfill: bool = Field(
        False, description="found on a feed's first poll beyond the newest few: recorded, not processed"
    )

    status: EpisodeStatus = EpisodeStatus.DISCOVERED
    failed_step: str | None = None
    skipped_by: str | None = Field(None, description="the feed's skip rule that matched (status skipped)")
    failure_reason: str | None = None
    attempts: int = 0
    transcript_fetch_failures: int = Field(
        0,
        ge=0,
        description="transient failures fetching the publisher transcript (pipeline/transcript_retry.py)",
    )

    # Artefacts already made: kept when a later step fails, so a retry resumes.
    audio_key: str | None = None
    transcript_key: str | None = None
    transcript_engine: str | None = None
    transcription_cost_usd: float | None = None
    audio_seconds: float | None = None

    # Cost (podcast_digest/costs): the estimate made before paid work, and why the episode waits.
    estimated_cost_usd: float | None = Field(
        None, description="the estimate before paid work; None: not made yet, or the audio length is unknown"
    )
    cost_estimate: CostEstimate | None = None
    waiting_reason: str | None = Field(
        None,
        description="why the episode waits without failing (the monthly budget); cleared when it goes on",
    )

    discovered_at: datetime | None = None
    updated_at: datetime | None = None
