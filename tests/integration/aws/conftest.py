"""Each AWS integration test gets its own moto account with the stack's table and bucket."""

import pytest

from tests.support import aws


@pytest.fixture
def moto_stack(monkeypatch):
    aws.aws_environment(monkeypatch)
    with aws.moto_account():
        aws.create_table()
        aws.create_bucket()
        aws.verify_sender()
        yield


@pytest.fixture
def stack(moto_stack, monkeypatch):
    """The transcribe function's stack context (records, blobs and mail in moto, Amazon Transcribe chosen)."""
    from podcast_digest.lambda_support.runtime import LambdaFunction

    for name, value in {
        "PODCAST_DIGEST_RECORDS": "dynamodb",
        "PODCAST_DIGEST_BLOBS": "s3",
        "PODCAST_DIGEST_MAILER": "ses",
        "PODCAST_DIGEST_TRANSCRIBER": "transcribe",
        "PODCAST_DIGEST_TABLE_NAME": aws.TABLE,
        "PODCAST_DIGEST_BUCKET_NAME": aws.BUCKET,
    }.items():
        monkeypatch.setenv(name, value)
    return LambdaFunction("transcribe").context()


@pytest.fixture
def ctx(stack):
    """The pipeline context of that stack."""
    return stack.pipeline
