"""The monthly budget in the stack's functions (moto): the transcribe function does not start an
Amazon Transcribe job for an episode over budget, the state machine's Catch (mark_failed) leaves
it waiting rather than failed, and a job within budget files its cost in the DynamoDB ledger."""

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.costs.month import month_of
from podcast_digest.errors import OverBudget
from podcast_digest.lambda_support.events import TranscriptionJob
from podcast_digest.lambda_support.transcription_jobs import check_job, transcribe_or_start_job
from podcast_digest.models import CostStep, Enclosure, Episode, EpisodeStatus, Feed
from podcast_digest.models.steps import EpisodeRef, StepFailure
from podcast_digest.pipeline.steps import mark_failed
from tests.integration.aws.test_transcription_jobs import _amazon_output
from tests.support import aws


def transcribe_stack(monkeypatch, budget: str):
    from podcast_digest.lambda_support.runtime import LambdaFunction
    from podcast_digest.settings import get_settings

    for name, value in {
        "PODCAST_DIGEST_RECORDS": "dynamodb",
        "PODCAST_DIGEST_BLOBS": "s3",
        "PODCAST_DIGEST_MAILER": "ses",
        "PODCAST_DIGEST_TRANSCRIBER": "transcribe",
        "PODCAST_DIGEST_TABLE_NAME": aws.TABLE,
        "PODCAST_DIGEST_BUCKET_NAME": aws.BUCKET,
        "PODCAST_DIGEST_MONTHLY_BUDGET_USD": budget,  # as template.yaml's MonthlyBudgetUsd passes it
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    return LambdaFunction("transcribe").context()


def an_hour_long_episode(ctx, audio_key: str | None = None) -> EpisodeRef:
    ctx.records.put_feed(Feed(feed_id="feed-1", url="https://podcasts.example.com/feed.xml", title="Show"))
    ctx.records.put_episode(
        Episode(
            episode_id="ep-1",
            feed_id="feed-1",
            title="An hour",
            duration_seconds=3600,
            audio=Enclosure(url="https://podcasts.example.com/ep1.mp3", mime_type="audio/mpeg"),
            audio_key=audio_key,
        )
    )
    return EpisodeRef(feed_id="feed-1", episode_id="ep-1")


def test_over_budget_no_job_is_started_and_the_catch_leaves_the_episode_waiting(moto_stack, monkeypatch):
    stack = transcribe_stack(monkeypatch, "0.50")  # an hour of Amazon Transcribe is $1.44
    ctx = stack.pipeline
    ref = an_hour_long_episode(ctx)

    with pytest.raises(OverBudget) as raised:
        transcribe_or_start_job(stack, ref)

    assert "$1.4400" in str(raised.value)
    assert clients.client("transcribe").list_transcription_jobs()["TranscriptionJobSummaries"] == []
    # What the state machine's Catch hands mark_failed: the error's class name and message.
    caught = mark_failed(
        ctx, StepFailure(**ref.model_dump(), step="transcribe", error="OverBudget", cause=str(raised.value))
    )
    assert caught.status is EpisodeStatus.DISCOVERED
    assert caught.attempts == 0
    assert caught.failure_reason is None
    assert "speech to text waits" in caught.waiting_reason
    assert caught.estimated_cost_usd == pytest.approx(1.44)


def test_within_budget_the_job_runs_and_its_cost_is_filed_by_month(moto_stack, monkeypatch):
    stack = transcribe_stack(monkeypatch, "5")
    ctx = stack.pipeline
    clients.s3().put_object(Bucket=aws.BUCKET, Key="audio/feed-1/ep-1.mp3", Body=b"ID3" + b"\x00" * 512)
    ref = an_hour_long_episode(ctx, audio_key="audio/feed-1/ep-1.mp3")

    started = transcribe_or_start_job(stack, ref)

    assert isinstance(started, TranscriptionJob)
    clients.s3().put_object(
        Bucket=aws.BUCKET,
        Key=f"transcribe-output/{started.job_name}.json",
        Body=_amazon_output(started.job_name),
    )
    outcome = started
    for _ in range(10):
        outcome = check_job(stack, outcome)
        if not isinstance(outcome, TranscriptionJob):
            break
    [entry] = ctx.records.list_costs(month_of(ctx.clock()), "feed-1")
    assert entry.step is CostStep.TRANSCRIPTION
    assert entry.source.startswith("amazon-transcribe")
    assert entry.usd == ctx.records.get_episode("ep-1").transcription_cost_usd
