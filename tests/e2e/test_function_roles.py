"""Each function, cold, under its own role from the SAM-transformed template: what AWS would deny fails here.

Every function is invoked once with an event of the shape AWS sends it; the
calls it makes are judged against its role (tests/support/iam_roles.py). A
function may fail on a sample event that names nothing real; what it may not
do is make a call its role does not allow.
"""

import copy
import json
from pathlib import Path

import pytest

from podcast_digest.adapters.aws import clients
from tests.e2e.conftest import PARAMETERS, deploy_with_roles
from tests.integration.subscriptions.flow import http_event
from tests.support import aws, moto_lambda
from tests.support.aws_stack import ACCOUNT, DeployedStack
from tests.support.iam_roles import FunctionRoles, transformed_template

EVENTS = Path(__file__).resolve().parents[2] / "events"
SECRET = "podcast-digest/openai"

pytestmark = pytest.mark.slow


def _sample(name: str) -> dict:
    return json.loads((EVENTS / name).read_text())


SAMPLE_EVENTS = {
    "StartPipelineFunction": _sample("s3-test-event.json"),
    "TranscribeFunction": _sample("episode-ref.json"),
    "CheckTranscriptionFunction": {**_sample("episode-ref.json"), "job_name": "podcast-digest-0c1d2e3f"},
    "SummarizeFunction": _sample("episode-ref.json"),
    "NotifyFunction": _sample("episode-ref.json"),
    "MarkFailedFunction": _sample("step-failure.json"),
    "PollFeedsFunction": _sample("scheduled-event.json"),
    "PollFeedBatchFunction": _sample("sqs-batch.json"),
    "SubscriptionApiFunction": http_event("GET", "/summaries/0c1d2e3f405162738495"),
    "SesFeedbackFunction": {"Records": []},
    "RoundupFunction": {"frequency": "daily"},
}


def _invoke_every_function(stack: DeployedStack) -> None:
    assert set(SAMPLE_EVENTS) == set(stack.functions), "a function without a sample event here"
    for logical, event in SAMPLE_EVENTS.items():
        clients.client("lambda").invoke(FunctionName=stack.function_name(logical), Payload=json.dumps(event))


@pytest.mark.parametrize("secret", ["", SECRET, "/" + SECRET], ids=["no-secret", "secrets-manager", "ssm"])
def test_every_function_cold_makes_only_calls_its_role_allows(secret, moto_sfn, monkeypatch):
    if secret.startswith("/"):
        clients.client("ssm").put_parameter(
            Name=secret, Value='{"openai_api_key": "sk-test"}', Type="SecureString"
        )
    elif secret:
        clients.client("secretsmanager").create_secret(
            Name=secret, SecretString='{"openai_api_key": "sk-test"}'
        )
    stack = deploy_with_roles(monkeypatch, {**PARAMETERS, "SecretName": secret})

    _invoke_every_function(stack)

    assert stack.roles is not None
    assert stack.roles.calls >= len(SAMPLE_EVENTS)
    denied = sorted({str(d) for d in stack.roles.denials})
    assert not denied, "calls the functions' roles do not allow:\n" + "\n".join(denied)


def test_a_permission_removed_from_the_template_fails_naming_function_action_and_resource(
    moto_sfn, monkeypatch
):
    stack = deploy_with_roles(monkeypatch)
    template = copy.deepcopy(transformed_template())
    policies = template["Resources"]["MarkFailedFunctionRole"]["Properties"]["Policies"]
    template["Resources"]["MarkFailedFunctionRole"]["Properties"]["Policies"] = [
        p for p in policies if "dynamodb:GetItem" not in json.dumps(p)
    ]
    assert stack.names is not None
    roles = FunctionRoles.from_template(stack.names, stack.functions, aws.REGION, ACCOUNT, template)
    moto_lambda.install(monkeypatch, stack.folders, roles)

    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name("MarkFailedFunction"),
        Payload=json.dumps(SAMPLE_EVENTS["MarkFailedFunction"]),
    )

    assert response["FunctionError"] == "Handled"
    assert "AccessDenied" in json.loads(response["Payload"].read())["errorMessage"]
    table = f"arn:aws:dynamodb:{aws.REGION}:{ACCOUNT}:table/{stack.table}"
    assert [str(d) for d in roles.denials] == [
        f"{stack.function_name('MarkFailedFunction')} may not dynamodb:GetItem on {table}"
    ]


@pytest.mark.parametrize(
    ("logical", "parameters", "environment", "named"),
    [
        ("TranscribeFunction", {"TranscriberEngine": "openai", "SecretName": SECRET},
         {"PODCAST_DIGEST_SECRET_NAME": ""}, "TranscriberEngine=openai needs SecretName"),
        ("StartPipelineFunction", {}, {"PODCAST_DIGEST_STATE_MACHINE_ARN": ""}, "PODCAST_DIGEST_STATE_MACHINE_ARN"),
    ],
    ids=["engine-without-secret", "missing-variable"],
)  # fmt: skip
def test_a_function_deployed_without_what_it_needs_fails_its_cold_start_in_one_line(
    logical, parameters, environment, named, moto_sfn, monkeypatch
):
    stack = deploy_with_roles(monkeypatch, {**PARAMETERS, **parameters}, extra_environment=environment)

    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name(logical), Payload=json.dumps(SAMPLE_EVENTS[logical])
    )

    error = json.loads(response["Payload"].read())
    assert response["FunctionError"] == "Handled"
    assert error["errorType"] == "ConfigurationError"
    assert named in error["errorMessage"]
    assert "\n" not in error["errorMessage"]
    assert "cold_start" in "".join(error["stackTrace"])  # raised while importing the handler, not per event
