"""poll_feed_batch (SQS consumer): poll one batch of feeds, write one manifest per new episode under episodes/.

The manifest's S3 event starts the execution (start_pipeline), as a dropped file's does.

Messages fail one by one (ReportBatchItemFailures): a feed batch that fails
returns to the queue and, after its retries, to the dead-letter queue.
"""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.events import FeedBatch
from podcast_digest.lambda_support.observability import logger, metrics, tracer
from podcast_digest.lambda_support.polling import poll_batch
from podcast_digest.lambda_support.runtime import cold_start

FUNCTION = cold_start("poll_feed_batch")
processor = BatchProcessor(event_type=EventType.SQS)


def poll_message(record: SQSRecord) -> dict[str, Any]:
    batch = FeedBatch.model_validate_json(record.body)
    return poll_batch(FUNCTION.context(), batch.feed_ids).model_dump()


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_partial_response(
        event=event, record_handler=poll_message, processor=processor, context=context
    )
