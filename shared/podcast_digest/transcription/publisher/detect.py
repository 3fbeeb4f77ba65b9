"""Which format a transcript is in: from its content first, the MIME type or file name second.

Feeds mislabel transcripts (SRT served as text/plain, VTT as application/octet-stream), so a hint
only decides when the content gives no clear sign of its own.
"""

import json
import re

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher.decoding import decode_transcript
from podcast_digest.transcription.publisher.formats import (
    SUPPORTED_DESCRIPTION,
    TranscriptFormat,
    format_from_hint,
)
from podcast_digest.transcription.publisher.plain_text import count_stamped_lines
from podcast_digest.transcription.publisher.timestamps import quote

_HEAD_CHARS = 64 * 1024
_ARROW = re.compile(r"^[ \t]*(?:\d{1,3}:)?\d{1,4}:\d{1,2}([.,])\d{1,9}[ \t]*-->", re.MULTILINE | re.ASCII)
_JSON_START = re.compile(r'\{|\[\s*[\{\[\]"]')
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|body|p|cite|time|div|span|br|h[1-6]|article|section|main)[\s/>]", re.IGNORECASE
)
_XML_START = re.compile(r"<\?xml|<tt[\s>]|<rss[\s>]|<feed[\s>]", re.IGNORECASE)
_XHTML = re.compile(r"<html[\s>]", re.IGNORECASE)
_MARKDOWN = re.compile(r"^\*\*[^*\n]{1,80}\*\*|^#{1,6}[ \t]\S|\\\[[^\]\n]{0,80}\\\]", re.MULTILINE)


def _unknown(reason: str) -> TranscriptFormatError:
    return TranscriptFormatError(
        f"unknown transcript format ({reason}): supported formats are {SUPPORTED_DESCRIPTION}; "
        "convert the transcript to one of them"
    )


def _looks_binary(head: str) -> bool:
    sample = head[:8192]
    odd = sum(1 for ch in sample if (ch < " " and ch not in "\n\t\f\v") or ch == "\ufffd")
    return odd > 0.1 * len(sample)


def _is_json(text: str) -> bool:
    """Whether text that opens with `[` is JSON (`[1, 2]`) rather than a bracketed time (`[00:05] Hi`)."""
    try:
        json.loads(text, parse_int=float)
    except (ValueError, RecursionError):
        return False
    return True


def detect_in_text(text: str, hint: str | None = None) -> TranscriptFormat:
    """The format of decoded transcript text (see `detect_format`)."""
    head = text[:_HEAD_CHARS].lstrip("\ufeff \t\n")
    hinted = format_from_hint(hint)
    if head.startswith("WEBVTT"):
        return TranscriptFormat.VTT
    arrow = _ARROW.search(head)
    if arrow is not None:
        return TranscriptFormat.SRT if arrow.group(1) == "," else TranscriptFormat.VTT
    if _JSON_START.match(head) or (
        hinted is TranscriptFormat.JSON and head.startswith("[") and _is_json(text)
    ):
        return TranscriptFormat.JSON
    if head.startswith("<"):
        if _XML_START.match(head) and not _XHTML.search(head):
            raise _unknown("an XML document, such as TTML, which we do not read")
        if _HTML_TAG.search(head):
            return TranscriptFormat.HTML
    elif hinted is TranscriptFormat.HTML and _HTML_TAG.search(head):
        return TranscriptFormat.HTML
    if _looks_binary(head):
        described = f"declared as {quote(hint)}, " if hint else ""
        raise _unknown(f"{described}the content is binary, not text")
    # A `# Title` over lines that open with times is timed plain text, not markdown prose.
    markdown = hinted is TranscriptFormat.MARKDOWN or _MARKDOWN.search(head) is not None
    if markdown and count_stamped_lines(head.split("\n", 200)[:200]) < 2:
        return TranscriptFormat.MARKDOWN
    return TranscriptFormat.TEXT


def detect_format(data: bytes, hint: str | None = None) -> TranscriptFormat:
    """The format of a transcript file.

    `hint` is a MIME type (`text/vtt`, `application/x-subrip`, …) or a file name or extension; the
    content wins where it clearly says otherwise. Raises TranscriptFormatError for empty or binary
    data and for documents in formats we do not read (such as TTML).
    """
    return detect_in_text(decode_transcript(data), hint)
