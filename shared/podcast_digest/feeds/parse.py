"""Turn the bytes of a podcast feed into a ParsedFeed: the show and its episodes.

The bytes are untrusted. The XML guard runs first (no DTD subset, no entity
declarations); feedparser is then given the bytes only (never a URL or a
path, which it would open itself), and a tolerant second pass
(podcast_tags.py) reads what feedparser drops. A broken ("bozo") feed keeps
every item that can be identified; an item with no guid, enclosure or link is
skipped, since it could never be recognised on the next poll.

Links found in a feed fetched from the network are kept only when they are
http(s): a network feed can never point us at a local file. A local feed's
links may also be local paths (the fetcher then allows only its own folder).
"""

import calendar
import io
import re
from datetime import UTC, datetime
from typing import Any

import feedparser
from feedparser.encodings import convert_to_utf8
from pydantic import Field

from podcast_digest.errors import FeedError
from podcast_digest.feeds.budget import MAX_ITEMS, refuse_deep_nesting, within_item_budget
from podcast_digest.feeds.chapters import podlove_chapters
from podcast_digest.feeds.fetch import is_local_reference
from podcast_digest.feeds.podcast_tags import FeedTags, ItemTags, PersonTag, scan_podcast_tags
from podcast_digest.feeds.urls import joined, scheme_of, url_problem
from podcast_digest.feeds.xml_guard import refuse_entity_declarations
from podcast_digest.models import Enclosure, Episode, EpisodeType, Person, TranscriptLink, episode_id_for
from podcast_digest.models.base import DomainModel

# Publisher transcripts in the order we would rather read them (DESIGN.md: VTT, JSON, SRT, HTML, text).
TRANSCRIPT_PREFERENCE = (
    "text/vtt",
    "application/json",
    "application/x-subrip",
    "application/srt",
    "text/html",
)
RRULE_UNITS = {
    "HOURLY": 3600,
    "DAILY": 86400,
    "WEEKLY": 7 * 86400,
    "MONTHLY": 30 * 86400,
    "YEARLY": 365 * 86400,
}
YES = {"yes", "true", "1"}
MAX_DURATION = 7 * 86400.0  # a week: longer "durations" are typos (milliseconds, byte counts)


class ParsedFeed(DomainModel):
    title: str = ""
    description: str = Field("", description="Untrusted HTML; sanitise before display")
    link: str | None = None
    language: str | None = None
    image_url: str | None = None
    new_feed_url: str | None = Field(
        None, description="itunes:new-feed-url: the publisher moved the feed here"
    )
    update_frequency_seconds: int | None = None
    blocked: bool = False
    locked: bool = False
    persons: list[Person] = Field(default_factory=list, description="the channel's <podcast:person> tags")
    next_page_url: str | None = None
    episodes: list[Episode] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="what was dropped from the channel, and items skipped for it"
    )


def parse_duration(value: str | None) -> float | None:
    """itunes:duration as seconds: "3600", "61:05", "1:01:05", "1:01:05.5", "1h 2m 3s"; nonsense → None."""
    if not value:
        return None
    text = value.strip().lower()
    try:
        if re.fullmatch(r"\d+(\.\d+)?", text):
            seconds = float(text)
        elif re.fullmatch(r"\d+(:\d{1,2}){1,2}(\.\d+)?", text):
            seconds = 0.0
            for part in text.split(":"):
                seconds = seconds * 60 + float(part)
        else:
            match = re.fullmatch(r"(?:(\d+)\s*h\w*)?\s*(?:(\d+)\s*m\w*)?\s*(?:(\d+(?:\.\d+)?)\s*s\w*)?", text)
            if not match or not any(match.groups()):
                return None
            hours, minutes, secs = (float(group) if group else 0.0 for group in match.groups())
            seconds = hours * 3600 + minutes * 60 + secs
    except ValueError:
        return None
    return seconds if 0 <= seconds <= MAX_DURATION else None


def update_frequency_seconds(rrule: str | None) -> int | None:
    """podcast:updateFrequency's rrule (FREQ=…;INTERVAL=…) as a polling period in seconds."""
    if not rrule:
        return None
    fields = dict(part.split("=", 1) for part in rrule.upper().split(";") if "=" in part)
    unit = RRULE_UNITS.get(fields.get("FREQ", "").strip())
    if unit is None:
        return None
    interval = fields.get("INTERVAL", "1").strip()
    return unit * int(interval) if interval.isdigit() and int(interval) > 0 else unit


def _published(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)  # plain lookup: FeedParserDict's alias for updated_parsed warns
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (TypeError, ValueError, OverflowError, OSError):
                continue
    return None


class _Links:
    """Resolves links found in the feed and keeps only those we may follow.

    A link that is there but cannot be used (malformed, or not http(s) in a
    network feed) is dropped with a note, so one bad URL costs that URL only.
    """

    def __init__(self, feed_url: str) -> None:
        self._feed_url = feed_url
        self._local = is_local_reference(feed_url)
        self.notes: list[str] = []

    def resolve(self, url: Any, what: str = "link") -> str | None:
        if not isinstance(url, str) or not url.strip():
            return None
        absolute = joined(self._feed_url, url.strip())
        if absolute is None:
            self.notes.append(f"{what} dropped: {url_problem(url.strip()) or repr(url.strip())}")
            return None
        scheme = scheme_of(absolute)
        if scheme in ("http", "https"):
            return absolute
        if self._local and is_local_reference(absolute):
            return absolute
        self.notes.append(f"{what} dropped: {absolute[:200]!r} is not an http(s) URL")
        return None  # javascript:, data:, or a file link in a network feed

    def take_notes(self) -> list[str]:
        notes, self.notes = self.notes, []
        return notes


def _transcripts(tags: ItemTags | None, entry: Any, links: _Links) -> list[TranscriptLink]:
    found = [(t.url, t.mime_type, t.language, t.rel) for t in tags.transcripts] if tags else []
    if not found and isinstance(entry.get("podcast_transcript"), dict):
        single = entry["podcast_transcript"]
        found = [(single.get("url"), single.get("type"), single.get("language"), single.get("rel"))]
    result: list[TranscriptLink] = []
    for url, mime_type, language, rel in found:
        resolved = links.resolve(url, "podcast:transcript")
        if resolved and all(existing.url != resolved for existing in result):
            result.append(TranscriptLink(url=resolved, mime_type=mime_type, language=language, rel=rel))

    def preference(link: TranscriptLink) -> int:
        mime = (link.mime_type or "").split(";")[0].strip().lower()
        return (
            TRANSCRIPT_PREFERENCE.index(mime) if mime in TRANSCRIPT_PREFERENCE else len(TRANSCRIPT_PREFERENCE)
        )

    return sorted(result, key=preference)


def _persons(tags: list[PersonTag]) -> list[Person]:
    return [Person(name=t.name, role=t.role, group=t.group) for t in tags]


def _enclosure(entry: Any, links: _Links) -> Enclosure | None:
    resolved = [(e, links.resolve(e.get("href"), "enclosure")) for e in entry.get("enclosures", [])]
    candidates = [(e, url) for e, url in resolved if url]
    if not candidates:
        return None
    media = [c for c in candidates if str(c[0].get("type", "")).lower().startswith(("audio/", "video/"))]
    chosen, url = (media or candidates)[0]
    length_text = str(chosen.get("length") or "").strip()
    length = int(length_text) if length_text.isdigit() and 0 < int(length_text) < 2**63 else None
    return Enclosure(url=url, mime_type=chosen.get("type") or None, length=length)


def _description(entry: Any) -> str:
    for content in entry.get("content", []):
        if content.get("value"):
            return str(content["value"])
    return str(entry.get("summary") or "")


def _episode_type(value: str | None) -> EpisodeType:
    text = (value or "").strip().lower()
    return EpisodeType(text) if text in ("trailer", "bonus") else EpisodeType.FULL


def _match_tags(entries: list[Any], feed_tags: FeedTags) -> list[ItemTags | None]:
    """Pair each feedparser entry with what the second pass read for the same item."""
    if len(entries) == len(feed_tags.items):
        return list(feed_tags.items)
    by_key: dict[str, ItemTags] = {}
    for item in feed_tags.items:
        for key in item.identity_keys():
            by_key.setdefault(key.strip(), item)
    matched: list[ItemTags | None] = []
    for entry in entries:
        enclosures = entry.get("enclosures") or [{}]
        keys = (entry.get("id"), enclosures[0].get("href"), entry.get("link"))
        matched.append(
            next((by_key[k.strip()] for k in keys if isinstance(k, str) and k.strip() in by_key), None)
        )
    return matched


def _episode(
    entry: Any,
    tags: ItemTags | None,
    *,
    feed_id: str,
    language: str | None,
    links: _Links,
    skipped: list[str],
) -> Episode | None:
    """The item as an Episode; None (with a line in `skipped` when a URL was to blame) when it cannot be one."""
    if tags is not None and (tags.block or "").lower() in YES:
        return None
    guid = entry.get("id") or (tags.guid if tags else None)
    links.take_notes()
    audio = _enclosure(entry, links)
    link = links.resolve(entry.get("link"), "link")
    transcripts = _transcripts(tags, entry, links)
    chapters = entry.get("podcast_chapters")
    chapters_url = links.resolve(
        (tags.chapters_url if tags else None)
        or (chapters.get("url") if isinstance(chapters, dict) else None),
        "podcast:chapters",
    )
    notes = links.take_notes()
    title = str(entry.get("title") or "")
    try:
        episode_id = episode_id_for(feed_id, guid, audio.url if audio else None, link)
    except ValueError:
        if notes:
            skipped.append(f"item {title[:80]!r} skipped: no usable guid, enclosure or link ({notes[0]})")
        return None  # nothing to recognise it by on the next poll
    if notes and audio is None and not transcripts:
        skipped.append(f"item {title[:80]!r} skipped: nothing left to summarise ({'; '.join(notes)})")
        return None
    return Episode(
        episode_id=episode_id,
        feed_id=feed_id,
        guid=guid.strip() if isinstance(guid, str) and guid.strip() else None,
        title=title,
        description=_description(entry),
        link=link,
        published_at=_published(entry),
        duration_seconds=parse_duration(entry.get("itunes_duration") or (tags.duration if tags else None)),
        language=language,
        episode_type=_episode_type(entry.get("itunes_episodetype") or (tags.episode_type if tags else None)),
        audio=audio,
        transcripts=transcripts,
        chapters_url=chapters_url,
        chapters=podlove_chapters(entry.get("psc_chapters")),
        persons=_persons(tags.persons) if tags else [],
        notes=notes,
    )


def _decoded_text(body: bytes) -> str:
    """The document as feedparser decodes it (same detection), for the second pass."""
    result: dict[str, Any] = {}
    return convert_to_utf8({}, body, result).decode("utf-8", errors="replace")


def parse_feed(body: bytes, *, feed_url: str, feed_id: str) -> ParsedFeed:
    """Parse untrusted feed bytes. Raises UnsafeInputError (entity declarations) or FeedError (not a feed)."""
    refuse_entity_declarations(body, what=f"the feed at {feed_url}")
    body, beyond_budget = within_item_budget(body)
    refuse_deep_nesting(body, what=f"the feed at {feed_url}")  # on what is left: linear, and less of it
    parsed = feedparser.parse(io.BytesIO(body), resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(
            f"{feed_url} is not an RSS or Atom feed: check the URL (it should be the feed itself, "
            "not the podcast's web page)"
        )
    tags = scan_podcast_tags(_decoded_text(body))
    channel = parsed.feed
    links = _Links(feed_url)
    language = channel.get("language") or None
    image = channel.get("image") or {}
    episodes: list[Episode] = []
    skipped: list[str] = []
    if beyond_budget:
        skipped.append(
            f"the feed lists {beyond_budget:,} more items than the {MAX_ITEMS:,} read (the parse budget); "
            "only the newest are kept"
        )
    seen: set[str] = set()
    for entry, entry_tags in zip(parsed.entries, _match_tags(parsed.entries, tags), strict=True):
        episode = _episode(
            entry, entry_tags, feed_id=feed_id, language=language, links=links, skipped=skipped
        )
        if episode is not None and episode.episode_id not in seen:
            seen.add(episode.episode_id)
            episodes.append(episode)
    new_feed_url = links.resolve(
        tags.new_feed_url or channel.get("itunes_new-feed-url"), "itunes:new-feed-url"
    )
    next_pages = [link.get("href") for link in channel.get("links", []) if link.get("rel") == "next"]
    channel_link = links.resolve(channel.get("link"), "channel link")
    image_url = links.resolve(
        image.get("href") or image.get("url") or channel.get("logo") or channel.get("icon"), "channel image"
    )
    next_page = links.resolve(next_pages[0], "next page") if next_pages else None
    return ParsedFeed(
        title=str(channel.get("title") or ""),
        description=str(channel.get("summary") or channel.get("subtitle") or ""),
        link=channel_link,
        language=language,
        image_url=image_url,
        new_feed_url=new_feed_url if new_feed_url and not is_local_reference(new_feed_url) else None,
        update_frequency_seconds=update_frequency_seconds(tags.update_frequency_rrule),
        blocked=(tags.block or str(channel.get("itunes_block") or "")).strip().lower() in YES,
        locked=(tags.locked or "").strip().lower() in YES,
        persons=_persons(tags.persons),
        next_page_url=next_page,
        episodes=episodes,
        notes=links.take_notes() + skipped,
    )
