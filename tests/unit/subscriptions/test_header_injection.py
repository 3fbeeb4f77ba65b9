"""CRLF payloads (PayloadsAllTheThings) in feed titles, names and addresses never become headers."""

from email import message_from_bytes, policy
from urllib.parse import unquote

import pytest

from podcast_digest.adapters.mail.mime import build_message
from podcast_digest.digest.notices import compose_confirmation
from podcast_digest.digest.roundup_email import RoundupEntry, compose_roundup
from podcast_digest.models import Frequency, Subscriber
from podcast_digest.models.subscriber import normalise_email
from tests.support.corpus import CORPUS
from tests.support.summaries import sample_summary

SENDER = "digest@digest.example.com"
BASE_HEADERS = {"from", "to", "subject", "date", "message-id", "mime-version", "content-type", "list-id"}


def payloads() -> list[str]:
    """Our own payloads always; the corpus's CRLF list too where ../shared is present.

    Read at collection time (parametrize), so a missing corpus must not skip
    the module: it only shortens the list.
    """
    own = ["Title\r\nBcc: everyone@example.com", "Title\nSubject: spoofed", "T\x00\x0b\x1b[31mred"]
    source = CORPUS / "malicious" / "injection" / "payloadsallthethings__crlfinjection.txt"
    if not source.exists():
        return own
    lines = source.read_text().splitlines()
    decoded = [unquote(unquote(line)).replace("%u000a", "\n") for line in lines if line.strip()]
    return [*decoded, *own]


def top_headers(email) -> set[str]:
    raw = build_message(email).as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    return {name.lower() for name in parsed}


@pytest.mark.parametrize("payload", payloads())
def test_a_hostile_feed_title_stays_inside_the_confirmation_subject(payload):
    email = compose_confirmation(
        to="listener@example.org",
        sender=SENDER,
        sender_name=f"Digest {payload}",
        confirm_url="https://digest.example.com/confirm?token=abc.def",
        feed_titles=[payload],
        frequency=Frequency.DAILY,
        valid_days=7,
    )
    assert "\n" not in email.subject
    assert "\r" not in email.subject
    assert top_headers(email) <= BASE_HEADERS
    assert "set-cookie" not in top_headers(email)


@pytest.mark.parametrize("payload", payloads())
def test_a_hostile_podcast_title_stays_inside_the_roundup_subject(payload):
    summary = sample_summary(podcast_title=payload, episode_title=payload)
    email = compose_roundup(
        [RoundupEntry(summary)],
        to="listener@example.org",
        sender=SENDER,
        sender_name=payload,
        how_often="weekly",
        period_label="this week",
        unsubscribe_url="https://digest.example.com/unsubscribe?token=abc.def",
    )
    headers = top_headers(email)
    assert headers <= BASE_HEADERS | {"list-unsubscribe", "list-unsubscribe-post"}
    assert "\n" not in email.subject


@pytest.mark.parametrize("payload", payloads())
def test_a_hostile_subscriber_name_is_folded_to_one_line(payload):
    subscriber = Subscriber(subscriber_id="s", email="listener@example.org", name=payload)
    assert subscriber.name is None or ("\n" not in subscriber.name and "\r" not in subscriber.name)


@pytest.mark.parametrize("payload", payloads())
def test_an_address_carrying_a_payload_is_refused(payload):
    with pytest.raises(ValueError, match="not a valid email address"):
        normalise_email(f"listener@example.org{payload}")


def test_a_confirm_link_that_is_not_http_is_refused():
    with pytest.raises(ValueError, match="PUBLIC_BASE_URL"):
        compose_confirmation(
            to="listener@example.org",
            sender=SENDER,
            sender_name=None,
            confirm_url="javascript:alert(1)",
            feed_titles=["x"],
            frequency=Frequency.DAILY,
            valid_days=7,
        )
