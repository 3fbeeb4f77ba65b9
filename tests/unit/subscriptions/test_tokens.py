"""Signed subscription links: what they accept, and that every refusal looks the same."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest

from podcast_digest.subscriptions.tokens import InvalidToken, Purpose, TokenSigner

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
KEY = b"k" * 32


def signer(key: bytes = KEY) -> TokenSigner:
    return TokenSigner(key)


def test_a_signed_token_verifies_with_its_claims():
    token = signer().sign(Purpose.CONFIRM, "sub1", now=NOW, feed_ids=["f1", "f2"], frequency="daily")
    claims = signer().verify(token, Purpose.CONFIRM, now=NOW + timedelta(days=1))
    assert (claims.subscriber_id, claims.feed_ids, claims.frequency) == ("sub1", ["f1", "f2"], "daily")


def test_a_token_carries_no_email_address():
    token = signer().sign(Purpose.UNSUBSCRIBE, "3f2a", now=NOW)
    assert "@" not in base64.urlsafe_b64decode(token.split(".")[0] + "==").decode()


def test_a_confirm_token_expires_after_a_week():
    token = signer().sign(Purpose.CONFIRM, "sub1", now=NOW)
    signer().verify(token, Purpose.CONFIRM, now=NOW + timedelta(days=6, hours=23))
    with pytest.raises(InvalidToken):
        signer().verify(token, Purpose.CONFIRM, now=NOW + timedelta(days=7))


def test_an_unsubscribe_link_in_an_old_email_still_works_after_months():
    token = signer().sign(Purpose.UNSUBSCRIBE, "sub1", now=NOW)
    assert signer().verify(token, Purpose.UNSUBSCRIBE, now=NOW + timedelta(days=300)).subscriber_id == "sub1"


def test_a_token_for_one_purpose_is_refused_for_another():
    token = signer().sign(Purpose.CONFIRM, "sub1", now=NOW)
    for other in (Purpose.UNSUBSCRIBE, Purpose.MANAGE):
        with pytest.raises(InvalidToken):
            signer().verify(token, other, now=NOW)


def test_a_token_signed_with_another_key_is_refused():
    token = signer(b"x" * 32).sign(Purpose.UNSUBSCRIBE, "sub1", now=NOW)
    with pytest.raises(InvalidToken):
        signer().verify(token, Purpose.UNSUBSCRIBE, now=NOW)


def _reencode(claims: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).rstrip(b"=").decode()


def test_a_payload_changed_to_another_subscriber_or_a_later_expiry_is_refused():
    token = signer().sign(Purpose.UNSUBSCRIBE, "sub1", now=NOW)
    payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    for change in ({"s": "sub2"}, {"e": claims["e"] + 10**8}, {"p": "manage"}, {"f": ["other-feed"]}):
        forged = _reencode(claims | change) + "." + signature
        with pytest.raises(InvalidToken):
            signer().verify(forged, Purpose(claims["p"]), now=NOW)


@pytest.mark.parametrize(
    "garbage",
    ["", ".", "a.b", "no-dot", "a.b.c", "é.é", "x" * 5000, "%00.%00", "\r\nBcc: x@example.com.sig", "=.="],
)
def test_garbage_tokens_are_refused_with_one_message_that_reveals_nothing(garbage):
    with pytest.raises(InvalidToken) as refused:
        signer().verify(garbage, Purpose.UNSUBSCRIBE, now=NOW)
    assert str(refused.value) == str(InvalidToken())


def test_a_flipped_signature_bit_is_refused():
    token = signer().sign(Purpose.MANAGE, "sub1", now=NOW)
    payload, signature = token.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    with pytest.raises(InvalidToken):
        signer().verify(f"{payload}.{flipped}", Purpose.MANAGE, now=NOW)


def test_a_short_key_is_refused():
    with pytest.raises(ValueError, match="32 bytes"):
        TokenSigner(b"short")
