"""Chapters from the Podcasting 2.0 JSON file and from Podlove Simple Chapters."""

import json

import pytest

from podcast_digest.errors import BadInputError
from podcast_digest.feeds.parse import parse_feed
from podcast_digest.transcription.chapters import MAX_CHAPTERS, parse_chapters
from tests.support.corpus import corpus_path


def test_the_reference_chapters_file_is_read_in_order():
    chapters = parse_chapters(
        corpus_path("transcripts", "podcastnamespace__chapters-example.json").read_bytes()
    )
    assert [c.title for c in chapters][:3] == ["Intro", "Hearing Aids", "Progress Report"]
    assert chapters[3].start_seconds == 410
    assert chapters[3].url == "https://github.com/Podcastindex-org/podcast-namespace"
    assert len(chapters) == 9


def test_hostile_chapter_entries_are_dropped_or_bounded():
    entries = [
        {"startTime": -5, "title": "negative"},
        {"startTime": "ten", "title": "not a time"},
        {"startTime": True, "title": "boolean time"},
        {"startTime": 20, "title": ""},
        {"startTime": 30, "title": "x" * 10_000 + "\x00", "url": "javascript:alert(1)"},
        {"startTime": 5, "title": "hidden", "toc": False},
        "not an object",
        {"startTime": 1, "title": "kept"},
    ]
    chapters = parse_chapters(json.dumps({"chapters": entries}).encode())
    assert [c.start_seconds for c in chapters] == [1, 30]
    assert len(chapters[1].title) <= 300
    assert chapters[1].url is None


def test_a_huge_chapters_file_is_cut_to_a_sane_number():
    entries = [{"startTime": i, "title": f"c{i}"} for i in range(MAX_CHAPTERS * 3)]
    assert len(parse_chapters(json.dumps({"chapters": entries}).encode())) == MAX_CHAPTERS


@pytest.mark.parametrize("body", [b"<html/>", b"[]", b'{"chapters": 3}', b"[" * 100_000])
def test_files_that_are_not_chapters_say_so(body):
    with pytest.raises(BadInputError):
        parse_chapters(body)


def test_podlove_simple_chapters_in_the_feed_become_episode_chapters():
    path = corpus_path("feeds", "edge-cases", "feedparser__wellformed__psc__rss2.0simplechapter.xml")
    episode = parse_feed(path.read_bytes(), feed_url="https://example.com/f.xml", feed_id="f").episodes[0]
    assert [c.title for c in episode.chapters] == [
        "Welcome",
        "Introducing Podlove",
        "Podlove WordPress Plugin",
        "Resumée",
    ]
    assert episode.chapters[1].start_seconds == 187.25
    assert episode.chapters[1].url == "http://podlove.org/"
