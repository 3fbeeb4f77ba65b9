"""Each function's S3 access is scoped to the key prefixes it works on, never the whole bucket.

tests/e2e runs every function under these roles (a missing prefix fails
there, naming it); this checks the other direction: nothing broader than a
prefix is granted, and the functions that touch no object get no object access.
"""

import json

import pytest

from tests.support.iam_roles import transformed_template

# What each function reads and writes in the bucket (DESIGN.md, "S3 keys").
PREFIXES = {
    "StartPipelineFunction": {"incoming", "episodes", "transcripts"},
    "PollFeedBatchFunction": {"episodes"},  # writes its manifests, reads nothing
    "TranscribeFunction": {"incoming", "audio", "transcripts", "transcribe-output", "transcription-parts"},
    "CheckTranscriptionFunction": {"transcribe-output", "transcripts"},
    "SummarizeFunction": {"transcripts", "summaries", "cache"},
}
FUNCTIONS = [
    name for name, r in transformed_template()["Resources"].items() if r["Type"] == "AWS::Lambda::Function"
]


def _s3_statements(function: str) -> list[dict]:
    resources = transformed_template()["Resources"]
    role = resources[function]["Properties"]["Role"]["Fn::GetAtt"][0]
    statements = []
    for policy in resources[role]["Properties"].get("Policies", []):
        for statement in json.loads(json.dumps(policy)).get("PolicyDocument", {}).get("Statement", []):
            actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
            if any(a.startswith("s3:") for a in actions):
                statements.append(statement)
    return statements


def _object_prefixes(statement: dict) -> set[str]:
    resources = statement["Resource"] if isinstance(statement["Resource"], list) else [statement["Resource"]]
    found = set()
    for resource in resources:
        text = resource["Fn::Sub"] if isinstance(resource, dict) else resource
        text = text[0] if isinstance(text, list) else text  # [text, {StackSuffix: …}]
        _, _, key = text.partition("}/")  # after the bucket name
        if text.endswith("/*") or key:
            assert key.endswith("/*"), f"{text}: not a key prefix"
            assert key.count("/") == 1, f"{text}: not one key prefix"
            found.add(key.removesuffix("/*"))
    return found


@pytest.mark.parametrize("function", FUNCTIONS)
def test_s3_object_access_is_only_on_the_prefixes_the_function_works_on(function):
    statements = _s3_statements(function)
    granted = set().union(*(_object_prefixes(s) for s in statements)) if statements else set()
    assert granted == PREFIXES.get(function, set())
    for statement in statements:
        assert "s3:*" not in json.dumps(statement)
        assert "Condition" not in statement or statement["Action"] == "s3:ListBucket"


def test_the_poller_may_only_write_manifests_and_the_door_only_read_them():
    def grants(function: str, prefix: str) -> set[str]:
        actions: set[str] = set()
        for statement in _s3_statements(function):
            if prefix in _object_prefixes(statement):
                actions |= set(
                    statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
                )
        return actions

    assert grants("PollFeedBatchFunction", "episodes") == {"s3:PutObject"}
    assert grants("StartPipelineFunction", "episodes") == {"s3:GetObject"}


DESTINATIONS_PARAMETERS = "parameter/podcast-digest/${DigestTable}/destinations/*"


def _statements_naming(function: str, text: str) -> list[dict]:
    resources = transformed_template()["Resources"]
    role = resources[function]["Properties"]["Role"]["Fn::GetAtt"][0]
    found = []
    for policy in resources[role]["Properties"].get("Policies", []):
        for statement in policy.get("PolicyDocument", {}).get("Statement", []):
            if text in json.dumps(statement):
                found.append(statement)
    return found


@pytest.mark.parametrize("function", FUNCTIONS)
def test_only_notify_reads_the_destination_urls_and_only_reads_them(function):
    statements = _statements_naming(function, "/destinations/*")
    if function != "NotifyFunction":
        assert statements == []
        return
    [statement] = statements
    assert statement["Action"] == "ssm:GetParameter"
    assert DESTINATIONS_PARAMETERS in json.dumps(statement["Resource"])


def test_notify_is_told_the_same_path_its_role_may_read():
    variables = transformed_template()["Resources"]["NotifyFunction"]["Properties"]["Environment"][
        "Variables"
    ]
    path = variables["PODCAST_DIGEST_DESTINATION_PARAMETER_PATH"]["Fn::Sub"]
    assert f"parameter{path}/*" == DESTINATIONS_PARAMETERS
