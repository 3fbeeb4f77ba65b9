"""The OpenAI engine, through the real `openai` client, against a local server that speaks the API.

The audio is a marker file: every second carries tones that encode its
number, and the server answers with words naming the seconds it decoded
("s0 s1 …"), its first and last word garbled like cut words. So the
stitched transcript must read s0…sN exactly once each, in order.
"""

import pytest

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.errors import AudioError, ConfigurationError, UpstreamThrottled, UpstreamUnavailable
from podcast_digest.models import Episode, TranscriptSourceKind
from podcast_digest.settings import Settings
from podcast_digest.transcription.engines.openai_engine import OpenAITranscriber
from podcast_digest.transcription.pricing import transcription_cost_usd
from tests.support.speech import mp3_bytes
from tests.support.transcription_server import (
    API_MAX_BYTES,
    GPT4O_MAX_SECONDS,
    TranscriptionServer,
    marker_word,
    write_marker_audio,
)

EPISODE = Episode(episode_id="ep-long", feed_id="feed-1", title="A long one", language="en-US")
KEY = "audio/feed-1/ep-long.wav"


def expected_words(seconds: int) -> list[str]:
    words = [marker_word(s) for s in range(seconds)]
    words[0], words[-1] = "uh", "mm"  # the server garbles each chunk's edges; the episode's own edges stay so
    return words


@pytest.fixture
def server():
    with TranscriptionServer() as running:
        yield running


@pytest.fixture
def blobs(tmp_path):
    return FolderBlobStore(tmp_path / "blobs")


def store_markers(blobs, tmp_path, seconds: int) -> None:
    wav = write_marker_audio(tmp_path / "markers.wav", seconds)
    with wav.open("rb") as f:
        blobs.put_stream(KEY, f, "audio/wav")
    wav.unlink()


def engine(server, blobs, model="gpt-4o-mini-transcribe", **options):
    settings = Settings(openai_api_key="sk-test", openai_base_url=server.base_url, transcription_model=model)
    options.setdefault("retry_base_seconds", 0.01)
    return OpenAITranscriber(settings, blobs, **options)


@pytest.mark.slow
def test_a_three_hour_episode_becomes_one_transcript_in_order_with_no_doubled_overlap(
    server, blobs, tmp_path
):
    seconds = 3 * 3600
    store_markers(blobs, tmp_path, seconds)

    transcript = engine(server, blobs).transcribe(EPISODE, KEY)

    assert transcript.text.split() == expected_words(seconds)
    assert server.violations == []
    assert len(server.uploads) >= 8  # 10,800 s in chunks of at most 1,400 s
    assert max(u.seconds for u in server.uploads) <= GPT4O_MAX_SECONDS
    assert max(u.size for u in server.uploads) <= API_MAX_BYTES
    assert sorted(u.first_second for u in server.uploads) == sorted(set(server.requests_by_chunk))
    assert all(count == 1 for count in server.requests_by_chunk.values())
    assert {u.language for u in server.uploads} == {"en"}
    source = transcript.source
    assert source.kind is TranscriptSourceKind.SPEECH_TO_TEXT
    assert (source.engine, source.model) == ("openai", "gpt-4o-mini-transcribe")
    assert source.audio_seconds == pytest.approx(seconds)
    assert source.timing_estimated is True  # gpt-4o models return text only
    sent = sum(u.seconds for u in server.uploads)
    assert source.cost_usd == pytest.approx(
        transcription_cost_usd("openai", "gpt-4o-mini-transcribe", sent), rel=1e-3
    )
    starts = [s.start for s in transcript.segments]
    assert starts == sorted(starts)
    assert transcript.segments[-1].end == pytest.approx(seconds, abs=1)


def test_whisper_segments_are_shifted_to_episode_time(server, blobs, tmp_path):
    seconds = 200
    store_markers(blobs, tmp_path, seconds)

    transcript = engine(server, blobs, model="whisper-1", chunk_seconds=60, overlap_seconds=6).transcribe(
        EPISODE, KEY
    )

    assert transcript.text.split() == expected_words(seconds)
    assert len(server.uploads) == 4
    assert all(u.response_format == "verbose_json" for u in server.uploads)
    # Each word names its second; its segment must start at that second of the episode.
    for segment in transcript.segments[1:-1]:
        assert segment.start == pytest.approx(int(segment.text.removeprefix("s")), abs=0.01)
    assert transcript.source.timing_estimated is False


def test_throttling_and_server_errors_are_retried_until_success(server, blobs, tmp_path):
    store_markers(blobs, tmp_path, 90)
    server.fail_next(429, 500)

    transcript = engine(server, blobs, chunk_seconds=40, overlap_seconds=5).transcribe(EPISODE, KEY)

    assert transcript.text.split() == expected_words(90)
    assert [u.status for u in server.uploads[:2]] == [429, 500]
    assert server.uploads[-1].status == 200


def test_a_request_that_times_out_is_retried(server, blobs, tmp_path):
    store_markers(blobs, tmp_path, 30)
    server.stall_next(1.5)

    transcript = engine(server, blobs, request_timeout_seconds=0.5).transcribe(EPISODE, KEY)

    assert transcript.text.split() == expected_words(30)
    assert server.stalled == 1
    assert server.received == 2  # the client gave up on the stalled request and sent the chunk again


def test_a_chunk_that_keeps_failing_is_retried_alone(server, blobs, tmp_path):
    store_markers(blobs, tmp_path, 120)
    failing_chunk_start = 35  # chunks start at 0, 35, 70, 105 with 40 s chunks and 5 s overlap
    server.fail_chunk(failing_chunk_start, 500, 503, 500, 502)  # more than the client's own 2 retries

    transcript = engine(server, blobs, chunk_seconds=40, overlap_seconds=5, client_retries=2).transcribe(
        EPISODE, KEY
    )

    assert transcript.text.split() == expected_words(120)
    assert server.requests_by_chunk[failing_chunk_start] == 5
    assert all(
        count == 1 for start, count in server.requests_by_chunk.items() if start != failing_chunk_start
    )


def test_a_chunk_that_never_succeeds_is_a_transient_error(server, blobs, tmp_path):
    store_markers(blobs, tmp_path, 60)
    server.fail_chunk(0, *[500] * 20)
    with pytest.raises(UpstreamUnavailable, match="failed 2 times"):
        engine(server, blobs, chunk_attempts=2, client_retries=1).transcribe(EPISODE, KEY)


def test_persistent_throttling_is_upstream_throttled(server, blobs, tmp_path):
    store_markers(blobs, tmp_path, 30)
    server.fail_chunk(0, *[429] * 20)
    with pytest.raises(UpstreamThrottled):
        engine(server, blobs, chunk_attempts=2, client_retries=1).transcribe(EPISODE, KEY)


def test_a_rejected_key_says_which_setting_to_fix(server, blobs, tmp_path):
    store_markers(blobs, tmp_path, 30)
    server.fail_chunk(0, 401)
    with pytest.raises(ConfigurationError, match="PODCAST_DIGEST_OPENAI_API_KEY"):
        engine(server, blobs).transcribe(EPISODE, KEY)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body>Episode not found</body></html>", "HTML page, not audio"),
        (b"just some text, not a sound\n" * 50, "not audio"),
    ],
    ids=["zero-length", "html", "text"],
)
def test_bad_audio_is_refused_before_anything_is_uploaded(server, blobs, body, message):
    blobs.put_bytes(KEY, body)
    with pytest.raises(AudioError, match=message):
        engine(server, blobs).transcribe(EPISODE, KEY)
    assert server.uploads == []


def test_truncated_audio_is_refused(server, blobs):
    whole = mp3_bytes(40)
    blobs.put_bytes(KEY, whole[: len(whole) // 2])
    with pytest.raises(AudioError, match="truncated"):
        engine(server, blobs).transcribe(EPISODE, KEY)
