"""summarize step: transcript → summary in the house format, stored in DynamoDB and as files in S3."""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.observability import MetricUnit, logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start, once
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.steps import summarize_episode

FUNCTION = cold_start("summarize")


def _summarize(payload: dict[str, Any]) -> dict[str, Any]:
    result = summarize_episode(FUNCTION.context().pipeline, EpisodeRef.model_validate(payload))
    metrics.add_metric(name="SummaryCostUSD", unit=MetricUnit.Count, value=result.cost_usd)
    return result.model_dump()


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_parser(model=EpisodeRef)
def lambda_handler(event: EpisodeRef, context: LambdaContext) -> dict[str, Any]:
    logger.append_keys(episode_id=event.episode_id)
    return once("summarize", _summarize, event.model_dump(), context)
