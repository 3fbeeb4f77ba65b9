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


@contextmanager
def _isolated_account() -> Iterator[None]:
    """A moto account with credentials and region set for its duration only (no pytest fixtures needed)."""
    import os

    names = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(dict(zip(names, ("testing", "testing", "testing", REGION), strict=True)))
    try:
        with moto_account():
            yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def dynamodb_records(tmp_path: Any) -> Iterator[Any]:
    """Contract factory: DynamoDBRecords on the stack's table, under moto."""
    from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords

    with _isolated_account():
        create_table()
        yield DynamoDBRecords(TABLE)


@contextmanager
def s3_blobs(tmp_path: Any) -> Iterator[Any]:
    """Contract factory: S3BlobStore under moto, with 5 MiB parts so multipart is exercised cheaply."""
    from podcast_digest.adapters.aws.s3 import S3BlobStore

    with _isolated_account():
        create_bucket()
        yield S3BlobStore(BUCKET, part_size=5 * 1024 * 1024)


@contextmanager
def ses_mailer(tmp_path: Any) -> Iterator[Any]:
    """Contract factory: SESMailer under moto; what it delivered is moto's SES sent messages."""
    from podcast_digest.adapters.aws.ses import SESMailer
    from tests.contract.conftest import MailerHarness

    with _isolated_account():
        verify_sender("digest.example.org")  # the contract suite's sender domain
        yield MailerHarness(
            mailer=SESMailer(),
            sent_raw=lambda: [m.raw_data.encode("utf-8") for m in sent_messages()],
            returns_message_id_header=False,
        )
