"""The daily or weekly roundup email: several summaries in one message, each a click from its full page.

Each entry shows the one-sentence summary; as many as fit the Gmail budget
also show the tl;dr, a few key ideas and the parts with timestamp links. The
subject names the count and the podcasts, so it says what is inside.
"""

from dataclasses import dataclass

from podcast_digest.digest import outline
from podcast_digest.digest.email import (
    HTML_BUDGET_BYTES,
    SUBJECT_MAX_CHARS,
    checked_link,
    inline_styles,
    one_click_unsubscribe_headers,
)
from podcast_digest.digest.outline import one_line
from podcast_digest.digest.render_html import environment
from podcast_digest.digest.timestamps import safe_web_url
from podcast_digest.models import OutgoingEmail, Summary


@dataclass(frozen=True)
class RoundupEntry:
    summary: Summary
    full_summary_url: str | None = None


def roundup_subject(entries: list[RoundupEntry], how_often: str) -> str:
    podcasts = list(
        dict.fromkeys(one_line(e.summary.podcast_title) for e in entries if e.summary.podcast_title)
    )
    count = len(entries)
    head = f"Your {how_often} podcast roundup: {count} new summar{'y' if count == 1 else 'ies'}"
    if podcasts:
        head += (
            " from "
            + ", ".join(podcasts[:3])
            + (f" and {len(podcasts) - 3} more" if len(podcasts) > 3 else "")
        )
    return head if len(head) <= SUBJECT_MAX_CHARS else head[: SUBJECT_MAX_CHARS - 1].rstrip() + "…"


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
) -> OutgoingEmail:
    """One roundup email; ValueError when there are no entries or a link is not http(s)/file."""
    if not entries:
        raise ValueError("a roundup needs at least one summary")
    unsubscribe = checked_link(unsubscribe_url, "unsubscribe_url")
    manage = checked_link(manage_url, "manage_url")
    subject = roundup_subject(entries, how_often)
    shown = [
        {
            "s": e.summary,
            "podcast": one_line(e.summary.podcast_title),
            "episode": one_line(e.summary.episode_title),
            "duration": outline.duration_label(e.summary.duration_seconds),
            "audio": safe_web_url(e.summary.audio_url),
            "url": checked_link(e.full_summary_url, "full_summary_url", allow_file=True),
        }
        for e in entries
    ]
    template = environment().get_template("roundup.html.j2")
    context = {
        "c": inline_styles(),
        "subject": subject,
        "preheader": "; ".join(one_line(e.summary.episode_title) for e in entries)[:200],
        "kicker": f"Your {how_often} podcast roundup",
        "period_label": period_label,
        "entries": shown,
        "one_sentence": outline.ONE_SENTENCE,
        "one_line": one_line,
        "stamp": outline.moment,
        "how_often": how_often,
        "unsubscribe_url": unsubscribe,
        "manage_url": manage,
    }
    detailed = len(shown)
    html = template.render(context, detailed=detailed)
    while len(html.encode("utf-8")) > HTML_BUDGET_BYTES and detailed > 0:
        detailed = max(0, detailed - max(1, detailed // 4))
        html = template.render(context, detailed=detailed)
    text_lines = [f"Your {how_often} podcast roundup — {period_label}", ""]
    for entry, card in zip(entries, shown, strict=True):
        text_lines += [
            f"{card['podcast']}: {card['episode']}".strip(": "),
            one_line(entry.summary.one_sentence_summary),
        ]
        if card["url"]:
            text_lines.append(f"Full summary: {card['url']}")
        text_lines.append("")
    if manage:
        text_lines.append(f"Change podcasts or how often: {manage}")
    if unsubscribe:
        text_lines.append(f"Unsubscribe: {unsubscribe}")
    headers = one_click_unsubscribe_headers(unsubscribe)
    return OutgoingEmail(
        sender=sender,
        sender_name=sender_name,
        to=to,
        subject=subject,
        text="\n".join(text_lines).strip() + "\n",
        html=html,
        headers=headers,
        tag="roundup",
    )
