"""SES throttling under moto: a notify attempt stops at the first persistent throttle, the retry sends the rest.

The fault is injected into the real boto3 client through botocore's own event
hooks (SES's TooManyRequestsException answered before the request leaves), so
the SES adapter, its error mapping and the records are all real.
"""

import dataclasses

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from podcast_digest.adapters.aws.ses import SESMailer
from podcast_digest.errors import UpstreamThrottled
from podcast_digest.models import (
    DeliveryStatus,
    EpisodeStatus,
    Subscriber,
    SubscriberStatus,
    Subscription,
    subscriber_id_for,
)
from podcast_digest.pipeline.notify import notify_episode, recipients
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.integration.subscriptions.flow import BASE_URL, FEED_ID, parse, seed_episode, seed_feed
from tests.support import aws

ADDRESSES = ["ana@example.org", "ben@example.org", "cleo@example.org", "dev@example.org"]


class _Throttle:
    """Answers SendEmail with SES's throttling error once `after` sends have gone through.

    Hooked on before-call, which botocore lets answer a call before any request is made
    (moto answers at before-send, later), so a throttled call reaches nothing.
    """

    def __init__(self, after: int) -> None:
        self.after, self.calls, self.on = after, 0, True

    def __call__(self, model, params, request_signer, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        if not self.on or self.calls <= self.after:
            return None
        parsed = {
            "Error": {"Code": "TooManyRequestsException", "Message": "Maximum sending rate exceeded."},
            "ResponseMetadata": {"HTTPStatusCode": 429},
        }
        return AWSResponse("https://email.eu-west-1.amazonaws.com", 429, {}, None), parsed


def sent_to() -> list[str]:
    return [parse(m.raw_data.encode("utf-8"))["To"] for m in aws.sent_messages()]


@pytest.fixture
def moto_ses(monkeypatch, tmp_path):
    aws.aws_environment(monkeypatch)
    with aws.moto_account():
        aws.verify_sender()
        yield


def test_a_throttled_attempt_stops_and_its_retry_mails_only_those_left(moto_ses, tmp_path):
    # One attempt per call: the production client's adaptive retries would only make this test slow.
    client = boto3.client(
        "sesv2", region_name=aws.REGION, config=Config(retries={"mode": "standard", "total_max_attempts": 1})
    )
    throttle = _Throttle(after=1)
    client.meta.events.register("before-call.sesv2.SendEmail", throttle)
    ctx = build_context(load_settings(home=tmp_path / "home", public_base_url=BASE_URL, sender=aws.SENDER))
    ctx = dataclasses.replace(ctx, mailer=SESMailer(client=client))
    seed_feed(ctx)
    for address in ADDRESSES:
        subscriber_id = subscriber_id_for(address)
        ctx.records.put_subscriber(
            Subscriber(subscriber_id=subscriber_id, email=address, status=SubscriberStatus.CONFIRMED)
        )
        ctx.records.put_subscription(Subscription(subscriber_id=subscriber_id, feed_id=FEED_ID))
    ref, _ = seed_episode(ctx, 1)
    order = [s.email for s in recipients(ctx, FEED_ID, [])]

    with pytest.raises(UpstreamThrottled, match="1 sent in this attempt"):
        notify_episode(ctx, ref)
    assert throttle.calls == 2, "no further sends once SES throttles"
    assert sent_to() == [order[0]]
    assert (
        ctx.records.get_delivery(subscriber_id_for(order[1]), ref.episode_id).status is DeliveryStatus.FAILED
    )
    assert ctx.records.get_delivery(subscriber_id_for(order[2]), ref.episode_id) is None

    throttle.on = False
    retry = notify_episode(ctx, ref)
    assert (retry.sent, retry.already_sent) == (3, 1)
    assert sorted(sent_to()) == sorted(ADDRESSES), "everyone exactly once"
    assert ctx.records.get_episode(ref.episode_id).status is EpisodeStatus.NOTIFIED
