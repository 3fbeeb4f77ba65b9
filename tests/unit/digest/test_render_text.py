"""Plain text follows the house layout line for line, then adds chapters and provenance."""

from podcast_digest.digest import outline, render_text
from podcast_digest.models import Lesson, Quote
from tests.support.corpus import reference_path
from tests.support.summaries import sample_summary, summary_from_reference_text

HEADINGS_IN_ORDER = [
    "Podcast Episode Summary",
    "☀️ Quick Takes",
    "1-Sentence-Summary",
    "Favorite Quote from the Author",
    "💨 tl;dr",
    "💡 Key Ideas",
    "🎓 Lessons Learnt",
    "🌚 Conclusion",
    "In-Depth",
    "All Key Ideas",
    "All Lessons Learnt",
    outline.CHAPTERS,
    outline.PROVENANCE,
]


def test_every_heading_appears_once_and_in_the_house_order():
    lines = render_text(sample_summary()).splitlines()
    positions = [lines.index(heading) for heading in HEADINGS_IN_ORDER]
    assert positions == sorted(positions)
    assert all(lines.count(heading) == 1 for heading in HEADINGS_IN_ORDER)


def test_the_top_part_reads_like_the_sample_summary():
    summary = sample_summary()
    lines = render_text(summary).splitlines()
    assert lines[:3] == [
        "Podcast Episode Summary",
        "The Workshop Hour — Sourdough, Science and the Business of Bread with Maya Okafor and Dr. Lukas Brenner",
        "☀️ Quick Takes",
    ]
    assert lines[lines.index("1-Sentence-Summary") + 1] == summary.one_sentence_summary
    quote_at = lines.index("Favorite Quote from the Author")
    assert lines[quote_at + 1 : quote_at + 3] == [summary.favorite_quote.text, "— Maya Okafor, at 38:11"]
    key_ideas_at = lines.index("💡 Key Ideas")
    assert lines[key_ideas_at + 1 : key_ideas_at + 4] == [
        "-",
        "How a Starter Really Works",
        "- A sourdough starter is a stable community of wild yeasts and lactic acid bacteria, not a single organism.",
    ]
    lessons_at = lines.index("🎓 Lessons Learnt")
    assert lines[lessons_at + 1] == (
        "- Measure before you change anything: Write down dough temperature, time and pH "
        "so you know what actually changed a loaf."
    )
    assert lines.count("-") == len(summary.key_ideas)


def test_in_depth_parts_carry_their_timestamps_and_every_idea_and_lesson():
    summary = sample_summary()
    text = render_text(summary)
    lines = text.splitlines()
    assert "Introductions and the Bakery's Origin Story [0:00]" in lines
    assert "What Lives in a Starter [4:30]" in lines
    assert "Final Lessons for Bakers [1:43:30]" in lines
    for section in summary.in_depth:
        for idea in section.key_ideas:
            assert f"- {idea}" in lines
        for lesson in section.lessons:
            assert f"- {lesson.title}: {lesson.explanation}" in lines
    ideas_part = text[text.index("\nAll Key Ideas\n") : text.index("\nAll Lessons Learnt\n")]
    assert all(f"- {idea}" in ideas_part for s in summary.in_depth for idea in s.key_ideas)


def test_chapters_and_provenance_close_the_summary():
    lines = render_text(sample_summary()).splitlines()
    chapters_at = lines.index(outline.CHAPTERS)
    assert lines[chapters_at + 1] == "[0:00] Welcome and introductions"
    assert "[1:43:30] Closing thoughts" in lines
    assert "Transcript: publisher transcript (vtt)" in lines
    assert "Summarizer: llm (gpt-4o-mini)" in lines
    assert "Tokens: 41,230 in, 6,874 out over 26 model calls" in lines
    assert "Cost: $0.0103 summary + $0.00 transcription = $0.0103" in lines


def test_without_chapters_there_is_no_chapters_heading():
    assert outline.CHAPTERS not in render_text(sample_summary(chapters=[]))


def test_a_missing_or_unverified_quote_is_never_shown():
    for quote in (
        None,
        Quote(text="Something nobody said.", speaker="Host", start_seconds=3, verified=False),
    ):
        text = render_text(sample_summary(favorite_quote=quote))
        lines = text.splitlines()
        assert lines[lines.index("Favorite Quote from the Author") + 1] == outline.NO_QUOTE
        assert "Something nobody said." not in text


def test_line_breaks_inside_summary_text_cannot_forge_headings():
    summary = sample_summary(
        tldr="Short.\n🌚 Conclusion\nforged",
        lessons=[Lesson(title="Title\r\nAll Key Ideas", explanation="why\x0bnot")],
    )
    lines = render_text(summary).splitlines()
    assert lines.count("🌚 Conclusion") == 1
    assert lines.count("All Key Ideas") == 1
    assert "Short. 🌚 Conclusion forged" in lines
    assert "- Title All Key Ideas: why not" in lines


def test_a_lesson_without_a_title_is_just_its_explanation():
    lines = render_text(
        sample_summary(lessons=[Lesson(title="", explanation="Share the episode.")])
    ).splitlines()
    assert "- Share the episode." in lines


def test_the_reference_sample_reads_back_line_for_line_down_to_the_conclusion():
    sample = reference_path("sample-summary.txt").read_text(encoding="utf-8")
    source = sample.splitlines()
    rendered = render_text(summary_from_reference_text(sample)).splitlines()
    end = source.index("🌚 Conclusion") + 2
    assert rendered[:end] == source[:end]
    # In-Depth: the same headings in the same order, each now with its timestamp.
    headings = [
        line for line in source[source.index("All Key Ideas") + 1 :] if line and not line.startswith("- ")
    ]
    rendered_in_depth = rendered[rendered.index("All Key Ideas") + 1 :]
    rendered_headings = [line.rsplit(" [", 1)[0] for line in rendered_in_depth if line.endswith("]")]
    assert [h for h in headings if h != "All Lessons Learnt"][:40] == rendered_headings[:40]
