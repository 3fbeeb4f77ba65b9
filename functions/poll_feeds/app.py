"""poll_feeds (on a schedule): find the due feeds by index and fan them out to the poll queue in batches."""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.events import ScheduledEvent
from podcast_digest.lambda_support.observability import logger, metrics, tracer
from podcast_digest.lambda_support.polling import fan_out_due_feeds
from podcast_digest.lambda_support.runtime import cold_start

FUNCTION = cold_start("poll_feeds")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_parser(model=ScheduledEvent)
def lambda_handler(event: ScheduledEvent, context: LambdaContext) -> dict[str, Any]:
    stack = FUNCTION.context()
    return fan_out_due_feeds(stack, stack.pipeline.clock()).model_dump()
