"""once(): the in-progress window is the invocation's real duration, and a finished result outlives it.

A Lambda service retry of a step that is still running meets the in-progress
record and fails with IdempotencyAlreadyInProgressError (which the state
machine retries for longer than any function can run: tests/infra/test_load.py);
it never runs the work twice, and never reads a record that expired early.
"""

import threading
import time

import pytest
from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyAlreadyInProgressError

from podcast_digest.adapters.aws import clients
from podcast_digest.lambda_support.runtime import once
from podcast_digest.settings import get_settings
from tests.support import aws


class Invocation:
    """The attributes of a Lambda context that Powertools reads, with a fixed time left."""

    def __init__(self, seconds_left: int) -> None:
        self.seconds_left = seconds_left
        self.function_name = "summarize"
        self.memory_limit_in_mb = 1024
        self.invoked_function_arn = f"arn:aws:lambda:{aws.REGION}:123456789012:function:summarize"
        self.aws_request_id = "request-1"

    def get_remaining_time_in_millis(self) -> int:
        return self.seconds_left * 1000


@pytest.fixture
def table(moto_stack, monkeypatch):
    monkeypatch.setenv("PODCAST_DIGEST_TABLE_NAME", aws.TABLE)
    get_settings.cache_clear()
    yield aws.TABLE
    get_settings.cache_clear()


def _idempotency_record() -> dict:
    items = clients.dynamodb().scan(TableName=aws.TABLE)["Items"]
    (record,) = [i for i in items if i["PK"]["S"].startswith("IDEMPOTENCY#")]
    return record


def test_a_duplicate_while_the_step_runs_waits_instead_of_running_it_twice(table):
    started, release = threading.Event(), threading.Event()
    runs: list[dict] = []
    results: list[dict] = []

    def work(payload):
        runs.append(payload)
        started.set()
        release.wait(timeout=30)
        return {"summary_key": "summaries/e1.json"}

    first = threading.Thread(
        target=lambda: results.append(once("summarize", work, {"episode_id": "e1"}, Invocation(880)))
    )
    first.start()
    assert started.wait(timeout=30)
    before = time.time()
    record = _idempotency_record()

    with pytest.raises(IdempotencyAlreadyInProgressError):
        once("summarize", work, {"episode_id": "e1"}, Invocation(900))

    # The in-progress record lasts as long as the first invocation can still run (880 s), no shorter.
    in_progress_until = int(record["in_progress_expiration"]["N"]) / 1000
    assert before + 870 <= in_progress_until <= before + 890
    release.set()
    first.join(timeout=30)
    assert results == [{"summary_key": "summaries/e1.json"}]
    assert once("summarize", work, {"episode_id": "e1"}, Invocation(900)) == results[0]
    assert len(runs) == 1


def test_a_finished_result_is_kept_at_least_twice_as_long_as_the_invocation_could_run(table):
    before = time.time()

    once("transcribe", lambda payload: {"ok": True}, {"episode_id": "e2"}, Invocation(2 * 3600))

    kept_until = int(_idempotency_record()["expires_at"]["N"])
    assert kept_until >= before + 4 * 3600 - 5
