"""SES feedback samples (both shapes) → who is suppressed, on real SQLite records."""

import json

import pytest

from podcast_digest.errors import BadInputError
from podcast_digest.models import Subscriber, SubscriberStatus, subscriber_id_for
from podcast_digest.settings import load_settings
from podcast_digest.subscriptions.bounces import apply_feedback
from podcast_digest.wiring import build_context
from tests.support.corpus import corpus_path


def sample(name: str) -> dict:
    return json.loads(corpus_path("aws-events", "ses", name).read_text())


@pytest.fixture
def ctx(tmp_path):
    context = build_context(load_settings(home=tmp_path / "home"))
    for address in ("jane@example.com", "richard@example.com", "recipient@example.com"):
        context.records.put_subscriber(
            Subscriber(
                subscriber_id=subscriber_id_for(address), email=address, status=SubscriberStatus.CONFIRMED
            )
        )
    return context


def status(ctx, address: str) -> SubscriberStatus:
    return ctx.records.get_subscriber(subscriber_id_for(address)).status


@pytest.mark.parametrize(
    ("name", "suppressed"),
    [
        ("ses-notification-bounce-no-dsn.json", {"jane@example.com", "richard@example.com"}),
        ("ses-notification-bounce-with-dsn.json", None),
        ("ses-notification-complaint-no-feedback.json", None),
        ("ses-notification-complaint-with-feedback.json", None),
        ("ses-eventpub-bounce.json", {"recipient@example.com"}),
        ("ses-eventpub-complaint.json", {"recipient@example.com"}),
    ],
)
def test_permanent_bounces_and_complaints_suppress_every_named_recipient(ctx, name, suppressed):
    event = sample(name)
    body = event.get("bounce") or event.get("complaint")
    named = {r["emailAddress"] for r in body.get("bouncedRecipients") or body.get("complainedRecipients")}
    if suppressed is not None:
        assert named == suppressed
    outcome = apply_feedback(ctx, event)
    assert set(outcome.suppressed) == {subscriber_id_for(a) for a in named}
    for address in named:
        assert status(ctx, address) is SubscriberStatus.SUPPRESSED
        assert ctx.records.get_subscriber(subscriber_id_for(address)).suppressed_reason


@pytest.mark.parametrize(
    "name",
    [
        "ses-notification-delivery.json",
        "ses-eventpub-delivery.json",
        "ses-eventpub-delayed-delivery.json",
        "ses-eventpub-failure.json",
        "ses-eventpub-reject.json",
        "ses-eventpub-subscription.json",
    ],
)
def test_deliveries_delays_and_other_events_suppress_no_one(ctx, name):
    outcome = apply_feedback(ctx, sample(name))
    assert outcome.suppressed == []
    assert outcome.ignored_reason
    assert status(ctx, "recipient@example.com") is SubscriberStatus.CONFIRMED


def test_a_transient_bounce_suppresses_no_one(ctx):
    event = sample("ses-eventpub-bounce.json")
    event["bounce"]["bounceType"] = "Transient"
    event["bounce"]["bounceSubType"] = "MailboxFull"
    assert apply_feedback(ctx, json.dumps(event)).suppressed == []
    assert status(ctx, "recipient@example.com") is SubscriberStatus.CONFIRMED


def test_a_not_spam_report_suppresses_no_one(ctx):
    event = sample("ses-eventpub-complaint.json")
    event["complaint"]["complaintFeedbackType"] = "not-spam"
    assert apply_feedback(ctx, event).suppressed == []


def test_an_unknown_address_is_recorded_suppressed_so_it_cannot_subscribe_later(ctx):
    event = sample("ses-eventpub-complaint.json")
    event["complaint"]["complainedRecipients"] = [{"emailAddress": "Stranger@Example.COM"}]
    apply_feedback(ctx, event)
    assert status(ctx, "Stranger@example.com") is SubscriberStatus.SUPPRESSED


def test_feedback_twice_is_harmless(ctx):
    apply_feedback(ctx, sample("ses-eventpub-bounce.json"))
    first = ctx.records.get_subscriber(subscriber_id_for("recipient@example.com"))
    apply_feedback(ctx, sample("ses-eventpub-bounce.json"))
    assert ctx.records.get_subscriber(subscriber_id_for("recipient@example.com")) == first


def test_a_hostile_address_in_feedback_is_skipped_not_stored(ctx):
    event = sample("ses-eventpub-bounce.json")
    event["bounce"]["bouncedRecipients"] = [{"emailAddress": "a@b.c\r\nBcc: x@example.com"}]
    assert apply_feedback(ctx, event).suppressed == []


def test_a_message_that_is_not_ses_feedback_is_bad_input(ctx):
    with pytest.raises(BadInputError, match="not an SES notification"):
        apply_feedback(ctx, "not json")
