"""The signature on a JSON webhook post, and how a receiver checks it.

Each post carries two headers:

    X-Podcast-Digest-Timestamp: 1764639000            (Unix seconds when it was signed)
    X-Podcast-Digest-Signature: v1=<hex HMAC-SHA256>

The HMAC's key is the destination's signing secret (shown once by
`podcast-digest destinations add webhook`), its message the timestamp, a dot,
and the raw request body: `f"{timestamp}.".encode() + body`. A receiver:

1. reads the raw body bytes (before any JSON parsing);
2. refuses a timestamp more than 5 minutes from its own clock (a replay);
3. computes the HMAC and compares it with `hmac.compare_digest` (constant time);
4. deduplicates by the `Idempotency-Key` header: a post whose outcome we could
   not know (the connection dropped after the body went) is posted again with
   the same key and a fresh timestamp and signature.

`verify` below is that check, for receivers written in Python.
"""

import hashlib
import hmac

TIMESTAMP_HEADER = "X-Podcast-Digest-Timestamp"
SIGNATURE_HEADER = "X-Podcast-Digest-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode("ascii") + body, hashlib.sha256)
    return f"v1={digest.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, signed: str, now: float) -> bool:
    """True when `signed` is this body's signature and the timestamp is within 5 minutes of now."""
    if not timestamp.isascii() or not timestamp.isdigit() or abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), signed.strip())
