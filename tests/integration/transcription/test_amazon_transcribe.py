"""Amazon Transcribe against moto: idempotent job start, polling, output JSON read from S3 with speakers.

moto's Transcribe only moves a job's status (one step per get) and writes
no output: each test puts an output JSON shaped exactly like Transcribe's
where the job's TranscriptFileUri points, as the service would.
"""

import json

import pytest

from podcast_digest.errors import NotFoundError
from podcast_digest.models import Episode
from podcast_digest.transcription.engines.amazon import (
    TranscriptionJobFailed,
    job_name_for,
    job_result,
    start_job,
)
from tests.support.aws import BUCKET, REGION, aws_environment, moto_account
from tests.support.speech import mp3_bytes

EPISODE = Episode(episode_id="0f3a9c2e41b7", feed_id="feed-9", title="Interview", language="en-GB")
AUDIO_KEY = "audio/feed-9/0f3a9c2e41b7.mp3"

TURNS = [
    ("spk_0", "Welcome back to the show.", 0.5),
    ("spk_1", "Thanks for having me, it is great to be here.", 3.2),
    ("spk_0", "Let us start with your new book.", 7.9),
]


def transcribe_output(job_name: str, turns=TURNS) -> bytes:
    """An output file as Transcribe writes it with ShowSpeakerLabels: items, speaker_labels, audio_segments."""
    items, label_segments, audio_segments = [], [], []
    for speaker, sentence, start in turns:
        t = start
        first_item, labelled = len(items), []
        for token in sentence.split():
            word, punct = (token[:-1], token[-1]) if token[-1] in ".,?!" else (token, "")
            items.append(
                {
                    "id": len(items),
                    "type": "pronunciation",
                    "alternatives": [{"confidence": "0.998", "content": word}],
                    "start_time": f"{t:.3f}",
                    "end_time": f"{t + 0.3:.3f}",
                    "speaker_label": speaker,
                }
            )
            labelled.append(
                {"start_time": f"{t:.3f}", "end_time": f"{t + 0.3:.3f}", "speaker_label": speaker}
            )
            if punct:
                items.append(
                    {
                        "id": len(items),
                        "type": "punctuation",
                        "alternatives": [{"confidence": "0.0", "content": punct}],
                        "speaker_label": speaker,
                    }
                )
            t += 0.35
        label_segments.append(
            {
                "start_time": f"{start:.3f}",
                "end_time": f"{t:.3f}",
                "speaker_label": speaker,
                "items": labelled,
            }
        )
        audio_segments.append(
            {
                "id": len(audio_segments),
                "transcript": sentence,
                "start_time": f"{start:.3f}",
                "end_time": f"{t:.3f}",
                "speaker_label": speaker,
                "items": list(range(first_item, len(items))),
            }
        )
    return json.dumps(
        {
            "jobName": job_name,
            "accountId": "123456789012",
            "status": "COMPLETED",
            "results": {
                "transcripts": [{"transcript": " ".join(s for _, s, _ in turns)}],
                "speaker_labels": {"channel_label": "ch_0", "speakers": 2, "segments": label_segments},
                "items": items,
                "audio_segments": audio_segments,
            },
        }
    ).encode()


@pytest.fixture
def aws(monkeypatch):
    aws_environment(monkeypatch)
    with moto_account():
        import boto3

        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        s3.put_object(Bucket=BUCKET, Key=AUDIO_KEY, Body=mp3_bytes(12))
        yield s3, boto3.client("transcribe", region_name=REGION)


def _poll(job_name, transcribe, s3, limit=10):
    for _ in range(limit):
        result = job_result(job_name, bucket=BUCKET, client=transcribe, s3_client=s3)
        if result is not None:
            return result
    raise AssertionError(f"job {job_name} never completed in {limit} polls")


def test_start_job_asks_for_speaker_labels_and_writes_to_our_bucket(aws):
    _s3, transcribe = aws
    name = start_job(EPISODE, AUDIO_KEY, bucket=BUCKET, client=transcribe)
    assert name == job_name_for(EPISODE.episode_id)
    job = transcribe.get_transcription_job(TranscriptionJobName=name)["TranscriptionJob"]
    assert job["Media"]["MediaFileUri"] == f"s3://{BUCKET}/{AUDIO_KEY}"
    assert job["MediaFormat"] == "mp3"
    assert job["LanguageCode"] == "en-GB"
    assert job["Settings"]["ShowSpeakerLabels"] is True
    assert job["Settings"]["MaxSpeakerLabels"] == 10


def test_starting_twice_is_idempotent(aws):
    _, transcribe = aws
    first = start_job(EPISODE, AUDIO_KEY, bucket=BUCKET, client=transcribe)
    second = start_job(EPISODE, AUDIO_KEY, bucket=BUCKET, client=transcribe)
    assert first == second
    assert len(transcribe.list_transcription_jobs()["TranscriptionJobSummaries"]) == 1


def test_a_language_transcribe_does_not_take_is_identified_instead(aws):
    _, transcribe = aws
    episode = EPISODE.model_copy(update={"episode_id": "ep-xx", "language": "x-klingon"})
    name = start_job(episode, AUDIO_KEY, bucket=BUCKET, client=transcribe)
    job = transcribe.get_transcription_job(TranscriptionJobName=name)["TranscriptionJob"]
    assert job["IdentifyLanguage"] is True


def test_result_is_none_while_running_then_the_transcript_with_speakers(aws):
    s3, transcribe = aws
    name = start_job(EPISODE, AUDIO_KEY, bucket=BUCKET, output_prefix="transcribe-output/", client=transcribe)
    s3.put_object(Bucket=BUCKET, Key=f"transcribe-output/{name}.json", Body=transcribe_output(name))

    assert job_result(name, bucket=BUCKET, client=transcribe, s3_client=s3) is None  # still queued
    transcript = _poll(name, transcribe, s3)

    assert transcript.episode_id == EPISODE.episode_id
    assert [(s.speaker, s.text) for s in transcript.segments] == [
        ("Speaker 1", "Welcome back to the show."),
        ("Speaker 2", "Thanks for having me, it is great to be here."),
        ("Speaker 1", "Let us start with your new book."),
    ]
    assert transcript.segments[1].start == pytest.approx(3.2)
    assert transcript.source.engine == "amazon-transcribe"
    assert transcript.source.cost_usd > 0


def test_a_completed_job_without_its_output_file_is_not_found(aws):
    s3, transcribe = aws
    name = start_job(EPISODE, AUDIO_KEY, bucket=BUCKET, client=transcribe)
    with pytest.raises(NotFoundError, match="does not exist"):
        _poll(name, transcribe, s3)


def test_a_failed_job_raises_bad_input_with_the_reason(aws):
    from moto.transcribe.models import transcribe_backends

    s3, transcribe = aws
    name = start_job(EPISODE, AUDIO_KEY, bucket=BUCKET, client=transcribe)
    # moto never fails a job by itself: put it in the state Transcribe would for undecodable audio.
    job = transcribe_backends["123456789012"][REGION].transcriptions[name]
    job.status = "FAILED"
    job.failure_reason = "The media format that you specified doesn't match the detected media format."
    with pytest.raises(TranscriptionJobFailed, match="could not transcribe the audio"):
        job_result(name, bucket=BUCKET, client=transcribe, s3_client=s3)


def test_an_unknown_job_is_not_found(aws):
    s3, transcribe = aws
    with pytest.raises(NotFoundError, match="no Amazon Transcribe job"):
        job_result("podcast-digest-nope", bucket=BUCKET, client=transcribe, s3_client=s3)
