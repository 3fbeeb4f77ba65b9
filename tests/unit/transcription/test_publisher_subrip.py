"""SRT: numbered cues with comma milliseconds, multi-line text and speaker labels."""

import pytest

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher import parse_transcript


def _srt(body: str):
    return parse_transcript(body.encode(), hint="application/x-subrip")


def test_index_lines_and_comma_milliseconds_and_multiline_text():
    transcript = _srt(
        "1\n00:00:00,500 --> 00:00:02,250\nFirst line\nsecond line\n\n"
        "2\n00:00:02,250 --> 00:00:04,000 X1:10 X2:20 Y1:5 Y2:9\n<i>Styled</i> {\\an8}text\n"
    )
    assert [(s.start, s.end, s.text, s.speaker) for s in transcript.segments] == [
        (0.5, 2.25, "First line second line", None),
        (2.25, 4.0, "Styled text", None),
    ]


def test_a_cue_whose_text_is_a_number_keeps_it():
    transcript = _srt("1\n00:00:00,000 --> 00:00:01,000\n42\n\n2\n00:00:01,000 --> 00:00:02,000\nforty-two\n")
    assert [s.text for s in transcript.segments] == ["42", "forty-two"]


def test_missing_blank_lines_between_cues_still_parse():
    transcript = _srt("1\n00:00:00,000 --> 00:00:01,000\nOne\n2\n00:00:01,000 --> 00:00:02,000\nTwo\n")
    assert [s.text for s in transcript.segments] == ["One", "Two"]


def test_speaker_labels_open_turns_that_carry_on():
    transcript = _srt(
        "1\n00:00:00,000 --> 00:00:01,000\nTravis: When you first get\n\n"
        "2\n00:00:01,000 --> 00:00:02,000\nstarted in podcasting\n\n"
        "3\n00:00:02,000 --> 00:00:03,000\nDr. Sarah Smith: Thanks\n"
    )
    assert [(s.speaker, s.text) for s in transcript.segments] == [
        ("Travis", "When you first get"),
        ("Travis", "started in podcasting"),
        ("Dr. Sarah Smith", "Thanks"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "at 10: that was the time",
        "so here is the thing: it works",
        "Note that this sentence is long: no label",
        "see https://example.com for more",
        "The Very Long Name Of Someone: nope",
    ],
)
def test_text_with_a_colon_is_not_taken_for_a_speaker(text):
    transcript = _srt(f"1\n00:00:00,000 --> 00:00:01,000\n{text}\n")
    assert transcript.segments[0].speaker is None
    assert transcript.segments[0].text == text


def test_end_before_start_names_the_cue_and_line():
    with pytest.raises(TranscriptFormatError, match=r"^cue 2 at line 6: end 00:00:01.000 is before start"):
        _srt("1\n00:00:00,000 --> 00:00:01,000\nok\n\n2\n00:00:04,000 --> 00:00:01,000\nbad\n")
