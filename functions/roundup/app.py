"""roundup (on a schedule): the daily or weekly roundup email, once per subscriber and period."""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.observability import MetricUnit, logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start
from podcast_digest.subscriptions.roundup import RoundupRequest, send_roundups

FUNCTION = cold_start("roundup")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_parser(model=RoundupRequest)
def lambda_handler(event: RoundupRequest, context: LambdaContext) -> dict[str, Any]:
    logger.append_keys(frequency=event.frequency.value)
    result = send_roundups(FUNCTION.context().pipeline, event.frequency, event.now)
    metrics.add_metric(name="RoundupsSent", unit=MetricUnit.Count, value=result.sent)
    return result.model_dump()
