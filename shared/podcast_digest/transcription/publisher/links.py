"""Choosing which of an episode's `<podcast:transcript>` links to fetch."""

from urllib.parse import urlsplit

from podcast_digest.models import TranscriptLink
from podcast_digest.transcription.publisher.formats import (
    TranscriptFormat,
    format_from_mime,
    format_from_name,
)

# VTT and JSON carry the most timing and speaker detail; plain text the least.
_PREFERENCE = (
    TranscriptFormat.VTT,
    TranscriptFormat.JSON,
    TranscriptFormat.SRT,
    TranscriptFormat.HTML,
    TranscriptFormat.TEXT,
    TranscriptFormat.MARKDOWN,
)


def link_format(link: TranscriptLink) -> TranscriptFormat | None:
    """The format a link declares by MIME type, else by its URL's extension; None if unusable."""
    by_mime = format_from_mime(link.mime_type)
    if by_mime is not None:
        return by_mime
    try:
        path = urlsplit(link.url).path
    except ValueError:
        return None
    return format_from_name(path) if "." in path.rsplit("/", 1)[-1] else None


def _fetchable(url: str) -> bool:
    """http(s), or relative to the feed; never file:, data:, javascript: and the like."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return False
    return scheme in ("", "http", "https") and bool(url.strip())


def preferred_transcript(links: list[TranscriptLink]) -> TranscriptLink | None:
    """The best transcript to fetch: VTT, then JSON, SRT, HTML, plain text; feed order breaks ties."""
    ranked = []
    for order, link in enumerate(links):
        found = link_format(link)
        if found is not None and _fetchable(link.url):
            ranked.append((_PREFERENCE.index(found), order, link))
    return min(ranked, key=lambda entry: entry[:2])[2] if ranked else None
