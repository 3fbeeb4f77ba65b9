"""Run the real Lambda handlers whenever moto invokes a function (there is no Docker here).

moto runs a Lambda in a container from `LambdaFunction._invoke_lambda(self,
event) -> (payload, errored, logs)`; every invoke path goes through it
(direct Invoke, Step Functions tasks, S3 notifications, SQS event sources).
We replace it with a call to functions/<folder>/app.py's lambda_handler in
a warm worker process per function (tests/support/lambda_worker.py) that
imports only what Lambda would give it: the layer built from
shared/requirements.txt and the runtime's boto3 (tests/support/lambda_layer.py),
never this test environment. Workers reach moto through a moto server on
127.0.0.1 that shares this process's moto state, and every AWS call they
make is judged against that function's own role (tests/support/iam_roles.py).
A raised exception comes back as the payload the Python runtime sends
({"errorMessage", "errorType", "stackTrace"}, errored), so Step Functions'
Retry and Catch match the class name as they do in AWS. The hook is private
to moto: moto is pinned and tests/e2e/test_moto_lambda_hook.py fails loudly
if it changes.
"""

import atexit
import importlib.util
import itertools
import json
import os
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.iam_roles import FunctionRoles

FUNCTIONS_DIR = Path(__file__).resolve().parents[2] / "functions"
WORKER = Path(__file__).resolve().with_name("lambda_worker.py")
_MODULES: dict[str, ModuleType] = {}
_GENERATIONS = itertools.count(1)


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
    """functions/<folder>/app.py imported in this process (for tests of the handler module itself)."""
    if folder not in _MODULES:
        path = FUNCTIONS_DIR / folder / "app.py"
        spec = importlib.util.spec_from_file_location(f"lambda_function_{folder}", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load the handler at {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _MODULES[folder] = module
    return _MODULES[folder]


class Worker:
    """One warm container of one function; one invocation at a time, as a Lambda container."""

    def __init__(self, folder: str, endpoint: str) -> None:
        from tests.support.lambda_layer import lambda_paths

        function_dir = FUNCTIONS_DIR / folder
        paths = lambda_paths().sys_path(function_dir)
        env = {**os.environ, "AWS_ENDPOINT_URL": endpoint, "PYTHONDONTWRITEBYTECODE": "1"}
        self.folder = folder
        self.lock = threading.Lock()
        self.process = subprocess.Popen(
            [sys._base_executable, "-I", "-S", str(WORKER), str(function_dir), *paths],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True, cwd=function_dir,
        )  # fmt: skip
        self._read()  # "ready": the runtime's botocore is importable and the hook registered

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.folder} worker exited (code {self.process.poll()}): see stderr")
        return json.loads(line)

    def _write(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(message, default=str) + "\n")
        self.process.stdin.flush()

    def invoke(self, request: dict[str, Any], function: str, roles: FunctionRoles) -> tuple[str, bool, str]:
        clock = InvocationContext(
            **request["context"]
        )  # this invocation's time left, asked for by the worker
        with self.lock:
            self._write(request)
            while True:
                message = self._read()
                if message["kind"] == "result":
                    return message["payload"], bool(message["errored"]), ""
                if message["kind"] == "remaining":
                    self._write({"ms": clock.get_remaining_time_in_millis()})
                    continue
                denied = roles.authorize(
                    function, message["service"], message["operation"], message["params"]
                )
                self._write({"denied": "; ".join(map(str, denied)) if denied else None})

    def stop(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()


class MotoEndpoint:
    """A moto server on 127.0.0.1 (port 0) sharing this process's moto state: the workers' AWS."""

    def __init__(self) -> None:
        import logging

        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.port = port
        self.url = f"http://{host}:{port}"


_ENDPOINT: MotoEndpoint | None = None
_WORKERS: dict[str, Worker] = {}
_WORKERS_LOCK = threading.Lock()


def endpoint() -> MotoEndpoint:
    global _ENDPOINT
    if _ENDPOINT is None:
        _ENDPOINT = MotoEndpoint()
    return _ENDPOINT


def worker(folder: str) -> Worker:
    with _WORKERS_LOCK:
        if folder not in _WORKERS or _WORKERS[folder].process.poll() is not None:
            _WORKERS[folder] = Worker(folder, endpoint().url)
        return _WORKERS[folder]


@atexit.register
def _stop_workers() -> None:
    for running in _WORKERS.values():
        running.stop()


def install(monkeypatch: pytest.MonkeyPatch, folders: dict[str, str], roles: FunctionRoles) -> None:
    """Route moto's invocations of each function name to its worker, under that function's role."""
    from moto.awslambda.models import LambdaFunction

    monkeypatch.setenv("MOTO_PORT", str(endpoint().port))
    generation = next(_GENERATIONS)

    def _invoke_lambda(self: Any, event: Any = None) -> tuple[str, bool, str]:
        folder = folders.get(self.function_name)
        if folder is None:
            return json.dumps({"errorMessage": f"no handler for {self.function_name}"}), True, ""
        request = {
            "event": event if event is not None else {},
            "environment": {k: str(v) for k, v in (self.environment_vars or {}).items()},
            "generation": generation,
            "context": {
                "function_name": self.function_name,
                "invoked_function_arn": self.function_arn,
                "memory_limit_in_mb": int(self.memory_size or 128),
                "function_version": "$LATEST",
                "aws_request_id": str(uuid.uuid4()),
                "log_group_name": f"/aws/lambda/{self.function_name}",
                "log_stream_name": "test",
            },
        }
        if isinstance(request["event"], str | bytes):
            request["event"] = json.loads(request["event"] or "{}")
        return worker(folder).invoke(request, self.function_name, roles)

    monkeypatch.setattr(LambdaFunction, "_invoke_lambda", _invoke_lambda)
