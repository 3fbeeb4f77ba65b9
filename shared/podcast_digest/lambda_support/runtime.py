"""A Lambda function's cold start and per-invocation context, and Powertools idempotency for paid steps.

Each handler module calls `cold_start("<function>")` at import: the settings
that function needs are checked once, in the init phase, so a stack deployed
without one fails every invocation with the same one line naming it. The
context is built per invocation by wiring.py from the cached settings (plus
the secret, only for a function whose engine needs it, cached by Powertools
Parameters): building it creates no client, and a fresh one per event keeps
no state between events that the records do not.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from podcast_digest.lambda_support import init_phase
from podcast_digest.lambda_support.observability import logger
from podcast_digest.lambda_support.stack import FUNCTIONS, StackContext, check_configuration
from podcast_digest.settings import get_settings

IDEMPOTENCY_SECONDS = 3600


@dataclass(frozen=True)
class LambdaFunction:
    """One of the stack's functions, as its handler module sees it after a good cold start."""

    name: str

    def context(self) -> StackContext:
        from podcast_digest.wiring import build_stack_context

        return build_stack_context(get_settings(), FUNCTIONS[self.name])


def cold_start(function: str) -> LambdaFunction:
    """Check this function's configuration once, at import; raises ConfigurationError naming what is missing."""
    try:
        check_configuration(function, get_settings())
    finally:
        init_phase.finished()
    return LambdaFunction(function)


def idempotency_seconds(lambda_context: Any = None) -> int:
    """How long a finished step's result is kept: an hour, and never less than the invocation can run."""
    if lambda_context is None:
        return IDEMPOTENCY_SECONDS
    running_for = int(lambda_context.get_remaining_time_in_millis()) // 1000
    return max(IDEMPOTENCY_SECONDS, 2 * running_for)


def once(
    step: str,
    work: Callable[[dict[str, Any]], dict[str, Any]],
    payload: dict[str, Any],
    lambda_context: Any = None,
) -> dict[str, Any]:
    """Run `work(payload)` at most once per payload within an hour (records in the stack's table).

    With the Lambda context, the in-progress window is the invocation's remaining time, and the
    time left reaches the work (podcast_digest.transcription.engines.time_budget), so a long
    transcription stops in time and continues in the next invocation.

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
    from podcast_digest.transcription.engines import time_budget

    settings = get_settings()
    if not settings.table_name:
        logger.warning("no table configured: running %s without idempotency", step)
        with time_budget.invocation(lambda_context):
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
    config = IdempotencyConfig(expires_after_seconds=idempotency_seconds(lambda_context))
    if lambda_context is not None:
        # The in-progress record lasts exactly as long as this invocation can run: a duplicate (a
        # Lambda service retry) meets it while the work runs and waits (the state machine retries
        # IdempotencyAlreadyInProgressError for longer than any function's timeout); an invocation
        # that times out mid-work leaves a record that expires with it.
        config.register_lambda_context(lambda_context)

    def run(payload: dict[str, Any]) -> dict[str, Any]:
        with time_budget.invocation(lambda_context):
            return work(payload)

    guarded = idempotent_function(data_keyword_argument="payload", persistence_store=store, config=config)(
        run
    )
    return guarded(payload=payload)
