"""A warm Lambda container for one function: runs in `python -I -S`, sees only the layer and the runtime.

Started by tests/support/moto_lambda.py as
`python -I -S lambda_worker.py <function dir> <sys.path entries...>`; it
talks JSON lines: requests on stdin, answers on the stdout it was given
(handler output goes to stderr). Every AWS call a handler makes is first
sent to the parent ("call"), which judges it against the function's role;
a denied call raises AccessDenied here, as AWS would. Imports nothing from
the test environment: only the standard library until the paths are set.
"""

import json
import os
import sys
import traceback
from typing import Any

_MAX_TEXT = 2048


def _plain(value: Any) -> Any:
    """The request parameters in JSON, bodies and long texts cut (only names and keys matter to IAM)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return value[:_MAX_TEXT]
    if isinstance(value, bool | int | float) or value is None:
        return value
    return f"<{type(value).__name__}>"


class Parent:
    def __init__(self, answers: Any) -> None:
        self.answers = answers

    def send(self, message: dict[str, Any]) -> None:
        self.answers.write(json.dumps(message, default=str) + "\n")
        self.answers.flush()

    def ask(self, message: dict[str, Any]) -> dict[str, Any]:
        self.send(message)
        line = sys.stdin.readline()
        if not line:
            raise SystemExit(0)
        return json.loads(line)


def _authorize_calls(parent: Parent) -> None:
    """Every client's calls go to the parent first (registered for clients created from now on)."""
    from botocore import handlers
    from botocore.exceptions import ClientError

    def before_call(params: dict[str, Any], model: Any, **_: Any) -> None:
        service = model.service_model.signing_name
        answer = parent.ask(
            {"kind": "call", "service": service, "operation": model.name, "params": _plain(params)}
        )
        if answer.get("denied"):
            code = "AccessDenied" if service == "s3" else "AccessDeniedException"
            raise ClientError({"Error": {"Code": code, "Message": answer["denied"]}}, model.name)

    handlers.BUILTIN_HANDLERS.append(("before-parameter-build.*.*", before_call))


class Context:
    """The runtime's context object; the invocation's clock is the parent's (it owns the invocation)."""

    def __init__(self, values: dict[str, Any], parent: Parent) -> None:
        self.__dict__.update(values)
        self._parent = parent

    def get_remaining_time_in_millis(self) -> int:
        return int(self._parent.ask({"kind": "remaining"})["ms"])


class Container:
    def __init__(self, function_dir: str) -> None:
        self.function_dir = function_dir
        self.module: Any = None
        self.generation: Any = None
        self.environment: dict[str, str] = {}

    def refresh(self, generation: Any, environment: dict[str, str]) -> None:
        """A new deployment (moto was reset): fresh settings, clients and cached secrets, as after a deploy."""
        if generation == self.generation:
            return
        self.generation = generation
        for name in set(self.environment) - set(environment):
            os.environ.pop(name, None)  # a variable the new deployment no longer sets
        os.environ.update(environment)
        self.environment = dict(environment)
        self.module = None  # a new container: the handler module's cold start runs again
        if "podcast_digest.settings" in sys.modules:
            from aws_lambda_powertools.utilities import parameters

            from podcast_digest.adapters.aws import clients
            from podcast_digest.settings import get_settings

            get_settings.cache_clear()
            clients.forget_clients()
            parameters.clear_caches()

    def handler(self) -> Any:
        if self.module is None:
            import importlib.util

            spec = importlib.util.spec_from_file_location("app", os.path.join(self.function_dir, "app.py"))
            assert spec is not None
            assert spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules["app"] = module
            spec.loader.exec_module(module)
            self.module = module
        return self.module.lambda_handler


def _invoke(container: Container, request: dict[str, Any], parent: Parent) -> dict[str, Any]:
    container.refresh(request["generation"], request["environment"])
    try:
        result = container.handler()(request["event"], Context(request["context"], parent))
    except Exception as exc:
        traceback.print_exc()
        error = {"errorMessage": str(exc), "errorType": type(exc).__name__,
                 "stackTrace": traceback.format_tb(exc.__traceback__)}  # fmt: skip
        return {"kind": "result", "payload": json.dumps(error), "errored": True}
    return {"kind": "result", "payload": json.dumps(result, default=str), "errored": False}


def main() -> None:
    function_dir, *paths = sys.argv[1:]
    sys.path[:0] = paths
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # print() and logs from handlers go to stderr, never into the answers
    sys.stdout = sys.stderr
    parent = Parent(answers)
    _authorize_calls(parent)
    container = Container(function_dir)
    parent.send({"kind": "ready"})
    for line in sys.stdin:
        parent.send(_invoke(container, json.loads(line), parent))


if __name__ == "__main__":
    main()
