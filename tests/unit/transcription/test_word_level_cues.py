"""Word-level captions are merged into sentences (bounded memory); phrase-level transcripts stay as they are."""

import pytest

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher import parse_transcript

SENTENCES = "we talk about compost and soil today. then water and light matter most!"
WORDS = SENTENCES.split()


def _srt(cues: list[tuple[float, float, str]]) -> bytes:
    def clock(t: float) -> str:
        ms = round(t * 1000)
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    return "".join(
        f"{i + 1}\n{clock(a)} --> {clock(b)}\n{text}\n\n" for i, (a, b, text) in enumerate(cues)
    ).encode()


def test_one_word_per_cue_becomes_sentence_segments_with_their_times():
    cues = [(i * 0.4, i * 0.4 + 0.35, WORDS[i % len(WORDS)]) for i in range(130)]

    transcript = parse_transcript(_srt(cues), hint="application/x-subrip")

    assert len(transcript.segments) < 130 / 4
    first = transcript.segments[0]
    assert first.text == "we talk about compost and soil today."
    assert first.start == 0.0
    assert first.end == pytest.approx(6 * 0.4 + 0.35)
    assert " ".join(s.text for s in transcript.segments).split() == [
        WORDS[i % len(WORDS)] for i in range(130)
    ]


def test_a_pause_ends_a_merged_segment():
    cues = [
        (i * 0.4 + (30 if i >= 60 else 0), i * 0.4 + 0.35 + (30 if i >= 60 else 0), "word")
        for i in range(120)
    ]
    transcript = parse_transcript(_srt(cues), hint="application/x-subrip")
    # The 30 s silence after the 60th word: no segment spans it.
    assert all(s.end < 30 or s.start > 30 for s in transcript.segments)
    assert len(transcript.segments) < 120 / 4


def test_phrase_level_cues_are_left_exactly_as_they_are():
    cues = [(i * 4.0, i * 4.0 + 3.5, f"This is phrase number {i} of the show.") for i in range(80)]
    transcript = parse_transcript(_srt(cues), hint="application/x-subrip")
    assert [s.text for s in transcript.segments] == [c[2] for c in cues]


def test_a_broken_cue_among_words_is_still_reported():
    cues = [(i * 0.4, i * 0.4 + 0.35, "word") for i in range(80)]
    cues[40] = (20.0, 10.0, "backwards")
    with pytest.raises(TranscriptFormatError, match="before start"):
        parse_transcript(_srt(cues), hint="application/x-subrip")
