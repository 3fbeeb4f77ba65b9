"""Audio preparation: bad audio refused clearly, durations probed, chunks within limits and overlapping."""

import io
import itertools

import pytest

from podcast_digest.errors import AudioError, BadInputError
from podcast_digest.transcription.audio import (
    SAMPLE_RATE,
    ChunkPlan,
    DecodeReport,
    decode_pcm,
    encode_opus_chunks,
    pcm_windows,
    probe_duration,
)
from tests.support.speech import decoded_seconds, mp3_bytes, wav_bytes


def _decode(data: bytes) -> float:
    return sum(len(block) for block in decode_pcm(io.BytesIO(data))) / SAMPLE_RATE


# --- bad audio -------------------------------------------------------------------


def test_empty_file_is_refused_as_empty():
    with pytest.raises(AudioError, match="empty"):
        _decode(b"")


@pytest.mark.parametrize(
    "page",
    [
        b"<!DOCTYPE html><html><head><title>404</title></head><body>Not found</body></html>",
        b"\xef\xbb\xbf\n  <html lang='en'><body>Please log in</body></html>",
    ],
)
def test_html_posing_as_audio_says_the_feed_link_is_broken(page):
    with pytest.raises(AudioError, match="HTML page, not audio: the feed's link is probably broken"):
        _decode(page)


def test_storage_error_xml_is_refused():
    body = b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code></Error>'
    with pytest.raises(AudioError, match="XML document, not audio"):
        _decode(body)


def test_text_is_not_audio():
    with pytest.raises(AudioError, match="not audio"):
        _decode(b"these are words in a text file, not sound at all\n" * 40)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" * 30,
        bytes(range(256)) * 40,
    ],
    ids=["pdf", "unknown-binary"],
)
def test_a_format_pyav_cannot_read_is_refused(data):
    with pytest.raises(AudioError, match="not audio that can be decoded"):
        _decode(data)


def test_truncated_mp3_is_refused_as_truncated():
    whole = mp3_bytes(30)
    with pytest.raises(AudioError, match=r"truncated: its header declares 30s but only 1\ds"):
        _decode(whole[: len(whole) // 2])


def test_truncated_wav_is_refused_as_truncated():
    whole = wav_bytes(20)
    with pytest.raises(AudioError, match="truncated"):
        _decode(whole[: len(whole) // 3])


def test_file_cut_right_after_its_header_is_refused():
    with pytest.raises(AudioError, match="no audio could be decoded"):
        _decode(wav_bytes(20)[:44])


def test_audio_declaring_a_day_long_duration_is_refused_before_decoding():
    # A WAV header may claim any length: 24 hours of 8 kHz audio, with one second actually present.
    wav = bytearray(wav_bytes(1))
    day = 24 * 3600 * 8000 * 2
    wav[4:8] = (36 + day).to_bytes(4, "little")
    wav[40:44] = day.to_bytes(4, "little")
    with pytest.raises(AudioError, match=r"24\.0 hours, longer than the 12-hour limit"):
        _decode(bytes(wav))


def test_audio_errors_are_bad_input_so_the_episode_is_marked_failed_not_retried():
    assert issubclass(AudioError, BadInputError)


# --- probing and decoding ------------------------------------------------------------


def test_duration_is_read_from_headers():
    assert probe_duration(io.BytesIO(mp3_bytes(12))) == pytest.approx(12, abs=0.2)
    assert probe_duration(io.BytesIO(wav_bytes(7))) == pytest.approx(7)


def test_duration_of_non_audio_is_unknown():
    assert probe_duration(io.BytesIO(b"not audio")) is None


def test_decoding_gives_mono_16khz_one_second_blocks():
    report = DecodeReport()
    blocks = list(decode_pcm(io.BytesIO(mp3_bytes(5)), report))
    assert all(block.ndim == 1 for block in blocks)
    assert [len(b) for b in blocks[:-1]] == [SAMPLE_RATE] * (len(blocks) - 1)
    assert report.decoded_seconds == pytest.approx(5, abs=0.1)
    assert report.codec is not None
    assert "mp3" in report.codec


# --- chunk planning ------------------------------------------------------------------


def test_chunks_cover_the_episode_with_overlaps_and_stay_within_the_duration_limit():
    plan = ChunkPlan(max_seconds=30, overlap_seconds=3, max_bytes=25_000_000)
    chunks = list(encode_opus_chunks(io.BytesIO(wav_bytes(100)), plan))
    assert [(c.start, c.end) for c in chunks] == [(0, 30), (27, 57), (54, 84), (81, 100)]
    for chunk in chunks:
        assert chunk.data[:4] == b"OggS"
        assert decoded_seconds(chunk.data) == pytest.approx(chunk.seconds, abs=0.1)
        assert decoded_seconds(chunk.data) <= 30.05


def test_audio_ending_inside_an_overlap_makes_no_extra_chunk():
    plan = ChunkPlan(max_seconds=20, overlap_seconds=5, max_bytes=25_000_000)
    chunks = list(encode_opus_chunks(io.BytesIO(wav_bytes(18)), plan))
    assert [(c.start, c.end) for c in chunks] == [(0, 18)]


def test_a_short_tail_after_the_last_full_chunk_gets_its_own_chunk():
    plan = ChunkPlan(max_seconds=20, overlap_seconds=2, max_bytes=25_000_000)
    chunks = list(encode_opus_chunks(io.BytesIO(wav_bytes(39.5)), plan))
    assert [(c.start, c.end) for c in chunks] == [(0, 20), (18, 38), (36, 39.5)]


def test_size_limit_ends_chunks_early_and_no_chunk_exceeds_it():
    max_bytes = 120_000
    plan = ChunkPlan(max_seconds=1000, overlap_seconds=3, max_bytes=max_bytes)
    chunks = list(encode_opus_chunks(io.BytesIO(wav_bytes(60, kind="noise", rate=16000)), plan))
    assert len(chunks) >= 2
    assert all(len(c.data) <= max_bytes for c in chunks)
    assert chunks[-1].end == pytest.approx(60)
    for earlier, later in itertools.pairwise(chunks):
        assert earlier.end - later.start == pytest.approx(3)


def test_a_plan_whose_overlap_swallows_the_chunk_is_refused():
    with pytest.raises(ValueError, match="cannot carry"):
        ChunkPlan(max_seconds=10, overlap_seconds=5, max_bytes=1_000_000)


def test_pcm_windows_overlap_and_cover_the_episode():
    windows = list(pcm_windows(io.BytesIO(wav_bytes(50)), window_seconds=20, overlap_seconds=4))
    spans = [(start, start + len(samples) / SAMPLE_RATE) for start, samples in windows]
    assert spans == [(0, 20), (16, 36), (32, 50)]
