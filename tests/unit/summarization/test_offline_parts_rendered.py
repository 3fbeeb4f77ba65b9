"""Every renderer shows a part without takeaways without a lessons heading, the Sponsors line, and the honest label."""

from podcast_digest.digest import render_html, render_markdown, render_text
from podcast_digest.digest.outline import EXTRACTIVE_LABEL
from podcast_digest.models import InDepthSection, Lesson, SponsorRead
from tests.support.summaries import sample_summary


def _summary():
    summary = sample_summary()
    parts = list(summary.in_depth)
    parts[1] = InDepthSection(
        start_seconds=parts[1].start_seconds,
        end_seconds=parts[1].end_seconds,
        heading="A Part of Banter",
        key_ideas=["The bakery opened in a converted garage in 2011."],
        lessons_heading="",
        lessons=[],
    )
    parts[0] = parts[0].model_copy(
        update={"lessons": [Lesson(title="Feed the starter daily", explanation="It stays active.")]}
    )
    reads = [
        SponsorRead(sponsors=["Acme Flour"], start_seconds=65, end_seconds=120),
        SponsorRead(sponsors=["Acme Flour", "Crumb Co"], start_seconds=3725, end_seconds=3800),
    ]
    provenance = summary.provenance.model_copy(update={"summarizer": "extractive", "model": None})
    return summary.model_copy(update={"in_depth": parts, "sponsors": reads, "provenance": provenance})


def test_a_part_without_takeaways_gets_no_lessons_heading_anywhere():
    summary = _summary()
    text = render_text(summary)
    assert "A Part of Banter" in text
    # No heading line that is only a timestamp.
    assert not [line for line in text.splitlines() if line.startswith(" [")]
    markdown = render_markdown(summary)
    assert "#### \\[" not in markdown
    assert "####  " not in markdown
    assert '<h3 id="lessons-2">' not in render_html(summary)


def test_the_sponsors_line_lists_each_sponsor_once_with_its_reads():
    line = "Sponsors: Acme Flour (1:05, 1:02:05), Crumb Co (1:02:05)"
    summary = _summary()
    assert line in render_text(summary).splitlines()
    assert line in render_markdown(summary)
    assert line in render_html(summary)


def test_the_offline_summary_is_labelled_honestly():
    summary = _summary()
    for rendering in (render_text(summary), render_markdown(summary), render_html(summary)):
        assert EXTRACTIVE_LABEL in rendering
