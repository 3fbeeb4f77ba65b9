"""subscription_api: sign-up, confirm, one-click unsubscribe, manage, summary pages; the archive and Atom
when the operator makes them public (PODCAST_DIGEST_ARCHIVE_PUBLIC, off by default here)."""

import podcast_digest.lambda_support.init_phase  # noqa: F401  (first: no garbage collection while importing)

# isort: split
from functools import lru_cache
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.observability import logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start
from podcast_digest.web.api import build_api
from podcast_digest.web.context_site import site_from

FUNCTION = cold_start("subscription_api")


@lru_cache(maxsize=4)
def web_api(archive_public: bool, base_url: str | None) -> APIGatewayHttpResolver:
    """One resolver per warm instance and settings; its Site builds a fresh context per request."""
    return build_api(
        site_from(lambda: FUNCTION.context().pipeline, archive_public=archive_public, base_url=base_url)
    )


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    settings = FUNCTION.context().pipeline.settings
    return web_api(bool(settings.archive_public), settings.public_base_url).resolve(event, context)
