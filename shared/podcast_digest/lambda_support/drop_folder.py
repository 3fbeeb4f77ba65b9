"""The one door into the pipeline: S3 ObjectCreated → an episode and one execution per object.

Two kinds of object come through it: a file dropped under incoming/ (it
becomes an episode here) and the manifest the poller writes under episodes/
for a polled episode it has recorded (models/manifest.py, the same contract
as a drop's metadata). Both are named by one rule, bucket + key + etag, so
the same notification delivered twice, or a manifest written again with the
same bytes, starts one execution (ExecutionAlreadyExists counts as done).

An object we refuse (wrong suffix, bad metadata, a manifest naming no
recorded episode) is logged and counted, not retried: the episode records why
where one exists. Transient errors propagate, so Lambda's async retries and
the dead-letter queue catch them.
"""

from pydantic import Field

from podcast_digest.errors import BadInputError, NotFoundError
from podcast_digest.lambda_support.events import S3Notification, S3Record
from podcast_digest.lambda_support.observability import MetricUnit, logger, metrics
from podcast_digest.lambda_support.stack import StackContext
from podcast_digest.models.base import DomainModel
from podcast_digest.models.steps import EpisodeRef


class DropOutcome(DomainModel):
    started: list[str] = Field(default_factory=list)
    duplicates: list[str] = Field(default_factory=list)
    ignored: list[str] = Field(default_factory=list)
    refused: list[str] = Field(default_factory=list)


def start_for_objects(stack: StackContext, notification: S3Notification) -> DropOutcome:
    """Start one execution per created object of ours (a dropped file or an episode manifest)."""
    from podcast_digest.adapters.aws.stepfunctions import execution_name_for_object

    outcome = DropOutcome()
    if notification.event == "s3:TestEvent":
        logger.info("S3 test event: the bucket notification is configured")
        return outcome
    starter = stack.needs_starter()
    for record in notification.created:
        bucket, key, etag = record.s3.bucket.name, record.s3.object.key, record.s3.object.etag
        if bucket != stack.pipeline.settings.bucket_name:
            logger.warning("object from another bucket refused", extra={"bucket": bucket, "key": key})
            outcome.refused.append(key)
            continue
        ref = _entering(stack, record, outcome)
        if ref is None:
            continue
        if starter.start(execution_name_for_object(bucket, key, etag), ref):
            outcome.started.append(ref.episode_id)
        else:
            outcome.duplicates.append(ref.episode_id)
    metrics.add_metric(name="DroppedObjectsStarted", unit=MetricUnit.Count, value=len(outcome.started))
    metrics.add_metric(name="DroppedObjectsRefused", unit=MetricUnit.Count, value=len(outcome.refused))
    return outcome


# The name the drop folder's entry had before polled episodes came through it too.
start_for_dropped_objects = start_for_objects


def _entering(stack: StackContext, record: S3Record, outcome: DropOutcome) -> EpisodeRef | None:
    """The episode an object brings in, or None (recorded in `outcome` as ignored or refused)."""
    from podcast_digest.pipeline.manifests import ingest_announced, is_manifest_key
    from podcast_digest.pipeline.steps import ingest_dropped

    key, etag = record.s3.object.key, record.s3.object.etag
    try:
        if is_manifest_key(key):
            return ingest_announced(stack.pipeline, key)
        metadata = stack.needs_dropped().user_metadata(key) if _looks_like_episode(key) else {}
        ref = ingest_dropped(stack.pipeline, key, {**metadata, "etag": etag})
    except NotFoundError:
        # Deleted (or overwritten with a new etag) before we got to it: its own event follows.
        logger.info("object is gone", extra={"key": key})
        outcome.ignored.append(key)
        return None
    except BadInputError as exc:
        logger.warning("object refused", extra={"key": key, "reason": str(exc)})
        outcome.refused.append(key)
        return None
    if ref is None:
        outcome.ignored.append(key)
    return ref


def _looks_like_episode(key: str) -> bool:
    from podcast_digest.pipeline.drop_folder import SIDECAR_SUFFIX
    from podcast_digest.pipeline.keys import INCOMING_PREFIX

    return key.startswith(INCOMING_PREFIX) and not key.endswith(("/", SIDECAR_SUFFIX))
