"""Kept chunks of a long transcription: skipped chunks fall on the same boundaries, damaged parts are resent."""

import io

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.transcription.audio import ChunkPlan, encode_opus_chunks
from podcast_digest.transcription.engines.chunk_parts import EpisodeChunkParts
from podcast_digest.transcription.merge import ChunkWords, TimedWord
from tests.support.speech import wav_bytes


def test_skipped_chunks_keep_the_boundaries_of_encoded_ones_and_carry_no_audio():
    plan = ChunkPlan(max_seconds=30, overlap_seconds=4, max_bytes=25_000_000)
    audio = wav_bytes(100)

    encoded = list(encode_opus_chunks(io.BytesIO(audio), plan))
    skipped = list(encode_opus_chunks(io.BytesIO(audio), plan, skip=lambda index: index % 2 == 0))

    assert [(c.index, c.start, c.end) for c in skipped] == [(c.index, c.start, c.end) for c in encoded]
    assert [bool(c.data) for c in skipped] == [index % 2 == 1 for index in range(len(encoded))]
    assert all(c.data for c in encoded)


def test_a_plan_whose_chunks_may_be_cut_by_size_encodes_everything():
    # 2 MB a request: at 24 kbit/s a 600 s chunk (1.8 MB) could be cut early, so boundaries need the encoder.
    plan = ChunkPlan(max_seconds=600, overlap_seconds=4, max_bytes=2_000_000)

    chunks = list(encode_opus_chunks(io.BytesIO(wav_bytes(20)), plan, skip=lambda index: True))

    assert all(c.data for c in chunks)


def test_kept_chunks_round_trip_and_a_damaged_one_is_sent_again(tmp_path):
    blobs = FolderBlobStore(tmp_path / "blobs")
    said = ChunkWords(
        56.0, 116.0, [TimedWord("s56", 56.0, 57.0, 2_000_000, "Speaker 1")], timing_estimated=True
    )
    EpisodeChunkParts(blobs, "ep-1", "gpt-4o-mini-transcribe", 60).save(1, said)

    again = EpisodeChunkParts(blobs, "ep-1", "gpt-4o-mini-transcribe", 60)
    assert again.has(1)
    assert again.words(1) == said
    assert not again.has(0)
    assert not EpisodeChunkParts(blobs, "ep-1", "whisper-1", 60).has(1)  # another plan never reuses it

    blobs.put_bytes(f"{again.prefix}00001.json", b'{"index": 1, "start": "broken')
    assert not EpisodeChunkParts(blobs, "ep-1", "gpt-4o-mini-transcribe", 60).has(1)

    again.discard()
    assert blobs.list_keys(again.prefix) == []
