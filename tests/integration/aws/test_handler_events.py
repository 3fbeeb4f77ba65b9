"""The handlers' event models read the real event shapes (events/ and ../shared/corpus/aws-events)."""

import json
from pathlib import Path

from podcast_digest.lambda_support.events import CaughtFailure, S3Notification, ScheduledEvent, SQSBatch
from tests.support.corpus import corpus_path

EVENTS = Path(__file__).resolve().parents[3] / "events"


def _event(name: str) -> dict:
    return json.loads((EVENTS / name).read_text())


def test_an_object_created_notification_gives_bucket_key_and_etag():
    (record,) = S3Notification.model_validate(_event("s3-object-created.json")).created
    assert (record.s3.bucket.name, record.s3.object.key) == ("mybucket", "HappyFace.jpg")
    assert record.s3.object.etag == "d41d8cd98f00b204e9800998ecf8427e"


def test_keys_arrive_url_encoded_and_are_decoded_once():
    (record,) = S3Notification.model_validate(_event("s3-object-created-encoded-key.json")).created
    assert record.s3.object.key == "Happy Face.jpg"


def test_the_s3_test_event_has_no_records():
    notification = S3Notification.model_validate(_event("s3-test-event.json"))
    assert notification.event == "s3:TestEvent"
    assert notification.created == []


def test_every_s3_notification_in_the_corpus_parses():
    for path in [
        *corpus_path("aws-events", "s3").glob("s3-notification-*.json"),
        *corpus_path("aws-events", "powertools").glob("s3Event*.json"),
    ]:
        if "EventBridge" in path.name:
            continue
        S3Notification.model_validate(json.loads(path.read_text()))


def test_the_schedule_and_sqs_batches_parse():
    assert ScheduledEvent.model_validate(_event("scheduled-event.json")).time == "1970-01-01T00:00:00Z"
    assert len(SQSBatch.model_validate(_event("sqs-batch.json")).records) == 2


def test_a_caught_failure_keeps_the_message_not_the_runtime_payload():
    failure = CaughtFailure.model_validate(_event("step-failure.json"))
    assert failure.cause.startswith("https://example.com/t.vtt answered HTTP 404")


def test_a_caught_failure_with_a_plain_cause_keeps_it():
    failure = CaughtFailure.model_validate(
        {"feed_id": "f", "episode_id": "e", "step": "notify", "error": "States.Timeout", "cause": "{not json"}
    )
    assert failure.cause == "{not json"
