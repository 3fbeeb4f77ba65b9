"""One POST to a webhook: address-checked, pinned to the checked address, bounded in time.

The URL is checked (destinations/targets.py), its host resolved once and every
address checked like a feed's; the connection goes to an address we checked,
with TLS and the Host header keeping the name (the pinned connections of
feeds/fetch.py). No redirect is followed. The whole exchange, answer included,
has one deadline (`destination_timeout_seconds`): a timer cuts the socket when it
passes, so a receiver that answers slowly or drips its answer cannot hold a run.

What a failure means for the delivery record:
- nothing reached the receiver (DNS, refused connection, the request could not be
  written): UpstreamUnavailable, the post is retried later;
- the request went out whole and no complete answer came (a drop, the deadline):
  DeliveryUncertain; the marker stays 'sending' and the next run posts again with
  the same Idempotency-Key.
"""

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass

from podcast_digest.destinations.targets import checked_address, checked_webhook_url, shown_url
from podcast_digest.errors import DeliveryUncertain, UpstreamUnavailable
from podcast_digest.feeds.addresses import parse_address
from podcast_digest.feeds.fetch import PATH_SAFE, QUERY_SAFE, _PinnedHTTPConnection, _PinnedHTTPSConnection
from podcast_digest.settings import Settings

MAX_ANSWER_BYTES = 64 * 1024  # a webhook's answer is a word or a small JSON: the rest is not read


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # names lower-cased
    body: bytes

    def json(self) -> dict[str, object] | None:
        try:
            value = json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None
        return value if isinstance(value, dict) else None


class _Cutter:
    """Shuts the connection's socket once the deadline passes (the read then fails at once)."""

    def __init__(self, conn: http.client.HTTPConnection, seconds: float) -> None:
        self.fired = False
        self._conn = conn
        self._timer = threading.Timer(max(0.0, seconds), self._cut)
        self._timer.daemon = True
        self._timer.start()

    def _cut(self) -> None:
        self.fired = True
        sock = self._conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class WebhookPoster:
    """POSTs a body to a checked webhook URL within the settings' time bounds."""

    def __init__(self, settings: Settings, tls: ssl.SSLContext | None = None) -> None:
        self._settings = settings
        self._tls = tls or ssl.create_default_context()  # the system's trust store; tests pass their own

    @property
    def timeout(self) -> float:
        return self._settings.destination_timeout_seconds

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        parts = checked_webhook_url(url, allow_loopback=self._settings.allow_loopback)
        started = time.monotonic()
        conn = self._connect(url, parts)
        cutter = _Cutter(conn, self.timeout - (time.monotonic() - started))
        try:
            self._write(conn, url, parts, body, headers, cutter)
            return self._answer(conn, url, cutter)
        finally:
            cutter.cancel()
            conn.close()

    def _connect(self, url: str, parts: urllib.parse.SplitResult) -> _PinnedHTTPConnection:
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise UpstreamUnavailable(
                f"could not resolve {shown_url(url)} ({exc}); try again later"
            ) from None
        for info in infos:  # one refused address refuses the name: an attacker may control the answers
            checked_address(url, str(info[4][0]), allow_loopback=self._settings.allow_loopback)
        connect_timeout = min(self._settings.connect_timeout_seconds, self.timeout)
        last: OSError | None = None
        for info in infos:
            conn = self._connection(parts, host, port, str(info[4][0]), connect_timeout)
            try:
                conn.connect()
                return conn
            except OSError as exc:
                conn.close()
                last = exc
        raise UpstreamUnavailable(f"could not connect to {shown_url(url)} ({last}); try again later")

    def _connection(
        self, parts: urllib.parse.SplitResult, host: str, port: int, address: str, timeout: float
    ) -> _PinnedHTTPConnection:
        pinned = parse_address(address)
        if parts.scheme == "https":
            return _PinnedHTTPSConnection(host, port, pinned, timeout, self.timeout, self._tls)
        return _PinnedHTTPConnection(host, port, pinned, timeout, self.timeout)

    def _write(
        self,
        conn: http.client.HTTPConnection,
        url: str,
        parts: urllib.parse.SplitResult,
        body: bytes,
        headers: dict[str, str],
        cutter: _Cutter,
    ) -> None:
        target = urllib.parse.quote(parts.path or "/", safe=PATH_SAFE)
        if parts.query:
            target += "?" + urllib.parse.quote(parts.query, safe=QUERY_SAFE)
        request_headers = {
            "User-Agent": self._settings.user_agent,
            "Content-Type": "application/json; charset=utf-8",
            "Connection": "close",
            **headers,
        }
        try:
            conn.request("POST", target, body=body, headers=request_headers)
        except (OSError, http.client.HTTPException) as exc:  # the body did not all go: nothing was posted
            why = "took too long" if cutter.fired else f"broke off ({exc})"
            raise UpstreamUnavailable(f"sending to {shown_url(url)} {why}; try again later") from None

    def _answer(self, conn: http.client.HTTPConnection, url: str, cutter: _Cutter) -> Answer:
        """The status decides: once it came, a body cut off (dripped past the deadline, dropped) is kept short."""
        try:
            response = conn.getresponse()
            if cutter.fired:  # the head was cut short: a truncated status line can still parse as 200
                raise TimeoutError("the answer's head was cut off at the deadline")
        except (OSError, http.client.HTTPException) as exc:
            why = (
                f"gave no answer within {self.timeout:g} s (destination_timeout_seconds)"
                if cutter.fired
                else f"dropped the connection before answering ({type(exc).__name__})"
            )
            raise DeliveryUncertain(
                f"{shown_url(url)} {why}: it may have taken the post; the next run posts again "
                "with the same Idempotency-Key"
            ) from None
        try:
            data = response.read(MAX_ANSWER_BYTES)
        except (OSError, http.client.HTTPException):
            data = b""
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
