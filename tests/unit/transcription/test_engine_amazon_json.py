"""Amazon Transcribe's output JSON → the canonical transcript, speakers from its labels, never invented."""

import json

import pytest

from podcast_digest.errors import BadInputError, TranscriptFormatError
from podcast_digest.models import TranscriptSourceKind
from podcast_digest.transcription.engines.amazon import (
    failure_of,
    job_name_for,
    output_key,
    transcript_from_amazon_json,
)


def _item(i, start, end, content, speaker=None, kind="pronunciation"):
    item = {
        "id": i,
        "type": kind,
        "alternatives": [{"confidence": "0.99" if kind != "punctuation" else "0.0", "content": content}],
    }
    if kind == "pronunciation":
        item |= {"start_time": f"{start:.3f}", "end_time": f"{end:.3f}"}
    if speaker:
        item["speaker_label"] = speaker
    return item


# Shaped like a real Transcribe output with ShowSpeakerLabels (2024+ adds "id", item speaker labels, audio_segments).
REAL_SHAPE = {
    "jobName": "podcast-digest-ep1",
    "accountId": "123456789012",
    "status": "COMPLETED",
    "results": {
        "transcripts": [{"transcript": "Welcome to the show. Thanks, glad to be here."}],
        "speaker_labels": {
            "channel_label": "ch_0",
            "speakers": 2,
            "segments": [
                {
                    "start_time": "0.44",
                    "end_time": "1.9",
                    "speaker_label": "spk_0",
                    "items": [
                        {"start_time": "0.44", "end_time": "0.8", "speaker_label": "spk_0"},
                        {"start_time": "0.8", "end_time": "0.95", "speaker_label": "spk_0"},
                        {"start_time": "0.95", "end_time": "1.1", "speaker_label": "spk_0"},
                        {"start_time": "1.1", "end_time": "1.9", "speaker_label": "spk_0"},
                    ],
                },
                {
                    "start_time": "2.3",
                    "end_time": "3.9",
                    "speaker_label": "spk_1",
                    "items": [
                        {"start_time": "2.3", "end_time": "2.8", "speaker_label": "spk_1"},
                        {"start_time": "2.9", "end_time": "3.1", "speaker_label": "spk_1"},
                        {"start_time": "3.1", "end_time": "3.2", "speaker_label": "spk_1"},
                        {"start_time": "3.2", "end_time": "3.4", "speaker_label": "spk_1"},
                        {"start_time": "3.4", "end_time": "3.9", "speaker_label": "spk_1"},
                    ],
                },
            ],
        },
        "items": [
            _item(0, 0.44, 0.8, "Welcome", "spk_0"),
            _item(1, 0.8, 0.95, "to", "spk_0"),
            _item(2, 0.95, 1.1, "the", "spk_0"),
            _item(3, 1.1, 1.9, "show", "spk_0"),
            _item(4, 0, 0, ".", "spk_0", "punctuation"),
            _item(5, 2.3, 2.8, "Thanks", "spk_1"),
            _item(6, 0, 0, ",", "spk_1", "punctuation"),
            _item(7, 2.9, 3.1, "glad", "spk_1"),
            _item(8, 3.1, 3.2, "to", "spk_1"),
            _item(9, 3.2, 3.4, "be", "spk_1"),
            _item(10, 3.4, 3.9, "here", "spk_1"),
            _item(11, 0, 0, ".", "spk_1", "punctuation"),
        ],
        "audio_segments": [
            {
                "id": 0,
                "transcript": "Welcome to the show.",
                "start_time": "0.44",
                "end_time": "1.9",
                "speaker_label": "spk_0",
                "items": [0, 1, 2, 3, 4],
            },
            {
                "id": 1,
                "transcript": "Thanks, glad to be here.",
                "start_time": "2.3",
                "end_time": "3.9",
                "speaker_label": "spk_1",
                "items": [5, 6, 7, 8, 9, 10, 11],
            },
        ],
    },
}


def test_speaker_turns_become_segments_with_punctuation_attached():
    transcript = transcript_from_amazon_json(json.dumps(REAL_SHAPE).encode(), episode_id="ep1")
    assert [(s.speaker, s.text, s.start, s.end) for s in transcript.segments] == [
        ("Speaker 1", "Welcome to the show.", 0.44, 1.9),
        ("Speaker 2", "Thanks, glad to be here.", 2.3, 3.9),
    ]
    assert transcript.episode_id == "ep1"
    source = transcript.source
    assert source.kind is TranscriptSourceKind.SPEECH_TO_TEXT
    assert source.engine == "amazon-transcribe"
    assert source.audio_seconds == pytest.approx(3.9)
    assert source.cost_usd == pytest.approx(0.024 * 15 / 60)  # the 15-second minimum


def test_older_outputs_with_speakers_only_in_speaker_labels_still_get_speakers():
    older = json.loads(json.dumps(REAL_SHAPE))
    for item in older["results"]["items"]:
        item.pop("speaker_label", None)
        item.pop("id", None)
    del older["results"]["audio_segments"]
    transcript = transcript_from_amazon_json(json.dumps(older).encode(), episode_id="ep1")
    assert [s.speaker for s in transcript.segments] == ["Speaker 1", "Speaker 2"]


def test_without_speaker_labels_no_speaker_is_invented():
    plain = json.loads(json.dumps(REAL_SHAPE))
    for item in plain["results"]["items"]:
        item.pop("speaker_label", None)
    del plain["results"]["speaker_labels"]
    transcript = transcript_from_amazon_json(json.dumps(plain).encode(), episode_id="ep1")
    assert all(s.speaker is None for s in transcript.segments)
    assert transcript.text == "Welcome to the show. Thanks, glad to be here."


def test_a_long_monologue_is_split_at_sentence_ends():
    items, t = [], 0.0
    for sentence in range(6):
        for word in ("this", "is", "sentence", f"number{sentence}"):
            items.append(_item(len(items), t, t + 2.0, word, "spk_0"))
            t += 2.0
        items.append(_item(len(items), 0, 0, ".", "spk_0", "punctuation"))
    data = {"results": {"transcripts": [{"transcript": ""}], "items": items}}
    transcript = transcript_from_amazon_json(json.dumps(data).encode(), episode_id="e")
    assert len(transcript.segments) > 1
    assert all(s.text.endswith(".") for s in transcript.segments)
    assert all(s.end - s.start <= 40 for s in transcript.segments)


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b"{}",
        b'{"results": {"items": [{"type": "pronunciation", "alternatives": []}]}}',
        b"[1, 2]",
    ],
)
def test_broken_output_is_a_transcript_format_error(data):
    with pytest.raises(TranscriptFormatError, match="not the JSON Transcribe writes"):
        transcript_from_amazon_json(data, episode_id="e")


def test_output_with_no_words_is_refused():
    data = {"results": {"transcripts": [{"transcript": ""}], "items": []}}
    with pytest.raises(TranscriptFormatError, match="no speech"):
        transcript_from_amazon_json(json.dumps(data).encode(), episode_id="e")


def test_job_names_are_stable_and_within_transcribes_alphabet():
    assert job_name_for("abc123") == job_name_for("abc123") == "podcast-digest-abc123"
    odd = job_name_for("feed/ep 1?")
    assert odd.startswith("podcast-digest-")
    assert all(c.isalnum() or c in "._-" for c in odd)
    assert len(job_name_for("x" * 500)) <= 200


def test_output_key_is_read_from_both_uri_styles():
    assert output_key(
        "https://s3.us-east-1.amazonaws.com/my-bucket/transcribe-output/j.json", "my-bucket"
    ) == ("transcribe-output/j.json")
    assert output_key(
        "https://my-bucket.s3.eu-west-1.amazonaws.com/transcribe-output/j.json", "my-bucket"
    ) == ("transcribe-output/j.json")
    assert output_key("https://s3.us-east-1.amazonaws.com/other-bucket/j.json", "my-bucket") is None


def test_a_failed_job_is_bad_input_carrying_transcribes_reason():
    error = failure_of(
        {"TranscriptionJobName": "podcast-digest-e", "FailureReason": "Unsupported media format"}
    )
    assert isinstance(error, BadInputError)
    assert "Unsupported media format" in str(error)
    assert "podcast-digest-e" in str(error)
