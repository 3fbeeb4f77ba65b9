"""What every format parser produces: timed cues, checked and turned into canonical segments."""

import html
import re
from dataclasses import dataclass

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.models import Segment
from podcast_digest.transcription.publisher.timestamps import format_clock

# Control characters (terminal escapes, bells) and bidirectional overrides: never wanted in text that
# ends up in an email or a prompt.
_UNPRINTABLE = dict.fromkeys(
    [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)], " "
)

FIX_HINT = "fix the transcript's times, or remove it so the audio is transcribed instead"


@dataclass(slots=True)
class Cue:
    """One timed piece of a transcript before validation; `where` names it in error messages."""

    start: float
    end: float
    text: str
    speaker: str | None = None
    where: str = ""


@dataclass(slots=True)
class ParsedTranscript:
    cues: list[Cue]
    timing_estimated: bool = False
    language: str | None = None


def clean_text(text: str, *, unescape: bool = True) -> str:
    """One line of readable text: entities decoded, whitespace collapsed."""
    if unescape and "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def segments_from_cues(cues: list[Cue]) -> list[Segment]:
    """Canonical segments: printable text only, empty cues dropped, ordered by start, never ending
    before they start."""
    kept: list[Cue] = []
    for cue in cues:
        if cue.end < cue.start:
            raise TranscriptFormatError(
                f"{cue.where}: end {format_clock(cue.end)} is before start {format_clock(cue.start)}; {FIX_HINT}"
            )
        cue.text = _printable(cue.text)
        if cue.text:
            cue.speaker = _printable(cue.speaker) or None if cue.speaker else None
            kept.append(cue)
    # Players sort cues by start; so do we, keeping the file's order among equal starts.
    kept.sort(key=lambda cue: cue.start)
    return [Segment(start=cue.start, end=cue.end, text=cue.text, speaker=cue.speaker) for cue in kept]


def _printable(text: str) -> str:
    return " ".join(text.translate(_UNPRINTABLE).split())


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")
CHUNK_WORDS = 80


def readable_chunks(text: str, max_words: int = CHUNK_WORDS) -> list[str]:
    """A long paragraph cut at sentence ends into pieces of about `max_words` (hard cut at twice that)."""
    words = text.split()
    if len(words) <= max_words:
        return [" ".join(words)] if words else []
    chunks: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_BREAK.split(text):
        sentence_words = sentence.split()
        if current and len(current) + len(sentence_words) > max_words:
            chunks.append(" ".join(current))
            current = []
        if len(sentence_words) > 2 * max_words:
            # A run-on "sentence" (no punctuation at all): hard cuts, keeping the remainder open.
            cut = len(sentence_words) - len(sentence_words) % max_words
            chunks.extend(" ".join(sentence_words[i : i + max_words]) for i in range(0, cut, max_words))
            sentence_words = sentence_words[cut:]
        current.extend(sentence_words)
    if current:
        chunks.append(" ".join(current))
    return chunks
