"""What the stack does under real load, read from template.yaml and the state machine together.

- Every task's TimeoutSeconds sits above its function's Timeout (else Step
  Functions gives up on work Lambda is still doing).
- Lambda's own transient errors, ClientExecutionTimeoutException included, are retried.
- Rate limits (UpstreamThrottled, Lambda throttling under reserved concurrency)
  back off for many minutes, not a minute; the model-calling functions reserve
  concurrency, so a burst of episodes queues instead of failing.
- A duplicate of a running step (IdempotencyAlreadyInProgressError) waits
  longer than the function can run, so it never marks running work failed.
"""

import pytest

from podcast_digest.adapters.aws.ses import SesAccountError
from podcast_digest.transcription.engines.time_budget import TranscriptionPaused

LAMBDA_TRANSIENT = {
    "Lambda.ClientExecutionTimeoutException",
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
}
MODEL_CALLING = ("TranscribeFunction", "SummarizeFunction")


def _tasks(asl: dict) -> dict[str, dict]:
    return {n: s for n, s in asl["States"].items() if s["Type"] == "Task"}


def _function_of(task: dict, template: dict) -> str:
    """The logical function a task invokes, through the state machine's DefinitionSubstitutions."""
    placeholder = task["Parameters"]["FunctionName"].removeprefix("${").removesuffix("}")
    substitution = template["Resources"]["PipelineStateMachine"]["Properties"]["DefinitionSubstitutions"]
    return substitution[placeholder]["Fn::GetAtt"][0]


def _function_timeout(template: dict, logical: str) -> int:
    properties = template["Resources"][logical]["Properties"]
    return int(properties.get("Timeout", template["Globals"]["Function"]["Timeout"]))


def _retrier(task: dict, error: str) -> dict:
    """The retrier Step Functions would use for `error`: the first whose ErrorEquals names it."""
    for retrier in task.get("Retry", []):
        if error in retrier["ErrorEquals"]:
            return retrier
    raise AssertionError(f"{error} is not retried")


def _longest_wait(retrier: dict) -> float:
    """Seconds of backoff across every attempt, before jitter (Step Functions' documented formula)."""
    interval, rate = retrier.get("IntervalSeconds", 1), retrier.get("BackoffRate", 2.0)
    cap = retrier.get("MaxDelaySeconds", float("inf"))
    return sum(min(interval * rate**n, cap) for n in range(retrier.get("MaxAttempts", 3)))


def _expected_wait(retrier: dict) -> float:
    """FULL jitter waits a uniform share of each delay: half of it on average."""
    return _longest_wait(retrier) * (0.5 if retrier.get("JitterStrategy") == "FULL" else 1.0)


def test_every_task_times_out_after_its_function_does(asl, template):
    for name, task in _tasks(asl).items():
        function = _function_of(task, template)
        assert task["TimeoutSeconds"] >= _function_timeout(template, function) + 30, (name, function)


def test_every_task_retries_lambdas_own_transient_errors(asl):
    for name, task in _tasks(asl).items():
        retried = {e for r in task["Retry"] for e in r["ErrorEquals"]}
        assert retried >= LAMBDA_TRANSIENT, (name, LAMBDA_TRANSIENT - retried)


@pytest.mark.parametrize("error", ["UpstreamThrottled", "Lambda.TooManyRequestsException"])
def test_rate_limits_back_off_for_many_minutes_with_full_jitter(asl, error):
    for name, task in _tasks(asl).items():
        retrier = _retrier(task, error)
        assert retrier["IntervalSeconds"] >= 30, name
        assert retrier["JitterStrategy"] == "FULL", name
        assert "MaxDelaySeconds" in retrier, name  # one wait never grows past a bound
        assert _expected_wait(retrier) >= 30 * 60, (name, _expected_wait(retrier))


def test_a_burst_of_episodes_at_the_reserved_concurrency_drains_before_the_backoff_gives_up(asl, template):
    # 60 new episodes at once (a backlog after an outage), each holding a transcribe slot for up to
    # the function's timeout: the last one waits (60 / concurrency) * timeout at worst.
    burst, concurrency = 60, int(template["Parameters"]["ModelConcurrency"]["Default"])
    for logical in MODEL_CALLING:
        (task,) = [t for t in _tasks(asl).values() if _function_of(t, template) == logical]
        busy_for = burst / concurrency * _function_timeout(template, logical)
        # Average slot time is far below the timeout; compare the worst case with the longest backoff.
        assert _longest_wait(_retrier(task, "Lambda.TooManyRequestsException")) >= busy_for / 2, logical


def test_model_calling_functions_reserve_concurrency(transformed):
    for logical in MODEL_CALLING:
        reserved = transformed["Resources"][logical]["Properties"]["ReservedConcurrentExecutions"]
        assert reserved == {
            "Fn::If": ["HasModelConcurrency", {"Ref": "ModelConcurrency"}, {"Ref": "AWS::NoValue"}]
        }


def test_a_duplicate_of_a_running_step_waits_longer_than_the_function_can_run(asl, template):
    for name, task in _tasks(asl).items():
        retrier = _retrier(task, "IdempotencyAlreadyInProgressError")
        assert retrier.get("JitterStrategy", "NONE") == "NONE", name  # jitter could cut the wait short
        assert _longest_wait(retrier) > _function_timeout(template, _function_of(task, template)), name


def test_a_long_transcription_is_continued_by_running_transcribe_again(asl):
    retrier = _retrier(asl["States"]["Transcribe"], TranscriptionPaused.__name__)
    assert retrier["ErrorEquals"] == [TranscriptionPaused.__name__]
    assert retrier["MaxAttempts"] >= 12  # 12 h (the longest episode accepted) in passes of 14 minutes
    assert retrier["IntervalSeconds"] <= 5
    first = asl["States"]["Transcribe"]["Retry"][0]
    assert first is retrier  # before any other retrier could claim it


# --- Template hygiene -----------------------------------------------------------------------------------


def test_the_alarm_topic_is_encrypted_with_a_key_cloudwatch_may_use(template):
    resources = template["Resources"]
    key_ref = resources["AlarmTopic"]["Properties"]["KmsMasterKeyId"]
    assert key_ref != "alias/aws/sns"  # alarms cannot publish to a topic under the AWS-managed key
    (key_name,) = [key_ref["Fn::GetAtt"][0]] if "Fn::GetAtt" in key_ref else [key_ref["Ref"]]
    key = resources[key_name]
    assert key["Type"] == "AWS::KMS::Key"
    assert key["Properties"]["EnableKeyRotation"] is True
    grants = [
        s
        for s in key["Properties"]["KeyPolicy"]["Statement"]
        if s.get("Principal", {}).get("Service") == "cloudwatch.amazonaws.com" and s["Effect"] == "Allow"
    ]
    assert grants, "the key policy must let CloudWatch use the key"
    actions = {a for s in grants for a in s["Action"]}
    assert {"kms:Decrypt", "kms:GenerateDataKey*"} <= actions
    topic_policy = [
        r
        for r in resources.values()
        if r["Type"] == "AWS::SNS::TopicPolicy" and {"Ref": "AlarmTopic"} in r["Properties"]["Topics"]
    ]
    assert topic_policy, "CloudWatch needs sns:Publish on the alarm topic"


def test_every_function_logs_to_a_declared_group_with_a_retention(transformed):
    resources = transformed["Resources"]
    groups = {n: r for n, r in resources.items() if r["Type"] == "AWS::Logs::LogGroup"}
    for group_name, group in groups.items():
        assert "RetentionInDays" in group["Properties"], group_name
    for name, resource in resources.items():
        if resource["Type"] != "AWS::Lambda::Function":
            continue
        log_group = resource["Properties"]["LoggingConfig"]["LogGroup"]
        assert log_group["Ref"] in groups, name


def test_every_asynchronously_invoked_function_has_a_dead_letter_queue(template):
    asynchronous = {"S3", "SNS", "Schedule", "EventBridgeRule", "CloudWatchEvent"}
    for name, resource in template["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        events = resource["Properties"].get("Events", {}).values()
        if any(e["Type"] in asynchronous for e in events):
            assert resource["Properties"].get("DeadLetterQueue", {}).get("Type") == "SQS", name
    assert template["Resources"]["SesFeedbackFunction"]["Properties"]["DeadLetterQueue"]


def _sends_mail(resource: dict) -> bool:
    return "ses:SendEmail" in str(resource["Properties"].get("Policies", ""))


def test_an_ses_account_error_in_any_sender_raises_the_alarm(template):
    resources = template["Resources"]
    senders = [n for n, r in resources.items() if r["Type"] == "AWS::Serverless::Function" and _sends_mail(r)]
    assert set(senders) >= {"NotifyFunction", "RoundupFunction", "SubscriptionApiFunction"}
    filters = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::Logs::MetricFilter"]
    for sender in senders:
        group = resources[sender]["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]
        (watched,) = [f for f in filters if f["LogGroupName"] == {"Ref": group}]
        assert SesAccountError.__name__ in watched["FilterPattern"], sender
        (metric,) = watched["MetricTransformations"]
        alarms = [
            r["Properties"]
            for r in resources.values()
            if r["Type"] == "AWS::CloudWatch::Alarm"
            and r["Properties"].get("MetricName") == metric["MetricName"]
            and r["Properties"].get("Namespace") == metric["MetricNamespace"]
        ]
        assert alarms, sender
        assert alarms[0]["AlarmActions"] == [{"Ref": "AlarmTopic"}], sender


def _bucket_name_references(node, path=""):
    """Every place the template names the bucket by string: policy templates' BucketName, the environment."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("BucketName", "PODCAST_DIGEST_BUCKET_NAME"):
                yield f"{path}/{key}", value
            else:
                yield from _bucket_name_references(value, f"{path}/{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _bucket_name_references(value, f"{path}[{n}]")


def _bucket_name(template: dict, stack_id: str, prefix: str, region: str) -> str:
    from tests.support.cfn_values import Names, evaluate

    expression = template["Resources"]["DigestBucket"]["Properties"]["BucketName"]
    refs = {"BucketPrefix": prefix, "AWS::Region": region, "AWS::StackId": stack_id}
    return str(evaluate(expression, Names(refs=refs)))


def test_the_bucket_name_is_unique_per_stack_and_every_reference_agrees_with_it(template):
    import re

    expression = template["Resources"]["DigestBucket"]["Properties"]["BucketName"]
    assert "AWS::StackId" in str(expression)  # account and region alone collide on a second stack
    for where, value in _bucket_name_references(template["Resources"] | {"Globals": template["Globals"]}):
        assert value == expression, where
    stack = "arn:aws:cloudformation:ap-southeast-2:123456789012:stack/{}/{}"
    first = _bucket_name(
        template, stack.format("a", "8f3e5c2a-1b7d-4e9a-a6c4-2d1f0b9e7a35"), "podcast-digest", "eu-west-1"
    )
    second = _bucket_name(
        template, stack.format("b", "0c6f1d2e-9a8b-4c7d-8e5f-3a2b1c0d9e8f"), "podcast-digest", "eu-west-1"
    )
    assert first != second
    longest_prefix = "p" * 31  # the parameter's AllowedPattern allows up to 31 characters
    longest = _bucket_name(
        template, stack.format("a", "8f3e5c2a-1b7d-4e9a-a6c4-2d1f0b9e7a35"), longest_prefix, "ap-southeast-2"
    )
    assert len(longest) <= 63
    assert re.fullmatch(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", longest)
