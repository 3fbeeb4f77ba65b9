"""The one door into the pipeline: S3 ObjectCreated → start_pipeline → one execution per object.

A transcript dropped in the bucket ends as a summary in DynamoDB and a digest
in SES, exactly once; a polled episode's manifest under episodes/ (what
poll_feed_batch writes; tests/e2e/test_poll_fan_out.py runs the whole poll)
enters by the same function under the same rules.
"""

import email
import json
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.adapters.aws.stepfunctions import execution_name_for_object
from podcast_digest.models import Episode, EpisodeStatus, Feed, episode_id_for, feed_id_for
from podcast_digest.pipeline.keys import manifest_key
from podcast_digest.pipeline.manifests import manifest_bytes
from tests.support import aws
from tests.support.aws_stack import executions, wait_for_execution
from tests.support.corpus import corpus_path

EVENTS = Path(__file__).resolve().parents[2] / "events"
LISTENER = "listener@example.com"
KEY = "incoming/Episode 12 – café talk.srt"  # spaces and non-ASCII: the event carries it URL-encoded

pytestmark = pytest.mark.slow


def _drop(stack, key: str = KEY) -> dict:
    """Drop a corpus transcript with a sidecar naming its title and recipient.

    The sidecar goes first (it is ignored on its own). It, rather than the
    object's user metadata, carries the details here because moto sends the
    notification before it stores the metadata; S3 sends it after.
    """
    sidecar = {"title": "Episode 12: café talk", "recipients": LISTENER}
    clients.s3().put_object(Bucket=stack.bucket, Key=key + ".meta.json", Body=json.dumps(sidecar).encode())
    body = corpus_path("transcripts", "podcastnamespace__example.srt").read_bytes()
    return clients.s3().put_object(Bucket=stack.bucket, Key=key, Body=body)


def _only_execution(stack) -> dict:
    (execution,) = executions(stack.state_machine_arn)
    return wait_for_execution(execution["executionArn"])


def _digests_to(address: str) -> list:
    return [m for m in aws.sent_messages() if address in m.destinations]


def test_a_dropped_transcript_ends_summarized_in_dynamodb_and_mailed_through_ses(stack):
    _drop(stack)

    execution = _only_execution(stack)

    assert execution["status"] == "SUCCEEDED", execution
    output = json.loads(execution["output"])
    assert output["sent"] == 1
    records = DynamoDBRecords(stack.table)
    episode = records.get_episode(output["episode_id"])
    assert episode.status is EpisodeStatus.NOTIFIED
    assert episode.title == "Episode 12: café talk"
    summary = records.get_summary(episode.episode_id)
    assert summary.provenance.summarizer == "extractive"
    assert summary.one_sentence_summary
    (sent,) = _digests_to(LISTENER)
    message = email.message_from_string(sent.raw_data)
    assert message["To"].endswith(LISTENER)
    assert aws.SENDER in message["From"]
    assert "café talk" in str(email.header.make_header(email.header.decode_header(message["Subject"])))
    assert message.is_multipart()
    for step in ("transcribe", "summarize"):  # Powertools idempotency records, in the same table, expiring
        (record,) = clients.dynamodb().query(
            TableName=stack.table,
            KeyConditionExpression="PK = :pk",
            ExpressionAttributeValues={":pk": {"S": f"IDEMPOTENCY#{step}"}},
        )["Items"]
        assert record["idempotency_status"]["S"] == "COMPLETED"
        assert int(record["expires_at"]["N"]) > 0


def test_the_same_s3_event_delivered_twice_starts_one_execution_and_sends_one_email(stack):
    put = _drop(stack)
    first = _only_execution(stack)
    event = json.loads((EVENTS / "s3-object-created.json").read_text())
    record = event["Records"][0]
    record["awsRegion"] = aws.REGION
    record["s3"]["bucket"] |= {"name": stack.bucket, "arn": f"arn:aws:s3:::{stack.bucket}"}
    record["s3"]["object"] |= {"key": quote_plus(KEY), "eTag": put["ETag"].strip('"'), "size": 1}

    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("StartPipelineFunction"), Payload=json.dumps(event)
    )

    assert "FunctionError" not in response
    outcome = json.loads(response["Payload"].read())
    assert outcome["started"] == []
    assert outcome["duplicates"] == [json.loads(first["output"])["episode_id"]]
    assert len(executions(stack.state_machine_arn)) == 1
    assert len(_digests_to(LISTENER)) == 1


def test_the_s3_test_event_starts_nothing(stack):
    event = json.loads((EVENTS / "s3-test-event.json").read_text())

    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("StartPipelineFunction"), Payload=json.dumps(event)
    )

    assert "FunctionError" not in response
    assert executions(stack.state_machine_arn) == []


def test_a_file_that_is_neither_audio_nor_transcript_is_refused_without_an_execution(stack):
    clients.s3().put_object(Bucket=stack.bucket, Key="incoming/notes.docx", Body=b"PK\x03\x04")

    assert executions(stack.state_machine_arn) == []
    assert aws.sent_messages() == []


def test_objects_outside_the_drop_folder_start_nothing(stack):
    clients.s3().put_object(Bucket=stack.bucket, Key="transcripts/f/e.json", Body=b"{}")

    assert executions(stack.state_machine_arn) == []


def test_an_event_for_an_object_deleted_since_starts_nothing_and_is_not_retried(stack):
    event = json.loads((EVENTS / "s3-object-created.json").read_text())
    record = event["Records"][0]
    record["s3"]["bucket"] |= {"name": stack.bucket, "arn": f"arn:aws:s3:::{stack.bucket}"}
    record["s3"]["object"] |= {"key": "incoming/gone.vtt"}

    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("StartPipelineFunction"), Payload=json.dumps(event)
    )

    assert "FunctionError" not in response
    assert json.loads(response["Payload"].read())["ignored"] == ["incoming/gone.vtt"]
    assert executions(stack.state_machine_arn) == []


def _invoke_door(stack, key: str, etag: str) -> dict:
    """start_pipeline invoked with the S3 event of this object, as S3 sends it (a duplicate delivery)."""
    event = json.loads((EVENTS / "s3-object-created.json").read_text())
    record = event["Records"][0]
    record["awsRegion"] = aws.REGION
    record["s3"]["bucket"] |= {"name": stack.bucket, "arn": f"arn:aws:s3:::{stack.bucket}"}
    record["s3"]["object"] |= {"key": quote_plus(key), "eTag": etag.strip('"'), "size": 1}
    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("StartPipelineFunction"), Payload=json.dumps(event)
    )
    assert "FunctionError" not in response
    return json.loads(response["Payload"].read())


def _recorded_episode(stack, guid: str = "ep-1") -> Episode:
    """An episode as poll_feed_batch records it before writing its manifest."""
    records = DynamoDBRecords(stack.table)
    feed = Feed(feed_id=feed_id_for("https://example.org/feed.xml"), url="https://example.org/feed.xml")
    records.put_feed(feed)
    episode = Episode(
        episode_id=episode_id_for(feed.feed_id, guid, None, None), feed_id=feed.feed_id, guid=guid
    )
    assert records.add_episode(episode)
    return episode


def test_a_polled_episodes_manifest_enters_by_the_same_door_and_its_event_again_starts_nothing(stack):
    episode = _recorded_episode(stack)
    key = manifest_key(episode.feed_id, episode.episode_id)

    put = clients.s3().put_object(Bucket=stack.bucket, Key=key, Body=manifest_bytes(episode))

    (execution,) = executions(stack.state_machine_arn)
    assert execution["name"] == execution_name_for_object(stack.bucket, key, put["ETag"])
    described = wait_for_execution(
        execution["executionArn"]
    )  # no audio: it ends failed, as such an episode does
    assert json.loads(described["input"]) == {"feed_id": episode.feed_id, "episode_id": episode.episode_id}
    outcome = _invoke_door(stack, key, put["ETag"])
    assert outcome["started"] == []
    assert outcome["duplicates"] == [episode.episode_id]
    clients.s3().put_object(
        Bucket=stack.bucket, Key=key, Body=manifest_bytes(episode)
    )  # a re-poll writes it again
    assert len(executions(stack.state_machine_arn)) == 1


def test_a_manifest_announcing_no_recorded_episode_is_refused_without_an_execution(stack):
    ghost = Episode(episode_id="0123456789abcdef0123", feed_id="f0123456789abcdef012", guid="ghost")
    key = manifest_key(ghost.feed_id, ghost.episode_id)
    put = clients.s3().put_object(Bucket=stack.bucket, Key=key, Body=manifest_bytes(ghost))

    outcome = _invoke_door(stack, key, put["ETag"])

    assert outcome["refused"] == [key]
    assert executions(stack.state_machine_arn) == []


def test_a_manifest_that_is_not_one_is_refused_without_an_execution(stack):
    key = manifest_key("f0123456789abcdef012", "0123456789abcdef0123")
    put = clients.s3().put_object(Bucket=stack.bucket, Key=key, Body=b"<html>not a manifest</html>")

    outcome = _invoke_door(stack, key, put["ETag"])

    assert outcome["refused"] == [key]
    assert executions(stack.state_machine_arn) == []
