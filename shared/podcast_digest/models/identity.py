"""Stable identities: the same feed item, feed or address always gets the same id.

An episode id is a hash of the feed id and the item's guid; where the feed
gives no guid, the enclosure URL, then the link (DESIGN.md, "Identity").
Ids are short hex strings, safe in S3 keys, DynamoDB keys and file names.
"""

import hashlib


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def feed_id_for(url: str) -> str:
    """The id of a feed, from the URL it was first added with (it survives URL moves)."""
    return _digest("feed", url.strip())


def episode_id_for(feed_id: str, guid: str | None, enclosure_url: str | None, link: str | None) -> str:
    """The id of an episode: feed id + guid, else enclosure URL, else link.

    Raises ValueError when the item has none of the three, since such an item
    cannot be recognised again on the next poll.
    """
    for kind, value in (("guid", guid), ("enclosure", enclosure_url), ("link", link)):
        if value and value.strip():
            return _digest("episode", feed_id, kind, value.strip())
    raise ValueError("a feed item needs a guid, an enclosure URL or a link to be identified")


def subscriber_id_for(email: str) -> str:
    """The id of a subscriber, from the normalised (lower-cased) address."""
    return _digest("subscriber", email.strip().lower())
