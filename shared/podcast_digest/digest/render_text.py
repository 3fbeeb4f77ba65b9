"""The summary as plain text, in the exact layout of the house format (reference/sample-summary.txt)."""

from podcast_digest.digest import outline
from podcast_digest.digest.outline import one_line
from podcast_digest.digest.timestamps import format_timestamp
from podcast_digest.models import InDepthSection, Lesson, Summary


def _lesson(lesson: Lesson) -> str:
    title, explanation = one_line(lesson.title), one_line(lesson.explanation)
    return f"- {title}: {explanation}" if title else f"- {explanation}"


def _stamp(seconds: float) -> str:
    return f"[{format_timestamp(seconds)}]"


def _top_lines(summary: Summary) -> list[str]:
    lines = [outline.TITLE]
    heading = outline.episode_heading(summary)
    if heading:
        lines.append(heading)
    lines += [outline.QUICK_TAKES, one_line(summary.quick_takes.verdict)]
    for check in summary.quick_takes.promises:
        where = f" {_stamp(check.where_seconds)}" if check.where_seconds is not None else ""
        lines.append(f"- {outline.promise_line(check.promise, check.delivered)}{where}")
    lines += [outline.ONE_SENTENCE, one_line(summary.one_sentence_summary), outline.QUOTE]
    quote = outline.shown_quote(summary)
    if quote is None:
        lines.append(outline.NO_QUOTE)
    else:
        lines.append(one_line(quote.text))
        attribution = outline.quote_attribution(quote)
        if attribution:
            lines.append(f"— {attribution}")
    lines += [outline.TLDR, one_line(summary.tldr), outline.KEY_IDEAS]
    for group in summary.key_ideas:
        lines += ["-", one_line(group.heading)]
        lines += [f"- {one_line(idea)}" for idea in group.ideas]
    lines.append(outline.LESSONS)
    lines += [_lesson(lesson) for lesson in summary.lessons]
    lines += [outline.CONCLUSION, one_line(summary.conclusion)]
    sponsors = outline.sponsors_line(summary)
    if sponsors:
        lines.append(sponsors)
    return lines


def _in_depth_lines(
    sections: list[InDepthSection], full: int, listed: int, full_summary_url: str | None
) -> list[str]:
    lines = [outline.IN_DEPTH, outline.IN_DEPTH_INTRO]
    rest = len(sections) - full
    if rest:
        where = f": {full_summary_url}" if full_summary_url else " in the full summary"
        lines.append(
            f"To keep this email short, the last {rest} part{'s' if rest != 1 else ''} of the episode "
            f"{'are' if rest != 1 else 'is'} listed by heading only. Read every idea and lesson{where}"
        )
    unlisted = rest - listed
    more = (
        f"…and {unlisted} more part{'s' if unlisted != 1 else ''} in the full summary." if unlisted else None
    )
    lines.append(outline.ALL_KEY_IDEAS)
    for index, section in enumerate(sections[: full + listed]):
        lines.append(f"{one_line(section.heading)} {_stamp(section.start_seconds)}")
        if index < full:
            lines += [f"- {one_line(idea)}" for idea in section.key_ideas]
    if more:
        lines.append(more)
    lines.append(outline.ALL_LESSONS)
    for index, section in enumerate(sections[: full + listed]):
        if not section.lessons:
            continue  # a part with no takeaways has no lessons heading
        lines.append(f"{one_line(section.lessons_heading)} {_stamp(section.start_seconds)}")
        if index < full:
            lines += [_lesson(lesson) for lesson in section.lessons]
    if more:
        lines.append(more)
    if rest and full_summary_url:
        lines.append(f"Read the full summary: {full_summary_url}")
    return lines


def _closing_lines(summary: Summary, show_notes: str) -> list[str]:
    lines: list[str] = []
    if summary.chapters:
        lines.append(outline.CHAPTERS)
        for chapter in summary.chapters:
            lines.append(f"{_stamp(chapter.start_seconds)} {one_line(chapter.title)}")
    if show_notes:
        lines += [outline.SHOW_NOTES, show_notes]
    lines.append(outline.PROVENANCE)
    lines += [f"{label}: {value}" for label, value in outline.provenance_lines(summary.provenance)]
    listen = outline.moment(summary, 0).href
    if listen:
        lines.append(f"Audio: {listen.split('#', 1)[0]}")
    page = outline.episode_link(summary)
    if page:
        lines.append(f"Episode page: {page}")
    return lines


def compose_text(
    summary: Summary,
    *,
    full_sections: int | None = None,
    listed_sections: int | None = None,
    full_summary_url: str | None = None,
    show_notes: str = "",
    footer: tuple[str, ...] = (),
) -> str:
    """The text layout with the knobs the email needs.

    full_sections: In-Depth parts shown in full (default all); listed_sections: parts after
    those shown by heading and timestamp only (default all the rest).
    """
    count = len(summary.in_depth)
    full = count if full_sections is None else max(0, min(full_sections, count))
    listed = count - full if listed_sections is None else max(0, min(listed_sections, count - full))
    lines = _top_lines(summary)
    lines += _in_depth_lines(summary.in_depth, full, listed, full_summary_url)
    lines += _closing_lines(summary, show_notes)
    lines += list(footer)
    return "\n".join(lines) + "\n"


def render_text(summary: Summary) -> str:
    """The whole summary as plain text, every part in the house order, then chapters and provenance."""
    return compose_text(summary)
