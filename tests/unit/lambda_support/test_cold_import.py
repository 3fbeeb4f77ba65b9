"""A handler's import loads none of the heavy modules: each is imported where it is used.

Each handler module is imported in a fresh interpreter that sees only the
layer (tests/support/lambda_layer.py), in Lambda's environment with the
tracer on. botocore.client (what the X-Ray patch and boto3 import) comes
with the first AWS client; the AWS calls are traced all the same, because
the tracer's patch runs before that client is made.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.lambda_layer import lambda_paths

REPO = Path(__file__).resolve().parents[3]
HANDLERS = sorted(p.parent.name for p in (REPO / "functions").glob("*/app.py"))
HEAVY = ("botocore.client", "boto3", "openai", "numpy", "av", "feedparser", "jinja2")
LAMBDA = {
    "AWS_LAMBDA_FUNCTION_NAME": "cold-import",
    "LAMBDA_TASK_ROOT": "/var/task",
    "AWS_REGION": "eu-west-1",
    "AWS_DEFAULT_REGION": "eu-west-1",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "PODCAST_DIGEST_RECORDS": "dynamodb",
    "PODCAST_DIGEST_BLOBS": "s3",
    "PODCAST_DIGEST_MAILER": "ses",
    "PODCAST_DIGEST_TRANSCRIBER": "openai",
    "PODCAST_DIGEST_SUMMARIZER": "llm",
    "PODCAST_DIGEST_SECRET_NAME": "podcast-digest/openai",
    "PODCAST_DIGEST_TABLE_NAME": "table",
    "PODCAST_DIGEST_BUCKET_NAME": "bucket",
    "PODCAST_DIGEST_STATE_MACHINE_ARN": "arn:aws:states:eu-west-1:123456789012:stateMachine:sm",
    "PODCAST_DIGEST_POLL_QUEUE_URL": "https://sqs.eu-west-1.amazonaws.com/123456789012/poll",
    "PODCAST_DIGEST_TOKEN_SECRET_NAME": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:token",
    "PODCAST_DIGEST_SENDER": "digest@example.com",
}
PROBE = """
import importlib.util, json, sys
sys.path[:0] = sys.argv[3:]
spec = importlib.util.spec_from_file_location("app", sys.argv[1])
spec.loader.exec_module(importlib.util.module_from_spec(spec))
loaded = [name for name in sys.argv[2].split(",") if name in sys.modules]
patched = None
if sys.argv[1].endswith("mark_failed/app.py"):
    from aws_xray_sdk.core import patcher
    from podcast_digest.adapters.aws import clients
    before = "botocore" in patcher._PATCHED_MODULES
    clients.s3()
    patched = [before, "botocore" in patcher._PATCHED_MODULES]
print(json.dumps({"loaded": loaded, "patched": patched}))
"""


def imported(function: str) -> dict:
    paths = lambda_paths().sys_path(REPO / "functions" / function)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PODCAST_DIGEST"))} | LAMBDA
    app = str(REPO / "functions" / function / "app.py")
    command = [sys._base_executable, "-I", "-S", "-c", PROBE, app, ",".join(HEAVY), *paths]
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.splitlines()[-1])


@pytest.mark.parametrize("function", HANDLERS)
def test_the_handler_imports_no_heavy_module(function: str) -> None:
    assert imported(function)["loaded"] == []


def test_the_tracer_patches_botocore_before_the_first_client_not_at_import() -> None:
    assert imported("mark_failed")["patched"] == [False, True]
