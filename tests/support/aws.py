"""moto for the AWS tests: a fresh fake account per test, with the stack's table and bucket.

Every client the package builds comes from adapters.aws.clients (cached), so
the cache is emptied around each test; Powertools' cached parameters too.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

REGION = "eu-west-1"
TABLE = "podcast-digest-test"
BUCKET = "podcast-digest-test-bucket"
SENDER_DOMAIN = "digest.example.com"
SENDER = f"digest@{SENDER_DOMAIN}"


def aws_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Credentials and region that can only ever reach moto."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_NAMESPACE": "PodcastDigestTest",
        "POWERTOOLS_SERVICE_NAME": "podcast-digest",
        "POWERTOOLS_DEV": "false",
    }.items():
        monkeypatch.setenv(name, value)
    for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)


@contextmanager
def moto_account(config: dict[str, Any] | None = None) -> Iterator[None]:
    from aws_lambda_powertools.utilities import parameters
    from moto import mock_aws
    from podcast_digest.adapters.aws import clients

    clients.forget_clients()
    parameters.clear_caches()
    with mock_aws(config=config):
        try:
            yield
        finally:
            clients.forget_clients()
            parameters.clear_caches()


def create_table(name: str = TABLE) -> None:
    from podcast_digest.adapters.aws import clients
    from podcast_digest.adapters.aws.dynamodb import table_definition

    clients.dynamodb().create_table(**table_definition(name))


def create_bucket(name: str = BUCKET) -> None:
    from podcast_digest.adapters.aws import clients

    clients.s3().create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})


def verify_sender(domain: str = SENDER_DOMAIN) -> None:
    from podcast_digest.adapters.aws import clients

    clients.sesv2().create_email_identity(EmailIdentity=domain)


def sent_messages() -> list[Any]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    return list(ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages)
