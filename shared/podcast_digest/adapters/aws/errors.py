"""The one translation of botocore errors into ours, for every AWS adapter.

- Throttling (any service's spelling of it, or HTTP 429) → UpstreamThrottled,
  and 5xx, timeouts, unreachable endpoints → UpstreamUnavailable: the state
  machine retries both by name, with backoff.
- A missing permission or credentials → AwsPermissionDenied; a table, bucket,
  queue or state machine that does not exist → AwsResourceMissing. Both are
  ConfigurationErrors: the stack is wrong, retrying will not help, and the
  message says which call failed and what to check.
- Anything else → AwsRequestRefused (bad input: the same request fails again).

Adapters get this through `translated_client`, a thin wrapper over a boto3
client. The error codes an adapter answers itself (a conditional write that
lost, an object that is not there) pass through as the original ClientError.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from podcast_digest.errors import (
    BadInputError,
    ConfigurationError,
    UpstreamThrottled,
    UpstreamUnavailable,
)

THROTTLING_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "RequestThrottledException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "LimitExceededException",  # Transcribe and SES say throttling this way
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
        "BandwidthLimitExceeded",
    }
)
UNAVAILABLE_CODES = frozenset(
    {
        "InternalError",
        "InternalFailure",
        "InternalFailureException",
        "InternalServerError",
        "InternalServerException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "ServiceFailure",
        "RequestTimeout",
        "RequestTimeoutException",
        "ExecutionLimitExceeded",  # Step Functions: too many open executions, for now
    }
)
PERMISSION_CODES = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "ExpiredToken",
        "ExpiredTokenException",
        "SignatureDoesNotMatch",
        "MissingAuthenticationToken",
        "AuthorizationError",
        "KMSAccessDeniedException",
    }
)
MISSING_RESOURCE_CODES = frozenset(
    {
        "ResourceNotFoundException",  # DynamoDB table
        "NoSuchBucket",
        "AWS.SimpleQueueService.NonExistentQueue",
        "QueueDoesNotExist",
        "StateMachineDoesNotExist",
    }
)


class AwsPermissionDenied(ConfigurationError):
    """The function's role (or credentials) may not make this call: the template's policy is missing it."""


class AwsResourceMissing(ConfigurationError):
    """The table, bucket, queue or state machine the settings name does not exist."""


class AwsRequestRefused(BadInputError):
    """AWS refused this request as invalid: sending it again gives the same answer."""


def error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def http_status(exc: ClientError) -> int:
    return int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)


def translate(exc: Exception, doing: str) -> Exception:
    """Our typed error for a botocore failure while `doing` (e.g. "DynamoDB PutItem")."""
    if isinstance(exc, BotoCoreError):  # connection refused, read timeout, endpoint unreachable
        return UpstreamUnavailable(f"{doing} failed before AWS answered ({exc}); the step is retried")
    if not isinstance(exc, ClientError):
        return exc
    code, status = error_code(exc), http_status(exc)
    text = str(exc.response.get("Error", {}).get("Message", "")) or str(exc)
    said = f"{doing} failed ({code or status}: {text})"
    if code in THROTTLING_CODES or status == 429:
        return UpstreamThrottled(f"{said}: AWS is throttling; the step is retried with backoff")
    if code in UNAVAILABLE_CODES or status >= 500:
        return UpstreamUnavailable(f"{said}: the service is unavailable; the step is retried")
    if code in PERMISSION_CODES or status == 403:
        return AwsPermissionDenied(
            f"{said}: the function's role lacks this permission; add it to the function's policy in "
            "template.yaml and deploy again"
        )
    if code in MISSING_RESOURCE_CODES:
        return AwsResourceMissing(
            f"{said}: the resource the settings name does not exist; check the stack's outputs and "
            "the PODCAST_DIGEST_* names in the function's environment"
        )
    return AwsRequestRefused(said)


class _TranslatedPaginator:
    def __init__(self, paginator: Any, doing: str, answers: Collection[str]) -> None:
        self._paginator, self._doing, self._answers = paginator, doing, answers

    def paginate(self, **kwargs: Any) -> Any:
        pages = iter(self._paginator.paginate(**kwargs))
        while True:
            try:
                page = next(pages)
            except StopIteration:
                return
            except (ClientError, BotoCoreError) as exc:
                _reraise(exc, self._doing, self._answers)
            yield page


class TranslatedClient:
    """A boto3 client whose calls raise our typed errors (see the module docstring)."""

    def __init__(self, client: Any, service: str, answers: Collection[str] = ()) -> None:
        self._client = client
        self._service = service
        self._answers = frozenset(answers)

    @property
    def raw(self) -> Any:
        return self._client

    def get_paginator(self, operation: str) -> _TranslatedPaginator:
        doing = f"{self._service} {_operation_name(operation)}"
        return _TranslatedPaginator(self._client.get_paginator(operation), doing, self._answers)

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._client, name)
        if not callable(attribute) or name.startswith("_") or name in {"can_paginate", "close"}:
            return attribute
        return self._call(attribute, f"{self._service} {_operation_name(name)}")

    def _call(self, method: Callable[..., Any], doing: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except (ClientError, BotoCoreError) as exc:
                _reraise(exc, doing, self._answers)

        return call


def translated_client(client: Any, service: str, answers: Collection[str] = ()) -> TranslatedClient:
    """Wrap `client` (already wrapped: returned as is) so its failures arrive as our typed errors."""
    if isinstance(client, TranslatedClient):
        return client
    return TranslatedClient(client, service, answers)


def _reraise(exc: Exception, doing: str, answers: Collection[str]) -> Any:
    if isinstance(exc, ClientError) and error_code(exc) in answers:
        raise exc
    raise translate(exc, doing) from exc


def _operation_name(method: str) -> str:
    return "".join(part.capitalize() for part in method.split("_"))
