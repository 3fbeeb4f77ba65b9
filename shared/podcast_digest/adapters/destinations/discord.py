"""DiscordSender: one embed per summary to a Discord webhook.

Discord's documented embed limits: title 256, description 4096, 25 fields (name
256, value 1024), footer 2048, and 6000 characters across all of them; a longer
embed is refused with 400. The embed is built within them (fields dropped from
the end, then the description shortened). Text is markdown-escaped and
`allowed_mentions: {"parse": []}` means no `@everyone` in a feed ever pings.
Discord answers 429 with a JSON `retry_after` in seconds (and Retry-After), and
errors as JSON `{"message": …, "code": …}` (404 `Unknown Webhook`: disabled).
"""

import json

from pydantic import Field, ValidationError

from podcast_digest.adapters.destinations.hook_client import HookClient, header_retry_after
from podcast_digest.adapters.destinations.http_post import Answer
from podcast_digest.adapters.destinations.slack import summary_link
from podcast_digest.adapters.destinations.text import cut, discord_escaped
from podcast_digest.models.base import DomainModel
from podcast_digest.models.destination import Destination, Post
from podcast_digest.settings import Settings

TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000


class DiscordRateLimit(DomainModel):
    """Discord's documented 429 body: `{"message", "retry_after": seconds (float), "global": bool}`."""

    message: str = ""
    retry_after: float = Field(ge=0, lt=365 * 86400)
    is_global: bool = Field(False, alias="global")


def discord_retry_after(answer: Answer) -> float | None:
    """The JSON `retry_after` (fractions of a second count); else the Retry-After header."""
    try:
        return DiscordRateLimit.model_validate_json(answer.body).retry_after
    except ValidationError:
        return header_retry_after(answer)


def _field_value(ideas: list[str]) -> str:
    """The ideas as escaped bullets, as many whole ones as fit in a field's 1024 characters."""
    lines: list[str] = []
    for idea in ideas:
        line = "• " + cut(idea, FIELD_VALUE_MAX - 2, discord_escaped)
        if len("\n".join([*lines, line])) > FIELD_VALUE_MAX:
            break
        lines.append(line)
    return "\n".join(lines) or "—"


def _fields(post: Post) -> list[dict[str, object]]:
    return [
        {
            "name": cut(group.heading or "Key ideas", FIELD_NAME_MAX, discord_escaped),
            "value": _field_value(group.ideas),
            "inline": False,
        }
        for group in post.summary.key_ideas[:FIELDS_MAX]
    ]


def embed_size(embed: dict[str, object]) -> int:
    fields = embed.get("fields") or []
    assert isinstance(fields, list)
    footer = embed.get("footer") or {}
    assert isinstance(footer, dict)
    return (
        len(str(embed.get("title", "")))
        + len(str(embed.get("description", "")))
        + sum(len(str(f["name"])) + len(str(f["value"])) for f in fields)
        + len(str(footer.get("text", "")))
    )


def discord_embed(post: Post) -> dict[str, object]:
    summary = post.summary
    embed: dict[str, object] = {
        "title": cut(
            summary.episode_title or post.episode.title or "New episode", TITLE_MAX, discord_escaped
        ),
        "description": cut(summary.one_sentence_summary, DESCRIPTION_MAX, discord_escaped),
        "fields": _fields(post),
    }
    podcast = post.feed_title or summary.podcast_title
    if podcast:
        embed["footer"] = {"text": cut(podcast, FOOTER_MAX)}
    link = summary_link(post)
    if link is not None:
        embed["url"] = link[1]
    fields = embed["fields"]
    assert isinstance(fields, list)
    while fields and embed_size(embed) > EMBED_TOTAL_MAX:
        fields.pop()
    if embed_size(embed) > EMBED_TOTAL_MAX:
        room = DESCRIPTION_MAX - (embed_size(embed) - EMBED_TOTAL_MAX)
        embed["description"] = cut(summary.one_sentence_summary, max(1, room), discord_escaped)
    return embed


def discord_message(post: Post) -> dict[str, object]:
    return {"embeds": [discord_embed(post)], "allowed_mentions": {"parse": []}}


class DiscordSender:
    """The DestinationSender for Discord webhooks."""

    def __init__(self, settings: Settings, client: HookClient | None = None) -> None:
        self._client = client or HookClient(settings)

    def send(self, destination: Destination, post: Post, delivery_key: str) -> None:
        body = json.dumps(discord_message(post), ensure_ascii=False).encode("utf-8")
        self._client.post(
            destination.target.get_secret_value(),
            body,
            {"Idempotency-Key": delivery_key},
            "Discord webhook",
            discord_retry_after,
        )
