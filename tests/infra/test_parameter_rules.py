"""Parameter combinations that cannot work are refused at deploy time, by the template itself, naming the parameter.

CloudFormation checks AllowedValues, AllowedPattern and the Rules section
before it creates anything; tests/support/cfn_values.py evaluates the same
sections, and the test deployment (aws_stack.deploy) refuses what they refuse.
"""

import pytest

from tests.e2e.test_configurations import CONFIGURATIONS
from tests.support.cfn_values import refusals

SENDER = {"SenderAddress": "digest@example.com"}


@pytest.mark.parametrize("name", CONFIGURATIONS)
def test_every_documented_configuration_is_accepted(template, name):
    assert refusals(template, CONFIGURATIONS[name].parameters()) == []


def test_the_defaults_with_a_sender_deploy_a_stack_that_needs_no_secret(template):
    assert refusals(template, SENDER) == []
    assert template["Parameters"]["SummarizerEngine"]["Default"] == "extractive"


@pytest.mark.parametrize(
    ("parameters", "named"),
    [
        ({"SummarizerEngine": "llm"}, "SummarizerEngine=llm needs SecretName"),
        ({"TranscriberEngine": "openai"}, "TranscriberEngine=openai needs SecretName"),
        (
            {"SummarizerEngine": "llm", "TranscriberEngine": "openai", "SecretName": ""},
            "SummarizerEngine=llm",
        ),
        ({"PublicBaseUrl": "http://digest.example.com"}, "PublicBaseUrl"),
        ({"SecretName": "arn:aws:secretsmanager:eu-west-1:1:secret:x"}, "SecretName"),
        ({"SummarizerEngine": "gpt"}, "SummarizerEngine"),
    ],
)
def test_a_combination_that_cannot_work_is_refused_naming_the_parameter(template, parameters, named):
    refused = refusals(template, {**SENDER, **parameters})
    assert refused, f"{parameters} was accepted"
    assert named in refused[0]


def test_the_rules_reach_cloudformation_through_the_sam_transform(template, transformed):
    assert transformed["Rules"] == template["Rules"]
