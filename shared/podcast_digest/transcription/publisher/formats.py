"""The transcript formats we read, and what a MIME type or a file name says about them."""

from enum import StrEnum
from pathlib import PurePosixPath


class TranscriptFormat(StrEnum):
    VTT = "vtt"
    SRT = "srt"
    JSON = "json"
    HTML = "html"
    TEXT = "text"
    MARKDOWN = "markdown"


# Suffixes accepted for a transcript file a user drops in.
TRANSCRIPT_SUFFIXES: frozenset[str] = frozenset({".vtt", ".srt", ".json", ".html", ".htm", ".txt", ".md"})

SUPPORTED_DESCRIPTION = (
    "WebVTT (.vtt), SRT (.srt), Podcasting 2.0 JSON (.json), HTML (.html), plain text (.txt), markdown (.md)"
)

_BY_MIME = {
    "text/vtt": TranscriptFormat.VTT,
    "text/webvtt": TranscriptFormat.VTT,
    "application/x-subrip": TranscriptFormat.SRT,
    "application/srt": TranscriptFormat.SRT,
    "text/srt": TranscriptFormat.SRT,
    "text/x-srt": TranscriptFormat.SRT,
    "application/x-srt": TranscriptFormat.SRT,
    "application/json": TranscriptFormat.JSON,
    "text/json": TranscriptFormat.JSON,
    "text/html": TranscriptFormat.HTML,
    "application/xhtml+xml": TranscriptFormat.HTML,
    "text/plain": TranscriptFormat.TEXT,
    "text/markdown": TranscriptFormat.MARKDOWN,
    "text/x-markdown": TranscriptFormat.MARKDOWN,
}

_BY_SUFFIX = {
    ".vtt": TranscriptFormat.VTT,
    ".webvtt": TranscriptFormat.VTT,
    ".srt": TranscriptFormat.SRT,
    ".json": TranscriptFormat.JSON,
    ".html": TranscriptFormat.HTML,
    ".htm": TranscriptFormat.HTML,
    ".txt": TranscriptFormat.TEXT,
    ".text": TranscriptFormat.TEXT,
    ".md": TranscriptFormat.MARKDOWN,
    ".markdown": TranscriptFormat.MARKDOWN,
}


def format_from_mime(mime_type: str | None) -> TranscriptFormat | None:
    """The format a MIME type names (parameters such as `; charset=utf-8` ignored), or None."""
    if not mime_type:
        return None
    return _BY_MIME.get(mime_type.split(";", 1)[0].strip().lower())


def format_from_name(name: str | None) -> TranscriptFormat | None:
    """The format a file name, S3 key, URL path or bare extension (`vtt`, `.srt`) names, or None."""
    if not name:
        return None
    # A URL or key: its query and fragment say nothing about the type.
    name = name.strip().lower().split("?", 1)[0].split("#", 1)[0]
    if "/" not in name and name.count(".") <= 1 and name.lstrip(".") == name.replace(".", ""):
        suffix = "." + name.lstrip(".")  # a bare extension: "vtt" or ".vtt"
    else:
        suffix = PurePosixPath(name).suffix
    return _BY_SUFFIX.get(suffix)


def format_from_hint(hint: str | None) -> TranscriptFormat | None:
    """A hint is a MIME type, a file name or an extension; None when it names none of ours."""
    if not hint:
        return None
    return format_from_mime(hint) or format_from_name(hint)
