"""Format detection (content first, hints second), decoding, and the errors for what we cannot read."""

import codecs

import pytest

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher import (
    TRANSCRIPT_SUFFIXES,
    TranscriptFormat,
    detect_format,
    parse_transcript,
)

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\n<v Ann>Hello there\n"
HEADERLESS_VTT = b"00:00:00.000 --> 00:00:02.000\nHello there\n"
SRT = b"1\n00:00:00,000 --> 00:00:02,000\nHello there\n"
JSON = b'{"version": "1.0.0", "segments": [{"startTime": 0, "endTime": 2, "body": "Hello there"}]}'
HTML = b"<cite>Ann:</cite><time>0:00</time><p>Hello there</p>"
TEXT = b"00:00:00 Hello there\n00:00:02 and goodbye\n"
MARKDOWN = b"**Ann Lee:** Hello there\n\n**Bob:** Hi\n"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (VTT, TranscriptFormat.VTT),
        (HEADERLESS_VTT, TranscriptFormat.VTT),
        (SRT, TranscriptFormat.SRT),
        (JSON, TranscriptFormat.JSON),
        (HTML, TranscriptFormat.HTML),
        (TEXT, TranscriptFormat.TEXT),
        (MARKDOWN, TranscriptFormat.MARKDOWN),
    ],
)
@pytest.mark.parametrize(
    "hint", [None, "text/plain", "application/json", "text/vtt", "episode.srt", "x.html"]
)
def test_content_wins_over_a_missing_or_wrong_hint(data, expected, hint):
    assert detect_format(data, hint) is expected
    assert parse_transcript(data, hint=hint).source.format == expected.value


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("text/markdown", TranscriptFormat.MARKDOWN),
        ("notes.md", TranscriptFormat.MARKDOWN),
        ("text/plain; charset=utf-8", TranscriptFormat.TEXT),
        ("text/vtt", TranscriptFormat.TEXT),  # says VTT, is not: read as what it is
        (None, TranscriptFormat.TEXT),
    ],
)
def test_a_hint_decides_only_between_text_and_markdown(hint, expected):
    assert detect_format(b"Hello there. No times, no markup.", hint) is expected


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("text/html", TranscriptFormat.HTML),
        ("incoming/feed/episode.HTM", TranscriptFormat.HTML),
        ("https://example.com/t.html?x=1", TranscriptFormat.HTML),
    ],
)
def test_an_html_hint_reads_html_that_does_not_start_with_a_tag(hint, expected):
    assert detect_format(b"Transcript follows<p>Hello</p>", hint) is expected


def test_the_accepted_suffixes():
    assert {".vtt", ".srt", ".json", ".html", ".htm", ".txt", ".md"} == TRANSCRIPT_SUFFIXES


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + "WEBVTT\n\n00:00.000 --> 00:01.000\nCafé ☕\n".encode(),
        codecs.BOM_UTF16_LE + "WEBVTT\n\n00:00.000 --> 00:01.000\nCafé ☕\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "WEBVTT\n\n00:00.000 --> 00:01.000\nCafé ☕\n".encode("utf-16-be"),
        codecs.BOM_UTF32_LE + "WEBVTT\n\n00:00.000 --> 00:01.000\nCafé ☕\n".encode("utf-32-le"),
        codecs.BOM_UTF32_BE + "WEBVTT\n\n00:00.000 --> 00:01.000\nCafé ☕\n".encode("utf-32-be"),
        "WEBVTT\n\n00:00.000 --> 00:01.000\nCafé ☕\n".encode("utf-16-le"),  # no mark at all
    ],
)
def test_byte_order_marks_and_utf16_without_one(encoded):
    assert parse_transcript(encoded).segments[0].text == "Café ☕"


def test_legacy_cp1252_bytes_are_read_not_refused():
    data = "1\n00:00:00,000 --> 00:00:01,000\n“Smart quotes” café\n".encode("cp1252")
    assert parse_transcript(data).segments[0].text == "“Smart quotes” café"


def test_undecodable_bytes_never_crash():
    data = b"1\n00:00:00,000 --> 00:00:01,000\nok \x81\x8d\x8f\x90\x9d bytes\n"
    assert parse_transcript(data).segments[0].text.startswith("ok")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n"])
def test_an_empty_file_says_so(data):
    with pytest.raises(TranscriptFormatError, match=r"^the transcript is empty"):
        parse_transcript(data, hint="text/vtt")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8, "the content is binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(32)) * 40, "the content is binary"),
        (b'<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml"><p begin="0s">Hi</p></tt>', "TTML"),
    ],
)
def test_an_unknown_format_names_the_supported_ones(data, reason):
    with pytest.raises(TranscriptFormatError) as caught:
        parse_transcript(data, hint="application/octet-stream")
    message = str(caught.value)
    assert message.startswith("unknown transcript format")
    assert reason in message
    assert "WebVTT (.vtt), SRT (.srt), Podcasting 2.0 JSON (.json)" in message
    assert "\n" not in message


def test_every_error_is_one_line_even_with_hostile_text_in_it():
    with pytest.raises(TranscriptFormatError) as caught:
        parse_transcript(b"WEBVTT\n\n00:00:0\x07\x1b[31m --> 00:00:01.000\nx\n")
    assert "\x1b" not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bracketed_times_served_as_json_are_read_as_text():
    transcript = parse_transcript(b"[00:05] Hello\n[00:09] World\n", hint="application/json")
    assert transcript.source.format == "text"
    assert [s.start for s in transcript.segments] == [5.0, 9.0]


def test_control_characters_and_bidi_overrides_never_reach_the_text():
    data = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann\u202e>red \x1b[31malert\x07 \u202egnp.exe\n".encode()
    segment = parse_transcript(data).segments[0]
    assert segment.text == "red [31malert gnp.exe"
    assert segment.speaker == "Ann"
