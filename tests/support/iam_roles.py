"""Each function's role, as the SAM-transformed template grants it, judged by moto's IAM policy evaluator.

The handlers' AWS calls are reported one by one (the Lambda worker's botocore
hook, tests/support/lambda_worker.py) with the service, the operation and the
request parameters. Here a call becomes the IAM action(s) and resource ARN(s)
AWS authorises it as, and moto's `IAMPolicy` evaluator decides it against the
inline policies of that function's role, with the template's Conditions and
Fn::If evaluated for the deployed parameters. A denied call fails the call the
way AWS does (AccessDenied) and is kept, so the test fails naming function,
action and resource.
"""

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from tests.support.cfn_values import Names, evaluate

# The two AWS-managed policies SAM attaches to every function role (their documented statements).
MANAGED_POLICIES: dict[str, list[dict[str, Any]]] = {
    "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole": [
        {
            "Effect": "Allow",
            "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": "*",
        }
    ],
    "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole": [
        {
            "Effect": "Allow",
            "Action": [
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "logs:CreateLogGroup",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
            ],
            "Resource": "*",
        }
    ],
    "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess": [
        {
            "Effect": "Allow",
            "Action": [
                "xray:PutTraceSegments",
                "xray:PutTelemetryRecords",
                "xray:GetSamplingRules",
                "xray:GetSamplingTargets",
                "xray:GetSamplingStatisticSummaries",
            ],
            "Resource": "*",
        }
    ],
}


class OfflinePolicyLoader:
    """SAM asks this for managed policy names used by name; the template uses none, so it knows none."""

    def load(self) -> dict[str, str]:
        return {}


@lru_cache(maxsize=1)
def _transformed_json() -> str:
    from samtranslator.translator.transform import transform

    from tests.support.aws_stack import load_template

    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
    source = load_template()
    for name, resource in source["Resources"].items():
        properties = resource.get("Properties", {})
        for key in ("CodeUri", "ContentUri", "DefinitionUri"):
            if isinstance(properties.get(key), str):
                properties[key] = f"s3://sam-artifacts-bucket/{name}/{key}"
    return json.dumps(transform(source, {}, OfflinePolicyLoader()))


def transformed_template() -> dict[str, Any]:
    """What CloudFormation would receive after `sam package` (local paths become s3:// addresses)."""
    return json.loads(_transformed_json())


@dataclass
class Check:
    action: str
    resource: str
    conditions: dict[str, str] = field(default_factory=dict)


@dataclass
class Denial:
    function: str
    action: str
    resource: str

    def __str__(self) -> str:
        return f"{self.function} may not {self.action} on {self.resource}"


@dataclass
class FunctionRoles:
    """Function name → its role's policy documents, resolved for one deployment."""

    region: str
    account: str
    policies: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    denials: list[Denial] = field(default_factory=list)
    calls: int = 0
    checked: list[tuple[str, str, str]] = field(default_factory=list)  # (function, action, resource)

    @classmethod
    def from_template(
        cls,
        names: Names,
        function_names: dict[str, str],
        region: str,
        account: str,
        template: dict[str, Any] | None = None,
    ) -> "FunctionRoles":
        """The roles of `function_names` (logical id → function name) in `template` (default: template.yaml's)."""
        template = template or transformed_template()
        resources = template["Resources"]
        resolved = Names(refs=names.refs, attrs=names.attrs, conditions=template.get("Conditions", {}))
        roles = cls(region=region, account=account)
        for logical, function_name in function_names.items():
            role_ref = resources[logical]["Properties"]["Role"]["Fn::GetAtt"][0]
            properties = evaluate(resources[role_ref]["Properties"], resolved)
            documents = [policy["PolicyDocument"] for policy in properties.get("Policies", [])]
            for arn in properties.get("ManagedPolicyArns", []):
                if arn not in MANAGED_POLICIES:
                    raise ValueError(
                        f"{logical}'s role uses {arn}: add its statements to tests/support/iam_roles.py"
                    )
                documents.append({"Version": "2012-10-17", "Statement": MANAGED_POLICIES[arn]})
            roles.policies[function_name] = documents
        return roles

    def authorize(self, function: str, service: str, operation: str, params: dict[str, Any]) -> list[Denial]:
        """The checks AWS would make for this call, each judged against the function's role."""
        from moto.iam.access_control import IAMPolicy, PermissionResult

        self.calls += 1
        denied = []
        for check in iam_checks(service, operation, params, self.region, self.account):
            self.checked.append((function, check.action, check.resource))
            results = [
                IAMPolicy(json.dumps(document)).is_action_permitted(
                    check.action, check.resource, incoming_condition_values=check.conditions
                )
                for document in self.policies.get(function, [])
            ]
            if PermissionResult.DENIED in results or PermissionResult.PERMITTED not in results:
                denied.append(Denial(function, check.action, check.resource))
        self.denials.extend(denied)
        return denied


# S3 operations → the IAM action they are authorised as, and whether on the bucket or the object.
_S3: dict[str, tuple[str, str]] = {
    "GetObject": ("GetObject", "object"),
    "HeadObject": ("GetObject", "object"),
    "PutObject": ("PutObject", "object"),
    "CreateMultipartUpload": ("PutObject", "object"),
    "UploadPart": ("PutObject", "object"),
    "CompleteMultipartUpload": ("PutObject", "object"),
    "AbortMultipartUpload": ("AbortMultipartUpload", "object"),
    "ListParts": ("ListMultipartUploadParts", "object"),
    "DeleteObject": ("DeleteObject", "object"),
    "GetObjectTagging": ("GetObjectTagging", "object"),
    "ListObjectsV2": ("ListBucket", "bucket"),
    "ListObjects": ("ListBucket", "bucket"),
    "HeadBucket": ("ListBucket", "bucket"),
    "ListMultipartUploads": ("ListBucketMultipartUploads", "bucket"),
}
_BATCH_ACTIONS = {"SendMessageBatch": "SendMessage", "DeleteMessageBatch": "DeleteMessage"}
_DYNAMODB_TRANSACT = {"Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem",
                      "ConditionCheck": "ConditionCheckItem", "Get": "GetItem"}  # fmt: skip


def iam_checks(
    service: str, operation: str, params: dict[str, Any], region: str, account: str
) -> list[Check]:
    """Action and resource ARN(s) of one API call, as IAM evaluates it; "*" where the API has no resource."""
    base = f"{region}:{account}"
    if service == "sts" and operation == "GetCallerIdentity":
        return []  # needs no permission
    if service == "s3":
        return _s3_checks(operation, params)
    if service == "dynamodb":
        return _dynamodb_checks(operation, params, base)
    if service == "ses":
        return _ses_checks(operation, params, base)
    resource = _resource_of(service, params, base)
    return [Check(f"{service}:{_BATCH_ACTIONS.get(operation, operation)}", resource)]


def _resource_of(service: str, params: dict[str, Any], base: str) -> str:
    if service == "secretsmanager" and "SecretId" in params:
        secret = str(params["SecretId"])
        # A name resolves to the ARN AWS generates: the name, a dash and six random characters.
        return (
            secret if secret.startswith("arn:") else f"arn:aws:secretsmanager:{base}:secret:{secret}-AbCdEf"
        )
    if service == "ssm" and "Name" in params:
        name = str(params["Name"])
        return f"arn:aws:ssm:{base}:parameter{name if name.startswith('/') else '/' + name}"
    if service == "states":
        return str(params.get("executionArn") or params.get("stateMachineArn") or "*")
    if service == "sqs" and "QueueUrl" in params:
        return f"arn:aws:sqs:{base}:{urlsplit(str(params['QueueUrl'])).path.rstrip('/').split('/')[-1]}"
    if service == "transcribe" and "TranscriptionJobName" in params:
        return f"arn:aws:transcribe:{base}:transcription-job/{params['TranscriptionJobName']}"
    if service == "lambda" and "FunctionName" in params:
        name = str(params["FunctionName"])
        return name if name.startswith("arn:") else f"arn:aws:lambda:{base}:function:{name}"
    return "*"


def _s3_checks(operation: str, params: dict[str, Any]) -> list[Check]:
    bucket = params.get("Bucket", "")
    if operation == "CopyObject":
        source = str(params.get("CopySource", "")).lstrip("/")
        return [
            Check("s3:PutObject", f"arn:aws:s3:::{bucket}/{params.get('Key', '')}"),
            Check("s3:GetObject", f"arn:aws:s3:::{source}"),
        ]
    if operation == "DeleteObjects":
        objects = params.get("Delete", {}).get("Objects", [])
        return [Check("s3:DeleteObject", f"arn:aws:s3:::{bucket}/{o.get('Key', '')}") for o in objects]
    action, target = _S3.get(operation, (operation, "object" if "Key" in params else "bucket"))
    if target == "object":
        return [Check(f"s3:{action}", f"arn:aws:s3:::{bucket}/{params.get('Key', '')}")]
    conditions = {"s3:prefix": str(params["Prefix"])} if "Prefix" in params else {}
    return [Check(f"s3:{action}", f"arn:aws:s3:::{bucket}", conditions)]


def _dynamodb_checks(operation: str, params: dict[str, Any], base: str) -> list[Check]:
    def table(name: str, index: str | None = None) -> str:
        arn = f"arn:aws:dynamodb:{base}:table/{name}"
        return f"{arn}/index/{index}" if index else arn

    if operation in ("TransactWriteItems", "TransactGetItems"):
        checks = []
        for item in params.get("TransactItems", []):
            for kind, request in item.items():
                checks.append(Check(f"dynamodb:{_DYNAMODB_TRANSACT[kind]}", table(request["TableName"])))
        return checks
    if operation in ("BatchWriteItem", "BatchGetItem"):
        return [Check(f"dynamodb:{operation}", table(name)) for name in params.get("RequestItems", {})]
    return [Check(f"dynamodb:{operation}", table(params.get("TableName", "*"), params.get("IndexName")))]


def _ses_checks(operation: str, params: dict[str, Any], base: str) -> list[Check]:
    if operation != "SendEmail":
        return [Check(f"ses:{operation}", "*")]
    sender = str(params.get("FromEmailAddress", ""))
    domain = sender.rsplit("@", 1)[-1].rstrip(">")
    checks = [Check("ses:SendEmail", f"arn:aws:ses:{base}:identity/{domain}")]
    if params.get("ConfigurationSetName"):
        checks.append(
            Check("ses:SendEmail", f"arn:aws:ses:{base}:configuration-set/{params['ConfigurationSetName']}")
        )
    return checks
