"""Short, human feed slugs for URLs (/podcasts/the-workshop-hour), unique among the feeds.

A slug comes from the feed's title; two feeds with the same title get the
feed id's first characters after it. A feed's full id works as a slug too.
"""

import re
import unicodedata

from podcast_digest.models import Feed
from podcast_digest.pipeline.drop_feed import is_drop_feed

MAX_SLUG_CHARS = 48
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_WORD.sub("-", ascii_text).strip("-")
    return slug[:MAX_SLUG_CHARS].rstrip("-")


def feed_slugs(feeds: list[Feed]) -> dict[str, Feed]:
    """Slug -> feed for every public feed (drop-folder feeds are private), stable in feed id order."""
    public = sorted((f for f in feeds if not is_drop_feed(f)), key=lambda f: f.feed_id)
    taken: dict[str, Feed] = {}
    for feed in public:
        base = slugify(feed.title) or "podcast"
        slug = base if base not in taken else f"{base}-{feed.feed_id[:6]}"
        taken[slug] = feed
    return taken


def slug_of(feeds: list[Feed], feed_id: str) -> str | None:
    return next((slug for slug, feed in feed_slugs(feeds).items() if feed.feed_id == feed_id), None)


def find_by_slug(feeds: list[Feed], slug: str) -> Feed | None:
    slugs = feed_slugs(feeds)
    if slug in slugs:
        return slugs[slug]
    return next((feed for feed in slugs.values() if feed.feed_id == slug), None)
