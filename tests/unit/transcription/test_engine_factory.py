"""make_transcriber: the engine the settings name, with clear errors where one cannot run here."""

import pytest

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.errors import ConfigurationError
from podcast_digest.settings import Settings
from podcast_digest.transcription.engines import make_transcriber
from podcast_digest.transcription.engines.offline import OfflineWhisperTranscriber
from podcast_digest.transcription.engines.openai_engine import OpenAITranscriber, model_limits


@pytest.fixture
def blobs(tmp_path):
    return FolderBlobStore(tmp_path / "blobs")


def test_auto_without_a_key_is_the_offline_engine(blobs):
    engine = make_transcriber(Settings(), blobs)
    assert isinstance(engine, OfflineWhisperTranscriber)
    assert engine.name == "faster-whisper"


def test_auto_with_a_key_is_openai(blobs):
    engine = make_transcriber(Settings(openai_api_key="sk-test"), blobs)
    assert isinstance(engine, OpenAITranscriber)
    assert engine.model == "gpt-4o-mini-transcribe"


def test_offline_can_be_chosen_even_with_a_key(blobs):
    engine = make_transcriber(Settings(transcriber="offline", openai_api_key="sk-test"), blobs)
    assert isinstance(engine, OfflineWhisperTranscriber)


def test_openai_without_key_or_server_says_what_to_set(blobs):
    with pytest.raises(ConfigurationError, match="PODCAST_DIGEST_OPENAI_API_KEY"):
        make_transcriber(Settings(transcriber="openai"), blobs)


def test_openai_compatible_server_without_a_key_is_accepted(blobs):
    settings = Settings(
        transcriber="openai", openai_base_url="http://127.0.0.1:9/v1", transcription_model="whisper-1"
    )
    engine = make_transcriber(settings, blobs)
    assert isinstance(engine, OpenAITranscriber)
    assert engine.model == "whisper-1"


def test_amazon_transcribe_is_refused_locally_with_the_reason(blobs):
    with pytest.raises(ConfigurationError, match="runs only in the AWS stack"):
        make_transcriber(Settings(transcriber="transcribe"), blobs)


def test_gpt4o_models_are_capped_at_1400_seconds_and_whisper_only_by_size():
    assert model_limits("gpt-4o-mini-transcribe").max_seconds == 1400
    assert model_limits("gpt-4o-transcribe").segments is False
    assert model_limits("whisper-1").max_seconds is None
    assert model_limits("whisper-1").segments is True
    assert model_limits("a-future-model").max_seconds == 1400  # the strictest until known
