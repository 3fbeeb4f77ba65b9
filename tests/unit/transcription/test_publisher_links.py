"""Choosing which `<podcast:transcript>` to fetch."""

from podcast_digest.models import TranscriptLink
from podcast_digest.transcription.publisher import preferred_transcript


def _link(url: str, mime_type: str | None = None) -> TranscriptLink:
    return TranscriptLink(url=url, mime_type=mime_type)


def test_vtt_then_json_then_srt_then_html_then_text():
    links = [
        _link("https://e.com/t.txt", "text/plain"),
        _link("https://e.com/t.html", "text/html"),
        _link("https://e.com/t.srt", "application/x-subrip"),
        _link("https://e.com/t.json", "application/json"),
        _link("https://e.com/t.vtt", "text/vtt"),
    ]
    order = []
    while links:
        best = preferred_transcript(links)
        order.append(best.url.rsplit(".", 1)[1])
        links.remove(best)
    assert order == ["vtt", "json", "srt", "html", "txt"]


def test_the_url_extension_decides_when_the_type_is_missing_or_generic():
    links = [_link("https://e.com/t.srt?sig=1"), _link("https://e.com/t.VTT", "application/octet-stream")]
    assert preferred_transcript(links).url == "https://e.com/t.VTT"


def test_unusable_links_are_skipped():
    links = [
        _link("https://e.com/t.pdf", "application/pdf"),
        _link("https://e.com/transcript"),
        _link("javascript:alert(1)//.vtt", "text/vtt"),
        _link("file:///etc/passwd.vtt"),
        _link("https://e.com/t.srt", "application/srt"),
    ]
    assert preferred_transcript(links).url == "https://e.com/t.srt"
    assert preferred_transcript(links[:4]) is None
    assert preferred_transcript([]) is None


def test_feed_order_breaks_ties_and_relative_urls_are_kept():
    links = [_link("/transcripts/1.vtt", "text/vtt; charset=utf-8"), _link("https://e.com/2.vtt", "text/vtt")]
    assert preferred_transcript(links).url == "/transcripts/1.vtt"
