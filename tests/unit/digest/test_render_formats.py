"""One entry point for every format; JSON is the model's own contract."""

import json

import pytest

from podcast_digest import digest
from podcast_digest.models import Summary
from tests.support.summaries import sample_summary


def test_render_produces_each_format_from_the_same_summary():
    summary = sample_summary()
    outputs = {fmt: digest.render(summary, fmt) for fmt in ("txt", "md", "html", "json")}
    assert outputs["txt"].startswith("Podcast Episode Summary\n")
    assert outputs["md"].startswith("# Podcast Episode Summary\n")
    assert outputs["html"].startswith("<!DOCTYPE html>")
    assert json.loads(outputs["json"])["episode_id"] == summary.episode_id
    for output in outputs.values():
        assert summary.in_depth[-1].lessons[-1].explanation in output


def test_render_refuses_an_unknown_format_and_names_the_choices():
    with pytest.raises(ValueError, match=r"unknown summary format 'pdf': choose one of txt, md, html, json"):
        digest.render(sample_summary(), "pdf")


def test_json_round_trips_to_the_same_summary_with_an_indent_of_two():
    summary = sample_summary()
    rendered = digest.render_json(summary)
    assert Summary.model_validate_json(rendered) == summary
    assert rendered.startswith('{\n  "schema_version": 1,')
    assert "Maya Okafor" in rendered


def test_a_bare_summary_renders_its_parts_and_no_heading_over_nothing():
    from podcast_digest.digest import outline
    from podcast_digest.digest.email import compose_digest
    from podcast_digest.models import ClickbaitVerdict, Provenance, Quote

    bare = Summary(
        episode_id="e",
        feed_id="f",
        quick_takes=ClickbaitVerdict(is_clickbait=True, verdict="The title oversells it."),
        one_sentence_summary="One sentence.",
        favorite_quote=Quote(text="Said once.", start_seconds=62, verified=True),
        tldr="Short.",
        key_ideas=[],
        lessons=[],
        conclusion="Done.",
        in_depth=[],
        provenance=Provenance(transcript_source="faster-whisper tiny.en", summarizer="extractive"),
    )
    for fmt in ("txt", "md", "html"):
        output = digest.render(bare, fmt)
        for heading in (outline.QUICK_TAKES, outline.ONE_SENTENCE, outline.CONCLUSION, outline.PROVENANCE):
            assert heading in output, (fmt, heading)
        # No key ideas, lessons, parts or chapters: none of their headings stands over an empty list.
        for heading in (outline.KEY_IDEAS, outline.LESSONS, outline.ALL_KEY_IDEAS, outline.ALL_LESSONS):
            assert heading not in output, (fmt, heading)
        assert outline.CHAPTERS not in output
    assert "Said once.\n— at 1:02\n" in digest.render(bare, "txt")
    message = compose_digest(bare, to="listener@example.com", sender="digest@example.com")
    for body in (message.html, message.text):
        assert outline.KEY_IDEAS not in body
        assert outline.IN_DEPTH not in body
        assert "Read the full summary" not in body
    assert message.subject == "Podcast episode — summary"


def test_a_lessons_heading_over_no_lessons_is_left_out_of_the_page_and_every_export():
    """The offline summarizer leaves some parts without lessons: 'Lessons on …' must not stand over nothing."""
    from podcast_digest.digest import outline
    from podcast_digest.models import KeyIdeaGroup
    from tests.support.summaries import sample_summary

    summary = sample_summary()
    emptied = [
        section.model_copy(update={"lessons": [], "lessons_heading": f"Empty lessons {n}"})
        if n % 2
        else section
        for n, section in enumerate(summary.in_depth)
    ]
    summary = summary.model_copy(
        update={
            "in_depth": emptied,
            "key_ideas": [*summary.key_ideas, KeyIdeaGroup(heading="Group with nothing", ideas=[])],
        }
    )
    kept = [s for s in emptied if s.lessons]
    for fmt in ("txt", "md", "html"):
        output = digest.render(summary, fmt)
        assert "Empty lessons" not in output, fmt
        assert "Group with nothing" not in output, fmt
        assert all(s.lessons_heading in output for s in kept), fmt
        assert outline.ALL_LESSONS in output, fmt
    page = digest.render(summary, "html")
    # Every part stays reachable from the page's contents, also the ones with no lessons.
    for number in range(1, len(emptied) + 1):
        assert f'href="#part-{number}"' in page
        assert f'id="part-{number}"' in page
