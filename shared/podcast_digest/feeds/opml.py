"""OPML import and export of the feed list (what every podcast app reads and writes).

An OPML file may come from anywhere, so it passes the same XML guard as a
feed, and only http(s) feed URLs are taken from it: an imported list can
never make us read a local file.
"""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from xml.sax.saxutils import quoteattr

from pydantic import Field

from podcast_digest.errors import BadInputError
from podcast_digest.feeds.urls import scheme_of, url_problem
from podcast_digest.feeds.xml_guard import refuse_entity_declarations
from podcast_digest.models import Feed
from podcast_digest.models.base import DomainModel

MAX_OPML_BYTES = 10 * 1024 * 1024


class OpmlFeeds(DomainModel):
    """What an OPML file yields: the feeds to watch, and a line for each outline that could not be used."""

    feeds: list[tuple[str, str | None]] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)


def _outline_problem(url: str) -> str | None:
    scheme = scheme_of(url)
    if scheme is None or url_problem(url):
        return url_problem(url) or f"{url!r} is not a valid URL"
    if scheme not in ("http", "https"):
        return f"{url[:200]!r} is not an http(s) URL"
    return None


def read_opml(data: bytes) -> OpmlFeeds:
    """Every usable feed outline (url, title) in document order without duplicates, and the rest reported.

    Raises BadInputError only when the document itself is unusable (too big, not XML, not OPML).
    """
    if len(data) > MAX_OPML_BYTES:
        raise BadInputError(
            f"the OPML file is larger than {MAX_OPML_BYTES:,} bytes: is it really a feed list?"
        )
    refuse_entity_declarations(data, what="the OPML file")
    try:
        root = ET.fromstring(data)  # noqa: S314 (entity declarations were refused above)
    except ET.ParseError as exc:
        raise BadInputError(
            f"the OPML file is not well-formed XML ({exc}): export it again from your app"
        ) from exc
    if root.tag.lower() != "opml":
        raise BadInputError(f"the file is not OPML (its root element is <{root.tag}>): export it again")
    found = OpmlFeeds()
    seen: set[str] = set()
    for outline in root.iter("outline"):
        attributes = {key.lower(): value for key, value in outline.attrib.items()}
        url = (attributes.get("xmlurl") or "").strip()
        title = (attributes.get("title") or attributes.get("text") or "").strip() or None
        if not url or url in seen:
            continue  # a folder outline, or a feed listed twice
        problem = _outline_problem(url)
        if problem is not None:
            found.skipped.append(f"{title or 'an outline'}: {problem}")
            continue
        seen.add(url)
        found.feeds.append((url, title))
    return found


def parse_opml(data: bytes) -> list[tuple[str, str | None]]:
    """(url, title) of every usable feed outline (see read_opml)."""
    return read_opml(data).feeds


def render_opml(feeds: list[Feed], created_at: datetime | None = None) -> str:
    """The feed list as OPML 2.0 (local-file feeds included: it is the user's own list)."""
    created = (created_at or datetime.now(UTC)).astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>Podcast Digest feeds</title>",
        f"    <dateCreated>{created}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    for feed in feeds:
        title = " ".join("".join(c if c.isprintable() else " " for c in feed.title or feed.url).split())
        lines.append(
            f'    <outline type="rss" text={quoteattr(title)} title={quoteattr(title)} xmlUrl={quoteattr(feed.url)}'
            + (f" htmlUrl={quoteattr(feed.link)}" if feed.link else "")
            + " />"
        )
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
