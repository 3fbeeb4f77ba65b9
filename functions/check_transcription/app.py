"""check_transcription: has the Amazon Transcribe job finished? Store the transcript when it has."""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from typing import Any

from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.events import TranscriptionJob
from podcast_digest.lambda_support.observability import logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start
from podcast_digest.lambda_support.transcription_jobs import check_job

FUNCTION = cold_start("check_transcription")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_parser(model=TranscriptionJob)
def lambda_handler(event: TranscriptionJob, context: LambdaContext) -> dict[str, Any]:
    logger.append_keys(episode_id=event.episode_id, job_name=event.job_name)
    return check_job(FUNCTION.context(), event).model_dump()
