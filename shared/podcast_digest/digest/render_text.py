"""The summary as plain text, in the exact layout of the house format (reference/sample-summary.txt).

A summary is first cut into parts (a heading and its lines); `render_text` lays them
out as the house format does, and the digest email lays the same parts out for
reading in a mail client (blank lines, underlined headings: `email_text`).
"""

import unicodedata
from dataclasses import dataclass, field

from podcast_digest.digest import outline
from podcast_digest.digest.outline import one_line
from podcast_digest.digest.timestamps import format_timestamp
from podcast_digest.models import Lesson, Summary


@dataclass(frozen=True)
class TextPart:
    """One heading and what follows it.

    level 1: the title, 2: a part, 3: a key idea group (after a lone '-' in the house
    layout), 4: an In-Depth part (its heading carries the timestamp).
    """

    heading: str
    lines: list[str] = field(default_factory=list)
    level: int = 2


def lesson_line(lesson: Lesson) -> str:
    title, explanation = one_line(lesson.title), one_line(lesson.explanation)
    return f"- {title}: {explanation}" if title else f"- {explanation}"


def stamp(seconds: float) -> str:
    return f"[{format_timestamp(seconds)}]"


def title_part(summary: Summary) -> TextPart:
    heading = outline.episode_heading(summary)
    return TextPart(outline.TITLE, [heading] if heading else [], level=1)


def quick_takes_part(summary: Summary) -> TextPart:
    lines = [one_line(summary.quick_takes.verdict)]
    for check in summary.quick_takes.promises:
        where = f" {stamp(check.where_seconds)}" if check.where_seconds is not None else ""
        lines.append(f"- {outline.promise_line(check.promise, check.delivered)}{where}")
    return TextPart(outline.QUICK_TAKES, lines)


def quote_part(summary: Summary) -> TextPart:
    quote = outline.shown_quote(summary)
    if quote is None:
        return TextPart(outline.QUOTE, [outline.NO_QUOTE])
    lines = [one_line(quote.text)]
    attribution = outline.quote_attribution(quote)
    if attribution:
        lines.append(f"— {attribution}")
    return TextPart(outline.QUOTE, lines)


def top_parts(summary: Summary, groups: list[tuple[str, list[str]]], lessons: list[Lesson]) -> list[TextPart]:
    """Everything above In-Depth; headings of empty lists are left out."""
    parts = [
        quick_takes_part(summary),
        TextPart(outline.ONE_SENTENCE, [one_line(summary.one_sentence_summary)]),
        quote_part(summary),
        TextPart(outline.TLDR, [one_line(summary.tldr)]),
    ]
    if groups:
        parts.append(TextPart(outline.KEY_IDEAS))
        parts += [TextPart(one_line(h), [f"- {one_line(i)}" for i in ideas], level=3) for h, ideas in groups]
    if lessons:
        parts.append(TextPart(outline.LESSONS, [lesson_line(lesson) for lesson in lessons]))
    conclusion = [one_line(summary.conclusion)]
    sponsors = outline.sponsors_line(summary)
    if sponsors:
        conclusion += ["", sponsors]
    parts.append(TextPart(outline.CONCLUSION, conclusion))
    return parts


def _in_depth_parts(summary: Summary) -> list[TextPart]:
    ideas, lessons = outline.idea_parts(summary), outline.lesson_parts(summary)
    if not ideas and not lessons:
        return []
    parts = [TextPart(outline.IN_DEPTH, [outline.IN_DEPTH_INTRO])]
    if ideas:
        parts.append(TextPart(outline.ALL_KEY_IDEAS))
        parts += [
            TextPart(
                f"{one_line(s.heading)} {stamp(s.start_seconds)}",
                [f"- {one_line(idea)}" for idea in s.key_ideas if one_line(idea)],
                level=4,
            )
            for s in ideas
        ]
    if lessons:
        parts.append(TextPart(outline.ALL_LESSONS))
        parts += [
            TextPart(
                f"{one_line(s.lessons_heading)} {stamp(s.start_seconds)}",
                [lesson_line(lesson) for lesson in s.lessons if one_line(lesson.explanation)],
                level=4,
            )
            for s in lessons
        ]
    return parts


def chapters_part(summary: Summary) -> list[TextPart]:
    if not summary.chapters:
        return []
    lines = [f"{stamp(c.start_seconds)} {one_line(c.title)}" for c in summary.chapters]
    return [TextPart(outline.CHAPTERS, lines)]


def provenance_part(summary: Summary) -> TextPart:
    lines = [f"{label}: {value}" for label, value in outline.provenance_lines(summary.provenance)]
    listen = outline.moment(summary, 0).href
    if listen:
        lines.append(f"Audio: {listen.split('#', 1)[0]}")
    page = outline.episode_link(summary)
    if page:
        lines.append(f"Episode page: {page}")
    return TextPart(outline.PROVENANCE, lines)


def house_layout(parts: list[TextPart]) -> str:
    """The house format: one line after another, a group's heading after a lone '-'."""
    lines: list[str] = []
    for part in parts:
        lines += ["-", part.heading] if part.level == 3 else [part.heading]
        lines += part.lines
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Columns a monospace reader gives the text: wide characters (emoji) take two, marks none."""
    columns = 0
    for char, after in zip(text, text[1:] + " ", strict=True):
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        # U+FE0F asks for the emoji presentation, two columns wide (☀️).
        wide = unicodedata.east_asian_width(char) in ("W", "F") or after == "\ufe0f"
        columns += 2 if wide else 1
    return columns


def reading_layout(parts: list[TextPart]) -> str:
    """For a mail client: a blank line between parts, headings underlined (==== part, ---- group).

    A part without a heading is a paragraph of its own (a link, the footer)."""
    blocks = []
    for part in parts:
        if not part.heading:
            blocks.append("\n".join(part.lines))
            continue
        rule = "=" if part.level <= 2 else "-"
        lines = [part.heading, rule * max(3, _width(part.heading))]
        if part.lines:
            lines += ["", *part.lines] if part.level <= 2 else part.lines
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def render_text(summary: Summary) -> str:
    """The whole summary as plain text, every part in the house order, then chapters and provenance."""
    groups = [(g.heading, g.ideas) for g in outline.idea_groups(summary)]
    parts = [title_part(summary), *top_parts(summary, groups, summary.lessons)]
    parts += _in_depth_parts(summary) + chapters_part(summary) + [provenance_part(summary)]
    return house_layout(parts)
