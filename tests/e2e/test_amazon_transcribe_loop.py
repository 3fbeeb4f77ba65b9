"""Dropped audio with Amazon Transcribe: the state machine starts the job and waits in a Wait/Choice loop.

moto's Transcribe moves a job QUEUED → IN_PROGRESS → COMPLETED, one step per
status check, and writes no output: the test writes the output JSON first,
where Transcribe writes it (transcribe-output/<job>.json in our bucket), in
the shape Transcribe documents. The first wait comes from configuration
(PODCAST_DIGEST_TRANSCRIBE_CHECK_SECONDS=1) so the loop runs in seconds.
"""

import hashlib
import json

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.models import EpisodeStatus, episode_id_for
from podcast_digest.pipeline.drop_feed import DROP_FEED_ID
from podcast_digest.transcription.engines.amazon import job_name_for
from tests.e2e.conftest import deploy_with_roles
from tests.support import aws
from tests.support.aws_stack import executions, wait_for_execution
from tests.support.corpus import corpus_path

LISTENER = "listener@example.com"
KEY = "incoming/interview.mp3"

pytestmark = pytest.mark.slow


@pytest.fixture
def stack_with_quick_checks(moto_sfn, monkeypatch, held_to_roles):
    deployed = deploy_with_roles(
        monkeypatch, extra_environment={"PODCAST_DIGEST_TRANSCRIBE_CHECK_SECONDS": "1"}
    )
    held_to_roles.append(deployed)
    return deployed


def _amazon_output(job_name: str) -> bytes:
    """Transcribe's output JSON for the words of a corpus transcript, 0.35 s a word."""
    lines = corpus_path("transcripts", "podcastnamespace__example.srt").read_text().splitlines()
    text = " ".join(line for line in lines if line and not line[0].isdigit())
    items = []
    for n, word in enumerate(text.split()):
        items.append(
            {
                "start_time": f"{n * 0.35:.2f}",
                "end_time": f"{n * 0.35 + 0.3:.2f}",
                "alternatives": [{"confidence": "0.98", "content": word}],
                "type": "pronunciation",
                "speaker_label": "spk_0" if n % 200 < 100 else "spk_1",
            }
        )
    return json.dumps(
        {
            "jobName": job_name,
            "status": "COMPLETED",
            "results": {"transcripts": [{"transcript": text}], "items": items},
        }
    ).encode()


def test_dropped_audio_is_transcribed_by_a_job_the_state_machine_waits_for(stack_with_quick_checks):
    stack = stack_with_quick_checks
    audio = b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(range(256)) * 64
    etag = hashlib.md5(audio).hexdigest()  # S3's ETag of a single PUT
    episode_id = episode_id_for(DROP_FEED_ID, f"{KEY}#{etag}", None, None)
    job_name = job_name_for(episode_id)
    clients.s3().put_object(
        Bucket=stack.bucket, Key=f"transcribe-output/{job_name}.json", Body=_amazon_output(job_name)
    )
    sidecar = json.dumps({"title": "An interview", "recipients": LISTENER}).encode()
    clients.s3().put_object(Bucket=stack.bucket, Key=KEY + ".meta.json", Body=sidecar)

    clients.s3().put_object(Bucket=stack.bucket, Key=KEY, Body=audio)

    (started,) = executions(stack.state_machine_arn)
    execution = wait_for_execution(started["executionArn"], timeout=180)
    assert execution["status"] == "SUCCEEDED", execution
    history = clients.stepfunctions().get_execution_history(executionArn=execution["executionArn"])["events"]
    waits = [e for e in history if e["type"] == "WaitStateEntered"]
    assert len(waits) >= 2  # at least one check found the job still running
    job = clients.client("transcribe").get_transcription_job(TranscriptionJobName=job_name)[
        "TranscriptionJob"
    ]
    assert job["Media"]["MediaFileUri"] == f"s3://{stack.bucket}/{KEY}"
    episode = DynamoDBRecords(stack.table).get_episode(episode_id)
    assert episode.status is EpisodeStatus.NOTIFIED
    assert episode.transcript_engine.startswith("amazon")
    assert len([m for m in aws.sent_messages() if LISTENER in m.destinations]) == 1
