"""OPML import and export of the feed list (what every podcast app reads and writes).

An OPML file may come from anywhere, so it passes the same XML guard as a
feed, and only http(s) feed URLs are taken from it: an imported list can
never make us read a local file.
"""

import urllib.parse
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from xml.sax.saxutils import quoteattr

from podcast_digest.errors import BadInputError
from podcast_digest.feeds.xml_guard import refuse_entity_declarations
from podcast_digest.models import Feed

MAX_OPML_BYTES = 10 * 1024 * 1024


def parse_opml(data: bytes) -> list[tuple[str, str | None]]:
    """(url, title) of every feed outline, in document order, without duplicates."""
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
    feeds: list[tuple[str, str | None]] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        attributes = {key.lower(): value for key, value in outline.attrib.items()}
        url = (attributes.get("xmlurl") or "").strip()
        if not url or urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https") or url in seen:
            continue
        seen.add(url)
        title = (attributes.get("title") or attributes.get("text") or "").strip() or None
        feeds.append((url, title))
    return feeds


def render_opml(feeds: list[Feed]) -> str:
    """The feed list as OPML 2.0 (local-file feeds included: it is the user's own list)."""
    created = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
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
