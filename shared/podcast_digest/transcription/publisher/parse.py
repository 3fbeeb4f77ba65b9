"""`parse_transcript`: any publisher or dropped transcript file into the canonical `Transcript`."""

from collections.abc import Callable

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.models import Transcript, TranscriptSource, TranscriptSourceKind
from podcast_digest.transcription.publisher.cues import ParsedTranscript, segments_from_cues
from podcast_digest.transcription.publisher.decoding import decode_transcript
from podcast_digest.transcription.publisher.detect import detect_in_text
from podcast_digest.transcription.publisher.formats import TranscriptFormat
from podcast_digest.transcription.publisher.markdown import parse_markdown
from podcast_digest.transcription.publisher.plain_text import parse_plain_text
from podcast_digest.transcription.publisher.podcast_html import parse_podcast_html
from podcast_digest.transcription.publisher.podcast_json import parse_podcast_json
from podcast_digest.transcription.publisher.subrip import parse_subrip
from podcast_digest.transcription.publisher.webvtt import parse_webvtt
from podcast_digest.transcription.publisher.word_cues import merged_word_cues

_PARSERS: dict[TranscriptFormat, Callable[[str], ParsedTranscript]] = {
    TranscriptFormat.VTT: parse_webvtt,
    TranscriptFormat.SRT: parse_subrip,
    TranscriptFormat.JSON: parse_podcast_json,
    TranscriptFormat.HTML: parse_podcast_html,
    TranscriptFormat.TEXT: parse_plain_text,
    TranscriptFormat.MARKDOWN: parse_markdown,
}


def parse_transcript(
    data: bytes,
    *,
    hint: str | None = None,
    source: TranscriptSource | None = None,
    episode_id: str = "",
) -> Transcript:
    """The canonical transcript of a transcript file.

    `hint` is the MIME type the feed declared or the file's name; the content decides where they
    disagree. Without a `source`, the transcript is the publisher's; a given source gets its
    `format` filled in when empty, and `timing_estimated` set when times come from word counts.
    Raises TranscriptFormatError, with a one-line reason and what to do, for an empty file, an
    unknown format, broken timestamps, or JSON that is not a transcript.
    """
    text = decode_transcript(data)
    found = detect_in_text(text, hint)
    parsed = _PARSERS[found](text)
    parsed.cues = merged_word_cues(parsed.cues)  # the word-level originals can go before segments are made
    segments = segments_from_cues(parsed.cues)
    if not segments:
        raise TranscriptFormatError(
            f"the {found} transcript has no text (no cue or paragraph with words): check the transcript "
            "file, or remove it so the audio is transcribed instead"
        )
    base = source or TranscriptSource(kind=TranscriptSourceKind.PUBLISHER)
    update: dict[str, object] = {}
    if not base.format:
        update["format"] = found.value
    if parsed.timing_estimated:
        update["timing_estimated"] = True
    return Transcript(
        episode_id=episode_id,
        language=parsed.language,
        segments=segments,
        source=base.model_copy(update=update) if update else base.model_copy(),
    )
