"""A feed's language pin reaches every engine's own request: OpenAI's `language` field, Transcribe's
StartTranscriptionJob LanguageCode (moto), and faster-whisper's `language=`; without a pin each engine
goes on as before (the feed's declared language, or detection). A pin an engine cannot honour fails the
episode with one line saying what to do, before any audio is sent."""

import pytest

from podcast_digest.adapters.folder_blobs import FolderBlobStore
from podcast_digest.cli.lookup import feed_location
from podcast_digest.errors import ConfigurationError
from podcast_digest.models import Episode, EpisodeStatus, Feed, FeedControls, feed_id_for
from podcast_digest.pipeline.runner import process_episode
from podcast_digest.pipeline.steps import poll
from podcast_digest.settings import Settings, load_settings
from podcast_digest.transcription.engines import offline
from podcast_digest.transcription.engines.amazon import start_job
from podcast_digest.transcription.engines.openai_engine import OpenAITranscriber
from podcast_digest.wiring import build_context
from tests.support.aws import BUCKET, aws_environment, create_bucket, moto_account
from tests.support.speech import KNOWN_TEXT, speak
from tests.support.transcription_server import TranscriptionServer, write_marker_audio

EPISODE = Episode(episode_id="ep-pin", feed_id="feed-1", title="Ein Gespräch", language="en-US")
KEY = "audio/feed-1/ep-pin.wav"


@pytest.fixture
def server():
    with TranscriptionServer() as running:
        yield running


@pytest.fixture
def blobs(tmp_path):
    store = FolderBlobStore(tmp_path / "blobs")
    wav = write_marker_audio(tmp_path / "markers.wav", 20)
    with wav.open("rb") as f:
        store.put_stream(KEY, f, "audio/wav")
    return store


def openai_engine(server, blobs) -> OpenAITranscriber:
    settings = Settings(
        openai_api_key="sk-test", openai_base_url=server.base_url, transcription_model="whisper-1"
    )
    return OpenAITranscriber(settings, blobs, retry_base_seconds=0.01)


def test_openai_requests_carry_the_pin_instead_of_the_feed_s_language(server, blobs):
    transcript = openai_engine(server, blobs).transcribe(EPISODE, KEY, language="de")

    assert server.uploads
    assert {u.language for u in server.uploads} == {"de"}
    assert transcript.language == "de"


def test_a_regional_pin_is_sent_as_the_code_the_api_takes(server, blobs):
    openai_engine(server, blobs).transcribe(EPISODE, KEY, language="pt-BR")
    assert {u.language for u in server.uploads} == {"pt"}


def test_without_a_pin_openai_still_gets_the_feed_s_declared_language(server, blobs):
    openai_engine(server, blobs).transcribe(EPISODE, KEY)
    assert {u.language for u in server.uploads} == {"en"}


def _audio_feed(folder, seconds: int = 12):
    folder.mkdir(parents=True, exist_ok=True)
    write_marker_audio(folder / "talk.wav", seconds)
    feed = folder / "feed.xml"
    feed.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sprechstunde</title><link>https://example.org/</link>
<language>en-us</language><description>Gespräche.</description>
<item><title>Folge 1</title><guid>f1</guid><pubDate>Mon, 01 Jun 2026 12:00:00 +0000</pubDate>
<enclosure url="talk.wav" type="audio/wav" length="1000"/></item>
</channel></rss>""",
        encoding="utf-8",
    )
    return feed


def test_the_transcribe_step_takes_the_pin_from_the_feed_record(server, tmp_path):
    ctx = build_context(
        load_settings(
            home=tmp_path / "home",
            transcriber="openai",
            openai_api_key="sk-test",
            openai_base_url=server.base_url,
            transcription_model="whisper-1",
        )
    )
    url = feed_location(str(_audio_feed(tmp_path / "feed")))
    ctx.records.put_feed(Feed(feed_id=feed_id_for(url), url=url, controls=FeedControls(language="fr-CA")))
    [ref] = poll(ctx, force=True)

    from podcast_digest.pipeline.steps import transcribe_episode

    transcribe_episode(ctx, ref)

    assert server.uploads
    assert {u.language for u in server.uploads} == {"fr"}  # the feed says en-us; the pin wins
    assert ctx.records.get_episode(ref.episode_id).status is EpisodeStatus.TRANSCRIBED


# --- Amazon Transcribe (moto) -------------------------------------------------------------------


@pytest.fixture
def transcribe(monkeypatch):
    import boto3

    aws_environment(monkeypatch)
    with moto_account():
        create_bucket()
        yield boto3.client("transcribe")


def _job(transcribe, name):
    return transcribe.get_transcription_job(TranscriptionJobName=name)["TranscriptionJob"]


def test_transcribe_jobs_get_the_pin_as_their_language_code(transcribe):
    name = start_job(EPISODE, "audio/feed-1/ep-pin.mp3", bucket=BUCKET, client=transcribe, language="de")
    job = _job(transcribe, name)
    assert job["LanguageCode"] == "de-DE"
    assert "IdentifyLanguage" not in job or not job["IdentifyLanguage"]


def test_a_regional_pin_is_kept_for_transcribe(transcribe):
    name = start_job(EPISODE, "audio/feed-1/ep-pin.mp3", bucket=BUCKET, client=transcribe, language="en-AU")
    assert _job(transcribe, name)["LanguageCode"] == "en-AU"


def test_without_a_pin_transcribe_gets_the_feed_s_language(transcribe):
    name = start_job(EPISODE, "audio/feed-1/ep-pin.mp3", bucket=BUCKET, client=transcribe)
    assert _job(transcribe, name)["LanguageCode"] == "en-US"


def test_a_pin_transcribe_has_no_model_for_starts_no_job(transcribe):
    with pytest.raises(ConfigurationError, match=r"no model for Latin \(la\).*--clear language"):
        start_job(EPISODE, "audio/feed-1/ep-pin.mp3", bucket=BUCKET, client=transcribe, language="la")
    assert transcribe.list_transcription_jobs()["TranscriptionJobSummaries"] == []


# --- faster-whisper (the offline engine) --------------------------------------------------------


class RecordingModel:
    """The real WhisperModel, with the options of each transcribe call kept."""

    def __init__(self, model) -> None:
        self._model = model
        self.model = model.model
        self.calls: list[dict] = []

    def transcribe(self, samples, **options):
        self.calls.append(options)
        return self._model.transcribe(samples, **options)


@pytest.fixture
def recorded(monkeypatch):
    folder = offline.default_model_path()
    real = offline.load_model(folder, offline.PINNED_MODEL_SHA256)
    recording = RecordingModel(real)
    monkeypatch.setitem(offline._models, folder, recording)
    return recording


@pytest.fixture
def spoken(tmp_path):
    store = FolderBlobStore(tmp_path / "spoken")
    wav = speak(KNOWN_TEXT, tmp_path / "speech.wav")
    store.put_bytes(KEY, wav.read_bytes(), "audio/wav")
    return store


@pytest.mark.slow
def test_faster_whisper_is_called_with_the_pin(recorded, spoken):
    transcript = offline.OfflineWhisperTranscriber(Settings(), spoken).transcribe(
        EPISODE, KEY, language="en-GB"
    )

    assert recorded.calls
    assert {c.get("language") for c in recorded.calls} == {"en"}
    assert transcript.language == "en"
    assert "coffee" in transcript.text.lower()


@pytest.mark.slow
def test_without_a_pin_faster_whisper_detects(recorded, spoken):
    offline.OfflineWhisperTranscriber(Settings(), spoken).transcribe(EPISODE, KEY)
    assert recorded.calls
    assert all("language" not in c for c in recorded.calls)


def test_an_english_only_model_refuses_another_pin_before_transcribing(recorded, spoken):
    with pytest.raises(ConfigurationError, match=r"knows only English.*German \(de\)"):
        offline.OfflineWhisperTranscriber(Settings(), spoken).transcribe(EPISODE, KEY, language="de")
    assert recorded.calls == []


def test_the_refusal_leaves_the_episode_failed_and_retriable(recorded, tmp_path):
    ctx = build_context(load_settings(home=tmp_path / "home", transcriber="offline"))
    folder = tmp_path / "feed"
    url = feed_location(str(_audio_feed(folder)))
    speak(KNOWN_TEXT, folder / "talk.wav")
    ctx.records.put_feed(Feed(feed_id=feed_id_for(url), url=url, controls=FeedControls(language="de")))
    [ref] = poll(ctx, force=True)

    done = process_episode(ctx, ctx.records.get_episode(ref.episode_id), retry_delays=())

    assert done.status is EpisodeStatus.FAILED
    assert done.failed_step == "transcribe"
    assert "knows only English" in (done.failure_reason or "")
    assert done.audio_key  # the downloaded audio is kept for the retry
    assert recorded.calls == []
