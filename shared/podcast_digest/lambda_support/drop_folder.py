"""S3 ObjectCreated under incoming/ → an episode and one pipeline execution per object.

The execution name comes from bucket + key + etag, so the same notification
delivered twice starts one execution. A file we refuse (wrong suffix, bad
metadata) is logged and counted, not retried: the episode records why where
one exists. Transient errors propagate, so Lambda's async retries and the
dead-letter queue catch them.
"""

from pydantic import BaseModel

from podcast_digest.errors import BadInputError, NotFoundError
from podcast_digest.lambda_support.events import S3Notification
from podcast_digest.lambda_support.observability import MetricUnit, logger, metrics
from podcast_digest.lambda_support.stack import DroppedObjects, StackContext
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.context import Context


class DropOutcome(BaseModel):
    started: list[str] = []
    duplicates: list[str] = []
    ignored: list[str] = []
    refused: list[str] = []


def start_for_dropped_objects(stack: StackContext, notification: S3Notification) -> DropOutcome:
    from podcast_digest.adapters.aws.stepfunctions import execution_name_for_object

    outcome = DropOutcome()
    if notification.event == "s3:TestEvent":
        logger.info("S3 test event: the bucket notification is configured")
        return outcome
    starter, dropped = stack.needs_starter(), stack.needs_dropped()
    for record in notification.created:
        bucket, key, etag = record.s3.bucket.name, record.s3.object.key, record.s3.object.etag
        if bucket != stack.pipeline.settings.bucket_name:
            logger.warning("object from another bucket refused", extra={"bucket": bucket, "key": key})
            outcome.refused.append(key)
            continue
        ref = _ingest(stack.pipeline, dropped, key, etag, outcome)
        if ref is None:
            continue
        if starter.start(execution_name_for_object(bucket, key, etag), ref):
            outcome.started.append(ref.episode_id)
        else:
            outcome.duplicates.append(ref.episode_id)
    metrics.add_metric(name="DroppedObjectsStarted", unit=MetricUnit.Count, value=len(outcome.started))
    metrics.add_metric(name="DroppedObjectsRefused", unit=MetricUnit.Count, value=len(outcome.refused))
    return outcome


def _ingest(
    ctx: Context, dropped: DroppedObjects, key: str, etag: str, outcome: DropOutcome
) -> EpisodeRef | None:
    """The episode of a dropped object, or None (recorded in `outcome` as ignored or refused)."""
    from podcast_digest.pipeline.steps import ingest_dropped

    try:
        metadata = dropped.user_metadata(key) if _looks_like_episode(key) else {}
        ref = ingest_dropped(ctx, key, {**metadata, "etag": etag})
    except NotFoundError:
        # Deleted (or overwritten with a new etag) before we got to it: its own event follows.
        logger.info("dropped object is gone", extra={"key": key})
        outcome.ignored.append(key)
        return None
    except BadInputError as exc:
        logger.warning("dropped object refused", extra={"key": key, "reason": str(exc)})
        outcome.refused.append(key)
        return None
    if ref is None:
        outcome.ignored.append(key)
    return ref


def _looks_like_episode(key: str) -> bool:
    from podcast_digest.pipeline.drop_folder import SIDECAR_SUFFIX
    from podcast_digest.pipeline.keys import INCOMING_PREFIX

    return key.startswith(INCOMING_PREFIX) and not key.endswith(("/", SIDECAR_SUFFIX))
