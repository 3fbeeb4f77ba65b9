"""Podcasting 2.0 chapter files (`<podcast:chapters type="application/json+chapters">`).

`{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro", "url": …, "toc": false?}]}`.
Entries hidden from the table of contents (`"toc": false`) are skipped, as are entries without a
usable start time or title; at most MAX_CHAPTERS are kept. Links that are not http(s) are dropped
(a chapter URL ends up in an email, where `javascript:` or `data:` has no business).
"""

import json
import math
from typing import Any
from urllib.parse import urlsplit

from podcast_digest.errors import FeedError
from podcast_digest.models import Chapter

_MAX_TITLE_CHARS = 300
# Thousands of entries is not a table of contents; the rest are dropped rather than carried along.
MAX_CHAPTERS = 500
_MAX_URL_CHARS = 2048


def _start(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _web_url(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > _MAX_URL_CHARS:
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def parse_chapters(data: bytes) -> list[Chapter]:
    """The chapters of a Podcasting 2.0 JSON chapters file, ordered by start time.

    Raises FeedError (one line, with what to do) when the file is not JSON or has no chapter list.
    """
    try:
        # Integers as floats: a 5000-digit "integer" would otherwise trip Python's int-size guard.
        document = json.loads(data.decode("utf-8-sig", errors="replace"), parse_int=float)
    except (ValueError, RecursionError):
        raise FeedError(
            "the chapters file is not valid JSON: check the feed's <podcast:chapters> URL "
            "(the episode is summarised without chapters meanwhile)"
        ) from None
    entries = document.get("chapters") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise FeedError(
            'the chapters file has no "chapters" list (expected Podcasting 2.0 JSON chapters): '
            "check the feed's <podcast:chapters> URL and type"
        )
    chapters: list[Chapter] = []
    for entry in entries[: MAX_CHAPTERS * 4]:
        if not isinstance(entry, dict) or entry.get("toc") is False:
            continue
        start = _start(entry.get("startTime"))
        title = entry.get("title")
        if start is None or not isinstance(title, str) or not title.strip():
            continue
        title = " ".join("".join(ch if ch.isprintable() else " " for ch in title).split())[:_MAX_TITLE_CHARS]
        chapters.append(Chapter(start_seconds=start, title=title, url=_web_url(entry.get("url"))))
    chapters.sort(key=lambda chapter: chapter.start_seconds)
    return chapters[:MAX_CHAPTERS]
