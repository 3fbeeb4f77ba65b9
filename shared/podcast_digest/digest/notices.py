"""The confirmation email of double opt-in: one clear button, no tracking, nothing from the requester shown.

Only feed titles we hold appear in it (never a name or text the requester
typed), so the form cannot be used to mail strangers a message of one's choosing.
"""

from podcast_digest.digest.email import inline_styles
from podcast_digest.digest.outline import one_line
from podcast_digest.digest.render_html import environment
from podcast_digest.digest.timestamps import safe_web_url
from podcast_digest.models import Frequency, OutgoingEmail


def how_often(frequency: Frequency) -> str:
    return {
        Frequency.PER_EPISODE: "per-episode",
        Frequency.DAILY: "daily",
        Frequency.WEEKLY: "weekly",
    }[frequency]


def compose_confirmation(
    *,
    to: str,
    sender: str,
    sender_name: str | None,
    confirm_url: str,
    feed_titles: list[str],
    frequency: Frequency,
    valid_days: int,
) -> OutgoingEmail:
    """The opt-in email; ValueError when confirm_url is not an http(s) URL."""
    link = safe_web_url(confirm_url)
    if link is None:
        raise ValueError(
            f"confirm_url {confirm_url!r} is not an http(s) URL: set PODCAST_DIGEST_PUBLIC_BASE_URL"
        )
    feeds = [one_line(title) for title in feed_titles if one_line(title)]
    subject = "Confirm your podcast summaries" + (f": {feeds[0]}" if len(feeds) == 1 else "")
    html = (
        environment()
        .get_template("confirmation.html.j2")
        .render(
            c=inline_styles(),
            subject=subject,
            feeds=feeds,
            how_often=how_often(frequency),
            confirm_url=link,
            days=valid_days,
        )
    )
    listed = ", ".join(feeds) or "podcasts"
    text = (
        f"Someone (we hope you) asked to send {how_often(frequency)} podcast summaries of {listed} "
        f"to this address.\n\nConfirm here: {link}\n\nThe link works for {valid_days} days. "
        "If you did not ask for this, ignore this email: nothing will be sent.\n"
    )
    return OutgoingEmail(
        sender=sender,
        sender_name=sender_name,
        to=to,
        subject=subject,
        text=text,
        html=html,
        tag="confirmation",
    )
