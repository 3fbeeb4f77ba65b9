"""notify step: the digest to every confirmed subscriber through SES, exactly once each (delivery claims)."""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.observability import MetricUnit, logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.steps import notify_episode

FUNCTION = cold_start("notify")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_parser(model=EpisodeRef)
def lambda_handler(event: EpisodeRef, context: LambdaContext) -> dict[str, Any]:
    logger.append_keys(episode_id=event.episode_id)
    result = notify_episode(FUNCTION.context().pipeline, event)
    metrics.add_metric(name="DigestsSent", unit=MetricUnit.Count, value=result.sent)
    return result.model_dump()
