"""Amazon Transcribe in the state machine: start a job, then Wait → Check → Choice until it is done.

No Lambda waits on the job. The transcribe step runs the core step with a
transcriber that starts the job and stops the step (TranscriptionStarted);
the state machine then calls check_transcription every so often, which
stores the transcript once the job has finished.
"""

from dataclasses import replace

from podcast_digest.errors import PodcastDigestError
from podcast_digest.lambda_support.events import TranscriptionJob
from podcast_digest.lambda_support.stack import StackContext
from podcast_digest.models import Episode, Transcript
from podcast_digest.models.steps import EpisodeRef, TranscribeResult
from podcast_digest.settings import TranscriberChoice

# Transcribe usually needs well under the audio's length; give up after six hours of waiting.
MAX_WAIT_SECONDS = 6 * 3600
LONGEST_WAIT_SECONDS = 600


class TranscriptionTimedOut(PodcastDigestError):
    """The job never finished: not retried (the state machine marks the episode failed)."""


class TranscriptionStarted(Exception):
    """The Amazon Transcribe job is running: the state machine waits for it."""

    def __init__(self, job_name: str) -> None:
        super().__init__(job_name)
        self.job_name = job_name


class TranscribeJobStarter:
    """A Transcriber that starts an Amazon Transcribe job instead of waiting for a transcript."""

    name = "amazon-transcribe"

    def __init__(self, bucket: str) -> None:
        self.bucket = bucket

    def transcribe(self, episode: Episode, audio_key: str, *, language: str | None = None) -> Transcript:
        from podcast_digest.transcription.engines import amazon

        raise TranscriptionStarted(
            amazon.start_job(episode, audio_key, bucket=self.bucket, language=language)
        )


def transcribe_or_start_job(stack: StackContext, ref: EpisodeRef) -> TranscribeResult | TranscriptionJob:
    """The transcribe step; with Amazon Transcribe chosen, a started job instead of a transcript."""
    from podcast_digest.pipeline.steps import transcribe_episode

    ctx = stack.pipeline
    if ctx.settings.transcriber is not TranscriberChoice.TRANSCRIBE or stack.job_starter is None:
        return transcribe_episode(ctx, ref)
    starter = stack.job_starter
    try:
        return transcribe_episode(replace(ctx, transcriber_factory=lambda: starter), ref)
    except TranscriptionStarted as started:
        return TranscriptionJob(
            feed_id=ref.feed_id,
            episode_id=ref.episode_id,
            job_name=started.job_name,
            wait_seconds=ctx.settings.transcribe_check_seconds,
        )


def check_job(stack: StackContext, job: TranscriptionJob) -> TranscribeResult | TranscriptionJob:
    """The stored transcript when the job has finished; else the job again, with a longer next wait."""
    from podcast_digest.pipeline.episodes import load_episode
    from podcast_digest.pipeline.transcribe import store_transcript, transcribe_result
    from podcast_digest.transcription.engines import amazon

    ctx = stack.pipeline
    assert ctx.settings.bucket_name is not None  # cold start checked it
    transcript = amazon.job_result(job.job_name, bucket=ctx.settings.bucket_name)
    if transcript is None:
        waited = job.waited_seconds + job.wait_seconds
        if waited >= MAX_WAIT_SECONDS:
            raise TranscriptionTimedOut(
                f"Amazon Transcribe job {job.job_name} has not finished after {waited // 60} minutes; "
                "see the job in the Transcribe console, then re-run the episode"
            )
        # Back off: a long episode's job takes minutes, and each check is a state transition.
        return job.model_copy(
            update={
                "checks": job.checks + 1,
                "waited_seconds": waited,
                "wait_seconds": min(job.wait_seconds * 2, LONGEST_WAIT_SECONDS),
            }
        )
    return transcribe_result(store_transcript(ctx, load_episode(ctx, job), transcript))
