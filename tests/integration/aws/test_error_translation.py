"""One translation of botocore errors for every AWS adapter: transient ones retried by name, the rest typed.

Codes are the ones the services really send (their API references); the
adapter-level cases run against moto where moto produces the error itself
(a table or bucket that does not exist) and a Stubber on a real client where
it cannot (throttling, 5xx).
"""

import boto3
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError
from botocore.stub import Stubber

from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.adapters.aws.errors import (
    AwsPermissionDenied,
    AwsRequestRefused,
    AwsResourceMissing,
    translate,
)
from podcast_digest.adapters.aws.s3 import S3BlobStore
from podcast_digest.adapters.aws.sqs import FeedBatchQueue
from podcast_digest.adapters.aws.stepfunctions import PipelineStarter
from podcast_digest.errors import ConfigurationError, UpstreamThrottled, UpstreamUnavailable
from podcast_digest.models import Episode
from podcast_digest.models.steps import EpisodeRef
from tests.support import aws


def _client_error(code: str, status: int, operation: str = "PutItem") -> ClientError:
    return ClientError(
        {
            "Error": {"Code": code, "Message": f"{code} said so"},
            "ResponseMetadata": {"HTTPStatusCode": status},
        },
        operation,
    )


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("ProvisionedThroughputExceededException", 400),  # DynamoDB
        ("ThrottlingException", 400),  # DynamoDB control plane, Step Functions, SES v2
        ("RequestLimitExceeded", 400),  # DynamoDB account-level
        ("SlowDown", 503),  # S3
        ("LimitExceededException", 400),  # Transcribe
        ("TooManyRequestsException", 429),  # SES v2, Lambda
        ("Throttling", 400),  # SQS, STS
        ("", 429),
    ],
)
def test_throttling_in_every_spelling_becomes_upstream_throttled(code, status):
    assert type(translate(_client_error(code, status), "DynamoDB PutItem")) is UpstreamThrottled


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("InternalServerError", 500),  # DynamoDB
        ("InternalError", 500),  # S3
        ("ServiceUnavailable", 503),  # S3
        ("InternalFailureException", 500),  # Transcribe
        ("ServiceUnavailableException", 503),
        ("ExecutionLimitExceeded", 400),  # Step Functions
        ("SomethingNew", 502),
    ],
)
def test_5xx_and_unavailable_become_upstream_unavailable(code, status):
    assert type(translate(_client_error(code, status), "S3 GetObject")) is UpstreamUnavailable


@pytest.mark.parametrize(
    "exc",
    [
        EndpointConnectionError(endpoint_url="https://dynamodb.eu-west-1.amazonaws.com"),
        ReadTimeoutError(endpoint_url="https://s3.eu-west-1.amazonaws.com"),
    ],
)
def test_no_answer_at_all_is_upstream_unavailable(exc):
    assert type(translate(exc, "S3 GetObject")) is UpstreamUnavailable


@pytest.mark.parametrize(
    ("code", "status", "kind"),
    [
        ("AccessDeniedException", 400, AwsPermissionDenied),
        ("AccessDenied", 403, AwsPermissionDenied),
        ("UnrecognizedClientException", 400, AwsPermissionDenied),
        ("", 403, AwsPermissionDenied),
        ("ResourceNotFoundException", 400, AwsResourceMissing),
        ("NoSuchBucket", 404, AwsResourceMissing),
        ("AWS.SimpleQueueService.NonExistentQueue", 400, AwsResourceMissing),
        ("StateMachineDoesNotExist", 400, AwsResourceMissing),
        ("ValidationException", 400, AwsRequestRefused),
        ("ItemCollectionSizeLimitExceededException", 400, AwsRequestRefused),
    ],
)
def test_the_rest_become_clear_typed_errors_that_are_not_retried(code, status, kind):
    error = translate(_client_error(code, status), "DynamoDB PutItem")

    assert type(error) is kind
    assert not isinstance(error, UpstreamUnavailable | UpstreamThrottled)
    assert "DynamoDB PutItem failed" in str(error)
    if isinstance(error, ConfigurationError):
        assert "template.yaml" in str(error) or "PODCAST_DIGEST_" in str(error)


def test_dynamodb_records_on_a_missing_table_say_so(moto_stack):
    records = DynamoDBRecords("no-such-table")

    with pytest.raises(AwsResourceMissing, match="DynamoDB GetItem failed"):
        records.get_episode("e1")


def test_dynamodb_throttling_is_retried_by_the_state_machine(moto_stack):
    client = boto3.client(
        "dynamodb", region_name=aws.REGION, aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    with Stubber(client) as stubber:
        stubber.add_client_error("put_item", "ProvisionedThroughputExceededException", http_status_code=400)
        with pytest.raises(UpstreamThrottled, match="DynamoDB PutItem"):
            DynamoDBRecords(aws.TABLE, client=client).put_episode(Episode(episode_id="e1", feed_id="f1"))


def test_a_lost_conditional_write_is_still_an_answer(moto_stack):
    records = DynamoDBRecords(aws.TABLE)
    episode = Episode(episode_id="e1", feed_id="f1")

    assert records.add_episode(episode) is True
    assert records.add_episode(episode) is False


def test_s3_on_a_missing_bucket_says_so_and_a_missing_key_is_still_an_answer(moto_stack):
    assert S3BlobStore(aws.BUCKET).exists("nothing/here") is False
    with pytest.raises(AwsResourceMissing, match="S3 PutObject"):
        S3BlobStore("no-such-bucket-anywhere").put_bytes("a/b", b"x")
    with pytest.raises(AwsResourceMissing, match="S3 ListObjectsV2"):
        S3BlobStore("no-such-bucket-anywhere").list_keys("a/")


def test_sqs_and_step_functions_use_the_same_translation(moto_stack):
    missing_queue = f"https://sqs.{aws.REGION}.amazonaws.com/123456789012/no-such-queue"
    with pytest.raises(AwsResourceMissing, match="SQS SendMessageBatch"):
        FeedBatchQueue(missing_queue).send([["f1"]], "2026-12-01T00:00:00Z")
    machine = f"arn:aws:states:{aws.REGION}:123456789012:stateMachine:no-such-machine"
    with pytest.raises(AwsResourceMissing, match="Step Functions StartExecution"):
        PipelineStarter(machine).start("episode-e1", EpisodeRef(feed_id="f1", episode_id="e1"))
