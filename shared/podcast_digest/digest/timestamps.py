"""Timestamps as listeners read them ("4:05", "1:02:03") and links to that moment in the audio."""

import math
from urllib.parse import quote, urlsplit, urlunsplit

# Characters kept as they are when a URL is re-quoted: everything RFC 3986
# allows, minus the ones that could break out of an attribute or a Markdown link.
_URL_SAFE = "/:@!$&'*+,;=-._~%?"


def _whole_seconds(seconds: float) -> int:
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return 0
    return int(seconds)


def format_timestamp(seconds: float) -> str:
    """'0:00', '4:05', '1:02:03': hours appear only when there are any; fractions are dropped."""
    total = _whole_seconds(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def safe_web_url(url: str | None) -> str | None:
    """The URL re-quoted when it is a plain http(s) address with a host, else None.

    Feed URLs are untrusted: anything else (javascript:, data:, file:, relative
    paths, control characters) never becomes a link.
    """
    if not url:
        return None
    url = url.strip()
    if any(not c.isprintable() or c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return urlunsplit(
        (
            parts.scheme.lower(),
            parts.netloc,
            quote(parts.path, safe=_URL_SAFE),
            quote(parts.query, safe=_URL_SAFE),
            quote(parts.fragment, safe=_URL_SAFE),
        )
    )


def local_file_url(url: str | None) -> str | None:
    """An absolute file:// URI (as Path.as_uri() makes) re-quoted, else None."""
    if not url or any(not c.isprintable() or c.isspace() for c in url):
        return None
    parts = urlsplit(url.strip())
    if (
        parts.scheme.lower() != "file"
        or parts.netloc not in ("", "localhost")
        or not parts.path.startswith("/")
    ):
        return None
    return urlunsplit(("file", "", quote(parts.path, safe=_URL_SAFE), "", ""))


def audio_link(audio_url: str | None, seconds: float) -> str | None:
    """The audio URL with '#t=<whole seconds>' (Media Fragments), or None when it is not http(s)."""
    url = safe_web_url(audio_url)
    if url is None:
        return None
    base = url.split("#", 1)[0]
    return f"{base}#t={_whole_seconds(seconds)}"
