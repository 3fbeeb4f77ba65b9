"""mark_failed: the state machine's Catch lands here; the episode records the step and the reason."""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.events import CaughtFailure
from podcast_digest.lambda_support.observability import MetricUnit, logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start
from podcast_digest.models import EpisodeStatus
from podcast_digest.pipeline.steps import mark_failed

FUNCTION = cold_start("mark_failed")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_parser(model=CaughtFailure)
def lambda_handler(event: CaughtFailure, context: LambdaContext) -> dict[str, Any]:
    logger.warning(
        "episode failed", extra={"episode_id": event.episode_id, "step": event.step, "error": event.error}
    )
    episode = mark_failed(FUNCTION.context().pipeline, event)
    # OverBudget is caught here too: that episode waits for the monthly budget, it has not failed.
    waiting = episode.waiting_reason is not None and episode.status is not EpisodeStatus.FAILED
    metrics.add_metric(
        name="EpisodesWaiting" if waiting else "EpisodesFailed", unit=MetricUnit.Count, value=1
    )
    reason = episode.waiting_reason if waiting else episode.failure_reason
    return {**event.model_dump(), "status": episode.status.value, "reason": reason}
