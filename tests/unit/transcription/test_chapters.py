"""Podcasting 2.0 JSON chapters."""

import json

import pytest

from podcast_digest.errors import FeedError
from podcast_digest.transcription.chapters import MAX_CHAPTERS, parse_chapters
from tests.support.corpus import corpus_path


@pytest.mark.corpus
def test_the_namespace_example_chapters():
    chapters = parse_chapters(
        corpus_path("transcripts", "podcastnamespace__chapters-example.json").read_bytes()
    )
    assert [(c.start_seconds, c.title) for c in chapters][:3] == [
        (0, "Intro"),
        (168, "Hearing Aids"),
        (260, "Progress Report"),
    ]
    assert len(chapters) == 9
    assert chapters[3].url == "https://github.com/Podcastindex-org/podcast-namespace"
    assert chapters[0].url is None


def _chapters(*entries):
    return parse_chapters(json.dumps({"version": "1.2.0", "chapters": list(entries)}).encode())


def test_hidden_chapters_and_unusable_entries_are_skipped_and_the_rest_sorted():
    chapters = _chapters(
        {"startTime": 60, "title": "Second"},
        {"startTime": 30, "title": "Hidden", "toc": False},
        {"startTime": 0, "title": "  First\n chapter "},
        {"startTime": "90.5", "title": "Third", "toc": True},
        {"startTime": -5, "title": "Negative"},
        {"startTime": 10},
        {"title": "No start"},
        "not an object",
    )
    assert [(c.start_seconds, c.title) for c in chapters] == [
        (0, "First chapter"),
        (60, "Second"),
        (90.5, "Third"),
    ]


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.com/a", "https://example.com/a"),
        ("http://example.com/b", "http://example.com/b"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("ftp://example.com/c", None),
        ("/relative", None),
        (42, None),
    ],
)
def test_only_web_links_are_kept(url, kept):
    assert _chapters({"startTime": 0, "title": "A", "url": url})[0].url == kept


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json", "the chapters file is not valid JSON"),
        (b'{"segments": []}', 'the chapters file has no "chapters" list'),
        (b"[]", 'the chapters file has no "chapters" list'),
    ],
)
def test_a_file_that_is_not_chapters_says_so(data, message):
    with pytest.raises(FeedError, match=message):
        parse_chapters(data)


def test_hostile_numbers_and_nesting_are_refused_or_skipped_not_crashed():
    assert parse_chapters(b'{"chapters": [{"startTime": 1' + b"0" * 5000 + b', "title": "Huge"}]}') == []
    with pytest.raises(FeedError):
        parse_chapters(b"[" * 100_000)


def test_titles_lose_control_characters_and_a_flood_of_entries_is_capped():
    chapters = _chapters(*({"startTime": i, "title": f"Part\x1b[31m {i}"} for i in range(5000)))
    assert len(chapters) == MAX_CHAPTERS
    assert chapters[1].title == "Part [31m 1"
