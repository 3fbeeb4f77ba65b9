"""The canonical transcript: timed segments, speakers only where the source gives them."""

from enum import StrEnum

from pydantic import Field, model_validator

from podcast_digest.models.base import DomainModel


class TranscriptSourceKind(StrEnum):
    PUBLISHER = "publisher"  # the feed's own <podcast:transcript>
    DROPPED = "dropped"  # a transcript file a user dropped in
    SPEECH_TO_TEXT = "speech_to_text"  # made by an engine from the audio


class Segment(DomainModel):
    start: float = Field(ge=0, description="seconds from the start of the episode")
    end: float = Field(ge=0)
    text: str
    speaker: str | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> "Segment":
        if self.end < self.start:
            raise ValueError(f"segment ends ({self.end}s) before it starts ({self.start}s)")
        return self


class TranscriptSource(DomainModel):
    kind: TranscriptSourceKind
    format: str | None = Field(None, description="vtt, srt, json, html, text, markdown, or the engine's own")
    engine: str | None = Field(None, description="e.g. faster-whisper, openai, amazon-transcribe")
    model: str | None = None
    url: str | None = None
    audio_seconds: float | None = None
    cost_usd: float = 0.0
    timing_estimated: bool = Field(
        False, description="times interpolated from word counts: the source had few or no timestamps"
    )

    def describe(self) -> str:
        """A short human label, e.g. 'publisher transcript (vtt)' or 'openai whisper-1'."""
        if self.kind is TranscriptSourceKind.SPEECH_TO_TEXT:
            return " ".join(p for p in (self.engine, self.model) if p) or "speech to text"
        label = (
            "publisher transcript" if self.kind is TranscriptSourceKind.PUBLISHER else "dropped transcript"
        )
        return f"{label} ({self.format})" if self.format else label


class Transcript(DomainModel):
    episode_id: str = ""
    language: str | None = None
    segments: list[Segment]
    source: TranscriptSource

    @property
    def duration(self) -> float:
        return max((s.end for s in self.segments), default=0.0)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.segments)
