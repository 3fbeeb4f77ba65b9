"""Markdown keeps the house order, links timestamps to the audio and makes summary text inert."""

import re

from podcast_digest.digest import outline, render_markdown
from podcast_digest.digest.render_markdown import escape
from tests.support.summaries import sample_summary
from tests.unit.digest.hostile import hostile_summary


def test_headings_follow_the_house_order():
    markdown = render_markdown(sample_summary())
    headings = [line.split(" ", 1)[1] for line in markdown.splitlines() if re.match(r"#{1,3} ", line)]
    wanted = [
        outline.TITLE,
        outline.QUICK_TAKES,
        outline.ONE_SENTENCE,
        outline.QUOTE,
        outline.TLDR,
        outline.KEY_IDEAS,
        outline.LESSONS,
        outline.CONCLUSION,
        outline.IN_DEPTH,
        outline.ALL_KEY_IDEAS,
        outline.ALL_LESSONS,
        outline.CHAPTERS,
        outline.PROVENANCE,
    ]
    assert [h for h in headings if h in wanted] == wanted


def test_every_timestamp_links_to_that_second_of_the_audio():
    summary = sample_summary()
    markdown = render_markdown(summary)
    audio = summary.audio_url
    assert f"#### What Lives in a Starter [\\[4:30\\]]({audio}#t=270)" in markdown
    assert f"— Maya Okafor, at [\\[38:11\\]]({audio}#t=2291)" in markdown
    assert f"- [\\[1:43:30\\]]({audio}#t=6210) Closing thoughts" in markdown
    assert markdown.count("#t=") == 2 * len(summary.in_depth) + len(summary.chapters) + 2 + 1


def test_a_javascript_audio_url_produces_plain_timestamps():
    markdown = render_markdown(hostile_summary())
    assert not re.search(r"(?<!\\)\]\(javascript:|<javascript:", markdown)
    assert "#t=" not in markdown
    assert "\\[1:15\\]" in markdown


def test_summary_text_cannot_open_links_images_html_or_headings():
    markdown = render_markdown(hostile_summary())
    # No unescaped "<" except our own autolinks, no unescaped "](" that would close a link.
    assert not re.search(r"(?<!\\)<(?!https://)", markdown)
    assert not re.search(r"(?<!\\)\]\(", markdown.replace("[\\[", "").replace("\\]](https://media", ""))
    assert "\\<img src=x onerror=alert(document.cookie)\\>" in markdown
    assert "\\[click me\\](javascript:alert(1))" in markdown
    assert "!\\[pixel\\](https://tracker.example.com/p.gif)" in markdown
    assert "### \\# Not a heading \\<i\\>" in markdown
    assert "- 1\\. not a list" in markdown
    assert (
        "- **\\*\\*bold\\*\\* \\_it\\_**: \\<a href='javascript:alert(1)'\\>x\\</a\\> \\`code\\`" in markdown
    )


def test_escape_handles_line_starts_and_keeps_ordinary_prose_readable():
    assert escape("1. First") == "1\\. First"
    assert escape("2) Second") == "2\\) Second"
    assert escape("- dash") == "\\- dash"
    assert escape("> quote") == "\\> quote"
    assert escape("+ plus") == "\\+ plus"
    assert escape("AT&T, e.g. 3.5 (roughly) - fine!") == "AT\\&T, e.g. 3.5 (roughly) - fine!"
    assert escape("line\nbreak\r\n= setext") == "line break = setext"
