"""SlackSender: one Block Kit message per summary to a Slack incoming webhook.

The message: a header (the episode title), the podcast's name, the one-sentence
summary, the key ideas, and a button to the full summary (or the episode's page
when there is no public endpoint). Limits from Slack's Block Kit reference: a
header's text 150 characters, a section's text 3000, a button's URL 3000,
50 blocks. Slack allows one message per second per webhook: the HookClient spaces
posts. Slack answers errors as plain text (`invalid_payload`, `no_service`,
`channel_is_archived`, …) with 400/403/404/410, and 429 with Retry-After.
"""

import json

from podcast_digest.adapters.destinations.hook_client import HookClient, header_retry_after
from podcast_digest.adapters.destinations.text import cut, slack_escaped, web_link
from podcast_digest.models.destination import Destination, Post
from podcast_digest.settings import Settings

HEADER_MAX = 150
SECTION_MAX = 3000
FALLBACK_MAX = 3000
MAX_KEY_IDEAS = 8


def key_ideas(post: Post, limit: int = MAX_KEY_IDEAS) -> list[str]:
    return [idea for group in post.summary.key_ideas for idea in group.ideas][:limit]


def summary_link(post: Post) -> tuple[str, str] | None:
    """(label, URL) of the button: the full summary, else the episode's own page."""
    if post.full_summary_url:
        return "Full summary", post.full_summary_url
    page = web_link(post.summary.episode_url or post.episode.link)
    return ("Episode page", page) if page else None


def slack_message(post: Post) -> dict[str, object]:
    summary = post.summary
    title = summary.episode_title or post.episode.title or "New episode"
    blocks: list[dict[str, object]] = [
        {"type": "header", "text": {"type": "plain_text", "text": cut(title, HEADER_MAX), "emoji": False}},
    ]
    podcast = post.feed_title or summary.podcast_title
    if podcast:
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": cut(podcast, 300, slack_escaped)}]}
        )
    blocks.append(
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": cut(summary.one_sentence_summary, SECTION_MAX, slack_escaped) or " ",
            },
        }
    )
    ideas = key_ideas(post)
    if ideas:
        per_idea = (SECTION_MAX - 20) // len(ideas) - 3
        lines = "\n".join(f"• {cut(idea, per_idea, slack_escaped)}" for idea in ideas)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"*Key ideas*\n{lines}"}})
    link = summary_link(post)
    if link is not None:
        label, url = link
        button = {"type": "button", "text": {"type": "plain_text", "text": label}, "url": url[:3000]}
        blocks.append({"type": "actions", "elements": [button]})
    fallback = cut(f"{title}: {summary.one_sentence_summary}", FALLBACK_MAX, slack_escaped)
    return {"text": fallback, "blocks": blocks, "unfurl_links": False, "unfurl_media": False}


class SlackSender:
    """The DestinationSender for Slack incoming webhooks."""

    def __init__(self, settings: Settings, client: HookClient | None = None) -> None:
        self._client = client or HookClient(settings, min_interval=1.0)

    def send(self, destination: Destination, post: Post, delivery_key: str) -> None:
        body = json.dumps(slack_message(post), ensure_ascii=False).encode("utf-8")
        self._client.post(
            destination.target.get_secret_value(),
            body,
            {"Idempotency-Key": delivery_key},
            "Slack webhook",
            header_retry_after,
        )
