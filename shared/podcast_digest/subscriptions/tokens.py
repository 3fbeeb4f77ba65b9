"""Signed links: who may confirm, unsubscribe or manage, without a login and without a lookup table.

A token is `<payload>.<signature>`, both base64url: the payload is compact JSON
(purpose, subscriber id, feed ids, expiry), the signature an HMAC-SHA256 over
the purpose-tagged payload, compared in constant time. A token names the
subscriber by id (a hash), never by address, and every failure (tampered,
expired, wrong purpose, garbage) is the same InvalidToken: nothing a caller
can learn from it says whether an address is subscribed.
"""

import base64
import binascii
import hashlib
import hmac
import json
from datetime import datetime, timedelta
from enum import StrEnum

from pydantic import Field, ValidationError

from podcast_digest.errors import BadInputError
from podcast_digest.models.base import DomainModel

MAX_TOKEN_CHARS = 2048  # long enough for a few dozen feeds; refuses megabyte "tokens" before decoding
MIN_KEY_BYTES = 32


class Purpose(StrEnum):
    CONFIRM = "confirm"
    UNSUBSCRIBE = "unsubscribe"
    MANAGE = "manage"


# Why these lifetimes: a confirmation is acted on within days, or the address
# was given by someone else; an unsubscribe link in an old email must keep
# working far longer than the 30 days CAN-SPAM asks for; a manage link is
# re-sent with every digest, so a quarter is plenty.
LIFETIMES = {
    Purpose.CONFIRM: timedelta(days=7),
    Purpose.UNSUBSCRIBE: timedelta(days=400),
    Purpose.MANAGE: timedelta(days=90),
}


class InvalidToken(BadInputError):
    """Any token we did not sign, or signed for something else, or that has expired."""

    def __init__(self) -> None:
        super().__init__(
            "this link is not valid or has expired: use the link in your most recent email, "
            "or subscribe again"
        )


class TokenClaims(DomainModel):
    purpose: Purpose
    subscriber_id: str = Field(min_length=1, max_length=64)
    feed_ids: list[str] = Field(default_factory=list, max_length=50)
    frequency: str | None = Field(None, max_length=20)
    expires_at: int = Field(description="Unix seconds")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenSigner:
    """Signs and verifies tokens with one secret key (at least 32 bytes)."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"a token signing key needs at least {MIN_KEY_BYTES} bytes; got {len(key)}")
        self._key = key

    def _signature(self, purpose: str, payload: str) -> bytes:
        # The purpose is signed apart from the payload too: a confirm token can never pass as another kind.
        message = f"podcast-digest/v1/{purpose}/{payload}".encode("ascii")
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def sign(
        self,
        purpose: Purpose,
        subscriber_id: str,
        *,
        now: datetime,
        feed_ids: list[str] | None = None,
        frequency: str | None = None,
        lifetime: timedelta | None = None,
    ) -> str:
        claims = TokenClaims(
            purpose=purpose,
            subscriber_id=subscriber_id,
            feed_ids=list(feed_ids or []),
            frequency=frequency,
            expires_at=int((now + (lifetime or LIFETIMES[purpose])).timestamp()),
        )
        compact: dict[str, object] = {
            "p": claims.purpose.value,
            "s": claims.subscriber_id,
            "e": claims.expires_at,
        }
        if claims.feed_ids:
            compact["f"] = claims.feed_ids
        if claims.frequency:
            compact["q"] = claims.frequency
        payload = _b64(json.dumps(compact, separators=(",", ":")).encode("utf-8"))
        return f"{payload}.{_b64(self._signature(purpose.value, payload))}"

    def verify(self, token: str, purpose: Purpose, *, now: datetime) -> TokenClaims:
        """The claims of a token signed by us for this purpose and not yet expired; InvalidToken otherwise."""
        if not isinstance(token, str) or not 0 < len(token) <= MAX_TOKEN_CHARS or token.count(".") != 1:
            raise InvalidToken()
        payload, signature = token.split(".")
        try:
            given = _unb64(signature)
            expected = self._signature(purpose.value, payload)
        except (binascii.Error, ValueError, UnicodeEncodeError):
            raise InvalidToken() from None
        if not hmac.compare_digest(given, expected):
            raise InvalidToken()
        try:
            raw = json.loads(_unb64(payload))
            claims = TokenClaims(
                purpose=raw["p"],
                subscriber_id=raw["s"],
                expires_at=raw["e"],
                feed_ids=raw.get("f", []),
                frequency=raw.get("q"),
            )
        except (binascii.Error, ValueError, KeyError, TypeError, ValidationError):
            raise InvalidToken() from None
        if claims.purpose is not purpose or claims.expires_at <= int(now.timestamp()):
            raise InvalidToken()
        return claims
