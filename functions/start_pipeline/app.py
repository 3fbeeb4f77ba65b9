"""start_pipeline, the one door: S3 ObjectCreated under incoming/ or episodes/ → one execution per object.

A dropped file or a polled episode's manifest; a duplicate event starts none.
"""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.drop_folder import start_for_objects
from podcast_digest.lambda_support.events import S3Notification
from podcast_digest.lambda_support.observability import logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start

FUNCTION = cold_start("start_pipeline")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_parser(model=S3Notification)
def lambda_handler(event: S3Notification, context: LambdaContext) -> dict[str, Any]:
    return start_for_objects(FUNCTION.context(), event).model_dump()
