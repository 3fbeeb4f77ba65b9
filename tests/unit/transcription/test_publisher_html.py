"""The Podcasting 2.0 HTML transcript form, read with the standard library's HTML parser."""

import pytest

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher import parse_transcript


def _html(body: str):
    return parse_transcript(body.encode(), hint="text/html")


def test_cite_time_paragraph_triples_with_ends_at_the_next_start():
    transcript = _html(
        "<cite>Travis:</cite>\n<time>0:00</time>\n<p>Hello &amp; welcome to the show</p>\n"
        "<cite>Sarah:</cite>\n<time>1:02:03</time>\n<p>Thanks, Travis. Glad to be here today.</p>\n"
    )
    first, second = transcript.segments
    assert (first.speaker, first.start, first.end, first.text) == (
        "Travis",
        0.0,
        3723.0,
        "Hello & welcome to the show",
    )
    assert (second.speaker, second.start) == ("Sarah", 3723.0)
    assert second.end == pytest.approx(3723.0 + 7 * 0.4)  # seven words at 150 a minute
    assert transcript.source.timing_estimated is False


def test_a_full_page_ignores_scripts_styles_and_the_head():
    transcript = _html(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Episode 1</title><style>p{}</style></head><body>'
        "<script>var x = '<p>not text</p>';</script>"
        "<cite>Host:</cite><time>0:05</time><p>Words <b>here</b><br>and there</p></body></html>"
    )
    assert [(s.speaker, s.start, s.text) for s in transcript.segments] == [
        ("Host", 5.0, "Words here and there")
    ]
    assert transcript.language == "en-GB"


def test_several_paragraphs_after_one_time_stay_together():
    transcript = _html("<time>0:00</time><p>One.</p><p>Two.</p><time>0:10</time><p>Three.</p>")
    assert next((s.start, s.end, s.text) for s in transcript.segments) == (0.0, 10.0, "One. Two.")


def test_html_without_times_is_read_as_text_with_estimated_times():
    transcript = _html(
        "<html><body><cite>Ann:</cite><p>" + "word " * 150 + "</p><p>Bye now.</p></body></html>"
    )
    assert transcript.source.timing_estimated is True
    assert transcript.segments[0].speaker == "Ann"
    assert transcript.duration == pytest.approx(152 * 0.4)


def test_an_unreadable_time_names_the_line():
    with pytest.raises(TranscriptFormatError, match=r"^line 2: cannot read the time 'soon'"):
        _html("<time>0:00</time><p>ok</p>\n<time>soon</time><p>x</p>")


def test_times_going_back_are_refused():
    with pytest.raises(
        TranscriptFormatError, match=r"time 00:00:05.000 comes before the previous time 00:00:10.000"
    ):
        _html("<time>0:10</time><p>a</p><time>0:05</time><p>b</p>")


def test_an_xml_entity_bomb_is_just_text():
    body = '<!DOCTYPE x [<!ENTITY a "aaaa">]><time>0:00</time><p>&a;&a;</p>'
    transcript = _html(body)
    assert "&a;&a;" in transcript.text
    assert "aaaa" not in transcript.text


def test_an_xhtml_document_with_an_xml_declaration_is_html_not_ttml():
    transcript = _html(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        "<body><cite>A:</cite><time>0:01</time><p>Hi &amp; bye</p></body></html>"
    )
    assert [(s.start, s.speaker, s.text) for s in transcript.segments] == [(1.0, "A", "Hi & bye")]
