"""HookClient: the rules every webhook post follows, whatever the receiver (Slack, Discord, ours).

- pacing: at most one post per `min_interval` to one URL (Slack allows one message
  a second per webhook), and a receiver's own "0 left, reset after N s" is honoured;
- 429: we wait what the receiver asks (Retry-After, or the JSON `retry_after` Discord
  sends) only up to `max_retry_after_seconds`, and try at most `attempts` times; a
  longer wait is left to a later run (UpstreamThrottled), never the server's word alone;
- 404/410: DestinationGone (the destination is disabled with the reason);
- other 4xx and 3xx: BadInputError (this post is refused; retrying will not help);
- 5xx: UpstreamUnavailable (try again later).
An answer's text is shown in one short printable line: it comes from a stranger.
"""

import hashlib
import time
from collections.abc import Callable

from podcast_digest.adapters.destinations.http_post import Answer, WebhookPoster
from podcast_digest.destinations.targets import shown_url
from podcast_digest.errors import BadInputError, DestinationGone, UpstreamThrottled, UpstreamUnavailable
from podcast_digest.feeds.fetch import parse_retry_after
from podcast_digest.settings import Settings

RetryAfter = Callable[[Answer], float | None]
MAX_REASON = 160


def header_retry_after(answer: Answer) -> float | None:
    return parse_retry_after(answer.headers.get("retry-after"))


def answer_text(answer: Answer) -> str:
    """The receiver's reason in one printable line: a JSON `message` (Discord), else the text (Slack)."""
    document = answer.json()
    text = str(document.get("message", "")) if document else ""
    if not text:
        text = answer.body[: MAX_REASON * 2].decode("utf-8", "replace")
    cleaned = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return cleaned[:MAX_REASON] + ("…" if len(cleaned) > MAX_REASON else "")


class HookClient:
    def __init__(
        self,
        settings: Settings,
        *,
        poster: WebhookPoster | None = None,
        min_interval: float = 0.0,
        attempts: int = 3,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._poster = poster or WebhookPoster(settings)
        self._min_interval = min_interval
        self._attempts = attempts
        self._sleep = sleep
        self._clock = clock
        self._next_allowed: dict[str, float] = {}  # by a hash of the URL: the URL itself is a secret

    def post(
        self, url: str, body: bytes, headers: dict[str, str], what: str, retry_after: RetryAfter
    ) -> Answer:
        """POST until the receiver takes it, within the rules above; the answer of a 2xx."""
        slot = hashlib.sha256(url.encode()).hexdigest()
        for attempt in range(1, self._attempts + 1):
            self._pace(slot)
            answer = self._poster.post(url, body, headers)
            self._remember_limits(slot, answer)
            if answer.status != 429:
                raise_for_answer(answer, url, what)
                return answer
            wait = retry_after(answer)
            wait = 1.0 if wait is None else wait
            if wait > self._settings.max_retry_after_seconds or attempt == self._attempts:
                raise UpstreamThrottled(
                    f"{what} {shown_url(url)} is rate limiting us (HTTP 429, asks for {wait:g} s; we wait "
                    f"at most {self._settings.max_retry_after_seconds:g} s, max_retry_after_seconds): "
                    "it is posted on a later run",
                    retry_after=wait,
                )
            self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _pace(self, slot: str) -> None:
        wait = self._next_allowed.get(slot, 0.0) - self._clock()
        if wait > 0:
            self._sleep(min(wait, self._settings.max_retry_after_seconds))

    def _remember_limits(self, slot: str, answer: Answer) -> None:
        after = self._clock() + self._min_interval
        if answer.headers.get("x-ratelimit-remaining") == "0":
            reset = parse_seconds(answer.headers.get("x-ratelimit-reset-after"))
            if reset is not None:
                after = max(after, self._clock() + min(reset, self._settings.max_retry_after_seconds))
        self._next_allowed[slot] = after


def parse_seconds(value: str | None) -> float | None:
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    return seconds if seconds is not None and 0 <= seconds < 365 * 86400 else None


def raise_for_answer(answer: Answer, url: str, what: str) -> None:
    status = answer.status
    if 200 <= status < 300:
        return
    said = f"HTTP {status}" + (f" ({answer_text(answer)})" if answer.body else "")
    where = f"{what} {shown_url(url)}"
    if status in (404, 410):
        raise DestinationGone(
            f"{where} answered {said}: the webhook no longer exists, so the destination is disabled; "
            "make a new webhook and `podcast-digest destinations add` it"
        )
    if status >= 500:
        raise UpstreamUnavailable(f"{where} answered {said}: its service has a problem; posted again later")
    if 300 <= status < 400:
        raise BadInputError(f"{where} answered {said}: webhooks are never redirected; check the URL")
    raise BadInputError(f"{where} refused the post: {said}")
