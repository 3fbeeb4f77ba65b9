"""Plain-text transcripts: times at line starts when there are any, word-count estimates when not."""

import pytest

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher import parse_transcript


def _text(body: str):
    return parse_transcript(body.encode(), hint="text/plain")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("00:00:05 Hello there", "00:01:02 General Kenobi"),
        ("[00:05] Hello there", "[01:02] General Kenobi"),
        ("(0:00:05) Hello there", "(0:01:02) General Kenobi"),
        ("00:05 - Hello there", "01:02 | General Kenobi"),
    ],
)
def test_times_at_line_starts_in_the_usual_shapes(first, second):
    transcript = _text(f"{first}\n{second}\n")
    assert [(s.start, s.end, s.text) for s in transcript.segments] == [
        (5.0, 62.0, "Hello there"),
        (62.0, 63.0, "General Kenobi"),  # the last: two words take under a second, so one
    ]
    assert transcript.source.timing_estimated is False


def test_lines_without_a_time_continue_the_one_before_and_labels_carry():
    transcript = _text("Episode 12: a title line\n00:00:01 Ann: Hi\nhow are you\n00:00:04 Fine thanks\n")
    assert [(s.start, s.end, s.speaker, s.text) for s in transcript.segments] == [
        (0.0, 1.0, None, "Episode 12: a title line"),
        (1.0, 4.0, "Ann", "Hi how are you"),
        (4.0, 5.0, "Ann", "Fine thanks"),
    ]


def test_no_times_at_all_estimates_them_at_150_words_a_minute():
    body = "Ann: " + "word " * 150 + "\n\nBob: Short reply here.\n\nAnd one more paragraph of text."
    transcript = _text(body)
    assert transcript.source.timing_estimated is True
    segments = transcript.segments
    assert segments[0].start == 0.0
    assert sum(len(s.text.split()) for s in segments if s.speaker == "Ann") == 150
    bob = next(s for s in segments if s.speaker == "Bob")
    assert bob.start == pytest.approx(60.0)
    assert segments[-1].speaker == "Bob"  # a turn lasts until the next label
    assert transcript.duration == pytest.approx((150 + 3 + 6) * 0.4)


def test_one_line_that_opens_with_a_clock_time_does_not_make_a_timed_transcript():
    transcript = _text("10:30 is when we met.\nThen we talked for hours.\nAnd that was that.")
    assert transcript.source.timing_estimated is True
    assert transcript.segments[0].text == "10:30 is when we met."


def test_long_paragraphs_are_cut_at_sentence_ends():
    body = " ".join(f"Sentence number {i} has exactly seven words." for i in range(40))
    segments = _text(body).segments
    assert len(segments) >= 3
    assert all(s.text.endswith(".") for s in segments)
    assert all(len(s.text.split()) <= 80 for s in segments)


def test_times_going_back_name_the_line():
    with pytest.raises(
        TranscriptFormatError, match=r"^line 2: time 00:00:01.000 comes before the previous time"
    ):
        _text("00:00:05 a\n00:00:01 b\n")


def test_a_broken_time_names_the_line():
    with pytest.raises(TranscriptFormatError, match=r"^line 2: cannot read the time '00:99:00'"):
        _text("00:00:05 a\n00:99:00 b\n00:10:00 c\n")


def test_speaker_and_time_headings_over_paragraphs_as_otter_style_exports_write_them():
    transcript = _text(
        "Speaker 1  0:00\nHello there all.\n\nAnn Lee  0:15\nHi!\nHow are you.\n\nSpeaker 1  (1:02:03)\nFine.\n"
    )
    assert [(s.start, s.end, s.speaker, s.text) for s in transcript.segments] == [
        (0.0, 15.0, "Speaker 1", "Hello there all."),
        (15.0, 3723.0, "Ann Lee", "Hi! How are you."),
        (3723.0, 3724.0, "Speaker 1", "Fine."),
    ]


def test_a_markdown_title_over_timed_lines_is_read_as_timed_text():
    transcript = parse_transcript(b"# Episode 5\n\n00:00:01 Hello\n00:00:04 World\n", hint="episode.md")
    assert transcript.source.format == "text"
    assert [(s.start, s.text) for s in transcript.segments][1:] == [(1.0, "Hello"), (4.0, "World")]
