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


class OfflinePolicyLoader:
    """SAM asks this for managed policy names used by name; the template uses none, so it knows none."""

    def load(self) -> dict[str, str]:
        return {}


@pytest.fixture(scope="session")
def template() -> dict:
    return load_template()


@pytest.fixture(scope="session")
def transformed() -> dict:
    """What CloudFormation would receive after `sam package`: local paths become s3:// addresses."""
    import os

    from samtranslator.translator.transform import transform

    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
    source = load_template()
    for name, resource in source["Resources"].items():
        properties = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri", "DefinitionUri"):
            if isinstance(properties.get(key), str):
                properties[key] = f"s3://sam-artifacts-bucket/{name}/{key}"
    return transform(source, {}, OfflinePolicyLoader())


@pytest.fixture(scope="session")
def asl() -> dict:
    return json.loads(ASL.read_text())
