"""The private moto hook the end-to-end tests rely on: fail loudly the day moto changes it."""

import inspect
import json

import moto
from moto.awslambda.models import LambdaFunction


def test_moto_is_the_pinned_version_whose_hook_we_replace():
    assert moto.__version__ == "5.2.5", (
        "moto changed: re-check LambdaFunction._invoke_lambda before moving the pin in pyproject.toml"
    )


def test_invoke_still_goes_through_invoke_lambda_with_the_event():
    signature = inspect.signature(LambdaFunction._invoke_lambda)
    assert list(signature.parameters) == ["self", "event"]
    assert "self._invoke_lambda(event=body)" in inspect.getsource(LambdaFunction.invoke)


def test_s3_notifications_and_step_functions_reach_invoke():
    from moto.s3 import notifications
    from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils

    assert "func.invoke(" in inspect.getsource(notifications._invoke_awslambda)
    assert "lambda_client.invoke(" in inspect.getsource(lambda_eval_utils._invoke_lambda_function)
    assert '"errorType"' in inspect.getsource(
        __import__(
            "moto.stepfunctions.parser.asl.component.state.exec.state_task.state_task_lambda",
            fromlist=["StateTaskLambda"],
        )
    )


def test_a_raised_exception_comes_back_as_the_runtime_error_payload(stack):
    from podcast_digest.adapters.aws import clients

    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("MarkFailedFunction"),
        Payload=json.dumps({"feed_id": "f", "episode_id": "missing", "step": "notify", "error": "X"}),
    )

    assert response["FunctionError"] == "Handled"
    payload = json.loads(response["Payload"].read())
    assert payload["errorType"] == "NotFoundError"
    assert "missing" in payload["errorMessage"]


def test_the_handler_runs_with_its_function_environment(stack):
    from podcast_digest.adapters.aws import clients

    event = {"Service": "Amazon S3", "Event": "s3:TestEvent", "Bucket": stack.bucket}
    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("StartPipelineFunction"), Payload=json.dumps(event)
    )

    assert "FunctionError" not in response  # its cold start found the state machine it needs
    assert json.loads(response["Payload"].read()) == {
        "started": [],
        "duplicates": [],
        "ignored": [],
        "refused": [],
    }
    assert (
        stack.environment["StartPipelineFunction"]["PODCAST_DIGEST_STATE_MACHINE_ARN"]
        == stack.state_machine_arn
    )
