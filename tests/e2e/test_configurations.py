"""Every configuration docs/deploy.md documents, run end to end as Lambda would run it.

Each configuration is deployed into a fresh moto account from template.yaml's
parameters: every handler imports only the layer's packages and calls AWS
only as its own role allows (tests/e2e/conftest.py). A dropped episode goes
through the state machine to a digest in SES, then every other function is
invoked once with a real-shaped event, so each role is exercised under each
configuration. The rows are docs/deploy.md's table: together they cover each
SummarizerEngine and TranscriberEngine value, SecretName unset / a Secrets
Manager secret / an SSM SecureString parameter, and PublicBaseUrl unset / set
(tests/e2e/test_function_roles.py adds a secret to the offline engines).
"""

import email
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.adapters.aws.dynamodb import DynamoDBRecords
from podcast_digest.models import EpisodeStatus, episode_id_for
from podcast_digest.pipeline.drop_feed import DROP_FEED_ID
from podcast_digest.transcription.engines.amazon import job_name_for
from tests.e2e.conftest import deploy_with_roles
from tests.e2e.test_amazon_transcribe_loop import _amazon_output
from tests.integration.subscriptions.flow import http_event
from tests.support import aws
from tests.support.aws_stack import DeployedStack, executions, wait_for_execution
from tests.support.openai_api import OpenAIApi
from tests.support.transcription_server import write_marker_audio

EVENTS = Path(__file__).resolve().parents[2] / "events"
LISTENER = "listener@example.com"
PUBLIC = "https://digest.example.com"

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Configuration:
    summarizer: str
    transcriber: str
    secret: str = ""  # "", a Secrets Manager name, or an SSM parameter name ("/…")
    public_base_url: str = ""

    def parameters(self) -> dict[str, str]:
        return {
            "SenderAddress": aws.SENDER,
            "SummarizerEngine": self.summarizer,
            "TranscriberEngine": self.transcriber,
            "SecretName": self.secret,
            "PublicBaseUrl": self.public_base_url,
        }


CONFIGURATIONS = {
    "extractive-transcribe": Configuration("extractive", "transcribe"),
    "extractive-transcribe-public": Configuration("extractive", "transcribe", public_base_url=PUBLIC),
    "llm-transcribe-secret-public": Configuration("llm", "transcribe", "podcast-digest/openai", PUBLIC),
    "extractive-openai-ssm": Configuration("extractive", "openai", secret="/podcast-digest/openai"),
    "llm-openai-secret": Configuration("llm", "openai", secret="podcast-digest/openai"),
}


def _store_secret(name: str, value: dict[str, str]) -> None:
    if name.startswith("/"):
        clients.client("ssm").put_parameter(Name=name, Value=json.dumps(value), Type="SecureString")
    else:
        clients.client("secretsmanager").create_secret(Name=name, SecretString=json.dumps(value))


def _drop_episode(stack: DeployedStack, configuration: Configuration, tmp_path: Path) -> str:
    """Drop audio (with a sidecar naming the listener); Amazon Transcribe's output is written where it would be."""
    key = "incoming/interview.wav"
    audio = write_marker_audio(tmp_path / "interview.wav", seconds=30).read_bytes()
    episode_id = episode_id_for(DROP_FEED_ID, f"{key}#{hashlib.md5(audio).hexdigest()}", None, None)
    if configuration.transcriber == "transcribe":
        job = job_name_for(episode_id)
        output = _amazon_output(job)
        clients.s3().put_object(Bucket=stack.bucket, Key=f"transcribe-output/{job}.json", Body=output)
    sidecar = json.dumps({"title": "An interview", "recipients": LISTENER}).encode()
    clients.s3().put_object(Bucket=stack.bucket, Key=key + ".meta.json", Body=sidecar)
    clients.s3().put_object(Bucket=stack.bucket, Key=key, Body=audio)
    return episode_id


def _invoke(stack: DeployedStack, logical: str, event: dict) -> dict:
    response = clients.client("lambda").invoke(
        FunctionName=stack.function_name(logical), Payload=json.dumps(event).encode()
    )
    payload = json.loads(response["Payload"].read())
    assert "FunctionError" not in response, (
        f"{logical}: {payload.get('errorType')}: {payload.get('errorMessage')}"
    )
    return payload


def _every_other_function(stack: DeployedStack, episode_id: str) -> None:
    """Each function the pipeline did not run, once, with an event of the shape AWS sends."""
    scheduled = json.loads((EVENTS / "scheduled-event.json").read_text())
    assert _invoke(stack, "PollFeedsFunction", scheduled)["due"] == 0
    batch = json.loads((EVENTS / "sqs-batch.json").read_text())
    batch["Records"] = [{**batch["Records"][0], "body": json.dumps({"feed_ids": [DROP_FEED_ID]})}]
    assert _invoke(stack, "PollFeedBatchFunction", batch)["batchItemFailures"] == []
    page = _invoke(stack, "SubscriptionApiFunction", http_event("GET", f"/summaries/{episode_id}"))
    assert page["statusCode"] == 200
    bounce = {"notificationType": "Bounce", "mail": {"destination": ["gone@example.com"]},
              "bounce": {"bounceType": "Permanent", "bouncedRecipients": [{"emailAddress": "gone@example.com"}]}}  # fmt: skip
    feedback = _invoke(stack, "SesFeedbackFunction", _sns_event(bounce))
    assert feedback["notifications"] == 1
    _invoke(stack, "RoundupFunction", {"frequency": "daily"})
    failure = {"feed_id": DROP_FEED_ID, "episode_id": episode_id, "step": "notify", "error": "Unexpected"}
    assert _invoke(stack, "MarkFailedFunction", failure)["status"] == "failed"


def _sns_event(message: dict) -> dict:
    return {"Records": [{
        "EventVersion": "1.0", "EventSource": "aws:sns",
        "EventSubscriptionArn": f"arn:aws:sns:{aws.REGION}:123456789012:feedback:1",
        "Sns": {"SignatureVersion": "1", "Timestamp": "2026-11-28T09:00:00.000Z", "Signature": "EXAMPLE",
                "SigningCertUrl": "https://sns.eu-west-1.amazonaws.com/cert.pem", "MessageId": "m-1",
                "Message": json.dumps(message), "MessageAttributes": {}, "Type": "Notification",
                "UnsubscribeUrl": "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe",
                "TopicArn": f"arn:aws:sns:{aws.REGION}:123456789012:feedback", "Subject": None},
    }]}  # fmt: skip


@pytest.fixture(scope="module")
def openai_api():
    with OpenAIApi() as api:
        yield api


@pytest.mark.parametrize("name", CONFIGURATIONS)
def test_each_documented_configuration_mails_a_dropped_episode_under_each_functions_role(
    name, moto_sfn, monkeypatch, held_to_roles, openai_api, tmp_path
):
    configuration = CONFIGURATIONS[name]
    if configuration.secret:
        _store_secret(
            configuration.secret, {"openai_api_key": "sk-test", "openai_base_url": openai_api.base_url}
        )
    stack = deploy_with_roles(
        monkeypatch,
        configuration.parameters(),
        extra_environment={"PODCAST_DIGEST_TRANSCRIBE_CHECK_SECONDS": "1"},
    )
    held_to_roles.append(stack)

    episode_id = _drop_episode(stack, configuration, tmp_path)
    (started,) = executions(stack.state_machine_arn)
    execution = wait_for_execution(started["executionArn"], timeout=180)

    assert execution["status"] == "SUCCEEDED", execution
    episode = DynamoDBRecords(stack.table).get_episode(episode_id)
    assert episode.status is EpisodeStatus.NOTIFIED
    expected_engine = "amazon" if configuration.transcriber == "transcribe" else "openai"
    assert episode.transcript_engine.startswith(expected_engine)
    (digest,) = [m for m in aws.sent_messages() if LISTENER in m.destinations]
    message = email.message_from_string(digest.raw_data)
    text = "".join(
        p.get_payload(decode=True).decode() for p in message.walk() if p.get_content_maintype() == "text"
    )
    assert (f"{PUBLIC}/summaries/{episode_id}" in text) is bool(configuration.public_base_url)
    _every_other_function(stack, episode_id)
    assert stack.roles is not None
    assert stack.roles.calls > 20
