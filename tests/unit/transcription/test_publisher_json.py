"""Podcasting 2.0 JSON transcripts: word segments merged into readable ones; other JSON refused."""

import json

import pytest

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher import parse_transcript


def _json(document) -> list[tuple]:
    data = json.dumps(document).encode()
    return [
        (s.speaker, s.start, s.end, s.text) for s in parse_transcript(data, hint="application/json").segments
    ]


def _words(*items):
    return {
        "version": "1.0.0",
        "segments": [dict(zip(("speaker", "startTime", "endTime", "body"), i, strict=False)) for i in items],
    }


def test_words_merge_until_a_sentence_ends():
    assert _json(_words(("A", 0, 0.4, "Hello"), ("A", 0.5, 0.9, "there."), ("A", 1.0, 1.3, "Next"))) == [
        ("A", 0, 0.9, "Hello there."),
        ("A", 1.0, 1.3, "Next"),
    ]


def test_a_pause_or_a_new_speaker_starts_a_new_segment():
    assert _json(_words(("A", 0, 0.4, "so"), ("A", 3.0, 3.4, "anyway"), ("B", 3.5, 3.9, "right"))) == [
        ("A", 0, 0.4, "so"),
        ("A", 3.0, 3.4, "anyway"),
        ("B", 3.5, 3.9, "right"),
    ]


def test_merged_segments_stay_bounded_without_punctuation():
    items = [("A", i * 0.3, i * 0.3 + 0.25, "word") for i in range(200)]
    segments = _json(_words(*items))
    assert len(segments) >= 4
    assert all(len(text.split()) <= 60 for *_, text in segments)
    assert sum(len(text.split()) for *_, text in segments) == 200


def test_punctuation_words_attach_without_a_space_and_speakers_are_optional():
    document = {
        "segments": [
            {"startTime": 0, "endTime": 1, "body": "Yes"},
            {"startTime": 1, "endTime": 1.1, "body": ","},
        ]
    }
    assert _json(document) == [(None, 0, 1.1, "Yes,")]


def test_sentence_level_segments_and_string_times_pass_through():
    document = {
        "segments": [{"speaker": "Host", "startTime": "1.5", "endTime": "4", "body": "A whole sentence."}]
    }
    assert _json(document) == [("Host", 1.5, 4.0, "A whole sentence.")]


def test_a_bare_list_of_segments_is_accepted():
    assert _json([{"startTime": 0, "endTime": 1, "body": "hi"}]) == [(None, 0, 1, "hi")]


def test_a_chapters_file_is_not_a_transcript():
    with pytest.raises(
        TranscriptFormatError, match=r"not a Podcasting 2\.0 transcript.*looks like a chapters file"
    ):
        _json({"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}]})


@pytest.mark.parametrize(
    ("document", "found"),
    [
        ({"title": "x"}, "found keys 'title'"),
        ([1, 2, 3], "found a list"),
        ({"segments": [{"startTime": 1}]}, "segment 1 has no body"),
        ({"segments": ["word"]}, "segment 1 is not an object"),
    ],
)
def test_json_that_is_not_a_transcript_says_what_it_found(document, found):
    with pytest.raises(TranscriptFormatError) as caught:
        _json(document)
    assert "is not a Podcasting 2.0 transcript" in str(caught.value)
    assert found in str(caught.value)


@pytest.mark.parametrize("bad", ["soon", None, True, float("nan"), -1])
def test_a_start_time_that_is_not_seconds_names_the_segment(bad):
    document = {"segments": [{"startTime": 0, "body": "ok"}, {"startTime": bad, "endTime": 2, "body": "x"}]}
    with pytest.raises(TranscriptFormatError, match=r"^segment 2: startTime"):
        _json(document)


def test_end_before_start_names_the_segment():
    with pytest.raises(
        TranscriptFormatError, match=r"^segment 1: end 00:00:01.000 is before start 00:00:02.000"
    ):
        _json({"segments": [{"startTime": 2, "endTime": 1, "body": "x"}]})


def test_broken_json_says_where():
    with pytest.raises(TranscriptFormatError, match=r"not valid JSON \(line 1 column"):
        parse_transcript(b'{"segments": [{"startTime": 0,', hint="application/json")


def test_deeply_nested_json_is_refused_not_crashed():
    with pytest.raises(TranscriptFormatError):
        parse_transcript(b"[" * 100_000 + b"]" * 100_000, hint="application/json")


def test_no_segments_is_an_empty_transcript():
    with pytest.raises(TranscriptFormatError, match="has no text"):
        _json({"version": "1.0.0", "segments": []})
