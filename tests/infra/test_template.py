"""template.yaml: lints clean, transforms offline, least privilege, and agrees with the code it deploys."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.infra.conftest import REPO, TEMPLATE

FUNCTIONS = {
    "StartPipelineFunction": "start_pipeline",
    "TranscribeFunction": "transcribe",
    "CheckTranscriptionFunction": "check_transcription",
    "SummarizeFunction": "summarize",
    "NotifyFunction": "notify",
    "MarkFailedFunction": "mark_failed",
    "PollFeedsFunction": "poll_feeds",
    "PollFeedBatchFunction": "poll_feed_batch",
    "SubscriptionApiFunction": "subscription_api",
    "SesFeedbackFunction": "ses_feedback",
    "RoundupFunction": "roundup",
}


def _functions(template: dict) -> dict[str, dict]:
    return {n: r for n, r in template["Resources"].items() if r["Type"] == "AWS::Serverless::Function"}


def test_cfn_lint_reports_nothing():
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run([str(cfn_lint), str(TEMPLATE)], capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sam_transforms_the_template_offline_into_every_resource(transformed):
    resources = transformed["Resources"]
    types = {r["Type"] for r in resources.values()}
    assert {"AWS::Lambda::Function", "AWS::StepFunctions::StateMachine", "AWS::Lambda::LayerVersion"} <= types
    assert sum(r["Type"] == "AWS::Lambda::Function" for r in resources.values()) == len(FUNCTIONS)
    definition = resources["PipelineStateMachine"]["Properties"]
    assert definition["DefinitionS3Location"]
    assert set(definition["DefinitionSubstitutions"]) >= {"TranscribeFunctionArn", "MarkFailedFunctionArn"}


def test_every_function_is_one_folder_with_a_handler(template):
    functions = _functions(template)
    assert {name: f["Properties"]["CodeUri"] for name, f in functions.items()} == {
        name: f"functions/{folder}/" for name, folder in FUNCTIONS.items()
    }
    for folder in FUNCTIONS.values():
        source = (REPO / "functions" / folder / "app.py").read_text()
        assert "def lambda_handler(" in source
        assert "boto3" not in source  # handlers call services; only adapters touch AWS


def test_every_handler_folder_is_deployed(template):
    folders = {p.name for p in (REPO / "functions").iterdir() if (p / "app.py").is_file()}
    assert folders == set(FUNCTIONS.values())


def test_runtime_and_architecture_are_set_once_in_globals(template):
    assert template["Globals"]["Function"]["Runtime"] == "python3.11"
    assert template["Globals"]["Function"]["Architectures"] == ["arm64"]
    for name, function in _functions(template).items():
        assert "Runtime" not in function["Properties"], name
        assert "Architectures" not in function["Properties"], name


def test_no_policy_allows_every_action_on_every_resource(transformed):
    assert _star_on_star_grants(transformed["Resources"]) == []


# Actions AWS documents as taking no resource ARN: the only ones allowed on "*".
RESOURCELESS_ACTIONS = {
    "logs:CreateLogDelivery",
    "logs:GetLogDelivery",
    "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies",
    "logs:DescribeLogGroups",
}


def test_only_resourceless_actions_are_granted_on_every_resource(transformed):
    granted_on_star = set()
    for resource in transformed["Resources"].values():
        if not resource["Type"].startswith("AWS::IAM::"):
            continue
        for document in _policy_documents(resource["Properties"]):
            for statement in _statements(document):
                if statement.get("Effect") == "Allow" and "*" in _as_list(statement.get("Resource")):
                    granted_on_star |= {a for a in _as_list(statement.get("Action")) if isinstance(a, str)}
    assert granted_on_star <= RESOURCELESS_ACTIONS


def test_the_policy_check_finds_a_star_grant_hidden_in_a_condition():
    role = {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "Policies": [
                {
                    "Fn::If": [
                        "Cond",
                        {
                            "PolicyName": "p",
                            "PolicyDocument": {
                                "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"}]
                            },
                        },
                        {"Ref": "AWS::NoValue"},
                    ]
                }
            ]
        },
    }
    assert len(_star_on_star_grants({"Role": role})) == 1


def test_the_bucket_is_private_encrypted_and_expires_raw_audio(template):
    bucket = template["Resources"]["DigestBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    rules = {r.get("Prefix"): r for r in bucket["LifecycleConfiguration"]["Rules"]}
    assert rules["audio/"]["ExpirationInDays"] > 0


def test_only_the_drop_folder_starts_the_pipeline(template):
    event = template["Resources"]["StartPipelineFunction"]["Properties"]["Events"]["Dropped"]["Properties"]
    assert event["Filter"]["S3Key"]["Rules"] == [{"Name": "prefix", "Value": "incoming/"}]


def test_one_door_dropped_files_and_polled_episode_manifests_are_the_only_s3_events(template):
    s3_events = {
        (logical, name): event["Properties"]["Filter"]["S3Key"]["Rules"]
        for logical, function in _functions(template).items()
        for name, event in function["Properties"].get("Events", {}).items()
        if event["Type"] == "S3"
    }
    assert s3_events == {
        ("StartPipelineFunction", "Dropped"): [{"Name": "prefix", "Value": "incoming/"}],
        ("StartPipelineFunction", "Announced"): [
            {"Name": "prefix", "Value": "episodes/"},
            {"Name": "suffix", "Value": ".json"},
        ],
    }


def test_the_poller_starts_no_execution_itself(template):
    poller = template["Resources"]["PollFeedBatchFunction"]["Properties"]
    assert "PODCAST_DIGEST_STATE_MACHINE_ARN" not in poller.get("Environment", {}).get("Variables", {})
    assert "states:" not in json.dumps(poller["Policies"])
    assert "StepFunctions" not in json.dumps(poller["Policies"])


def test_the_table_is_on_demand_with_recovery_and_ttl(template):
    table = template["Resources"]["DigestTable"]["Properties"]
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert table["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}


def test_the_table_in_the_template_is_the_one_the_adapter_is_tested_against(template):
    from podcast_digest.adapters.aws.dynamodb import table_definition

    table = template["Resources"]["DigestTable"]["Properties"]
    expected = table_definition("any")
    assert sorted(table["AttributeDefinitions"], key=str) == sorted(expected["AttributeDefinitions"], key=str)
    assert table["KeySchema"] == expected["KeySchema"]
    assert table["GlobalSecondaryIndexes"] == expected["GlobalSecondaryIndexes"]


def test_every_environment_setting_is_one_the_settings_model_reads(template):
    from podcast_digest.settings import Settings

    names = set(template["Globals"]["Function"]["Environment"]["Variables"])
    for function in _functions(template).values():
        names |= set(function["Properties"].get("Environment", {}).get("Variables", {}))
    ours = {n.removeprefix("PODCAST_DIGEST_").lower() for n in names if n.startswith("PODCAST_DIGEST_")}
    assert ours - set(Settings.model_fields) == set()
    assert {"records", "blobs", "mailer", "table_name", "bucket_name", "state_machine_arn"} <= ours


def test_the_aws_stack_never_fetches_loopback_or_local_files(template):
    variables = template["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["PODCAST_DIGEST_ALLOW_LOOPBACK"] == "false"
    assert variables["PODCAST_DIGEST_ALLOW_LOCAL_FILES"] == "false"


@pytest.mark.parametrize(
    "name", ["SenderAddress", "TranscriberEngine", "SummarizerEngine", "LlmModel", "SecretName"]
)
def test_the_deploy_parameters_exist(template, name):
    assert name in template["Parameters"]


def test_the_state_machine_arn_given_to_functions_matches_its_name(template):
    name = template["Resources"]["PipelineStateMachine"]["Properties"]["Name"]["Fn::Sub"]
    for function in ("StartPipelineFunction",):
        arn = template["Resources"][function]["Properties"]["Environment"]["Variables"][
            "PODCAST_DIGEST_STATE_MACHINE_ARN"
        ]["Fn::Sub"]
        assert arn.endswith(f":stateMachine:{name}")
    assert re.fullmatch(r"\$\{AWS::StackName\}-pipeline", name)


def _star_on_star_grants(resources: dict) -> list:
    """Allow statements granting every action (or every action of a service) on every resource."""
    offenders = []
    for name, resource in resources.items():
        if not resource["Type"].startswith("AWS::IAM::"):
            continue
        for document in _policy_documents(resource["Properties"]):
            for statement in _statements(document):
                if statement.get("Effect") != "Allow":
                    continue
                actions = [a for a in _as_list(statement.get("Action")) if isinstance(a, str)]
                if "*" in _as_list(statement.get("Resource")) and any(
                    a == "*" or a.endswith(":*") for a in actions
                ):
                    offenders.append((name, statement))
    return offenders


def _policy_documents(node):
    """Every PolicyDocument under a resource, including inside Fn::If branches."""
    if isinstance(node, dict):
        if "PolicyDocument" in node:
            yield node["PolicyDocument"]
        for key, value in node.items():
            if key != "PolicyDocument":
                yield from _policy_documents(value)
    elif isinstance(node, list):
        for value in node:
            yield from _policy_documents(value)


def _statements(document: dict):
    statements = document.get("Statement", [])
    yield from statements if isinstance(statements, list) else [statements]


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
