"""Finding the feed, episode or subscriber a user names on the command line."""

from pathlib import Path

from podcast_digest.errors import NotFoundError
from podcast_digest.models import Episode, Feed, Subscriber, subscriber_id_for
from podcast_digest.models.subscriber import normalise_email
from podcast_digest.pipeline.context import Context


def feed_location(value: str) -> str:
    """A URL stays as given; an existing local path becomes absolute, so cron can run from anywhere."""
    if "://" in value:
        return value.strip()
    path = Path(value).expanduser()
    return str(path.resolve()) if path.exists() else value.strip()


def find_feed(ctx: Context, name: str) -> Feed:
    """By id, id prefix, URL or local path."""
    feeds = ctx.records.list_feeds()
    location = feed_location(name)
    for feed in feeds:
        if feed.url in (name, location) or feed.feed_id == name:
            return feed
    matches = [f for f in feeds if f.feed_id.startswith(name)] if len(name) >= 4 else []
    if len(matches) == 1:
        return matches[0]
    raise NotFoundError(f"no feed matches {name!r}: see `podcast-digest feeds list` for ids and URLs")


def find_episode(ctx: Context, name: str) -> Episode:
    """By id or an unambiguous id prefix (at least 4 characters), like git commits."""
    episode = ctx.records.get_episode(name)
    if episode is not None:
        return episode
    matches = (
        [e for e in ctx.records.list_episodes() if e.episode_id.startswith(name)] if len(name) >= 4 else []
    )
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFoundError(f"{name!r} matches {len(matches)} episodes: give more characters of the id")
    raise NotFoundError(f"no episode matches {name!r}: see `podcast-digest episodes list` for ids")


def find_subscriber(ctx: Context, email: str) -> Subscriber:
    subscriber = ctx.records.get_subscriber(subscriber_id_for(normalise_email(email)))
    if subscriber is None:
        raise NotFoundError(f"{email} is not a subscriber: see `podcast-digest subscribers list`")
    return subscriber
