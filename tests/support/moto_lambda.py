"""Run the real Lambda handlers in-process whenever moto invokes a function (there is no Docker here).

moto runs a Lambda in a container from `LambdaFunction._invoke_lambda(self,
event) -> (payload, errored, logs)`; every invoke path goes through it
(direct Invoke, Step Functions tasks, S3 notifications). We replace it with a
call to functions/<folder>/app.py's lambda_handler, with the function's own
environment variables applied for the call, and map a raised exception to
the payload the Python runtime sends back ({"errorMessage", "errorType",
"stackTrace"}, errored), so Step Functions' Retry and Catch match the class
name exactly as they do in AWS. The hook is private to moto: moto is pinned
and tests/e2e/test_moto_lambda_hook.py fails loudly if it changes.
"""

import importlib.util
import json
import os
import threading
import traceback
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

FUNCTIONS_DIR = Path(__file__).resolve().parents[2] / "functions"
# One invocation at a time (nested ones stack): each runs with its function's environment applied.
_INVOKE_LOCK = threading.RLock()  # re-entrant: an SQS send inside a handler invokes its consumer
_MODULES: dict[str, ModuleType] = {}


@dataclass
class InvocationContext:
    """The attributes of the Lambda runtime's context object that handlers and Powertools read."""

    function_name: str
    invoked_function_arn: str
    memory_limit_in_mb: int
    function_version: str = "$LATEST"
    aws_request_id: str = ""
    log_group_name: str = ""
    log_stream_name: str = ""

    def get_remaining_time_in_millis(self) -> int:
        return 300_000


def handler_module(folder: str) -> ModuleType:
    """functions/<folder>/app.py, imported once under a name of its own (every handler is `app`)."""
    if folder not in _MODULES:
        path = FUNCTIONS_DIR / folder / "app.py"
        spec = importlib.util.spec_from_file_location(f"lambda_function_{folder}", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load the handler at {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _MODULES[folder] = module
    return _MODULES[folder]


def invoke_in_process(folder: str, function: Any, event: Any) -> tuple[str, bool, str]:
    """Call the handler as the Lambda runtime would; returns moto's (payload, errored, logs)."""
    from podcast_digest.settings import get_settings

    module = handler_module(folder)
    context = InvocationContext(
        function_name=function.function_name,
        invoked_function_arn=function.function_arn,
        memory_limit_in_mb=int(function.memory_size or 128),
        aws_request_id=str(uuid.uuid4()),
    )
    with _INVOKE_LOCK, _environment(dict(function.environment_vars or {})):
        get_settings.cache_clear()
        try:
            result = module.lambda_handler(event if event is not None else {}, context)
        except Exception as exc:
            error = {
                "errorMessage": str(exc),
                "errorType": type(exc).__name__,
                "stackTrace": traceback.format_tb(exc.__traceback__),
            }
            return json.dumps(error), True, "".join(traceback.format_exception(exc))
        finally:
            get_settings.cache_clear()
    return json.dumps(result, default=str), False, ""


def install(monkeypatch: pytest.MonkeyPatch, folders: dict[str, str]) -> None:
    """Route moto's invocations of each function name to functions/<folder>/app.py."""
    from moto.awslambda.models import LambdaFunction

    def _invoke_lambda(self: Any, event: Any = None) -> tuple[str, bool, str]:
        folder = folders.get(self.function_name)
        if folder is None:
            return json.dumps({"errorMessage": f"no handler for {self.function_name}"}), True, ""
        return invoke_in_process(folder, self, event)

    monkeypatch.setattr(LambdaFunction, "_invoke_lambda", _invoke_lambda)


@contextmanager
def _environment(variables: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update({k: str(v) for k, v in variables.items()})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
