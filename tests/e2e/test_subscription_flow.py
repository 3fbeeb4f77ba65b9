"""Under moto: subscribe → confirm → digest → one-click unsubscribe → no more mail, through the real handlers.

DynamoDB holds the records, SES (raw MIME) sends, Secrets Manager holds the
token key (the stack's own); the subscription API, notify, SES feedback and roundup
functions are invoked through Lambda, each in a worker with only the layer's
packages and only its own role's permissions (tests/e2e/conftest.py). What SES sent is read back
from moto and parsed, so the List-Unsubscribe headers are checked as they
arrive after the raw MIME round trip.
"""

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from podcast_digest.adapters.aws import clients
from podcast_digest.models import SubscriberStatus, subscriber_id_for
from podcast_digest.settings import get_settings
from podcast_digest.wiring import build_context
from tests.e2e.conftest import PARAMETERS, deploy_with_roles
from tests.integration.subscriptions.flow import (
    BASE_URL,
    FEED_ID,
    click_confirm,
    form,
    html_of,
    http_event,
    one_click_target,
    parse,
    seed_episode,
    seed_feed,
    token_of,
)
from tests.support import aws
from tests.support.aws_stack import DeployedStack
from tests.support.corpus import corpus_path

pytestmark = pytest.mark.slow

ADDRESS = "listener@example.org"
LOGICAL = {
    "subscription_api": "SubscriptionApiFunction",
    "notify": "NotifyFunction",
    "ses_feedback": "SesFeedbackFunction",
    "roundup": "RoundupFunction",
}


@dataclass
class SubscriptionStack:
    """The deployed stack's functions, invoked through Lambda (each in its worker, under its own role)."""

    ctx: Any
    deployed: DeployedStack

    def invoke(self, folder: str, event: dict) -> dict:
        response = clients.client("lambda").invoke(
            FunctionName=self.deployed.function_name(LOGICAL[folder]), Payload=json.dumps(event).encode()
        )
        payload = json.loads(response["Payload"].read())
        assert "FunctionError" not in response, (
            f"{folder}: {payload.get('errorType')}: {payload.get('errorMessage')}"
        )
        return payload


@pytest.fixture
def moto_subscriptions(moto_sfn, monkeypatch, held_to_roles):
    return deploy_subscription_stack(monkeypatch, held_to_roles)


def deploy_subscription_stack(monkeypatch, held_to_roles, **parameters: str) -> SubscriptionStack:
    """The stack deployed with a public base URL (and these parameters), its feed seeded."""
    deployed = deploy_with_roles(monkeypatch, {**PARAMETERS, "PublicBaseUrl": BASE_URL, **parameters})
    held_to_roles.append(deployed)
    # The test's own view of the records (to seed and to check), on the deployed table and bucket.
    for name, value in {
        "PODCAST_DIGEST_RECORDS": "dynamodb",
        "PODCAST_DIGEST_TABLE_NAME": deployed.table,
        "PODCAST_DIGEST_BLOBS": "s3",
        "PODCAST_DIGEST_BUCKET_NAME": deployed.bucket,
        "PODCAST_DIGEST_MAILER": "ses",
        "PODCAST_DIGEST_SENDER": aws.SENDER,
        "PODCAST_DIGEST_PUBLIC_BASE_URL": BASE_URL,
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    ctx = build_context(get_settings())
    seed_feed(ctx)
    return SubscriptionStack(ctx, deployed)


def sent_to(address: str, subject_part: str) -> list:
    found = []
    for sent in aws.sent_messages():
        message = parse(sent.raw_data.encode("utf-8"))
        if message["To"] == address and subject_part in message["Subject"]:
            found.append(message)
    return found


def sns_event(message: dict) -> dict:
    return {
        "Records": [
            {
                "EventVersion": "1.0",
                "EventSubscriptionArn": f"arn:aws:sns:{aws.REGION}:123456789012:ses-feedback:1",
                "EventSource": "aws:sns",
                "Sns": {
                    "SignatureVersion": "1",
                    "Timestamp": "2026-11-28T09:00:00.000Z",
                    "Signature": "EXAMPLE",
                    "SigningCertUrl": "https://sns.eu-west-1.amazonaws.com/cert.pem",
                    "MessageId": str(uuid.uuid4()),
                    "Message": json.dumps(message),
                    "MessageAttributes": {},
                    "Type": "Notification",
                    "UnsubscribeUrl": "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe",
                    "TopicArn": f"arn:aws:sns:{aws.REGION}:123456789012:ses-feedback",
                    "Subject": None,
                },
            }
        ]
    }


def test_subscribe_confirm_digest_one_click_unsubscribe_then_no_more_mail(moto_subscriptions):
    stack = moto_subscriptions
    ctx = stack.ctx
    answer = stack.invoke(
        "subscription_api", http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID]))
    )
    assert answer["statusCode"] == 202
    (confirmation,) = sent_to(ADDRESS, "Confirm")
    confirmed = click_confirm(lambda event: stack.invoke("subscription_api", event), confirmation)
    assert confirmed["statusCode"] == 200
    subscriber_id = subscriber_id_for(ADDRESS)
    assert ctx.records.get_subscriber(subscriber_id).status is SubscriberStatus.CONFIRMED

    ref, _ = seed_episode(ctx, 1)
    result = stack.invoke("notify", ref.model_dump())
    assert result["sent"] == 1
    (digest,) = sent_to(ADDRESS, "summary")
    target = one_click_target(digest)  # survived SES raw MIME
    assert "<script" not in html_of(digest)
    delivery = ctx.records.get_delivery(subscriber_id, ref.episode_id)
    assert delivery.status.value == "sent"
    assert delivery.message_id

    # Step Functions retries notify: nobody is mailed twice.
    assert stack.invoke("notify", ref.model_dump())["sent"] == 0
    assert len(sent_to(ADDRESS, "summary")) == 1

    one_click = http_event(
        "POST", "/unsubscribe", query={"token": token_of(target)}, body="List-Unsubscribe=One-Click"
    )
    assert stack.invoke("subscription_api", one_click)["statusCode"] == 200
    assert ctx.records.get_subscriber(subscriber_id).status is SubscriberStatus.UNSUBSCRIBED

    ref2, _ = seed_episode(ctx, 2)
    assert stack.invoke("notify", ref2.model_dump())["sent"] == 0
    assert len(sent_to(ADDRESS, "summary")) == 1


def test_a_complaint_through_sns_stops_all_mail_and_blocks_resubscribing(moto_subscriptions):
    stack = moto_subscriptions
    ctx = stack.ctx
    stack.invoke(
        "subscription_api", http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID]))
    )
    (confirmation,) = sent_to(ADDRESS, "Confirm")
    click_confirm(lambda event: stack.invoke("subscription_api", event), confirmation)

    complaint = json.loads(corpus_path("aws-events", "ses", "ses-eventpub-complaint.json").read_text())
    complaint["complaint"]["complainedRecipients"] = [{"emailAddress": ADDRESS}]
    assert stack.invoke("ses_feedback", sns_event(complaint)) == {"notifications": 1, "suppressed": 1}
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.SUPPRESSED

    ref, _ = seed_episode(ctx, 1)
    assert stack.invoke("notify", ref.model_dump())["sent"] == 0
    again = stack.invoke(
        "subscription_api", http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID]))
    )
    assert again["statusCode"] == 202
    assert len(sent_to(ADDRESS, "Confirm")) == 1, "no second confirmation to a complainer"


def test_the_daily_roundup_goes_once_per_subscriber_and_period(moto_subscriptions):
    stack = moto_subscriptions
    ctx = stack.ctx
    stack.invoke(
        "subscription_api",
        http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID], frequency="daily")),
    )
    (confirmation,) = sent_to(ADDRESS, "Confirm")
    click_confirm(lambda event: stack.invoke("subscription_api", event), confirmation)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    for number in (1, 2):
        ref, _ = seed_episode(ctx, number, made=yesterday.replace(hour=10 + number))
        assert stack.invoke("notify", ref.model_dump())["sent"] == 0, (
            "a daily subscriber gets no per-episode digest"
        )

    first = stack.invoke("roundup", {"frequency": "daily"})
    assert first["sent"] == 1
    assert stack.invoke("roundup", {"frequency": "daily"})["already_sent"] == 1
    (roundup,) = sent_to(ADDRESS, "roundup")
    assert "2 new summaries" in roundup["Subject"]
    one_click_target(roundup)
    period = first["period"]
    assert ctx.records.get_delivery(subscriber_id_for(ADDRESS), f"roundup:{period}").message_id
