"""Pydantic models of the events the handlers receive (shapes as AWS sends them; see events/*.json).

Everything here is untrusted input: keys are URL-decoded once, sizes bounded,
and an s3:TestEvent (sent when a notification is configured) parses to a
notification with no records.
"""

import json
from urllib.parse import unquote_plus

from pydantic import Field, field_validator, model_validator

from podcast_digest.models.base import DomainModel
from podcast_digest.models.steps import EpisodeRef, StepFailure


class S3Bucket(DomainModel):
    name: str


class S3Object(DomainModel):
    key: str = Field(max_length=2048)
    size: int | None = Field(None, ge=0)
    etag: str = Field("", alias="eTag")
    version_id: str | None = Field(None, alias="versionId")
    sequencer: str | None = None

    @field_validator("key")
    @classmethod
    def _decoded(cls, value: str) -> str:
        # S3 notifications carry keys form-encoded ("Happy+Face.jpg", "%C3%A9").
        return unquote_plus(value)


class S3Entity(DomainModel):
    bucket: S3Bucket
    object: S3Object


class S3Record(DomainModel):
    event_name: str = Field(alias="eventName")
    s3: S3Entity

    @property
    def is_object_created(self) -> bool:
        return self.event_name.startswith("ObjectCreated:")


class S3Notification(DomainModel):
    """An S3 event notification delivered straight to Lambda; a TestEvent has no Records."""

    records: list[S3Record] = Field(default_factory=list, alias="Records", max_length=100)
    event: str | None = Field(None, alias="Event")

    @property
    def created(self) -> list[S3Record]:
        return [r for r in self.records if r.is_object_created]


class SQSMessage(DomainModel):
    message_id: str = Field(alias="messageId")
    body: str = Field(max_length=262_144)


class SQSBatch(DomainModel):
    records: list[SQSMessage] = Field(alias="Records", max_length=10_000)


class FeedBatch(DomainModel):
    """One SQS message of the poll fan-out: the feeds one poll_feed_batch invocation polls."""

    feed_ids: list[str] = Field(min_length=1, max_length=1000)


class ScheduledEvent(DomainModel):
    """EventBridge Scheduler / rule event: only its time matters (and not even that)."""

    time: str | None = None


class TranscriptionJob(EpisodeRef):
    """An Amazon Transcribe job the state machine waits on (Wait → Check → Choice)."""

    job_name: str
    checks: int = Field(0, ge=0)
    wait_seconds: int = Field(30, ge=1, le=600, description="the state machine's next Wait (SecondsPath)")
    waited_seconds: int = Field(0, ge=0)


class CaughtFailure(StepFailure):
    """What the state machine's Catch hands mark_failed: the Lambda error payload unpacked.

    Step Functions puts the whole error payload JSON in Cause
    ({"errorMessage", "errorType", "stackTrace"}); the episode keeps the message only.
    """

    @model_validator(mode="before")
    @classmethod
    def _unpack_cause(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        cause = data.get("cause")
        if isinstance(cause, str) and cause.startswith("{"):
            try:
                payload = json.loads(cause)
            except ValueError:
                return data
            if isinstance(payload, dict) and "errorMessage" in payload:
                data = {**data, "cause": str(payload["errorMessage"])}
        return data
