"""subscription_api: subscribe (double opt-in), confirm, one-click unsubscribe, manage, summary pages."""

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from podcast_digest.lambda_support.observability import logger, metrics, tracer
from podcast_digest.lambda_support.runtime import cold_start
from podcast_digest.subscriptions.http_api import build_api
from podcast_digest.subscriptions.service import SubscriptionService
from podcast_digest.subscriptions.signing_key import signer_for

FUNCTION = cold_start("subscription_api")


def subscription_service() -> SubscriptionService:
    ctx = FUNCTION.context().pipeline
    return SubscriptionService(ctx, signer_for(ctx.settings))


api = build_api(subscription_service)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return api.resolve(event, context)
