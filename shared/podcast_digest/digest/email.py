"""The digest email of one summary: inline-styled HTML and plain text, under Gmail's clipping size.

Gmail clips an HTML body past about 102 KB and hides the rest, unsubscribe link
included. Everything above In-Depth always goes in full; In-Depth parts follow in
full while the HTML stays within HTML_BUDGET_BYTES, the rest by heading and
timestamp, with a link to the full summary.
"""

import re
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup
from markupsafe import escape as markupsafe_escape

from podcast_digest.digest.outline import one_line
from podcast_digest.digest.render_html import base_context, environment
from podcast_digest.digest.render_text import compose_text
from podcast_digest.digest.sanitize import sanitize_show_notes, show_notes_text, truncate_show_notes
from podcast_digest.digest.timestamps import local_file_url, safe_web_url
from podcast_digest.models import OutgoingEmail, Summary

HTML_BUDGET_BYTES = 90_000  # Gmail clips near 102 KB; leave room for the mailer's own additions
SHOW_NOTES_MAX_CHARS = 8_000
SUBJECT_MAX_CHARS = 150
SUBJECT_SUFFIX = " — summary"

_RULE = re.compile(r"\.([A-Za-z][\w-]*)\s*\{([^}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@lru_cache(maxsize=1)
def inline_styles() -> dict[str, str]:
    """email.css as {class name: 'declarations'}, ready for style attributes."""
    css = resources.files("podcast_digest.digest").joinpath("templates", "email.css").read_text("utf-8")
    styles = {}
    for name, body in _RULE.findall(_COMMENT.sub("", css)):
        declarations = [" ".join(d.split()) for d in body.split(";") if d.strip()]
        styles[name] = ";".join(d.replace(": ", ":") for d in declarations) + ";"
    return styles


def _styled_show_notes(safe_html: str) -> str:
    """Sanitised show notes with the email's inline styles on each element (no <style> in email)."""
    styles = inline_styles()
    for tag, style in (("p", "p"), ("ul", "ul"), ("ol", "ul"), ("li", "li"), ("blockquote", "note")):
        safe_html = safe_html.replace(f"<{tag}>", f'<{tag} style="{styles[style]}">')
    return safe_html.replace("<a ", f'<a style="{styles["link"]}" ')


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


def _shortened_note(rest: int, full_summary_url: str | None) -> str:
    where = "in the full summary (link below)" if full_summary_url else "in the full summary"
    parts = f"the last {rest} part{'s' if rest != 1 else ''} of the episode"
    verb = "are" if rest != 1 else "is"
    return f"{parts} {verb} listed by heading only. Every idea and lesson is {where}."


class _DigestLayout:
    """Renders the HTML for a given cut of In-Depth: `full` parts in full, `listed` more by heading."""

    def __init__(self, summary: Summary, context: dict[str, Any]) -> None:
        self.summary = summary
        self.context = context
        self.template = environment().get_template("email.html.j2")

    def render(self, full: int, listed: int, show_notes: str) -> str:
        sections = self.summary.in_depth
        rest = len(sections) - full
        return self.template.render(
            self.context,
            full=full,
            listed_sections=sections[full : full + listed],
            unlisted=rest - listed,
            shortened=rest > 0,
            shortened_note=_shortened_note(rest, self.context["full_summary_url"]),
            # Sanitised by sanitize_show_notes (nh3 allowlist): the one fragment rendered as HTML.
            show_notes=Markup(_styled_show_notes(show_notes)),  # noqa: S704
        )

    def fits(self, html: str) -> bool:
        return len(html.encode("utf-8")) <= HTML_BUDGET_BYTES

    def largest(self, render_with) -> tuple[int, str]:
        """The largest n in [0, count] whose rendering fits (sizes grow with n), by bisection."""
        count = len(self.summary.in_depth)
        best, best_html = 0, render_with(0)
        low, high = 1, count
        while low <= high:
            middle = (low + high) // 2
            html = render_with(middle)
            if self.fits(html):
                best, best_html, low = middle, html, middle + 1
            else:
                high = middle - 1
        return best, best_html


def _fit(layout: _DigestLayout, show_notes: str) -> tuple[int, int, str, str]:
    """(full, listed, show notes kept, html): as much In-Depth in full as the budget allows."""
    count = len(layout.summary.in_depth)
    html = layout.render(count, 0, show_notes)
    if layout.fits(html):
        return count, 0, show_notes, html
    if layout.fits(layout.render(0, count, show_notes)):
        full, html = layout.largest(lambda n: layout.render(n, count - n, show_notes))
        return full, count - full, show_notes, html
    # Even the headings alone do not fit: drop the show notes, then list fewer headings.
    html = layout.render(0, count, "")
    if layout.fits(html):
        return 0, count, "", html
    listed, html = layout.largest(lambda n: layout.render(0, n, ""))
    return 0, listed, "", html


def compose_digest(
    summary: Summary,
    *,
    to: str,
    sender: str,
    sender_name: str | None = None,
    full_summary_url: str | None = None,
    unsubscribe_url: str | None = None,
    show_notes_html: str | None = None,
) -> OutgoingEmail:
    """The digest email (HTML + plain text) of one summary for one recipient.

    Raises ValueError when unsubscribe_url is not an http(s) URL, when
    full_summary_url is neither that nor a file:// URI (a local run's summary
    folder), or when an address is invalid (OutgoingEmail checks them).
    """
    # A local run keeps summaries in a folder: its digest may link the page as a file:// URI.
    summary_url = checked_link(full_summary_url, "full_summary_url", allow_file=True)
    unsubscribe = checked_link(unsubscribe_url, "unsubscribe_url")
    subject = digest_subject(summary)
    notes = truncate_show_notes(sanitize_show_notes(show_notes_html or ""), SHOW_NOTES_MAX_CHARS)

    context = base_context(summary) | {
        "c": inline_styles(),
        "subject": subject,
        "full_summary_url": summary_url,
        "unsubscribe_url": unsubscribe,
    }
    full, listed, notes, html = _fit(_DigestLayout(summary, context), notes)

    footer = [
        f"You receive this because you subscribed to summaries of {one_line(summary.podcast_title) or 'this podcast'}."
    ]
    if unsubscribe:
        footer.append(f"Unsubscribe: {unsubscribe}")
    text = compose_text(
        summary,
        full_sections=full,
        listed_sections=listed,
        full_summary_url=summary_url,
        show_notes=show_notes_text(notes),
        footer=tuple(footer),
    )

    headers = one_click_unsubscribe_headers(unsubscribe)
    return OutgoingEmail(
        sender=sender,
        sender_name=sender_name,
        to=to,
        subject=subject,
        text=text,
        html=html,
        headers=headers,
        tag="digest",
    )


# A stand-in URL as long as a real one-click link: the digest is laid out once with it, and each
# recipient's copy swaps in their own link (layout and size do not depend on whose link it is).
_UNSUBSCRIBE_STAND_IN = "https://unsubscribe.invalid/unsubscribe?token=" + "0" * 140


class DigestForRecipients:
    """One episode's digest, composed once and addressed per recipient.

    Rendering and fitting the digest costs milliseconds; a subscriber list of
    thousands would pay it thousands of times for the same HTML. Only the
    address and the one-click link differ between recipients, so they are put
    in last. A copy that grows past the budget (an unusually long link) is
    composed in full instead.
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
    ) -> None:
        self._compose = lambda to, unsubscribe_url: compose_digest(
            summary,
            to=to,
            sender=sender,
            sender_name=sender_name,
            full_summary_url=full_summary_url,
            unsubscribe_url=unsubscribe_url,
            show_notes_html=show_notes_html,
        )
        self._stand_in = _UNSUBSCRIBE_STAND_IN if with_unsubscribe else None
        self.base = self._compose(sender, self._stand_in)

    def to(self, address: str, unsubscribe_url: str | None = None) -> OutgoingEmail:
        """The copy for one recipient; ValueError for a bad address or link, or a link missing or unexpected."""
        if self._stand_in is None:
            if unsubscribe_url is not None:
                raise ValueError("this digest was prepared without unsubscribe links")
            return OutgoingEmail.model_validate(self.base.model_dump() | {"to": address})
        link = checked_link(unsubscribe_url, "unsubscribe_url")
        if link is None:
            raise ValueError("this digest was prepared with unsubscribe links: give each recipient theirs")
        html = self.base.html.replace(self._stand_in, str(markupsafe_escape(link)))
        if len(html.encode("utf-8")) > HTML_BUDGET_BYTES:
            return self._compose(address, link)
        fields = self.base.model_dump() | {
            "to": address,
            "html": html,
            "text": self.base.text.replace(self._stand_in, link),
            "headers": {k: v.replace(self._stand_in, link) for k, v in self.base.headers.items()},
        }
        return OutgoingEmail.model_validate(fields)
