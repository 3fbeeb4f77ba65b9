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
# A whole web page (rather than a fragment of transcript paragraphs) and the marks of the podcast
# namespace's HTML transcript (`<cite>Speaker</cite> <time>0:00</time>`): a page without them is a
# login wall, an error page or the show's website, not a transcript.
_WEB_PAGE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s/>]", re.IGNORECASE)
_TRANSCRIPT_MARKS = re.compile(r"<(?:time|cite)[\s>]", re.IGNORECASE)
_NOT_HTML_FORMATS = (TranscriptFormat.VTT, TranscriptFormat.SRT, TranscriptFormat.JSON)
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


def _checked_html(
    text: str, head: str, hint: str | None, hinted: TranscriptFormat | None
) -> TranscriptFormat:
    """HTML, once it looks like a transcript. Without a single `<time>` or `<cite>`, a page served in
    place of a VTT/SRT/JSON file or a whole web page is refused (TranscriptFormatError: the audio is
    used instead); a mislabelled transcript that has them is still read, the content winning."""
    if _TRANSCRIPT_MARKS.search(text) is not None:
        return TranscriptFormat.HTML
    if hinted in _NOT_HTML_FORMATS:
        raise TranscriptFormatError(
            f"not a transcript: declared as {quote(hint or '')}, but the content is an HTML page "
            "(a broken link, an error page or a login wall): ask the publisher to fix the link"
        )
    if _WEB_PAGE.search(head):
        raise TranscriptFormatError(
            "not a transcript: an ordinary web page (no <time> or <cite> of the podcast namespace's HTML "
            "transcript); the link is broken or needs a login: ask the publisher"
        )
    return TranscriptFormat.HTML


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
            return _checked_html(text, head, hint, hinted)
    elif hinted is TranscriptFormat.HTML and _HTML_TAG.search(head):
        return _checked_html(text, head, hint, hinted)
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
