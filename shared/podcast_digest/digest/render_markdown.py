"""The summary as Markdown (CommonMark): the house format with headings, timestamp links and provenance.

Summary text comes from a model reading an untrusted transcript, so every
piece of it is escaped: it can never open a link, an image, raw HTML or a
heading of its own. The same Markdown is a vault note, so Obsidian's own
syntax is escaped too (its math `$`, block ids `^`, highlights `==` and
comments `%%`, which would hide the rest of a note); CommonMark lets any ASCII
punctuation be escaped, so other readers show the same text.
"""

import re

from podcast_digest.digest import outline
from podcast_digest.digest.outline import one_line
from podcast_digest.models import Lesson, Summary

# Inline syntax: emphasis, code, links and images, raw HTML, entities, tables, strikethrough, headings,
# and Obsidian's math and block ids; "=" and "%" only where two meet ("x = 5" and "50%" stay as written).
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&$^]|=(?==)|(?<==)=|%(?=%)|(?<=%)%)")
# Block syntax that only matters at the start of a line: lists, quotes, thematic breaks, ordered lists.
_LINE_START = re.compile(r"^([-+=>]|\d+(?=[.)]))")


def escape(text: str | None) -> str:
    """One line of summary text made inert in Markdown."""
    escaped = _INLINE.sub(r"\\\g<0>", one_line(text))
    match = _LINE_START.match(escaped)
    if match:
        token = match.group(1)
        if token.isdigit():  # "1. Something" would start an ordered list
            return token + "\\" + escaped[len(token) :]
        return "\\" + escaped
    return escaped


def _lesson(lesson: Lesson) -> str:
    if not one_line(lesson.title):
        return f"- {escape(lesson.explanation)}"
    return f"- **{escape(lesson.title)}**: {escape(lesson.explanation)}"


def _stamp(summary: Summary, seconds: float) -> str:
    point = outline.moment(summary, seconds)
    if point.href is None:
        return f"\\[{point.label}\\]"
    return f"[\\[{point.label}\\]]({point.href})"


def _top(summary: Summary) -> list[str]:
    lines = [f"# {outline.TITLE}", ""]
    heading = outline.episode_heading(summary)
    if heading:
        lines += [f"**{escape(heading)}**", ""]
    lines += [f"## {outline.QUICK_TAKES}", "", escape(summary.quick_takes.verdict), ""]
    if summary.quick_takes.promises:
        for check in summary.quick_takes.promises:
            where = f" {_stamp(summary, check.where_seconds)}" if check.where_seconds is not None else ""
            lines.append(f"- {escape(outline.promise_line(check.promise, check.delivered))}{where}")
        lines.append("")
    lines += [f"## {outline.ONE_SENTENCE}", "", escape(summary.one_sentence_summary), ""]
    lines += [f"## {outline.QUOTE}", ""]
    quote = outline.shown_quote(summary)
    if quote is None:
        lines += [f"*{escape(outline.NO_QUOTE)}*", ""]
    else:
        lines.append(f"> {escape(quote.text)}")
        who = one_line(quote.speaker)
        if who or quote.start_seconds is not None:
            parts = [escape(who)] if who else []
            if quote.start_seconds is not None:
                parts.append(f"at {_stamp(summary, quote.start_seconds)}")
            lines += [">", f"> — {', '.join(parts)}"]
        lines.append("")
    lines += [f"## {outline.TLDR}", "", escape(summary.tldr), ""]
    groups = outline.idea_groups(summary)
    if groups:
        lines += [f"## {outline.KEY_IDEAS}", ""]
    for group in groups:
        lines += [f"### {escape(group.heading)}", ""]
        lines += [f"- {escape(idea)}" for idea in group.ideas]
        lines.append("")
    if summary.lessons:
        lines += [f"## {outline.LESSONS}", ""]
        lines += [_lesson(lesson) for lesson in summary.lessons]
        lines.append("")
    lines += [f"## {outline.CONCLUSION}", "", escape(summary.conclusion), ""]
    sponsors = outline.sponsors_line(summary)
    if sponsors:
        lines += [f"*{escape(sponsors)}*", ""]
    return lines


def _in_depth(summary: Summary) -> list[str]:
    ideas, lessons = outline.idea_parts(summary), outline.lesson_parts(summary)
    if not ideas and not lessons:
        return []
    lines = [f"## {outline.IN_DEPTH}", "", f"*{escape(outline.IN_DEPTH_INTRO)}*", ""]
    if ideas:
        lines += [f"### {outline.ALL_KEY_IDEAS}", ""]
    for section in ideas:
        lines += [f"#### {escape(section.heading)} {_stamp(summary, section.start_seconds)}", ""]
        lines += [f"- {escape(idea)}" for idea in section.key_ideas]
        lines.append("")
    if lessons:
        lines += [f"### {outline.ALL_LESSONS}", ""]
    for section in lessons:
        lines += [f"#### {escape(section.lessons_heading)} {_stamp(summary, section.start_seconds)}", ""]
        lines += [_lesson(lesson) for lesson in section.lessons]
        lines.append("")
    return lines


def _closing(summary: Summary) -> list[str]:
    lines: list[str] = []
    if summary.chapters:
        lines += [f"## {outline.CHAPTERS}", ""]
        lines += [f"- {_stamp(summary, c.start_seconds)} {escape(c.title)}" for c in summary.chapters]
        lines.append("")
    lines += [f"## {outline.PROVENANCE}", ""]
    lines += [
        f"- **{label}**: {escape(value)}" for label, value in outline.provenance_lines(summary.provenance)
    ]
    audio = outline.moment(summary, 0).href
    if audio:
        lines.append(f"- **Audio**: <{audio.split('#', 1)[0]}>")
    page = outline.episode_link(summary)
    if page:
        lines.append(f"- **Episode page**: <{page}>")
    lines.append("")
    return lines


def render_markdown(summary: Summary) -> str:
    """The whole summary as Markdown, every part in the house order, then chapters and provenance."""
    return "\n".join(_top(summary) + _in_depth(summary) + _closing(summary))
