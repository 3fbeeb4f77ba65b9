"""What a dropped transcript says about itself: its own title (and description), from its header.

WebVTT: text after "WEBVTT" on the first line, or a "Title:" line in the
header or in a NOTE before the first cue. Podcasting 2.0 JSON: top-level
"title" / "description" (or an "episode" object holding them). HTML: <title>
or the first <h1>, and <meta name="description">. Markdown: a first "# "
heading. SRT and plain text carry none. The text is untrusted: entities
decoded, tags dropped, one line, capped. A transcript that cannot be read has
no title (parsing it reports the real problem).
"""

import html
import json
import re

from podcast_digest.errors import TranscriptFormatError
from podcast_digest.transcription.publisher.decoding import decode_transcript
from podcast_digest.transcription.publisher.detect import detect_in_text
from podcast_digest.transcription.publisher.formats import TranscriptFormat
from podcast_digest.transcription.tags import MAX_DESCRIPTION, MAX_TITLE, FileMetadata, tidy

# A header is near the top: never scan a large file for one.
_HEAD_CHARS = 64 * 1024
_TAG = re.compile(r"<[^<>]{0,2000}>")
_VTT_TITLE = re.compile(r"^(?:NOTE\s+)?title\s*[:=]\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_HTML_TITLE = re.compile(r"<title[^<>]{0,200}>(.{0,2000}?)</title\s*>", re.IGNORECASE | re.DOTALL)
_HTML_H1 = re.compile(r"<h1[^<>]{0,200}>(.{0,2000}?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_DESCRIPTION = re.compile(
    r"<meta\s[^<>]{0,300}?name=[\"']description[\"'][^<>]{0,300}?content=[\"']([^\"'<>]{0,5000})[\"']",
    re.IGNORECASE,
)
_MD_TITLE = re.compile(r"\A\s*#\s+(.+)$", re.MULTILINE)


def transcript_metadata(data: bytes, hint: str | None = None) -> FileMetadata:
    """The transcript's own title and description; empty when its format has none or it is unreadable."""
    try:
        text = decode_transcript(data)
        found = detect_in_text(text, hint)
    except TranscriptFormatError:
        return FileMetadata()
    if found is TranscriptFormat.JSON:
        return _json_metadata(text)
    head = text[:_HEAD_CHARS]
    if found is TranscriptFormat.VTT:
        return _vtt_metadata(head)
    if found is TranscriptFormat.HTML:
        return _html_metadata(head)
    if found is TranscriptFormat.MARKDOWN:
        match = _MD_TITLE.match(head)
        return FileMetadata(title=_clean(match.group(1), MAX_TITLE) if match else None)
    return FileMetadata()


def _clean(text: str, limit: int) -> str | None:
    return tidy(html.unescape(_TAG.sub(" ", text)), limit)


def _vtt_metadata(head: str) -> FileMetadata:
    first, _, rest = head.partition("\n")
    title = first.removeprefix("\ufeff").removeprefix("WEBVTT").strip(" \t-–—:")
    header = rest.split("-->", 1)[0]  # everything before the first cue's timing line
    match = _VTT_TITLE.search(header)
    return FileMetadata(title=_clean(title or (match.group(1) if match else ""), MAX_TITLE))


def _html_metadata(head: str) -> FileMetadata:
    title = _HTML_TITLE.search(head) or _HTML_H1.search(head)
    description = _HTML_DESCRIPTION.search(head)
    return FileMetadata(
        title=_clean(title.group(1), MAX_TITLE) if title else None,
        description=_clean(description.group(1), MAX_DESCRIPTION) if description else None,
    )


def _json_metadata(text: str) -> FileMetadata:
    try:
        document = json.loads(text)
    except ValueError:
        return FileMetadata()
    if not isinstance(document, dict):
        return FileMetadata()
    episode = document.get("episode")
    holders = [document, episode] if isinstance(episode, dict) else [document]
    title = next((h["title"] for h in holders if isinstance(h.get("title"), str)), "")
    description = next((h["description"] for h in holders if isinstance(h.get("description"), str)), "")
    return FileMetadata(title=_clean(title, MAX_TITLE), description=_clean(description, MAX_DESCRIPTION))
