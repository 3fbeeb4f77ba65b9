"""Hostile transcripts: long pathological lines parse (or are refused) without blowing up.

The timeouts are hang guards, not timings: each input here takes well under a second to a few
seconds on a slow machine; a regex that backtracks or a parser that rescans would take minutes.
"""

import pytest

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher import parse_transcript

LONG = 1_000_000

LONG_LINES = {
    "vtt: a million <": b"WEBVTT\n\n00:00.000 --> 00:01.000\n" + b"<" * LONG,
    "vtt: unclosed voice tags": b"WEBVTT\n\n00:00.000 --> 00:01.000\n" + b"<v " * (LONG // 3),
    "vtt: a tag that never closes": b"WEBVTT\n\n00:00.000 --> 00:01.000\n<" + b"a" * LONG,
    "vtt: a huge timing line": b"WEBVTT\n\n" + b"0" * LONG + b" --> 00:01.000\nx\n",
    "vtt: settings forever": b"WEBVTT\n\n00:00.000 -->" + b" 0" * (LONG // 2) + b"\nx\n",
    "srt: a number too long for int()": b"1\n00:00:00,000 --> 00:00:01,000\nx\n\n" + b"9" * 5000 + b"\n",
    "srt: arrows in the text": b"1\n00:00:00,000 --> 00:00:01,000\n" + b"1-->" * (LONG // 4) + b"\n",
    "srt: unclosed overrides": b"1\n00:00:00,000 --> 00:00:01,000\n" + b"{\\" * (LONG // 2),
    "srt: a label made of colons": b"1\n00:00:00,000 --> 00:00:01,000\n" + b"A" * 30 + b":" * LONG,
    "text: digits and colons": b"0:" * (LONG // 2),
    "text: one line of words": b"word " * (LONG // 5),
    "text: no spaces": b"a" * LONG,
    "text: bracketed clock fragments": b"[0:" * (LONG // 3),
    "markdown: bold markers": b"**" * (LONG // 2),
    "markdown: a label that never closes": b"**" + b"a" * LONG + b":**",
    "markdown: escaped brackets": b"**A:** " + b"\\[" * (LONG // 2),
    "markdown: open brackets": b"**A:** " + b"[" * LONG,
    "markdown: links that never close": b"**A:** " + b"[a](" * (LONG // 4),
    "markdown: clocks everywhere": b"**A:** \\[" + b"1:" * 100 + b"\\] " + b"\\[99:" * 100_000,
    "json: nested a million deep": b"[" * LONG,
    "json: a number with 5000 digits": b'{"segments":[{"startTime":1' + b"0" * 5000 + b',"body":"x"}]}',
}

HTML = {
    "a million <": b"<p>" + b"<" * LONG,
    "comments that never close": b"<time>0:00</time><p>" + b"<!--" * (LONG // 4),
    "end tags that never close": b"<time>0:00</time><p>" + b"</" * (LONG // 2),
    "start tags that never close": b"<time>0:00</time><p>" + b"<a " * (LONG // 3),
    "one start tag a megabyte long": b"<time>0:00</time><p>" + b"<a " * (LONG // 3) + b">",
    "quoted attributes that never close": b"<time>0:00</time><p>" + b"<a x='" * (LONG // 6) + b">",
    "marked sections": b"<time>0:00</time><p>" + b"<![" * (LONG // 3),
    "processing instructions": b"<time>0:00</time><p>" + b"<?" * (LONG // 2) + b">",
    "end tags inside a script": b"<time>0:00</time><p><script>" + b"</s" * (LONG // 3) + b">",
    "comments inside a style": b"<time>0:00</time><p><style>" + b"<!--" * (LONG // 4),
    "character references": b"<time>0:00</time><p>" + b"&#x" * (LONG // 3),
}


def _parse_or_refuse(data: bytes, hint: str | None = None) -> None:
    """Either a transcript with segments or a one-line TranscriptFormatError; never anything else."""
    refusal = None
    try:
        transcript = parse_transcript(data, hint=hint)
    except TranscriptFormatError as error:
        refusal = str(error)
    if refusal is None:
        assert transcript.segments
    else:
        assert "\n" not in refusal


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(LONG_LINES))
def test_long_pathological_lines(name):
    _parse_or_refuse(LONG_LINES[name])


@pytest.mark.slow
@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(HTML))
def test_pathological_html_stays_linear(name):
    _parse_or_refuse(HTML[name], hint="text/html")


def test_text_survives_the_html_defusing():
    transcript = parse_transcript(
        b"<time>0:00</time><p>3 < 5 and <b>bold</b> & 2 > 1 <!-- gone --> end <", hint="x.html"
    )
    assert transcript.segments[0].text == "3 < 5 and bold & 2 > 1 end <"


@pytest.mark.timeout(60)
def test_a_line_of_spaces_after_a_name_is_not_a_speaker_heading():
    _parse_or_refuse(b"Ann" + b" " * LONG + b"x\n00:00:01 a\n00:00:02 b\n", hint="text/plain")
