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
def ctx(moto_stack, monkeypatch):
    """The pipeline context of the AWS stack with Amazon Transcribe chosen (records, blobs and mail in moto)."""
    from podcast_digest.lambda_support.runtime import pipeline_context

    for name, value in {
        "PODCAST_DIGEST_RECORDS": "dynamodb",
        "PODCAST_DIGEST_BLOBS": "s3",
        "PODCAST_DIGEST_MAILER": "ses",
        "PODCAST_DIGEST_TRANSCRIBER": "transcribe",
        "PODCAST_DIGEST_TABLE_NAME": aws.TABLE,
        "PODCAST_DIGEST_BUCKET_NAME": aws.BUCKET,
    }.items():
        monkeypatch.setenv(name, value)
    return pipeline_context()
