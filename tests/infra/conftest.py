"""The stack as files: template.yaml (raw and transformed by SAM offline) and the state machine."""

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "template.yaml"
ASL = REPO / "infra" / "statemachine" / "pipeline.asl.json"


def load_template() -> dict:
    from samtranslator.yaml_helper import yaml_parse

    return yaml_parse(TEMPLATE.read_text())


@pytest.fixture(scope="session")
def template() -> dict:
    return load_template()


@pytest.fixture(scope="session")
def transformed() -> dict:
    """What CloudFormation would receive after `sam package`: local paths become s3:// addresses."""
    from tests.support.iam_roles import transformed_template

    return transformed_template()


@pytest.fixture(scope="session")
def asl() -> dict:
    return json.loads(ASL.read_text())
