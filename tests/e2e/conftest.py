"""The whole stack in moto: real ASL executed by moto's Step Functions, real handlers run in-process."""

import pytest

from tests.support import aws, moto_lambda
from tests.support.aws_stack import deploy

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


@pytest.fixture
def stack(moto_sfn, monkeypatch):
    deployed = deploy(PARAMETERS)
    moto_lambda.install(monkeypatch, deployed.folders)
    return deployed


@pytest.fixture
def stack_for_local_publisher(moto_sfn, monkeypatch):
    """The stack, allowed to fetch from a publisher on 127.0.0.1 (local tests only; off in the template)."""
    deployed = deploy(PARAMETERS, extra_environment={"PODCAST_DIGEST_ALLOW_LOOPBACK": "true"})
    moto_lambda.install(monkeypatch, deployed.folders)
    return deployed
