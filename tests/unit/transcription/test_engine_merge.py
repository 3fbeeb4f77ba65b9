"""Stitching overlapping chunk transcripts: every word once, in order, in episode time."""

import pytest

from podcast_digest.transcription.merge import (
    ChunkWords,
    TimedWord,
    merge_chunks,
    segments_from_words,
    words_of_segment,
)


def _chunk(start, end, words, *, estimated=False, group=0):
    """Words said one per second from `start`, as a chunk spanning [start, end) heard them."""
    timed = [TimedWord(w, start + i, start + i + 0.8, group) for i, w in enumerate(words)]
    return ChunkWords(start, end, timed, timing_estimated=estimated)


def _numbers(a, b):
    return [f"w{i}" for i in range(a, b)]


def test_overlapping_words_appear_once():
    first = _chunk(0, 30, _numbers(0, 30), group=0)
    second = _chunk(25, 60, _numbers(25, 60), group=1)
    merged = merge_chunks([first, second])
    assert [w.text for w in merged] == _numbers(0, 60)


def test_cut_words_at_chunk_edges_are_replaced_by_the_other_chunks_clean_copy():
    first = _chunk(0, 30, [*_numbers(0, 29), "garbled"], group=0)
    second = _chunk(25, 60, ["mumble", *_numbers(26, 60)], group=1)
    merged = merge_chunks([first, second])
    assert [w.text for w in merged] == _numbers(0, 60)


def test_alignment_ignores_case_and_punctuation():
    first = _chunk(0, 10, ["so", "we", "went", "to", "the", "Market,"])
    second = _chunk(3, 12, ["to", "the", "market", "and", "bought", "bread."], group=1)
    merged = merge_chunks([first, second])
    assert " ".join(w.text for w in merged) == "so we went to the market and bought bread."


def test_estimated_timing_aligns_by_words_even_when_times_are_far_off():
    # Times spread evenly over a long chunk can be many seconds off; alignment must not depend on them.
    first = ChunkWords(
        0, 100, [TimedWord(w, i * 2.0, i * 2.0 + 1, 0) for i, w in enumerate(_numbers(0, 50))], True
    )
    second = ChunkWords(
        90, 190, [TimedWord(w, 90 + i * 1.5, 91 + i * 1.5, 1) for i, w in enumerate(_numbers(44, 100))], True
    )
    merged = merge_chunks([first, second])
    assert [w.text for w in merged] == _numbers(0, 100)


def test_without_agreeing_words_the_cut_falls_mid_overlap_by_time():
    first = _chunk(0, 10, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
    second = _chunk(6, 16, ["x", "y", "z", "k", "l", "m", "n", "o", "p", "q"], group=1)
    merged = merge_chunks([first, second])
    # Overlap 6-10: cut at 8. First keeps words whose middle is before 8, second those after.
    assert [w.text for w in merged] == [
        "a",
        "b",
        "c",
        "d",
        "e",
        "f",
        "g",
        "h",
        "z",
        "k",
        "l",
        "m",
        "n",
        "o",
        "p",
        "q",
    ]


def test_a_chunk_after_silence_keeps_all_its_words():
    first = ChunkWords(0, 30, [TimedWord("hello", 1, 2, 0)])
    second = _chunk(25, 60, _numbers(25, 60), group=1)
    merged = merge_chunks([first, second])
    assert [w.text for w in merged] == ["hello", *_numbers(25, 60)]


def test_times_never_run_backwards():
    first = ChunkWords(0, 10, [TimedWord("a", 0, 1, 0), TimedWord("b", 8, 9.5, 0)], True)
    second = ChunkWords(8, 20, [TimedWord("c", 8.5, 9, 1), TimedWord("d", 12, 13, 1)], True)
    merged = merge_chunks([first, second])
    starts = [w.start for w in merged]
    assert starts == sorted(starts)


def test_words_of_a_segment_share_its_span_by_length():
    words = words_of_segment("a bbbbbbb", 10.0, 20.0, 3)
    assert [w.text for w in words] == ["a", "bbbbbbb"]
    assert words[0].start == 10.0
    assert words[-1].end == pytest.approx(20.0)
    assert words[0].end - words[0].start < words[1].end - words[1].start
    assert words_of_segment("   ", 0, 1, 0) == []


def test_segments_are_rebuilt_per_group_and_speaker():
    words = [
        TimedWord("Hello", 0, 1, 0, "Speaker 1"),
        TimedWord("there.", 1, 2, 0, "Speaker 1"),
        TimedWord("Hi!", 2, 3, 0, "Speaker 2"),
        TimedWord("Next", 3, 4, 1, "Speaker 2"),
    ]
    segments = segments_from_words(words)
    assert [(s.text, s.speaker, s.start, s.end) for s in segments] == [
        ("Hello there.", "Speaker 1", 0, 2),
        ("Hi!", "Speaker 2", 2, 3),
        ("Next", "Speaker 2", 3, 4),
    ]
