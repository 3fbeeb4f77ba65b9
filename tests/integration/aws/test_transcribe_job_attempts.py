"""A failed Amazon Transcribe job does not stick: starting again begins a new job whose name carries the attempt.

moto's Transcribe only ever moves a job QUEUED → IN_PROGRESS → COMPLETED, so
the failure (something Amazon decides) is set on moto's own job record, with
the reason Transcribe gives; everything our code does goes through the real
StartTranscriptionJob / GetTranscriptionJob calls.
"""

import json

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.lambda_support.events import TranscriptionJob
from podcast_digest.lambda_support.transcription_jobs import check_job, transcribe_or_start_job
from podcast_digest.models import EpisodeStatus
from podcast_digest.models.steps import TranscribeResult
from podcast_digest.pipeline.steps import ingest_dropped
from podcast_digest.transcription.engines.amazon import (
    MAX_JOB_ATTEMPTS,
    TranscriptionJobFailed,
    job_name_for,
)
from tests.support import aws


def _fail(job_name: str) -> None:
    """What Amazon does to a job it gives up on (moto cannot decide it)."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.transcribe.models import transcribe_backends

    job = transcribe_backends[DEFAULT_ACCOUNT_ID][aws.REGION].transcriptions[job_name]
    job.status = "FAILED"
    job.failure_reason = "Internal failure. Please try your request again."


def _jobs() -> list[str]:
    summaries = clients.client("transcribe").list_transcription_jobs()["TranscriptionJobSummaries"]
    return sorted(s["TranscriptionJobName"] for s in summaries)


def _dropped_audio(ctx):
    clients.s3().put_object(Bucket=aws.BUCKET, Key="incoming/talk.mp3", Body=b"ID3" + b"\x00" * 512)
    return ingest_dropped(ctx, "incoming/talk.mp3", {})


def _transcribe_output(job_name: str) -> bytes:
    items = [
        {
            "start_time": "0.0",
            "end_time": "0.5",
            "alternatives": [{"content": "Hello"}],
            "type": "pronunciation",
            "speaker_label": "spk_0",
        }
    ]
    return json.dumps({"jobName": job_name, "status": "COMPLETED", "results": {"items": items}}).encode()


def test_a_retry_after_a_failed_job_starts_a_new_job_named_for_the_attempt(stack, ctx):
    ref = _dropped_audio(ctx)
    first = transcribe_or_start_job(stack, ref)
    _fail(first.job_name)
    with pytest.raises(TranscriptionJobFailed, match="could not transcribe the audio"):
        check_job(stack, first)

    retried = transcribe_or_start_job(stack, ref)

    assert retried.job_name != first.job_name
    assert retried.job_name == job_name_for(ref.episode_id, attempt=2)
    assert retried.job_name.endswith("-attempt2")
    assert _jobs() == sorted([first.job_name, retried.job_name])
    state = clients.client("transcribe").get_transcription_job(TranscriptionJobName=retried.job_name)
    assert state["TranscriptionJob"]["TranscriptionJobStatus"] != "FAILED"


def test_the_new_jobs_transcript_is_stored_for_the_same_episode(stack, ctx):
    ref = _dropped_audio(ctx)
    _fail(transcribe_or_start_job(stack, ref).job_name)
    job = transcribe_or_start_job(stack, ref)
    clients.s3().put_object(
        Bucket=aws.BUCKET, Key=f"transcribe-output/{job.job_name}.json", Body=_transcribe_output(job.job_name)
    )

    outcome: TranscriptionJob | TranscribeResult = job
    for _ in range(5):
        outcome = check_job(stack, outcome)
        if isinstance(outcome, TranscribeResult):
            break

    assert isinstance(outcome, TranscribeResult)
    episode = ctx.records.get_episode(ref.episode_id)
    assert episode.status is EpisodeStatus.TRANSCRIBED
    stored = json.loads(ctx.blobs.get_bytes(outcome.transcript_key))
    assert stored["episode_id"] == ref.episode_id


def test_a_retry_while_the_job_runs_still_reuses_it(stack, ctx):
    ref = _dropped_audio(ctx)
    first = transcribe_or_start_job(stack, ref)

    assert transcribe_or_start_job(stack, ref).job_name == first.job_name
    assert _jobs() == [first.job_name]


def test_after_every_attempt_failed_the_step_says_so(stack, ctx):
    ref = _dropped_audio(ctx)
    for _ in range(MAX_JOB_ATTEMPTS):
        _fail(transcribe_or_start_job(stack, ref).job_name)

    with pytest.raises(TranscriptionJobFailed, match=f"failed {MAX_JOB_ATTEMPTS} jobs"):
        transcribe_or_start_job(stack, ref)
