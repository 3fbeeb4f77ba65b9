"""Engine ports: speech-to-text and summarization, each with an offline default."""

from typing import Protocol

from podcast_digest.models import Episode, Feed, Summary, Transcript


class Transcriber(Protocol):
    name: str

    def transcribe(self, episode: Episode, audio_key: str, *, language: str | None = None) -> Transcript:
        """Turn the audio stored at audio_key (in the blob store) into a transcript. `language` is the
        feed's pin (a code from models/languages.py): heard as that language, never detected."""
        ...


class Summarizer(Protocol):
    name: str

    def summarize(self, feed: Feed, episode: Episode, transcript: Transcript) -> Summary:
        """Produce every part of the house format from the transcript and the episode's metadata."""
        ...
