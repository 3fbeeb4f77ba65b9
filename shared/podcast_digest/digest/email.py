"""The digest email of one summary: what is above In-Depth, a button to the rest, In-Depth as contents.

The email carries what the house format puts above In-Depth (reference/summary-format.md)
and links to the full summary page for the rest; In-Depth is a table of contents (heading
and timestamp per part), never its bullets, so no bullet is said twice and a 3-hour episode
reads like a 13-minute one. The HTML stays within HTML_BUDGET_BYTES (Gmail clips near
102 KB): when a very long episode would pass it, the show notes go first, then the
chapters, then the contents list is cut with "…and N more parts".
"""

import re
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from typing import Any

from markupsafe import Markup
from markupsafe import escape as markupsafe_escape

from podcast_digest.digest import outline
from podcast_digest.digest.email_text import digest_text
from podcast_digest.digest.outline import one_line
from podcast_digest.digest.render_html import base_context, environment
from podcast_digest.digest.sanitize import sanitize_show_notes, show_notes_text, truncate_show_notes
from podcast_digest.digest.timestamps import local_file_url, safe_web_url
from podcast_digest.models import OutgoingEmail, Summary
from podcast_digest.models.subscriber import normalise_email

HTML_BUDGET_BYTES = 40_000  # what a digest people read needs; far under Gmail's ~102 KB clip
SHOW_NOTES_MAX_CHARS = 4_000
SUBJECT_MAX_CHARS = 150
SUBJECT_SUFFIX = " — summary"
# Invisible spacers after the preheader: inbox previews show them as blanks instead of
# running on into the first lines of the body.
PREHEADER_PADDING = Markup("&#847;&zwnj;&nbsp;" * 90)  # noqa: S704 - a constant of our own
DEFAULT_STOP_INSTRUCTIONS = "To stop these emails, reply to this one and ask to be taken off the list."

_RULE = re.compile(r"\.([A-Za-z][\w-]*)\s*\{([^}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _template_text(name: str) -> str:
    return resources.files("podcast_digest.digest").joinpath("templates", name).read_text("utf-8")


@lru_cache(maxsize=1)
def inline_styles() -> dict[str, str]:
    """email.css as {class name: 'declarations'}, ready for style attributes."""
    styles = {}
    for name, body in _RULE.findall(_COMMENT.sub("", _template_text("email.css"))):
        declarations = [" ".join(d.split()) for d in body.split(";") if d.strip()]
        styles[name] = ";".join(d.replace(": ", ":") for d in declarations) + ";"
    return styles


@lru_cache(maxsize=1)
def dark_css() -> Markup:
    """email-dark.css on one line: the one <style> an email carries (clients that drop it stay light)."""
    return Markup(" ".join(_template_text("email-dark.css").split()))  # noqa: S704 - our own file


def email_basics() -> dict[str, Any]:
    """What every email template needs: inline styles, dark-mode styles, the preheader's padding."""
    return {"c": inline_styles(), "dark_css": dark_css(), "preheader_padding": PREHEADER_PADDING}


def stop_line(stop_instructions: str | None, operator_address: str | None) -> str:
    """How to stop the emails when there is no unsubscribe link: the operator's words, address, or a reply."""
    if one_line(stop_instructions):
        return one_line(stop_instructions)
    if operator_address:
        return f"To stop these emails, write to {normalise_email(operator_address)}."
    return DEFAULT_STOP_INSTRUCTIONS


def _styled_show_notes(safe_html: str) -> str:
    """Sanitised show notes with the email's inline styles on each element (no <style> in email)."""
    styles = inline_styles()
    for tag, style in (("p", "p"), ("ul", "ul"), ("ol", "ul"), ("li", "li"), ("blockquote", "note")):
        safe_html = safe_html.replace(f"<{tag}>", f'<{tag} style="{styles[style]}">')
    return safe_html.replace("<a ", f'<a class="ac" style="{styles["link"]}" ')


def one_click_unsubscribe_headers(unsubscribe_url: str | None) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe: the mailbox provider POSTs to the URL, no page in between."""
    if not unsubscribe_url:
        return {}
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def digest_subject(summary: Summary) -> str:
    """'<Podcast>: <Episode title> — summary' on one line, clamped to SUBJECT_MAX_CHARS."""
    podcast, episode = one_line(summary.podcast_title), one_line(summary.episode_title)
    title = f"{podcast}: {episode}" if podcast and episode else (podcast or episode or "Podcast episode")
    room = SUBJECT_MAX_CHARS - len(SUBJECT_SUFFIX)
    if len(title) > room:
        title = title[: room - 1].rstrip() + "…"
    return title + SUBJECT_SUFFIX


def checked_link(url: str | None, what: str, *, allow_file: bool = False) -> str | None:
    """An http(s) URL made safe for markup, or (allow_file) an absolute file:// URI; ValueError otherwise."""
    if url is None:
        return None
    checked = safe_web_url(url)
    if checked is None and allow_file:
        checked = local_file_url(url)
    if checked is None:
        allowed = "an http(s) URL or a file:// URI" if allow_file else "an http(s) URL"
        raise ValueError(f"{what} {url!r} is not {allowed}: give the absolute https:// address")
    return checked


class _DigestLayout:
    """Renders the HTML for a given cut: the first `listed` In-Depth parts in the contents."""

    def __init__(self, summary: Summary, context: dict[str, Any]) -> None:
        self.summary = summary
        self.context = context
        self.template = environment().get_template("email.html.j2")

    def render(self, listed: int, show_notes: str, with_chapters: bool) -> str:
        return self.template.render(
            self.context,
            listed=listed,
            unlisted=len(self.summary.in_depth) - listed,
            with_chapters=with_chapters,
            # Sanitised by sanitize_show_notes (nh3 allowlist): the one fragment rendered as HTML.
            show_notes=Markup(_styled_show_notes(show_notes)),  # noqa: S704
        )


def _fits(html: str) -> bool:
    return len(html.encode("utf-8")) <= HTML_BUDGET_BYTES


@dataclass(frozen=True)
class _Cut:
    listed: int
    show_notes: str
    with_chapters: bool
    html: str


def _fit(layout: _DigestLayout, show_notes: str) -> _Cut:
    """The fullest email within budget: show notes go first, then chapters, then contents rows."""
    count = len(layout.summary.in_depth)
    for notes, chapters in ((show_notes, True), ("", True), ("", False)):
        html = layout.render(count, notes, chapters)
        if _fits(html):
            return _Cut(count, notes, chapters, html)
    best, best_html = 0, layout.render(0, "", False)
    low, high = 1, count - 1
    while low <= high:  # sizes grow with the rows listed: the largest count that fits, by bisection
        middle = (low + high) // 2
        html = layout.render(middle, "", False)
        if _fits(html):
            best, best_html, low = middle, html, middle + 1
        else:
            high = middle - 1
    return _Cut(best, "", False, best_html)


def _why(summary: Summary, recipient: str) -> str:
    podcast = one_line(summary.podcast_title) or "this podcast"
    return f"You receive this because {recipient} is subscribed to summaries of {podcast}."


def compose_digest(
    summary: Summary,
    *,
    to: str,
    sender: str,
    sender_name: str | None = None,
    full_summary_url: str | None = None,
    unsubscribe_url: str | None = None,
    manage_url: str | None = None,
    show_notes_html: str | None = None,
    stop_instructions: str | None = None,
    operator_address: str | None = None,
) -> OutgoingEmail:
    """The digest email (HTML + plain text) of one summary for one recipient.

    Raises ValueError when unsubscribe_url or manage_url is not an http(s) URL, when
    full_summary_url is neither that nor a file:// URI (a local run's summary
    folder), or when an address is invalid.
    """
    # A local run keeps summaries in a folder: its digest may link the page as a file:// URI.
    summary_url = checked_link(full_summary_url, "full_summary_url", allow_file=True)
    unsubscribe = checked_link(unsubscribe_url, "unsubscribe_url")
    manage = checked_link(manage_url, "manage_url")
    recipient = normalise_email(to)
    subject = digest_subject(summary)
    notes = truncate_show_notes(sanitize_show_notes(show_notes_html or ""), SHOW_NOTES_MAX_CHARS)
    bullets = outline.distinct_top_bullets(summary)
    reason = _why(summary, recipient)
    stop = stop_line(stop_instructions, operator_address)

    context = (
        base_context(summary)
        | email_basics()
        | {
            "subject": subject,
            "bullets": bullets,
            "full_summary_url": summary_url,
            "part_link": summary_url is not None,
            "unsubscribe_url": unsubscribe,
            "manage_url": manage,
            "reason": reason,
            "stop_instructions": stop,
        }
    )
    cut = _fit(_DigestLayout(summary, context), notes)
    footer = [reason]
    if unsubscribe:
        footer.append(f"Unsubscribe: {unsubscribe}")
    if manage:
        footer.append(f"Manage your subscription: {manage}")
    if not unsubscribe:
        footer.append(stop)
    text = digest_text(
        summary,
        bullets,
        listed=cut.listed,
        full_summary_url=summary_url,
        show_notes=show_notes_text(cut.show_notes),
        with_chapters=cut.with_chapters,
        footer=footer,
    )
    return OutgoingEmail(
        sender=sender,
        sender_name=sender_name,
        to=recipient,
        subject=subject,
        text=text,
        html=cut.html,
        headers=one_click_unsubscribe_headers(unsubscribe),
        tag="digest",
    )


# Stand-ins as long as real values: the digest is laid out once with them, and each recipient's
# copy swaps in their own address and links (layout and size do not depend on whose they are).
_UNSUBSCRIBE_STAND_IN = "https://unsubscribe.invalid/unsubscribe?token=" + "0" * 140
_MANAGE_STAND_IN = "https://manage.invalid/manage?token=" + "0" * 140
_ADDRESS_STAND_IN = "recipient-3c9e0b7a1f@stand-in.invalid"


class DigestForRecipients:
    """One episode's digest, composed once and addressed per recipient.

    Rendering and fitting the digest costs milliseconds; a subscriber list of
    thousands would pay it thousands of times for the same HTML. Only the
    address and the links differ between recipients, so they are put in last.
    A copy that grows past the budget (an unusually long link) is composed in
    full instead.
    """

    def __init__(
        self,
        summary: Summary,
        *,
        sender: str,
        sender_name: str | None = None,
        full_summary_url: str | None = None,
        show_notes_html: str | None = None,
        with_unsubscribe: bool = True,
        stop_instructions: str | None = None,
        operator_address: str | None = None,
    ) -> None:
        self._compose = partial(
            compose_digest,
            summary,
            sender=sender,
            sender_name=sender_name,
            full_summary_url=full_summary_url,
            show_notes_html=show_notes_html,
            stop_instructions=stop_instructions,
            operator_address=operator_address,
        )
        self._stand_in = _UNSUBSCRIBE_STAND_IN if with_unsubscribe else None
        self._bases: dict[bool, OutgoingEmail] = {}
        # Composed now: a digest that cannot be built fails before anyone is claimed.
        self.base = self._base(with_manage=False)

    def _base(self, *, with_manage: bool) -> OutgoingEmail:
        if with_manage not in self._bases:
            self._bases[with_manage] = self._compose(
                to=_ADDRESS_STAND_IN,
                unsubscribe_url=self._stand_in,
                manage_url=_MANAGE_STAND_IN if with_manage else None,
            )
        return self._bases[with_manage]

    def to(
        self, address: str, unsubscribe_url: str | None = None, *, manage_url: str | None = None
    ) -> OutgoingEmail:
        """The copy for one recipient; ValueError for a bad address or link, or a link missing or unexpected."""
        if self._stand_in is None and unsubscribe_url is not None:
            raise ValueError("this digest was prepared without unsubscribe links")
        link = checked_link(unsubscribe_url, "unsubscribe_url")
        if self._stand_in is not None and link is None:
            raise ValueError("this digest was prepared with unsubscribe links: give each recipient theirs")
        manage = checked_link(manage_url, "manage_url")
        recipient = normalise_email(address)
        base = self._base(with_manage=manage is not None)
        swaps = [(_ADDRESS_STAND_IN, recipient)]
        if link is not None and self._stand_in is not None:
            swaps.append((self._stand_in, link))
        if manage is not None:
            swaps.append((_MANAGE_STAND_IN, manage))
        html, text = base.html, base.text
        for stand_in, value in swaps:
            html = html.replace(stand_in, str(markupsafe_escape(value)))
            text = text.replace(stand_in, value)
        if len(html.encode("utf-8")) > HTML_BUDGET_BYTES:
            return self._compose(to=recipient, unsubscribe_url=link, manage_url=manage)
        headers = {
            k: v.replace(self._stand_in, link) if link and self._stand_in else v
            for k, v in base.headers.items()
        }
        fields = base.model_dump() | {"to": recipient, "html": html, "text": text, "headers": headers}
        return OutgoingEmail.model_validate(fields)
