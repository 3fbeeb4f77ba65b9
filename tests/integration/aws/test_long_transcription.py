"""A long episode through OpenAI fits Lambda: it pauses before the invocation's time runs out and continues.

The real `openai` client talks to the local transcription server; chunks are
kept in S3 (moto) as they are answered. The Lambda context is a stand-in
whose remaining time shrinks with every request the server receives, so
"time runs short" happens after a known amount of work, not after a sleep.
The marker audio names each second, so the finished transcript proves that
no second was lost or doubled across invocations.
"""

import json

import pytest

from podcast_digest.adapters.aws.s3 import S3BlobStore
from podcast_digest.errors import AudioError
from podcast_digest.lambda_support.runtime import once
from podcast_digest.models import Episode
from podcast_digest.settings import Settings
from podcast_digest.transcription.engines import time_budget
from podcast_digest.transcription.engines.chunk_parts import PREFIX
from podcast_digest.transcription.engines.openai_engine import OpenAITranscriber
from podcast_digest.transcription.engines.time_budget import TranscriptionPaused
from tests.integration.transcription.test_openai_engine import expected_words
from tests.support import aws
from tests.support.transcription_server import TranscriptionServer, write_marker_audio

pytestmark = pytest.mark.slow  # PyAV encodes and the server decodes minutes of audio: seconds per test

EPISODE = Episode(episode_id="ep-long", feed_id="feed-1", title="A long one", language="en-US")
KEY = "audio/feed-1/ep-long.wav"


class ShrinkingInvocation:
    """A Lambda context whose remaining time drops by `per_request` seconds for each request the server gets."""

    def __init__(self, server: TranscriptionServer, seconds: float, per_request: float) -> None:
        self.server, self.seconds, self.per_request = server, seconds, per_request
        self.received_before = server.received
        self.asked = 0

    def get_remaining_time_in_millis(self) -> int:
        self.asked += 1
        spent = (self.server.received - self.received_before) * self.per_request
        return int(max(0.0, self.seconds - spent) * 1000)


@pytest.fixture
def server():
    with TranscriptionServer() as running:
        yield running


@pytest.fixture
def blobs(moto_stack, tmp_path):
    store = S3BlobStore(aws.BUCKET)
    wav = write_marker_audio(tmp_path / "markers.wav", 300)
    with wav.open("rb") as f:
        store.put_stream(KEY, f, "audio/wav")
    return store


def _engine(server, blobs) -> OpenAITranscriber:
    settings = Settings(openai_api_key="sk-test", openai_base_url=server.base_url)
    # 300 s in chunks of 60 s overlapping by 4 s: six chunks, sent one at a time.
    return OpenAITranscriber(
        settings, blobs, chunk_seconds=60, overlap_seconds=4, max_parallel=1, retry_base_seconds=0.01
    )


def _parts(blobs) -> list[str]:
    return blobs.list_keys(f"{PREFIX}{EPISODE.episode_id}/")


def _one_pass(server, blobs, invocation) -> object:
    with time_budget.invocation(invocation):
        try:
            return _engine(server, blobs).transcribe(EPISODE, KEY)
        except TranscriptionPaused as paused:
            return paused


def test_an_invocation_short_of_time_pauses_keeping_its_chunks_and_the_next_sends_only_the_rest(
    server, blobs
):
    # 400 s left, 100 s a request, stop under 120 s: the first invocation gets three chunks done.
    first = _one_pass(server, blobs, ShrinkingInvocation(server, 400, 100))

    assert isinstance(first, TranscriptionPaused)
    assert "runs again" in str(first)
    kept = _parts(blobs)
    assert 0 < len(kept) < 6
    sent_first = dict(server.requests_by_chunk)

    passes = 1
    transcript = first
    while isinstance(transcript, TranscriptionPaused):
        passes += 1
        assert passes <= 6, "no progress between invocations"
        transcript = _one_pass(server, blobs, ShrinkingInvocation(server, 400, 100))

    assert passes >= 2
    assert transcript.text.split() == expected_words(300)
    assert server.violations == []
    assert all(count == 1 for count in server.requests_by_chunk.values())  # no chunk sent twice
    assert len(server.requests_by_chunk) == 6
    assert set(sent_first) < set(server.requests_by_chunk)
    assert _parts(blobs) == []  # the transcript is whole: the kept chunks are gone


def test_a_crash_mid_episode_costs_only_the_chunks_not_yet_answered(server, blobs):
    server.fail_chunk(112, 400)  # the third chunk (0, 56, 112, …) is refused once for good

    with pytest.raises(AudioError):
        _engine(server, blobs).transcribe(EPISODE, KEY)
    assert len(_parts(blobs)) == 2

    transcript = _engine(server, blobs).transcribe(EPISODE, KEY)

    assert transcript.text.split() == expected_words(300)
    assert server.requests_by_chunk[0] == 1
    assert server.requests_by_chunk[56] == 1
    assert server.requests_by_chunk[112] == 2


def test_with_no_deadline_a_long_episode_never_pauses(server, blobs):
    transcript = _engine(server, blobs).transcribe(EPISODE, KEY)

    assert transcript.text.split() == expected_words(300)
    assert len(server.requests_by_chunk) == 6


def test_the_step_runner_hands_the_invocations_remaining_time_to_the_engine(server, blobs, monkeypatch):
    monkeypatch.setenv("PODCAST_DIGEST_TABLE_NAME", aws.TABLE)
    from podcast_digest.settings import get_settings

    get_settings.cache_clear()
    invocation = ShrinkingInvocation(server, 130, 100)
    invocation.function_name, invocation.memory_limit_in_mb = "transcribe", 1024
    invocation.invoked_function_arn = f"arn:aws:lambda:{aws.REGION}:123456789012:function:transcribe"
    invocation.aws_request_id = "request-1"

    def work(payload):
        return {"text": _engine(server, blobs).transcribe(EPISODE, KEY).text}

    try:
        with pytest.raises(TranscriptionPaused):
            once("transcribe", work, {"episode_id": EPISODE.episode_id}, invocation)
    finally:
        get_settings.cache_clear()
    assert len(server.requests_by_chunk) == 1  # one chunk, then 30 s left: under the margin
    # A failed step stores no idempotency result: the state machine's retry runs the work again.
    again = once("transcribe", work, {"episode_id": EPISODE.episode_id}, ShrinkingInvocation(server, 900, 1))
    assert again["text"].split() == expected_words(300)


# The real state machine (moto) runs Transcribe again after each pause, until the episode is whole.


@pytest.fixture
def stack_with_openai(monkeypatch, server):
    from podcast_digest.adapters.aws import clients
    from tests.e2e.conftest import deploy_with_roles

    aws.aws_environment(monkeypatch)
    with aws.moto_account(config={"stepfunctions": {"execute_state_machine": True}}):
        secret = {"openai_api_key": "sk-test", "openai_base_url": server.base_url}
        clients.client("secretsmanager").create_secret(
            Name="podcast-digest/openai", SecretString=json.dumps(secret)
        )
        parameters = {
            "SenderAddress": aws.SENDER,
            "SummarizerEngine": "extractive",
            "TranscriberEngine": "openai",
            "SecretName": "podcast-digest/openai",
        }
        deployed = deploy_with_roles(
            monkeypatch, parameters, extra_environment={"PODCAST_DIGEST_ALLOW_LOOPBACK": "true"}
        )
        yield deployed
        assert not deployed.roles.denials, deployed.roles.denials


def test_the_state_machine_runs_transcribe_again_after_each_pause_until_the_episode_is_whole(
    stack_with_openai, server, monkeypatch, tmp_path
):
    import json

    from podcast_digest.adapters.aws import clients
    from tests.support.aws_stack import executions, wait_for_execution
    from tests.support.moto_lambda import InvocationContext

    stack = stack_with_openai
    # Each invocation has 300 s; a chunk request costs 200 s of it: one chunk per invocation.
    started: dict[int, int] = {}

    def remaining(self) -> int:
        first = started.setdefault(id(self), server.received)
        return int(max(0, 300 - 200 * (server.received - first)) * 1000)

    monkeypatch.setattr(InvocationContext, "get_remaining_time_in_millis", remaining)
    seconds = 1500  # two chunks of the gpt-4o models' default plan (1360 s, 8 s overlap)
    wav = write_marker_audio(tmp_path / "long.wav", seconds)
    key = "incoming/long-episode.wav"
    sidecar = {"title": "A long one", "recipients": "listener@example.com"}
    clients.s3().put_object(Bucket=stack.bucket, Key=key + ".meta.json", Body=json.dumps(sidecar).encode())
    with wav.open("rb") as body:
        clients.s3().put_object(Bucket=stack.bucket, Key=key, Body=body)

    (execution,) = executions(stack.state_machine_arn)
    execution = wait_for_execution(execution["executionArn"], timeout=300)

    history = clients.stepfunctions().get_execution_history(executionArn=execution["executionArn"])["events"]
    paused = [
        e for e in history if "TranscriptionPaused" in json.dumps(e, default=str) and "Failed" in e["type"]
    ]
    assert paused, "the first invocation should have paused"
    assert len(server.requests_by_chunk) == 2
    assert all(count == 1 for count in server.requests_by_chunk.values())  # the retry sent only the rest
    assert execution["status"] == "SUCCEEDED", execution
    output = json.loads(execution["output"])
    transcript_keys = [k for k in clients.s3().list_objects_v2(Bucket=stack.bucket)["Contents"]]
    stored = [k["Key"] for k in transcript_keys if k["Key"].startswith("transcripts/")]
    (transcript_key,) = stored
    transcript = json.loads(clients.s3().get_object(Bucket=stack.bucket, Key=transcript_key)["Body"].read())
    assert " ".join(s["text"] for s in transcript["segments"]).split() == expected_words(seconds)
    assert output["episode_id"] in transcript_key
    assert not [k for k in transcript_keys if k["Key"].startswith(PREFIX)]
