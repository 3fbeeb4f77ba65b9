"""The Amazon Transcribe pair under moto: the step starts a job, checks wait for it, the transcript is stored.

moto moves a job QUEUED → IN_PROGRESS → COMPLETED, one step per check, and
writes no output: the test writes the output JSON where Transcribe writes it
(the job's OutputKey in our bucket), in the shape Transcribe documents.
"""

import json

from podcast_digest.adapters.aws import clients
from podcast_digest.lambda_support.events import TranscriptionJob
from podcast_digest.lambda_support.transcription_jobs import check_job, transcribe_or_start_job
from podcast_digest.models import EpisodeStatus
from podcast_digest.models.steps import TranscribeResult
from podcast_digest.pipeline.steps import ingest_dropped
from tests.support import aws

WORDS = [("Welcome", 0.0, 0.4), ("to", 0.4, 0.5), ("the", 0.5, 0.6), ("show", 0.6, 1.0)]


def _amazon_output(job_name: str) -> bytes:
    items = [
        {
            "start_time": str(start),
            "end_time": str(end),
            "alternatives": [{"confidence": "0.99", "content": word}],
            "type": "pronunciation",
            "speaker_label": "spk_0",
        }
        for word, start, end in WORDS
    ]
    items.append({"alternatives": [{"confidence": "0.0", "content": "."}], "type": "punctuation"})
    return json.dumps(
        {
            "jobName": job_name,
            "accountId": "123456789012",
            "status": "COMPLETED",
            "results": {"transcripts": [{"transcript": "Welcome to the show."}], "items": items},
        }
    ).encode()


def test_dropped_audio_starts_a_job_that_the_checks_wait_for_then_store(stack, ctx):
    clients.s3().put_object(Bucket=aws.BUCKET, Key="incoming/talk.mp3", Body=b"ID3" + b"\x00" * 512)
    ref = ingest_dropped(ctx, "incoming/talk.mp3", {})

    started = transcribe_or_start_job(stack, ref)

    assert isinstance(started, TranscriptionJob)
    job = clients.client("transcribe").get_transcription_job(TranscriptionJobName=started.job_name)
    assert job["TranscriptionJob"]["Media"]["MediaFileUri"] == f"s3://{aws.BUCKET}/incoming/talk.mp3"
    clients.s3().put_object(
        Bucket=aws.BUCKET,
        Key=f"transcribe-output/{started.job_name}.json",
        Body=_amazon_output(started.job_name),
    )
    outcome, checks = started, 0
    while isinstance(outcome, TranscriptionJob):
        checks += 1
        assert checks < 10, "the job never completed"
        outcome = check_job(stack, outcome)

    assert isinstance(outcome, TranscribeResult)
    assert checks > 1  # at least one check found it still running
    episode = ctx.records.get_episode(ref.episode_id)
    assert episode.status is EpisodeStatus.TRANSCRIBED
    assert episode.transcript_key == outcome.transcript_key
    stored = json.loads(ctx.blobs.get_bytes(outcome.transcript_key))
    assert " ".join(s["text"] for s in stored["segments"]) == "Welcome to the show."


def test_starting_again_after_a_retry_reuses_the_running_job(stack, ctx):
    clients.s3().put_object(Bucket=aws.BUCKET, Key="incoming/talk.mp3", Body=b"ID3" + b"\x00" * 512)
    ref = ingest_dropped(ctx, "incoming/talk.mp3", {})

    first = transcribe_or_start_job(stack, ref)
    second = transcribe_or_start_job(stack, ref)

    assert first.job_name == second.job_name
    jobs = clients.client("transcribe").list_transcription_jobs()["TranscriptionJobSummaries"]
    assert len(jobs) == 1


def test_a_dropped_transcript_needs_no_job_even_with_amazon_transcribe_chosen(stack, ctx):
    clients.s3().put_object(
        Bucket=aws.BUCKET, Key="incoming/talk.srt", Body=b"1\n00:00:00,000 --> 00:00:02,000\nHello there.\n"
    )
    ref = ingest_dropped(ctx, "incoming/talk.srt", {})

    result = transcribe_or_start_job(stack, ref)

    assert isinstance(result, TranscribeResult)
    assert clients.client("transcribe").list_transcription_jobs()["TranscriptionJobSummaries"] == []
