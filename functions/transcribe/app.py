"""transcribe step: the publisher's or dropped transcript, else speech to text (or an Amazon Transcribe job)."""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.observability import logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start, once
from podcast_digest.lambda_support.transcription_jobs import transcribe_or_start_job
from podcast_digest.models.steps import EpisodeRef

FUNCTION = cold_start("transcribe")


def _transcribe(payload: dict[str, Any]) -> dict[str, Any]:
    return transcribe_or_start_job(FUNCTION.context(), EpisodeRef.model_validate(payload)).model_dump()


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_parser(model=EpisodeRef)
def lambda_handler(event: EpisodeRef, context: LambdaContext) -> dict[str, Any]:
    logger.append_keys(episode_id=event.episode_id)
    return once("transcribe", _transcribe, event.model_dump(), context)
