"""The daily or weekly roundup email: several summaries in one message, each a click from its full page.

Each entry shows the one-sentence summary; as many as fit the Gmail budget
also show the tl;dr, a few key ideas and the parts with timestamp links. The
subject names the count and the podcasts, so it says what is inside.
"""

from dataclasses import dataclass
from itertools import zip_longest

from jinja2 import Template

from podcast_digest.digest import outline
from podcast_digest.digest.email import (
    HTML_BUDGET_BYTES,
    SUBJECT_MAX_CHARS,
    checked_link,
    email_basics,
    one_click_unsubscribe_headers,
    stop_line,
)
from podcast_digest.digest.outline import one_line
from podcast_digest.digest.render_html import environment
from podcast_digest.digest.render_text import TextPart, reading_layout
from podcast_digest.digest.timestamps import safe_web_url
from podcast_digest.models import OutgoingEmail, Summary
from podcast_digest.models.subscriber import normalise_email

IDEAS_PER_ENTRY = 4


@dataclass(frozen=True)
class RoundupEntry:
    summary: Summary
    full_summary_url: str | None = None


def roundup_subject(entries: list[RoundupEntry], how_often: str) -> str:
    podcasts = _podcasts(entries)
    count = len(entries)
    head = f"Your {how_often} podcast roundup: {count} new summar{'y' if count == 1 else 'ies'}"
    if podcasts:
        head += (
            " from "
            + ", ".join(podcasts[:3])
            + (f" and {len(podcasts) - 3} more" if len(podcasts) > 3 else "")
        )
    return head if len(head) <= SUBJECT_MAX_CHARS else head[: SUBJECT_MAX_CHARS - 1].rstrip() + "…"


def _podcasts(entries: list[RoundupEntry]) -> list[str]:
    return list(
        dict.fromkeys(one_line(e.summary.podcast_title) for e in entries if one_line(e.summary.podcast_title))
    )


def _why(entries: list[RoundupEntry], how_often: str, recipient: str) -> str:
    podcasts = _podcasts(entries)
    what = ", ".join(podcasts[:3]) + (f" and {len(podcasts) - 3} more" if len(podcasts) > 3 else "")
    return (
        f"You receive this {how_often} roundup because {recipient} is subscribed to summaries of "
        f"{what or 'these podcasts'}."
    )


def _card(entry: RoundupEntry) -> dict[str, object]:
    summary = entry.summary
    groups = outline.distinct_top_bullets(summary).groups
    return {
        "s": summary,
        "podcast": one_line(summary.podcast_title),
        "episode": one_line(summary.episode_title),
        "duration": outline.duration_label(summary.duration_seconds),
        "audio": safe_web_url(summary.audio_url),
        "url": checked_link(entry.full_summary_url, "full_summary_url", allow_file=True),
        # The first idea of each group, then the second…: a few ideas that cover the episode.
        "ideas": [i for row in zip_longest(*(ideas for _, ideas in groups)) for i in row if i][
            :IDEAS_PER_ENTRY
        ],
    }


def _text(entries: list[RoundupEntry], cards: list[dict], head: str, footer: list[str]) -> str:
    parts = [TextPart(head, level=1)]
    for entry, card in zip(entries, cards, strict=True):
        lines = [one_line(entry.summary.one_sentence_summary)]
        if card["url"]:
            lines.append(f"Full summary: {card['url']}")
        parts.append(TextPart(f"{card['podcast']}: {card['episode']}".strip(": "), lines))
    parts.append(TextPart("", ["-- ", *footer]))
    return reading_layout(parts)


def _fitted(template: Template, context: dict[str, object], count: int) -> str:
    """Within budget: details go from the last entries first, then their one-sentence summaries
    (every episode stays named and linked)."""
    detailed, sentences = count, count
    html = template.render(context, detailed=detailed, sentences=sentences)
    while len(html.encode("utf-8")) > HTML_BUDGET_BYTES and sentences > 0:
        if detailed > 0:
            detailed = max(0, detailed - max(1, detailed // 4))
        else:
            sentences = max(0, sentences - max(1, sentences // 4))
        html = template.render(context, detailed=detailed, sentences=sentences)
    return html


def compose_roundup(
    entries: list[RoundupEntry],
    *,
    to: str,
    sender: str,
    sender_name: str | None = None,
    how_often: str,
    period_label: str,
    unsubscribe_url: str | None = None,
    manage_url: str | None = None,
    stop_instructions: str | None = None,
    operator_address: str | None = None,
) -> OutgoingEmail:
    """One roundup email; ValueError when there are no entries or a link is not http(s)/file."""
    if not entries:
        raise ValueError("a roundup needs at least one summary")
    unsubscribe = checked_link(unsubscribe_url, "unsubscribe_url")
    manage = checked_link(manage_url, "manage_url")
    recipient = normalise_email(to)
    subject = roundup_subject(entries, how_often)
    cards = [_card(e) for e in entries]
    reason = _why(entries, how_often, recipient)
    stop = stop_line(stop_instructions, operator_address)
    template = environment().get_template("roundup.html.j2")
    context = email_basics() | {
        "subject": subject,
        "preheader": "; ".join(one_line(e.summary.episode_title) for e in entries)[:200],
        "kicker": f"Your {how_often} podcast roundup",
        "period_label": period_label,
        "entries": cards,
        "one_sentence": outline.ONE_SENTENCE,
        "one_line": one_line,
        "stamp": outline.moment,
        "reason": reason,
        "unsubscribe_url": unsubscribe,
        "manage_url": manage,
        "stop_instructions": stop,
    }
    html = _fitted(template, context, len(cards))
    footer = [reason]
    if manage:
        footer.append(f"Change podcasts or how often: {manage}")
    if unsubscribe:
        footer.append(f"Unsubscribe: {unsubscribe}")
    else:
        footer.append(stop)
    return OutgoingEmail(
        sender=sender,
        sender_name=sender_name,
        to=recipient,
        subject=subject,
        text=_text(entries, cards, f"Your {how_often} podcast roundup — {period_label}", footer),
        html=html,
        headers=one_click_unsubscribe_headers(unsubscribe),
        tag="roundup",
    )
