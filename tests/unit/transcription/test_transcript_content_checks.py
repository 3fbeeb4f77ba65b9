"""A transcript must look like one: a web page is refused whatever it is declared as."""

import pytest

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher import TranscriptFormat, detect_format

PAGES = [
    b"<!DOCTYPE html><html><head><title>Welcome</title></head><body><p>This is a web page.</p></body></html>",
    b"<html><body><h1>Sign in</h1><form><input name=user></form></body></html>",
    b"\xef\xbb\xbf  <HTML><BODY>404 Not Found</BODY></HTML>",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("hint", ["text/vtt", "application/x-subrip", "application/json", "text/html", None])
def test_an_ordinary_web_page_is_not_a_transcript(page, hint):
    with pytest.raises(TranscriptFormatError, match="not a transcript"):
        detect_format(page, hint)


@pytest.mark.parametrize("hint", ["text/vtt", "text/html", None])
def test_the_namespace_html_transcript_is_read_even_as_a_whole_page_or_mislabelled(hint):
    page = b"<html><body><cite>Ann:</cite><time>0:00</time><p>Hello there</p></body></html>"
    assert detect_format(page, hint) is TranscriptFormat.HTML


def test_a_fragment_of_paragraphs_declared_html_is_still_read_as_html():
    assert detect_format(b"<p>Hello there.</p><p>Second paragraph.</p>", "text/html") is TranscriptFormat.HTML
