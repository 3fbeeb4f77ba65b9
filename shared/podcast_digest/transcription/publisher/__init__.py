"""Publisher transcripts: the feed's `<podcast:transcript>` files and transcripts users drop in.

One module per format (webvtt, subrip, podcast_json, podcast_html, plain_text, markdown), all
producing timed cues that `parse_transcript` checks and turns into a canonical `Transcript`.
"""

from podcast_digest.transcription.publisher.detect import detect_format
from podcast_digest.transcription.publisher.formats import TRANSCRIPT_SUFFIXES, TranscriptFormat
from podcast_digest.transcription.publisher.links import preferred_transcript
from podcast_digest.transcription.publisher.parse import parse_transcript

__all__ = [
    "TRANSCRIPT_SUFFIXES",
    "TranscriptFormat",
    "detect_format",
    "parse_transcript",
    "preferred_transcript",
]
