"""Real HTTP servers on 127.0.0.1 that play Slack, Discord and a signed-webhook receiver, and misbehave.

Each speaks its service's documented shapes:
- Slack incoming webhooks: a JSON body with `text` and/or `blocks`; Block Kit limits
  checked (50 blocks, header text 150, section text 3000, button URL 3000); success is
  `200 ok` in plain text; errors are plain-text codes (400 `invalid_payload`, 403
  `invalid_token`, 404 `no_service`, 410 `channel_is_archived`, 500 `rollup_error`);
  more than one message a second to one webhook is answered `429` with Retry-After.
- Discord webhooks: `content` or `embeds` required (else 400, code 50006), embed limits
  checked (title 256, description 4096, 25 fields of name 256 / value 1024, footer 2048,
  6000 in all; else 400 `Invalid Form Body`, code 50035); success `204`; errors are JSON
  `{"message", "code"}` (404 `Unknown Webhook`, 10015); 429 carries JSON `retry_after`.
- A receiver of our signed JSON webhook: it checks the HMAC-SHA256 signature over
  timestamp + "." + body with its own code (not ours) and refuses (401) a bad one or a
  timestamp more than 5 minutes off.

Misbehaviour is scripted per request (`server.script(...)`): a status, a 429 asking for
any wait, a dropped connection after the body was read, a slow answer, an answer that
drips. Every request is recorded (headers, raw body, what the server made of it), so a
test counts what really arrived.
"""

import contextlib
import hashlib
import hmac
import http.server
import json
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SLACK, DISCORD, RECEIVER = "slack", "discord", "receiver"
SLACK_ERRORS = {
    400: "invalid_payload",
    403: "invalid_token",
    404: "no_service",
    410: "channel_is_archived",
    500: "rollup_error",
}
DISCORD_ERRORS = {
    404: ("Unknown Webhook", 10015),
    401: ("Invalid Webhook Token", 50027),
    500: ("Internal Server Error", 0),
}


@dataclass(frozen=True)
class Behaviour:
    kind: str = "ok"  # ok | status | rate_limit | drop | slow | drip
    status: int = 200
    seconds: float = 0.0  # rate_limit: the wait asked for; slow: delay; drip: delay per byte


OK = Behaviour()


def status(code: int) -> Behaviour:
    return Behaviour("status", code)


def rate_limit(seconds: float) -> Behaviour:
    return Behaviour("rate_limit", 429, seconds)


def drop() -> Behaviour:
    """Read the whole body, record it, then close the connection without a word."""
    return Behaviour("drop")


def slow(seconds: float) -> Behaviour:
    return Behaviour("slow", 200, seconds)


def drip(per_byte: float) -> Behaviour:
    """Answer 200 at once, then drip the body a byte at a time."""
    return Behaviour("drip", 200, per_byte)


def drip_head(per_byte: float) -> Behaviour:
    """Drip the status line and headers themselves, a byte at a time."""
    return Behaviour("drip_head", 200, per_byte)


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    accepted: bool  # the server took it as a valid message (whatever it then answered)
    problem: str = ""
    document: Any = None

    @property
    def key(self) -> str | None:
        return self.headers.get("idempotency-key")


@dataclass
class HookServer:
    flavor: str
    secret: str = ""
    enforce_rate: bool = True
    down: bool = False  # answer every request 500 (an outage) until set back
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _script: list[Behaviour] = field(default_factory=list)
    _last_post: float = 0.0
    port: int = 0
    client_tls: ssl.SSLContext | None = None  # with tls=True: a client context trusting exactly this server

    def url(self, path: str = "/hook") -> str:
        scheme = "https" if self.client_tls is not None else "http"
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    def script(self, *behaviours: Behaviour) -> None:
        with self.lock:
            self._script.extend(behaviours)

    def accepted(self) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.accepted]

    def next_behaviour(self) -> Behaviour:
        with self.lock:
            if self.down:
                return status(500)
            return self._script.pop(0) if self._script else OK

    # -- what each service makes of a request ------------------------------------------------

    def judge(self, headers: dict[str, str], body: bytes) -> tuple[bool, str, Any]:
        try:
            document = json.loads(body)
        except ValueError:
            return False, "not JSON", None
        if not isinstance(document, dict):
            return False, "not a JSON object", document
        problem = {SLACK: slack_problem, DISCORD: discord_problem, RECEIVER: self.receiver_problem}[
            self.flavor
        ](headers, body, document)
        return problem == "", problem, document

    def receiver_problem(self, headers: dict[str, str], body: bytes, document: dict[str, Any]) -> str:
        timestamp = headers.get("x-podcast-digest-timestamp", "")
        signed = headers.get("x-podcast-digest-signature", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
            return "stale or missing timestamp"
        expected = (
            "v1="
            + hmac.new(self.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        )
        if not hmac.compare_digest(expected, signed):
            return "bad signature"
        if document.get("type") != "summary.published" or "summary" not in document:
            return "not a summary"
        return ""


def slack_problem(headers: dict[str, str], body: bytes, document: dict[str, Any]) -> str:
    if not headers.get("content-type", "").startswith("application/json"):
        return "invalid_payload"
    blocks = document.get("blocks") or []
    if not document.get("text") and not blocks:
        return "no_text"
    if len(blocks) > 50:
        return "invalid_blocks"
    for block in blocks:
        text = (block.get("text") or {}).get("text", "")
        limit = {"header": 150, "section": 3000}.get(block.get("type"), 3000)
        if len(text) > limit:
            return "invalid_blocks"
        for element in block.get("elements", []):
            if len(element.get("url", "")) > 3000:
                return "invalid_blocks"
    return ""


def discord_problem(headers: dict[str, str], body: bytes, document: dict[str, Any]) -> str:
    embeds = document.get("embeds") or []
    if not document.get("content") and not embeds:
        return "Cannot send an empty message"
    total = 0
    for embed in embeds:
        fields = embed.get("fields", [])
        sizes = [
            (len(embed.get("title", "")), 256),
            (len(embed.get("description", "")), 4096),
            (len(fields), 25),
            (len((embed.get("footer") or {}).get("text", "")), 2048),
        ]
        sizes += [(len(f.get("name", "")), 256) for f in fields] + [
            (len(f.get("value", "")), 1024) for f in fields
        ]
        if any(size > limit for size, limit in sizes):
            return "Invalid Form Body"
        total += (
            sizes[0][0] + sizes[1][0] + sizes[3][0] + sum(len(f["name"]) + len(f["value"]) for f in fields)
        )
    return "Invalid Form Body" if total > 6000 else ""


def _answer(
    handler: http.server.BaseHTTPRequestHandler,
    code: int,
    body: bytes,
    content_type: str,
    extra: dict[str, str] | None = None,
) -> None:
    handler.send_response(code)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    handler.send_header("Connection", "close")
    for name, value in (extra or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    if body:
        handler.wfile.write(body)


def _error(
    server: HookServer, handler: http.server.BaseHTTPRequestHandler, code: int, text: str = ""
) -> None:
    if server.flavor == SLACK:
        _answer(handler, code, (text or SLACK_ERRORS.get(code, "invalid_payload")).encode(), "text/html")
    elif server.flavor == DISCORD:
        message, number = DISCORD_ERRORS.get(code, (text or "Invalid Form Body", 50035))
        _answer(handler, code, json.dumps({"message": message, "code": number}).encode(), "application/json")
    else:
        _answer(handler, code, json.dumps({"error": text or f"HTTP {code}"}).encode(), "application/json")


def _rate_limited(server: HookServer, handler: http.server.BaseHTTPRequestHandler, seconds: float) -> None:
    header = {"Retry-After": str(max(1, round(seconds)))}
    if server.flavor == DISCORD:
        body = {"message": "You are being rate limited.", "retry_after": seconds, "global": False}
        header.update(
            {"X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": str(seconds)}
        )
        _answer(handler, 429, json.dumps(body).encode(), "application/json", header)
    else:
        _answer(handler, 429, b"rate_limited", "text/html", header)


def _success(server: HookServer, handler: http.server.BaseHTTPRequestHandler) -> None:
    if server.flavor == SLACK:
        _answer(handler, 200, b"ok", "text/html")
    elif server.flavor == DISCORD:
        _answer(handler, 204, b"", "application/json")
    else:
        _answer(handler, 200, b'{"received":true}', "application/json")


def _behave(
    server: HookServer, handler: http.server.BaseHTTPRequestHandler, behaviour: Behaviour, problem: str
) -> None:
    if behaviour.kind == "drop":
        handler.close_connection = True
        handler.connection.shutdown(2)
        return
    if behaviour.kind == "rate_limit":
        return _rate_limited(server, handler, behaviour.seconds)
    if behaviour.kind == "status":
        return _error(server, handler, behaviour.status)
    if problem:
        return _error(server, handler, 401 if server.flavor == RECEIVER else 400, problem)
    if behaviour.kind == "slow":
        time.sleep(behaviour.seconds)
    if behaviour.kind == "drip_head":
        for byte in b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok":
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(behaviour.seconds)
        return
    if behaviour.kind == "drip":
        body = b"ok" * 200
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        for byte in body:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(behaviour.seconds)
        return
    _success(server, handler)


@contextlib.contextmanager
def hook_server(
    flavor: str, secret: str = "", enforce_rate: bool = True, tls_folder: Path | None = None
) -> Iterator[HookServer]:
    """A running server of that flavor on 127.0.0.1 (`server.url()` is its webhook URL); with a
    `tls_folder` it speaks https with a throwaway self-signed certificate for 127.0.0.1."""
    state = HookServer(flavor, secret=secret, enforce_rate=enforce_rate)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            accepted, problem, document = state.judge(headers, body)
            behaviour = state.next_behaviour()
            too_soon = False
            with state.lock:
                now = time.monotonic()
                if (
                    state.flavor == SLACK
                    and state.enforce_rate
                    and now - state._last_post < 0.95
                    and behaviour is OK
                ):
                    too_soon = True
                counted = accepted and behaviour.kind not in ("status", "rate_limit") and not too_soon
                state.received.append(Received(self.path, headers, body, counted, problem, document))
                if counted:
                    state._last_post = now
            with contextlib.suppress(BrokenPipeError, ConnectionResetError, OSError):
                if too_soon:
                    _rate_limited(state, self, 1.0)
                else:
                    _behave(state, self, behaviour, problem)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    if tls_folder is not None:
        from tests.support.smtp_server import write_self_signed_certificate

        cert_path, key_path = write_self_signed_certificate(tls_folder)
        server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_context.load_cert_chain(cert_path, key_path)
        server.socket = server_context.wrap_socket(server.socket, server_side=True)
        state.client_tls = ssl.create_default_context(cafile=str(cert_path))
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
