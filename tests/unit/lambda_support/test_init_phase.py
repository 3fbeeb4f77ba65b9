"""The init phase imports without the garbage collector in Lambda and hands it back, frozen, after cold_start."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
HANDLERS = sorted((REPO / "functions").glob("*/app.py"))

PROBE = """
import gc, os, sys
import podcast_digest.lambda_support.init_phase as init_phase
paused = not gc.isenabled()
from podcast_digest.lambda_support.runtime import cold_start
try:
    cold_start(sys.argv[1])
except Exception as error:
    print(type(error).__name__)
print(paused, gc.isenabled(), gc.get_freeze_count() > 0)
"""


def probe(function: str, **environment: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_LAMBDA", "PODCAST_DIGEST"))}
    env.update(environment, PYTHONPATH=str(REPO / "shared"))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, function],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return out.stdout.split()


def test_in_lambda_the_collector_pauses_until_cold_start_then_resumes_with_the_init_frozen() -> None:
    assert probe("mark_failed", AWS_LAMBDA_FUNCTION_NAME="mark-failed", PODCAST_DIGEST_TABLE_NAME="t",
                 PODCAST_DIGEST_RECORDS="dynamodb", AWS_DEFAULT_REGION="eu-west-1")[-3:] == ["True", "True", "True"]  # fmt: skip


def test_a_cold_start_that_fails_its_configuration_still_gives_the_collector_back() -> None:
    # notify without its settings: ConfigurationError, and the collector is running again
    out = probe("notify", AWS_LAMBDA_FUNCTION_NAME="notify", PODCAST_DIGEST_RECORDS="dynamodb")
    assert out[0] == "ConfigurationError"
    assert out[-3:] == ["True", "True", "True"]


def test_outside_lambda_the_collector_is_left_alone() -> None:
    assert probe("mark_failed")[-3:] == ["False", "True", "False"]


@pytest.mark.parametrize("handler", HANDLERS, ids=lambda p: p.parent.name)
def test_every_handler_imports_the_init_phase_before_anything_else(handler: Path) -> None:
    tree = ast.parse(handler.read_text())
    first = next(node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom))
    named = first.names[0].name if isinstance(first, ast.Import) else f"from {first.module}"
    assert named == "podcast_digest.lambda_support.init_phase", (
        f"{handler.parent.name}/app.py: import podcast_digest.lambda_support.init_phase first, not {named}"
    )
