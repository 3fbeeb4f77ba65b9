"""A podcast feed we watch, with the polling state that makes us polite to its publisher."""

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from podcast_digest.models.base import DomainModel
from podcast_digest.models.episode import Person
from podcast_digest.models.feed_controls import FeedControls


class FeedStatus(StrEnum):
    NEW = "new"
    OK = "ok"
    ERROR = "error"


class Feed(DomainModel):
    feed_id: str
    url: str = Field(description="Where the feed is fetched from: http(s) URL or a local file path")
    title: str = ""
    description: str = Field("", description="Untrusted feed text; escape or sanitise before display")
    link: str | None = None
    language: str | None = None
    image_url: str | None = None
    persons: list[Person] = Field(
        default_factory=list, description="the channel's <podcast:person> tags: the show's regular cast"
    )
    added_at: datetime | None = None

    # Polling state (conditional GET, backoff, visibility in `feeds list`).
    status: FeedStatus = FeedStatus.NEW
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    last_polled_at: datetime | None = None
    next_poll_at: datetime | None = None
    consecutive_failures: int = 0
    last_error: str | None = None
    update_frequency_seconds: int | None = None

    monthly_budget_usd: float | None = Field(
        None, ge=0, description="this feed's monthly spend cap (`podcast-digest costs budget FEED AMOUNT`)"
    )
    # What the operator set with `feeds set` (stored in the feed's JSON: no migration). The
    # transcription pin is controls.language; `language` above is what the feed declares (untrusted).
    controls: FeedControls = Field(default_factory=FeedControls)
