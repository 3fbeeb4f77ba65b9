"""The whole stack in moto: real ASL executed by moto's Step Functions, real handlers in Lambda-like workers.

Every handler runs with only the layer's packages and only its own role's
permissions (tests/support/moto_lambda.py); a call its role does not allow
fails the test at teardown, naming function, action and resource.
"""

import os

import pytest

from tests.support import aws, moto_lambda
from tests.support.aws_stack import DeployedStack, deploy

PARAMETERS = {
    "SenderAddress": aws.SENDER,
    "SummarizerEngine": "extractive",  # the offline summarizer: no model, no network
    "TranscriberEngine": "transcribe",
}


@pytest.fixture
def moto_sfn(monkeypatch):
    aws.aws_environment(monkeypatch)
    with aws.moto_account(config={"stepfunctions": {"execute_state_machine": True}}):
        yield


def deploy_with_roles(
    monkeypatch: pytest.MonkeyPatch,
    parameters: dict[str, str] | None = None,
    extra_environment: dict[str, str] | None = None,
) -> DeployedStack:
    """Deploy into the current moto account and route invocations to workers under per-function roles."""
    deployed = deploy(parameters or PARAMETERS, extra_environment=extra_environment)
    assert deployed.roles is not None
    moto_lambda.install(monkeypatch, deployed.folders, deployed.roles)
    return deployed


@pytest.fixture
def held_to_roles():
    """Collects deployed stacks; at teardown, every call a function's role denied fails the test."""
    stacks: list[DeployedStack] = []
    yield stacks
    if os.environ.get("IAM_CALL_LOG"):  # what each function called, to write its policy from
        with open(os.environ["IAM_CALL_LOG"], "a") as log:
            log.writelines(f"{f}\t{a}\t{r}\n" for s in stacks if s.roles for f, a, r in s.roles.checked)
    denials = [str(d) for s in stacks if s.roles for d in s.roles.denials]
    assert not denials, "calls the functions' roles do not allow:\n" + "\n".join(sorted(set(denials)))


@pytest.fixture
def stack(moto_sfn, monkeypatch, held_to_roles):
    deployed = deploy_with_roles(monkeypatch)
    held_to_roles.append(deployed)
    return deployed


@pytest.fixture
def stack_for_local_publisher(moto_sfn, monkeypatch, held_to_roles):
    """The stack, allowed to fetch from a publisher on 127.0.0.1 (local tests only; off in the template)."""
    deployed = deploy_with_roles(monkeypatch, extra_environment={"PODCAST_DIGEST_ALLOW_LOOPBACK": "true"})
    held_to_roles.append(deployed)
    return deployed
