"""The plain-text part of the digest email: the same parts as the HTML, laid out for reading.

Blank lines between parts and underlined headings (render_text.reading_layout), In-Depth
as a list of parts with where each starts, and the footer saying why it arrives.
"""

from podcast_digest.digest import outline
from podcast_digest.digest.outline import TopBullets, one_line
from podcast_digest.digest.render_text import (
    TextPart,
    chapters_part,
    provenance_part,
    reading_layout,
    stamp,
    title_part,
    top_parts,
)
from podcast_digest.models import Summary


def _contents(summary: Summary, listed: int, full_summary_url: str | None) -> list[TextPart]:
    if not summary.in_depth:
        return []
    intro = outline.IN_DEPTH_EMAIL_INTRO if full_summary_url else outline.IN_DEPTH_EMAIL_INTRO_NO_PAGE
    lines = [intro, ""]
    lines += [f"{stamp(s.start_seconds)} {one_line(s.heading)}" for s in summary.in_depth[:listed]]
    unlisted = len(summary.in_depth) - listed
    if unlisted:
        lines += ["", f"…and {unlisted} more part{'s' if unlisted != 1 else ''} in the full summary."]
    return [TextPart(outline.IN_DEPTH, lines)]


def digest_text(
    summary: Summary,
    bullets: TopBullets,
    *,
    listed: int,
    full_summary_url: str | None,
    show_notes: str,
    with_chapters: bool,
    footer: list[str],
) -> str:
    """The text part: what the HTML shows, in the same order and cut the same way."""
    parts = [title_part(summary), *top_parts(summary, bullets.groups, bullets.lessons)]
    if full_summary_url:
        parts.append(TextPart("", [f"Read the full summary: {full_summary_url}"]))
    parts += _contents(summary, listed, full_summary_url)
    if with_chapters:
        parts += chapters_part(summary)
    if show_notes:
        parts.append(TextPart(outline.SHOW_NOTES, [show_notes]))
    parts += [provenance_part(summary), TextPart("", ["-- ", *footer])]
    return reading_layout(parts)
