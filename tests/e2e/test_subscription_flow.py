"""Under moto: subscribe → confirm → digest → one-click unsubscribe → no more mail, through the real handlers.

DynamoDB holds the records, SES (raw MIME) sends, Secrets Manager holds the
token key; the subscription API, notify, SES feedback and roundup handlers run
in-process as the Lambda runtime would call them. What SES sent is read back
from moto and parsed, so the List-Unsubscribe headers are checked as they
arrive after the raw MIME round trip.
"""

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from podcast_digest.models import SubscriberStatus, subscriber_id_for
from podcast_digest.settings import get_settings
from podcast_digest.wiring import build_context
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
from tests.support.corpus import corpus_path
from tests.support.moto_lambda import InvocationContext, handler_module

pytestmark = pytest.mark.slow

ADDRESS = "listener@example.org"
SECRET_NAME = "podcast-digest/token"


@pytest.fixture
def moto_subscriptions(monkeypatch):
    aws.aws_environment(monkeypatch)
    for name, value in {
        "PODCAST_DIGEST_RECORDS": "dynamodb",
        "PODCAST_DIGEST_TABLE_NAME": aws.TABLE,
        "PODCAST_DIGEST_BLOBS": "s3",
        "PODCAST_DIGEST_BUCKET_NAME": aws.BUCKET,
        "PODCAST_DIGEST_MAILER": "ses",
        "PODCAST_DIGEST_SENDER": aws.SENDER,
        "PODCAST_DIGEST_PUBLIC_BASE_URL": BASE_URL,
        "PODCAST_DIGEST_TOKEN_SECRET_NAME": SECRET_NAME,
    }.items():
        monkeypatch.setenv(name, value)
    with aws.moto_account():
        aws.create_table()
        aws.create_bucket()
        aws.verify_sender()
        from podcast_digest.adapters.aws import clients

        secret = json.dumps({"token_secret": uuid.uuid4().hex + uuid.uuid4().hex})
        clients.client("secretsmanager").create_secret(Name=SECRET_NAME, SecretString=secret)
        get_settings.cache_clear()
        ctx = build_context(get_settings())
        seed_feed(ctx)
        yield ctx


def invoke(folder: str, event: dict) -> dict:
    context = InvocationContext(
        function_name=folder,
        invoked_function_arn=f"arn:aws:lambda:{aws.REGION}:123456789012:function:{folder}",
        memory_limit_in_mb=512,
        aws_request_id=str(uuid.uuid4()),
    )
    get_settings.cache_clear()
    return handler_module(folder).lambda_handler(event, context)


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
    ctx = moto_subscriptions
    answer = invoke(
        "subscription_api", http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID]))
    )
    assert answer["statusCode"] == 202
    (confirmation,) = sent_to(ADDRESS, "Confirm")
    confirmed = click_confirm(lambda event: invoke("subscription_api", event), confirmation)
    assert confirmed["statusCode"] == 200
    subscriber_id = subscriber_id_for(ADDRESS)
    assert ctx.records.get_subscriber(subscriber_id).status is SubscriberStatus.CONFIRMED

    ref, _ = seed_episode(ctx, 1)
    result = invoke("notify", ref.model_dump())
    assert result["sent"] == 1
    (digest,) = sent_to(ADDRESS, "summary")
    target = one_click_target(digest)  # survived SES raw MIME
    assert "<script" not in html_of(digest)
    delivery = ctx.records.get_delivery(subscriber_id, ref.episode_id)
    assert delivery.status.value == "sent"
    assert delivery.message_id

    # Step Functions retries notify: nobody is mailed twice.
    assert invoke("notify", ref.model_dump())["sent"] == 0
    assert len(sent_to(ADDRESS, "summary")) == 1

    one_click = http_event(
        "POST", "/unsubscribe", query={"token": token_of(target)}, body="List-Unsubscribe=One-Click"
    )
    assert invoke("subscription_api", one_click)["statusCode"] == 200
    assert ctx.records.get_subscriber(subscriber_id).status is SubscriberStatus.UNSUBSCRIBED

    ref2, _ = seed_episode(ctx, 2)
    assert invoke("notify", ref2.model_dump())["sent"] == 0
    assert len(sent_to(ADDRESS, "summary")) == 1


def test_a_complaint_through_sns_stops_all_mail_and_blocks_resubscribing(moto_subscriptions):
    ctx = moto_subscriptions
    invoke("subscription_api", http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID])))
    (confirmation,) = sent_to(ADDRESS, "Confirm")
    click_confirm(lambda event: invoke("subscription_api", event), confirmation)

    complaint = json.loads(corpus_path("aws-events", "ses", "ses-eventpub-complaint.json").read_text())
    complaint["complaint"]["complainedRecipients"] = [{"emailAddress": ADDRESS}]
    assert invoke("ses_feedback", sns_event(complaint)) == {"notifications": 1, "suppressed": 1}
    assert ctx.records.get_subscriber(subscriber_id_for(ADDRESS)).status is SubscriberStatus.SUPPRESSED

    ref, _ = seed_episode(ctx, 1)
    assert invoke("notify", ref.model_dump())["sent"] == 0
    again = invoke(
        "subscription_api", http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID]))
    )
    assert again["statusCode"] == 202
    assert len(sent_to(ADDRESS, "Confirm")) == 1, "no second confirmation to a complainer"


def test_the_daily_roundup_goes_once_per_subscriber_and_period(moto_subscriptions):
    ctx = moto_subscriptions
    invoke(
        "subscription_api",
        http_event("POST", "/subscribe", body=form(email=ADDRESS, feed_ids=[FEED_ID], frequency="daily")),
    )
    (confirmation,) = sent_to(ADDRESS, "Confirm")
    click_confirm(lambda event: invoke("subscription_api", event), confirmation)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    for number in (1, 2):
        ref, _ = seed_episode(ctx, number, made=yesterday.replace(hour=10 + number))
        assert invoke("notify", ref.model_dump())["sent"] == 0, (
            "a daily subscriber gets no per-episode digest"
        )

    first = invoke("roundup", {"frequency": "daily"})
    assert first["sent"] == 1
    assert invoke("roundup", {"frequency": "daily"})["already_sent"] == 1
    (roundup,) = sent_to(ADDRESS, "roundup")
    assert "2 new summaries" in roundup["Subject"]
    one_click_target(roundup)
    period = first["period"]
    assert ctx.records.get_delivery(subscriber_id_for(ADDRESS), f"roundup:{period}").message_id
