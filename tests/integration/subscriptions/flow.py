"""Helpers for the subscription flow tests: seeded episodes, HTTP API events, links out of sent mail."""

import base64
import json
import re
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from podcast_digest.models import Episode, EpisodeStatus, Feed, Summary
from podcast_digest.models.steps import EpisodeRef
from podcast_digest.pipeline.context import Context
from tests.support.summaries import sample_summary

BASE_URL = "https://digest.example.com"
FEED_ID = "feed8e2d41aa00000000"
SHOW_NOTES = (
    '<p>Maya and Lukas on <b>sourdough</b>. <a href="https://workshophour.example.com/112">Episode page</a></p>'
    "<script>alert(1)</script><img src=x onerror=alert(2)>"
)


def seed_feed(ctx: Context, feed_id: str = FEED_ID, title: str = "The Workshop Hour") -> Feed:
    feed = Feed(feed_id=feed_id, url=f"https://{feed_id}.example.com/feed.xml", title=title)
    ctx.records.put_feed(feed)
    return feed


def seed_episode(
    ctx: Context, number: int, feed_id: str = FEED_ID, made: datetime | None = None, **summary_fields: Any
) -> tuple[EpisodeRef, Summary]:
    """An episode whose summary is made and stored, ready for the notify step."""
    episode_id = f"ep{number:04d}"
    summary = sample_summary(episode_id=episode_id, feed_id=feed_id, **summary_fields)
    summary.provenance.created_at = made or datetime.now(UTC)
    ctx.records.add_episode(
        Episode(
            episode_id=episode_id,
            feed_id=feed_id,
            title=summary.episode_title,
            description=SHOW_NOTES,
            status=EpisodeStatus.SUMMARIZED,
        )
    )
    ctx.records.put_summary(summary)
    return EpisodeRef(feed_id=feed_id, episode_id=episode_id), summary


def http_event(
    method: str,
    path: str,
    *,
    query: dict[str, str] | None = None,
    body: str | None = None,
    content_type: str = "application/x-www-form-urlencoded",
    base64_body: bool = False,
) -> dict[str, Any]:
    """An API Gateway HTTP API (payload 2.0) event, as the AWS docs show it; no cookies."""
    raw_query = urlencode(query or {})
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": raw_query,
        "headers": {"host": "digest.example.com", "content-type": content_type, "user-agent": "test"},
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "api",
            "domainName": "digest.example.com",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "192.0.2.1",
                "userAgent": "t",
            },
            "requestId": "id",
            "routeKey": "$default",
            "stage": "$default",
            "time": "28/Nov/2026:09:00:00 +0000",
            "timeEpoch": 1795856400000,
        },
        "isBase64Encoded": base64_body,
    }
    if query:
        event["queryStringParameters"] = query
    if body is not None:
        event["body"] = base64.b64encode(body.encode()).decode() if base64_body else body
    return event


def form(**fields: Any) -> str:
    return urlencode(fields, doseq=True)


def parse(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return part.get_content()


def html_of(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return part.get_content()


def link_in(message: EmailMessage, path: str) -> str:
    found = re.search(rf"{re.escape(BASE_URL)}/{path}\?token=[A-Za-z0-9_.%-]+", text_of(message))
    assert found, f"no /{path} link in the message"
    return found.group(0)


def token_of(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


def one_click_target(message: EmailMessage) -> str:
    """The URL of the List-Unsubscribe header, checked to be RFC 8058 one-click."""
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = str(message["List-Unsubscribe"])
    assert header.startswith(f"<{BASE_URL}/unsubscribe?token=")
    assert header.endswith(">")
    return header[1:-1]


def response_json(response: dict[str, Any]) -> dict[str, Any]:
    return json.loads(response["body"])


def click_confirm(call, message: EmailMessage) -> dict[str, Any]:
    """What a person does: open the link (a page with a button), then press the button (a POST)."""
    token = token_of(link_in(message, "confirm"))
    shown = call(http_event("GET", "/confirm", query={"token": token}))
    assert shown["statusCode"] == 200
    assert '<form method="post" action="/confirm">' in shown["body"]
    return call(http_event("POST", "/confirm", body=form(token=token)))
