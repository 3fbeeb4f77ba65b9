"""Cutting a transcript into parts of about 4-5 minutes."""

import itertools

import pytest

from podcast_digest.models import Segment
from podcast_digest.summarization.sections import TranscriptSection, estimate_tokens, split_sections
from tests.unit.summarization.transcripts import evenly_timed, make_transcript


def _words(n: int, word: str = "podcast") -> str:
    return " ".join([word] * n)


def test_parts_cover_every_segment_in_order_and_none_is_empty():
    transcript = evenly_timed([f"Sentence number {i} ends here." for i in range(200)], seconds_each=9.0)
    parts = split_sections(transcript)
    assert [s for p in parts for s in p.segments] == transcript.segments
    assert all(p.segments for p in parts)
    assert [p.index for p in parts] == list(range(len(parts)))
    assert all(a.end <= b.start for a, b in itertools.pairwise(parts))


def test_parts_last_about_four_to_five_minutes():
    transcript = evenly_timed([f"Point {i} is made." for i in range(400)], seconds_each=6.0)  # 40 minutes
    parts = split_sections(transcript)
    assert 8 <= len(parts) <= 11
    for part in parts[:-1]:
        assert 0.8 * 270 <= part.duration <= 1.25 * 270


def test_a_cut_prefers_a_change_of_speaker_near_the_target():
    rows, t = [], 0.0
    # One speaker for 250 s, then another: the cut should fall at the change (250 s), not at 270 s.
    for i in range(120):
        speaker = "Alice" if t < 250 else "Bob"
        rows.append((t, t + 5.0, f"Talk {i} goes on", speaker))
        t += 5.0
    parts = split_sections(make_transcript(rows))
    assert parts[0].end == 250.0
    assert parts[1].segments[0].speaker == "Bob"


def test_a_cut_prefers_a_long_pause():
    rows, t = [], 0.0
    for i in range(150):
        rows.append((t, t + 4.0, f"and then {i}", None))
        t += 4.0 if t != 236.0 else 8.0  # a 4 s silence after the segment that starts at 236 s
    parts = split_sections(make_transcript(rows))
    assert parts[0].end == 240.0
    assert parts[1].start == 244.0


def test_a_short_tail_joins_the_part_before_it():
    transcript = evenly_timed([f"Line {i}." for i in range(58)], seconds_each=10.0)  # 9 min 40 s
    parts = split_sections(transcript)
    assert len(parts) == 2
    assert parts[-1].end == 580.0
    assert parts[-1].duration > 0.5 * 270


def test_a_short_episode_is_one_part():
    parts = split_sections(evenly_timed(["Hello and welcome.", "Goodbye."], seconds_each=30.0))
    assert len(parts) == 1
    assert parts[0].text == "Hello and welcome. Goodbye."


def test_an_empty_transcript_has_no_parts_and_blank_segments_are_skipped():
    assert split_sections(make_transcript([])) == []
    parts = split_sections(make_transcript([(0, 1, "  ", None), (1, 2, "Words.", None)]))
    assert len(parts) == 1
    assert [s.text for s in parts[0].segments] == ["Words."]


def test_max_tokens_caps_every_part():
    transcript = evenly_timed([_words(40) for _ in range(120)], seconds_each=15.0)
    parts = split_sections(transcript, max_tokens=500)
    assert all(p.estimated_tokens <= 500 for p in parts)
    assert sum(len(p.segments) for p in parts) == 120


def test_a_segment_longer_than_the_cap_is_divided_with_interpolated_times():
    transcript = make_transcript([(0.0, 100.0, _words(1000), "Host")])
    parts = split_sections(transcript, max_tokens=135)
    assert len(parts) == 10
    assert all(p.estimated_tokens <= 135 for p in parts)
    assert parts[1].start == pytest.approx(10.0)
    assert all(s.speaker == "Host" for p in parts for s in p.segments)
    assert " ".join(p.text for p in parts) == _words(1000)


def test_an_estimated_timing_is_still_cut_by_its_times():
    rows = [(i * 20.0, (i + 1) * 20.0, f"Paragraph {i} of the show notes.", None) for i in range(60)]
    parts = split_sections(make_transcript(rows, estimated=True))
    assert len(parts) == 4
    assert parts[1].start >= 0.8 * 270


def test_segments_without_times_are_cut_by_words():
    rows = [(0.0, 0.0, _words(150), None) for _ in range(20)]  # 3000 words ≈ 20 minutes of talk
    parts = split_sections(make_transcript(rows))
    assert 3 <= len(parts) <= 6


def test_segments_out_of_order_are_put_in_time_order():
    transcript = make_transcript([(10, 20, "second", None), (0, 10, "first", None)])
    assert split_sections(transcript)[0].text == "first second"


def test_invalid_arguments_are_refused():
    transcript = evenly_timed(["Hi."])
    with pytest.raises(ValueError):
        split_sections(transcript, target_seconds=0)
    with pytest.raises(ValueError):
        split_sections(transcript, max_tokens=0)


def test_token_estimate_is_about_words_times_1_35():
    assert estimate_tokens("") == 0
    assert estimate_tokens(_words(100)) == 135
    assert estimate_tokens("日本語のテキスト") >= 8  # unspaced scripts count per character


def test_a_section_needs_segments():
    with pytest.raises(ValueError):
        TranscriptSection(index=0, start=0, end=1, segments=[])
    section = TranscriptSection(index=0, start=0, end=1, segments=[Segment(start=0, end=1, text="a b")])
    assert section.estimated_tokens == estimate_tokens("a b")


def test_a_jump_in_time_ends_a_part_that_is_long_enough_already():
    # 200 s of talk, then the transcript jumps 250 s ahead (an ad break cut out), then more talk.
    rows = [(i * 10.0, i * 10.0 + 10.0, f"Line {i}.", None) for i in range(20)]
    rows += [(450.0 + i * 10.0, 460.0 + i * 10.0, f"Later line {i}.", None) for i in range(40)]
    parts = split_sections(make_transcript(rows))
    assert parts[0].end == 200.0
    assert parts[1].start == 450.0
