"""WebVTT: blocks, cue settings, voice tags and markup, in the shapes real publishers write."""

import pytest

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher import parse_transcript


def _vtt(body: str):
    return parse_transcript(body.encode(), hint="text/vtt")


def test_header_notes_styles_regions_and_cue_ids_are_not_text():
    transcript = _vtt(
        "WEBVTT - an episode\nKind: captions\nLanguage: en\n\n"
        "NOTE written by hand\nacross two lines\n\n"
        "STYLE\n::cue { color: lime }\n\n"
        "REGION\nid:left width:40%\n\n"
        "intro-1\n00:00:01.000 --> 00:00:03.500 align:start position:10% line:0\nHello and welcome.\n\n"
        "2\n00:03.500 --> 00:05.000\nSecond cue\non two lines.\n"
    )
    assert [(s.start, s.end, s.text) for s in transcript.segments] == [
        (1.0, 3.5, "Hello and welcome."),
        (3.5, 5.0, "Second cue on two lines."),
    ]
    assert transcript.language == "en"


def test_one_digit_hours_and_minute_only_timestamps():
    transcript = _vtt(
        "WEBVTT\n\n0:00:02.480 --> 0:00:04.000\nOne digit.\n\n"
        "1:02:03.5 --> 1:02:04.250\nAn hour in.\n\n59:58.000 --> 59:59.000\nNo hours.\n"
    )
    assert [(s.start, s.end) for s in transcript.segments] == [
        (2.48, 4.0),
        (3598.0, 3599.0),
        (3723.5, 3724.25),
    ]


def test_voice_tags_give_speakers_only_where_present():
    transcript = _vtt(
        "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Sarah>Hi there</v>\n\n"
        "00:02.000 --> 00:04.000\n<v.loud.first Esme Johnson>Hello!\n\n"
        "00:04.000 --> 00:06.000\nNobody named here.\n"
    )
    assert [(s.speaker, s.text) for s in transcript.segments] == [
        ("Sarah", "Hi there"),
        ("Esme Johnson", "Hello!"),
        (None, "Nobody named here."),
    ]


def test_two_voices_in_one_cue_share_its_time_by_words():
    transcript = _vtt("WEBVTT\n\n00:00.000 --> 00:04.000\n<v Fred>One two three</v>\n<v Bob>Four</v>\n")
    fred, bob = transcript.segments
    assert (fred.speaker, fred.start, fred.end) == ("Fred", 0.0, 3.0)
    assert (bob.speaker, bob.start, bob.end) == ("Bob", 3.0, 4.0)


def test_class_italic_bold_and_timestamp_tags_are_stripped_and_entities_unescaped():
    transcript = _vtt(
        "WEBVTT\n\n00:00.000 --> 00:05.000\n"
        "<c.yellow>Rock</c> &amp; <i>roll</i> <b>now</b><00:00:03.000> &lt;3 &gt; 2 &nbsp;ok\n"
    )
    assert transcript.segments[0].text == "Rock & roll now <3 > 2 ok"


def test_a_less_than_sign_that_opens_no_tag_stays_text():
    transcript = _vtt("WEBVTT\n\n00:00.000 --> 00:05.000\nif 3 < 5 and 7 > 2 then\n")
    assert transcript.segments[0].text == "if 3 < 5 and 7 > 2 then"


def test_crlf_bom_and_whitespace_only_separator_lines():
    data = (
        "\ufeffWEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\nFirst\r\n   \r\n00:01.000 --> 00:02.000\r\nSecond\r\n"
    )
    transcript = parse_transcript(data.encode("utf-8"), hint="x.vtt")
    assert [s.text for s in transcript.segments] == ["First", "Second"]


def test_cues_out_of_order_are_sorted_by_start():
    transcript = _vtt("WEBVTT\n\n00:05.000 --> 00:06.000\nLater\n\n00:01.000 --> 00:02.000\nEarlier\n")
    assert [s.text for s in transcript.segments] == ["Earlier", "Later"]


def test_empty_cues_are_dropped():
    transcript = _vtt("WEBVTT\n\n00:00.000 --> 00:01.000\n<c></c>\n\n00:01.000 --> 00:02.000\nWords\n")
    assert [s.text for s in transcript.segments] == ["Words"]


def test_end_before_start_names_the_cue():
    body = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n12\n00:00:05.000 --> 00:00:03.000\nbackwards\n"
    with pytest.raises(TranscriptFormatError) as caught:
        _vtt(body)
    message = str(caught.value)
    assert message.startswith("cue 2 at line 7: end 00:00:03.000 is before start 00:00:05.000;")
    assert "\n" not in message


def test_an_unreadable_timing_line_names_the_cue():
    with pytest.raises(
        TranscriptFormatError, match=r"cue 1 at line 3: cannot read the timing line '00:00:0x"
    ):
        _vtt("WEBVTT\n\n00:00:0x.000 --> 00:00:03.000\nbroken\n")


def test_minutes_past_59_with_hours_are_broken():
    with pytest.raises(TranscriptFormatError, match="cue 1 at line 3"):
        _vtt("WEBVTT\n\n00:75:00.000 --> 00:76:00.000\nbroken\n")


def test_a_header_only_file_is_an_empty_transcript():
    with pytest.raises(TranscriptFormatError, match=r"^the vtt transcript has no text"):
        _vtt("WEBVTT\n\nNOTE nothing here\n")
