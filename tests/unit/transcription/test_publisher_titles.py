"""A dropped transcript's own title, from its header: VTT, Podcasting 2.0 JSON, HTML, Markdown."""

import pytest

from podcast_digest.transcription.publisher.titles import transcript_metadata
from tests.support.corpus import corpus_path

CUE = "00:00.000 --> 00:01.000\nHi there, welcome.\n"


@pytest.mark.parametrize(
    ("data", "hint", "title"),
    [
        (f"WEBVTT - Rust in production\n\n{CUE}", "a.vtt", "Rust in production"),
        (f"WEBVTT\nTitle: Rust &amp; you\n\n{CUE}", "a.vtt", "Rust & you"),
        (f"WEBVTT\n\nNOTE Title: Rust notes\n\n{CUE}", "a.vtt", "Rust notes"),
        (
            '{"version": "1.0.0", "title": "Rust", "segments": [{"startTime": 0, "body": "hi"}]}',
            "a.json",
            "Rust",
        ),
        (
            '{"episode": {"title": "Nested"}, "segments": [{"startTime": 0, "endTime": 1, "body": "hi"}]}',
            "a.json",
            "Nested",
        ),
        (
            "<html><head><title>Ep 5: <b>Rust</b></title></head><body><cite>A:</cite><time>0:00</time><p>Hi</p></body></html>",
            "a.html",
            "Ep 5: Rust",
        ),
        (
            "<html><body><h1>Heading title</h1><cite>A:</cite><time>0:00</time><p>Hi</p></body></html>",
            "a.html",
            "Heading title",
        ),
        ("# Episode 100\n\n**A:** hi\n", "a.md", "Episode 100"),
    ],
)
def test_a_transcript_header_names_its_episode(data, hint, title):
    assert transcript_metadata(data.encode(), hint).title == title


def test_an_html_transcript_gives_its_meta_description():
    page = (
        '<html><head><meta name="description" content="About Rust."></head>'
        "<body><cite>A:</cite><time>0:00</time><p>Hi</p></body></html>"
    )
    assert transcript_metadata(page.encode(), "a.html").description == "About Rust."


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        (f"WEBVTT\n\n{CUE}", "garden-talk.vtt"),
        ("1\n00:00:00,000 --> 00:00:01,000\nhi\n", "garden-talk.srt"),
        ("Just words, said on the show.", "garden-talk.txt"),
        ("\x00\x01\x02 not a transcript", "garden-talk.bin"),
    ],
)
def test_without_a_header_title_there_is_none_never_the_file_name(data, hint):
    assert transcript_metadata(data.encode(), hint).title is None


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name",
    [
        "talkpython__386-h2o-wave.vtt",
        "podcastnamespace__example.json",
        "podcastnamespace__example.html",
        "changelog__the-changelog-594.md",
    ],
)
def test_corpus_transcripts_carry_no_title_of_their_own(name):
    path = corpus_path("transcripts", name)
    assert transcript_metadata(path.read_bytes(), path.name).title is None
