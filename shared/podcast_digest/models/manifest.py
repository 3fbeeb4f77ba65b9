"""What is said about an episode entering the pipeline: one contract for both doors.

A file dropped under `incoming/` says it in its S3 metadata or its sidecar
`<key>.meta.json`; the poller says it in the manifest it writes under
`episodes/<feed_id>/<episode_id>.json` for each new episode. Both are this
model, and the S3 ObjectCreated event of either starts the pipeline through
the same entry (start_pipeline). Everything here is untrusted input.

`episode_id`, `enclosure_url`, `transcript_urls` and `budget_month` are the poller's: it has
recorded that episode already, and the entry starts it only if the records
agree. A dropped file's episode id comes from its key and content instead, so
the drop folder ignores them.
"""

from pydantic import Field, field_validator

from podcast_digest.models.base import DomainModel
from podcast_digest.models.subscriber import normalise_email

MAX_MANIFEST_BYTES = 64 * 1024  # a sidecar or a manifest; more than this is not metadata
MAX_URL_LENGTH = 4096
POLLER_FIELDS = frozenset(
    {"episode_id", "enclosure_url", "transcript_urls", "budget_month"}
)  # a drop's are ignored


class EpisodeManifest(DomainModel):
    """Title, feed, recipients… of an episode; for a polled one also its id and where its audio is."""

    title: str | None = Field(None, max_length=500)
    description: str | None = Field(None, max_length=5000)
    feed: str | None = Field(None, max_length=2000, description="a known feed's id or URL")
    recipients: list[str] = Field(default_factory=list, max_length=100)
    language: str | None = Field(None, max_length=20)
    etag: str | None = Field(None, max_length=200)
    episode_id: str | None = Field(None, min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")
    enclosure_url: str | None = Field(None, max_length=MAX_URL_LENGTH)
    transcript_urls: list[str] = Field(default_factory=list, max_length=20)
    budget_month: str | None = Field(
        None,
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="for an episode the monthly budget holds: the month this announcement tries it in. "
        "A new month writes new bytes, so a new execution; within a month the same bytes start nothing",
    )

    @field_validator("recipients", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [part for part in (p.strip() for p in value.split(",")) if part]
        return value

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        return [normalise_email(address) for address in value]

    @field_validator("transcript_urls")
    @classmethod
    def _bounded_urls(cls, value: list[str]) -> list[str]:
        for url in value:
            if len(url) > MAX_URL_LENGTH:
                raise ValueError(f"a transcript URL is over {MAX_URL_LENGTH} characters")
        return value
