"""The offline engine: real espeak-ng speech through faster-whisper tiny.en, and its model checks."""

import pytest

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.errors import AudioError, ConfigurationError
from podcast_digest.models import Episode, TranscriptSourceKind
from podcast_digest.settings import Settings
from podcast_digest.transcription.engines.offline import (
    PINNED_MODEL_SHA256,
    OfflineWhisperTranscriber,
    default_model_path,
    verify_model,
)
from tests.support.speech import KNOWN_TEXT, speak, wav_bytes, word_error_rate, words

EPISODE = Episode(episode_id="ep-speech", feed_id="feed-1", title="Coffee")
KEY = "audio/feed-1/ep-speech.wav"


@pytest.fixture
def blobs(tmp_path):
    return FolderBlobStore(tmp_path / "blobs")


@pytest.fixture
def spoken(blobs, tmp_path):
    """The known text, spoken by espeak-ng, stored where the engine reads episode audio."""
    wav = speak(KNOWN_TEXT, tmp_path / "speech.wav")
    blobs.put_bytes(KEY, wav.read_bytes(), "audio/wav")
    return blobs


@pytest.mark.slow
def test_spoken_text_is_transcribed_with_a_low_word_error_rate(spoken):
    transcript = OfflineWhisperTranscriber(Settings(), spoken).transcribe(EPISODE, KEY)
    wer = word_error_rate(KNOWN_TEXT, transcript.text)
    assert wer <= 0.15, f"WER {wer:.2f}: {transcript.text!r}"
    assert transcript.episode_id == EPISODE.episode_id
    assert transcript.source.kind is TranscriptSourceKind.SPEECH_TO_TEXT
    assert (transcript.source.engine, transcript.source.model) == ("faster-whisper", "tiny.en")
    assert transcript.source.cost_usd == 0.0
    assert 10 < transcript.source.audio_seconds < 30
    starts = [s.start for s in transcript.segments]
    assert starts == sorted(starts)
    assert all(s.speaker is None for s in transcript.segments)  # Whisper gives none; none invented
    assert transcript.segments[-1].end <= transcript.source.audio_seconds + 0.5


@pytest.mark.slow
def test_speech_across_window_boundaries_keeps_every_word_once(spoken):
    # Short windows force two joins inside the speech; the stitched text must still read like the original.
    engine = OfflineWhisperTranscriber(Settings(), spoken, window_seconds=8, overlap_seconds=3)
    transcript = engine.transcribe(EPISODE, KEY)
    wer = word_error_rate(KNOWN_TEXT, transcript.text)
    assert wer <= 0.25, f"WER {wer:.2f}: {transcript.text!r}"
    heard = words(transcript.text)
    assert len(heard) <= len(words(KNOWN_TEXT)) + 3  # no doubled overlap


def test_the_shipped_model_matches_its_pinned_hash():
    verify_model(default_model_path(), PINNED_MODEL_SHA256)


def test_a_model_that_does_not_match_its_pin_is_refused():
    with pytest.raises(ConfigurationError, match="does not match its pinned sha256"):
        verify_model(default_model_path(), "0" * 64)


def test_a_model_folder_without_weights_is_refused_with_the_setting_to_fix(blobs, tmp_path):
    blobs.put_bytes(KEY, wav_bytes(1), "audio/wav")
    (tmp_path / "empty-model").mkdir()
    engine = OfflineWhisperTranscriber(Settings(whisper_model_path=tmp_path / "empty-model"), blobs)
    with pytest.raises(ConfigurationError, match=r"model\.bin is missing.*PODCAST_DIGEST_WHISPER_MODEL_PATH"):
        engine.transcribe(EPISODE, KEY)


def test_an_html_enclosure_is_refused_before_the_model_loads(blobs):
    blobs.put_bytes(KEY, b"<!doctype html><html><body>Moved</body></html>", "audio/mpeg")
    with pytest.raises(AudioError, match="HTML page, not audio"):
        OfflineWhisperTranscriber(Settings(), blobs).transcribe(EPISODE, KEY)
