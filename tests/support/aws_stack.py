"""Deploy template.yaml's stack into moto: the same table, bucket, queues, functions and state machine.

Not a second description of the stack: resource names, every function's
environment and the state machine's substitutions are read from the template
and its Ref/Sub/GetAtt resolved to the moto resources, so a drift between the
template and the code shows up in the end-to-end tests.
"""

import io
import json
import re
import secrets
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.aws import REGION
from tests.support.cfn_values import DeploymentRefused, Names, evaluate, refusals
from tests.support.iam_roles import FunctionRoles

REPO = Path(__file__).resolve().parents[2]
ACCOUNT = "123456789012"
STACK = "podcast-digest-e2e"


@dataclass
class DeployedStack:
    bucket: str
    table: str
    state_machine_arn: str
    poll_queue_url: str
    functions: dict[str, str] = field(default_factory=dict)  # logical name -> function name
    folders: dict[str, str] = field(default_factory=dict)  # function name -> functions/<folder>
    environment: dict[str, dict[str, str]] = field(default_factory=dict)
    roles: FunctionRoles | None = None  # each function's permissions, from the transformed template
    names: Names | None = None  # what Ref/GetAtt resolve to in this deployment

    def function_name(self, logical: str) -> str:
        return self.functions[logical]


def load_template() -> dict[str, Any]:
    from samtranslator.yaml_helper import yaml_parse

    return yaml_parse((REPO / "template.yaml").read_text())


def deploy(parameters: dict[str, str], extra_environment: dict[str, str] | None = None) -> DeployedStack:
    """Create the stack's resources in the current moto account and return where they are."""
    from podcast_digest.adapters.aws import clients
    from podcast_digest.adapters.aws.dynamodb import table_definition

    template = load_template()
    resources = template["Resources"]
    values = {name: str(p.get("Default", "")) for name, p in template["Parameters"].items()}
    values |= parameters
    refused = refusals(template, values)
    if refused:
        raise DeploymentRefused("; ".join(refused))
    values |= {
        "AWS::AccountId": ACCOUNT,
        "AWS::Region": REGION,
        "AWS::Partition": "aws",
        "AWS::StackName": STACK,
        "AWS::StackId": f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/{STACK}/8f3e5c2a-1b7d-4e9a-a6c4-2d1f0b9e7a35",
        "AWS::URLSuffix": "amazonaws.com",
    }
    refs: dict[str, str] = dict(values)
    attrs: dict[str, str] = {}
    names = Names(refs=refs, attrs=attrs, conditions=template.get("Conditions", {}))

    table = f"{STACK}-DigestTable"
    clients.dynamodb().create_table(**table_definition(table))
    refs["DigestTable"] = table

    bucket = _resolve(resources["DigestBucket"]["Properties"]["BucketName"], names)
    clients.s3().create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    refs["DigestBucket"] = bucket
    attrs["DigestBucket.Arn"] = f"arn:aws:s3:::{bucket}"

    configuration_set = f"{STACK}-digests"
    clients.sesv2().create_configuration_set(ConfigurationSetName=configuration_set)
    clients.sesv2().create_email_identity(EmailIdentity=values["SenderAddress"].split("@", 1)[1])
    refs["DigestConfigurationSet"] = configuration_set

    for queue in ("PollQueue", "PollDeadLetterQueue", "EventDeadLetterQueue"):
        url = clients.sqs().create_queue(QueueName=f"{STACK}-{queue}")["QueueUrl"]
        refs[queue] = url
        attrs[f"{queue}.Arn"] = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{STACK}-{queue}"
        attrs[f"{queue}.QueueName"] = f"{STACK}-{queue}"

    token_secret = clients.client("secretsmanager").create_secret(
        Name=f"{STACK}-token", SecretString=json.dumps({"token_secret": secrets.token_urlsafe(48)})
    )["ARN"]
    refs["TokenSecret"] = token_secret

    role = clients.client("iam").create_role(
        RoleName=f"{STACK}-role",
        AssumeRolePolicyDocument='{"Version":"2012-10-17","Statement":[]}',
    )["Role"]["Arn"]

    stack = DeployedStack(bucket=bucket, table=table, state_machine_arn="", poll_queue_url=refs["PollQueue"])
    global_env = template["Globals"]["Function"]["Environment"]["Variables"]
    for logical, resource in resources.items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        properties = resource["Properties"]
        folder = properties["CodeUri"].strip("/").split("/")[-1]
        name = f"{STACK}-{logical}"
        environment = {k: _resolve(v, names) for k, v in global_env.items()}
        local = properties.get("Environment", {}).get("Variables", {})
        environment |= {k: _resolve(v, names) for k, v in local.items()}
        environment |= extra_environment or {}
        arn = clients.client("lambda").create_function(
            FunctionName=name,
            Runtime=template["Globals"]["Function"]["Runtime"],
            Role=role,
            Handler=properties["Handler"],
            Code={"ZipFile": _zip(REPO / "functions" / folder / "app.py")},
            Timeout=int(properties.get("Timeout", template["Globals"]["Function"]["Timeout"])),
            Environment={"Variables": environment},
        )["FunctionArn"]
        attrs[f"{logical}.Arn"] = arn
        refs[logical] = name
        stack.functions[logical] = name
        stack.folders[name] = folder
        stack.environment[logical] = environment

    for logical, resource in resources.items():
        for event in resource.get("Properties", {}).get("Events", {}).values():
            if event["Type"] == "SQS":
                clients.client("lambda").create_event_source_mapping(
                    EventSourceArn=_resolve(event["Properties"]["Queue"], names),
                    FunctionName=stack.functions[logical],
                    BatchSize=int(event["Properties"].get("BatchSize", 10)),
                )

    machine = resources["PipelineStateMachine"]["Properties"]
    substitutions = {k: _resolve(v, names) for k, v in machine["DefinitionSubstitutions"].items()}
    definition = re.sub(
        r"\$\{([^}]+)\}",
        lambda m: substitutions[m.group(1)],
        (REPO / machine["DefinitionUri"]).read_text(),
    )
    stack.state_machine_arn = clients.stepfunctions().create_state_machine(
        name=_resolve(machine["Name"], names), definition=definition, roleArn=role
    )["stateMachineArn"]

    clients.s3().put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={"LambdaFunctionConfigurations": _s3_notifications(resources, attrs)},
    )
    stack.names = names
    stack.roles = FunctionRoles.from_template(names, stack.functions, REGION, ACCOUNT)
    return stack


def _s3_notifications(resources: dict[str, Any], attrs: dict[str, str]) -> list[dict[str, Any]]:
    """Every S3 event of every function in the template, as the bucket notification SAM makes of them."""
    configurations = []
    for logical, resource in resources.items():
        for event in resource.get("Properties", {}).get("Events", {}).values():
            if event["Type"] != "S3":
                continue
            properties = event["Properties"]
            events = (
                properties["Events"] if isinstance(properties["Events"], list) else [properties["Events"]]
            )
            configuration: dict[str, Any] = {"LambdaFunctionArn": attrs[f"{logical}.Arn"], "Events": events}
            if "Filter" in properties:
                configuration["Filter"] = {"Key": {"FilterRules": properties["Filter"]["S3Key"]["Rules"]}}
            configurations.append(configuration)
    return configurations


def wait_for_execution(execution_arn: str, timeout: float = 120.0) -> dict[str, Any]:
    """Poll until the execution leaves RUNNING (moto runs it on a thread); bounded by `timeout`."""
    from podcast_digest.adapters.aws import clients

    deadline = time.monotonic() + timeout
    while True:
        description = clients.stepfunctions().describe_execution(executionArn=execution_arn)
        if description["status"] != "RUNNING":
            return description
        if time.monotonic() > deadline:
            raise AssertionError(f"{execution_arn} still running after {timeout}s")
        time.sleep(0.2)


def executions(state_machine_arn: str) -> list[dict[str, Any]]:
    from podcast_digest.adapters.aws import clients

    return clients.stepfunctions().list_executions(stateMachineArn=state_machine_arn)["executions"]


def _zip(path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.write(path, "app.py")
    return buffer.getvalue()


def _resolve(value: Any, names: Names) -> str:
    """Ref, Fn::Sub, Fn::GetAtt, Fn::If … against the deployed names (tests/support/cfn_values.py)."""
    return str(evaluate(value, names))
