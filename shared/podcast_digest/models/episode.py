"""An episode of a feed (or a file dropped in) and where it is in the pipeline."""

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field


class EpisodeStatus(StrEnum):
    """discovered → fetched → transcribed → summarized → notified, or failed (retriable)."""

    DISCOVERED = "discovered"
    FETCHED = "fetched"
    TRANSCRIBED = "transcribed"
    SUMMARIZED = "summarized"
    NOTIFIED = "notified"
    FAILED = "failed"


class EpisodeType(StrEnum):
    FULL = "full"
    TRAILER = "trailer"
    BONUS = "bonus"


class Enclosure(BaseModel):
    url: str
    mime_type: str | None = None
    length: int | None = Field(None, ge=0)


class TranscriptLink(BaseModel):
    """A `<podcast:transcript>` the publisher offers."""

    url: str
    mime_type: str | None = None
    language: str | None = None
    rel: str | None = None


class Chapter(BaseModel):
    start_seconds: float = Field(ge=0)
    title: str
    url: str | None = None


class Episode(BaseModel):
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

    discovered_at: datetime | None = None
    updated_at: datetime | None = None
