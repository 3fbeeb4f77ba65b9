"""ses_feedback (SNS): permanent bounces and complaints suppress the address; nothing else changes."""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.parser.models import SnsModel
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.observability import MetricUnit, logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start
from podcast_digest.subscriptions.bounces import apply_feedback

FUNCTION = cold_start("ses_feedback")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_parser(model=SnsModel)
def lambda_handler(event: SnsModel, context: LambdaContext) -> dict[str, Any]:
    ctx = FUNCTION.context().pipeline
    outcomes = [apply_feedback(ctx, record.Sns.Message) for record in event.Records]
    suppressed = sum(len(outcome.suppressed) for outcome in outcomes)
    metrics.add_metric(name="SubscribersSuppressed", unit=MetricUnit.Count, value=suppressed)
    return {"notifications": len(outcomes), "suppressed": suppressed}
