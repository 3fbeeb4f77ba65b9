"""Chapters: fetching the `<podcast:chapters>` JSON file, and Podlove Simple Chapters from the feed.

The JSON itself is parsed by podcast_digest.transcription.chapters.

The JSON is untrusted like everything a publisher serves: it is size-capped by
the fetcher, only well-formed entries are kept (a number start time, a title),
titles are bounded, links must be http(s), and a file with thousands of
entries is cut to a sane number rather than carried through the pipeline.
"""

import logging
import math
import urllib.parse
from datetime import timedelta
from typing import Any

from podcast_digest.errors import PodcastDigestError
from podcast_digest.models import Chapter, Episode
from podcast_digest.ports import Fetcher
from podcast_digest.settings import Settings
from podcast_digest.transcription.chapters import parse_chapters

log = logging.getLogger(__name__)

MAX_CHAPTERS = 500
MAX_TITLE = 300
CHAPTERS_ACCEPT = "application/json+chapters, application/json;q=0.9, */*;q=0.1"


def _web_link(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    link = value.strip()
    return link if urllib.parse.urlsplit(link).scheme.lower() in ("http", "https") else None


def _chapter(start: Any, title: Any, url: Any) -> Chapter | None:
    if isinstance(start, bool) or not isinstance(start, int | float) or not math.isfinite(start) or start < 0:
        return None
    if not isinstance(title, str) or not title.strip():
        return None
    clean = " ".join("".join(c if c.isprintable() else " " for c in title).split())[:MAX_TITLE]
    return Chapter(start_seconds=float(start), title=clean, url=_web_link(url))


def _ordered(chapters: list[Chapter]) -> list[Chapter]:
    return sorted(chapters, key=lambda c: c.start_seconds)[:MAX_CHAPTERS]


def podlove_chapters(psc: Any) -> list[Chapter]:
    """Podlove Simple Chapters as feedparser reads them (entry["psc_chapters"])."""
    if not isinstance(psc, dict) or not isinstance(psc.get("chapters"), list):
        return []
    found = []
    for entry in psc["chapters"][: MAX_CHAPTERS * 4]:
        if not isinstance(entry, dict):
            continue
        start = entry.get("start_parsed")
        seconds = start.total_seconds() if isinstance(start, timedelta) else None
        chapter = _chapter(seconds, entry.get("title"), entry.get("href"))
        if chapter is not None:
            found.append(chapter)
    return _ordered(found)


def fetch_chapters(
    episode: Episode, *, fetcher: Fetcher, settings: Settings, base: str | None = None
) -> list[Chapter]:
    """The episode's `<podcast:chapters>` file, fetched safely and parsed; [] when there is none or it is broken.

    `base` is the feed's URL (only a local feed may point at a local chapters file).
    Broken chapters never cost an episode: the problem is logged and the episode goes on without them.
    """
    if not episode.chapters_url:
        return []
    try:
        fetched = fetcher.fetch(
            episode.chapters_url, max_bytes=settings.max_transcript_bytes, accept=CHAPTERS_ACCEPT, base=base
        )
        return parse_chapters(fetched.body)
    except PodcastDigestError as exc:
        log.warning("chapters of %s not read: %s", episode.episode_id, exc)
        return []
