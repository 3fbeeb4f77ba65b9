"""The pipeline context a handler calls the core with, and Powertools idempotency for paid steps.

The context is built per invocation from the cached settings (plus secrets,
cached by Powertools Parameters): building it creates no client, and a
fresh one per event keeps no state between events that the records do not.
"""

from collections.abc import Callable
from typing import Any

from podcast_digest.lambda_support.observability import logger
from podcast_digest.pipeline.context import Context
from podcast_digest.settings import get_settings

IDEMPOTENCY_SECONDS = 3600


def pipeline_context() -> Context:
    from podcast_digest.adapters.aws.secrets import with_secrets
    from podcast_digest.wiring import build_context

    return build_context(with_secrets(get_settings()))


def once(
    step: str,
    work: Callable[[dict[str, Any]], dict[str, Any]],
    payload: dict[str, Any],
    lambda_context: Any = None,
) -> dict[str, Any]:
    """Run `work(payload)` at most once per payload within an hour (records in the stack's table).

    A duplicate delivered while the first is running fails with
    IdempotencyAlreadyInProgressError (the state machine retries it); one
    delivered after gets the stored result. A failure stores nothing, so a
    retry runs the work again.
    """
    from aws_lambda_powertools.utilities.idempotency import (
        DynamoDBPersistenceLayer,
        IdempotencyConfig,
        idempotent_function,
    )

    from podcast_digest.adapters.aws import clients

    settings = get_settings()
    if not settings.table_name:
        logger.warning("no table configured: running %s without idempotency", step)
        return work(payload)
    store = DynamoDBPersistenceLayer(
        table_name=settings.table_name,
        key_attr="PK",
        sort_key_attr="SK",
        static_pk_value=f"IDEMPOTENCY#{step}",
        expiry_attr="expires_at",
        status_attr="idempotency_status",
        data_attr="idempotency_data",
        boto3_client=clients.dynamodb(),
    )
    config = IdempotencyConfig(expires_after_seconds=IDEMPOTENCY_SECONDS)
    if lambda_context is not None:
        # An invocation that times out mid-work leaves an in-progress record that expires with it.
        config.register_lambda_context(lambda_context)

    def run(payload: dict[str, Any]) -> dict[str, Any]:
        return work(payload)

    guarded = idempotent_function(data_keyword_argument="payload", persistence_store=store, config=config)(
        run
    )
    return guarded(payload=payload)
