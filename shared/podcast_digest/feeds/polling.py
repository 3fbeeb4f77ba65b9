"""Polite polling: read a feed only when it is due, cheaply when it has not changed.

- Conditional GET with the stored ETag / Last-Modified; a 304 costs no parse,
  and neither does a body whose hash matches the last one parsed.
- A broken feed never raises: its status, last error, failure count and next
  poll are stored on the Feed (what `feeds list` shows), and it backs off
  exponentially, or as long as a 429/503 Retry-After asks.
- `itunes:new-feed-url` and permanent redirects move `feed.url`; the feed id never changes.
- `podcast:updateFrequency` sets the polling period, within [POLL_INTERVAL, MAX_INTERVAL].
- On a feed's first poll only the newest `max_new_episodes_per_feed` episodes
  are new; older ones are recorded with `backfill=True` and never processed.
  A later poll takes at most MAX_NEW_PER_POLL new ones (a publisher that
  changes every guid at once must not re-send its whole catalogue).
- A new episode's `<podcast:chapters>` file is fetched and kept (broken ones are skipped).
- poll_feeds polls many feeds on threads with a bound overall and per host,
  scheduling so that a busy host never ties up the workers other hosts need.
  The threads share the Records adapter, which is thread-safe by itself (SQLite:
  a connection per thread behind SQLite's own lock; DynamoDB: a boto3 client),
  so there is one mechanism, the adapter's, and no second lock here.
"""

import hashlib
import logging
import urllib.parse
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import Field

from podcast_digest.errors import PodcastDigestError, UpstreamThrottled
from podcast_digest.feeds.chapters import fetch_chapters
from podcast_digest.feeds.fetch import is_local_reference
from podcast_digest.feeds.parse import ParsedFeed, parse_feed
from podcast_digest.feeds.skip_rules import skip_rule_for, skipped
from podcast_digest.models import Episode, EpisodeStatus, Feed, FeedStatus
from podcast_digest.models.base import DomainModel
from podcast_digest.ports import Fetcher, Records
from podcast_digest.settings import Settings

log = logging.getLogger(__name__)

POLL_INTERVAL = timedelta(minutes=30)  # the usual period; never poll a feed more often
MAX_INTERVAL = timedelta(hours=24)  # even a weekly show is looked at daily (a late or bonus episode)
MAX_BACKOFF = timedelta(days=7)  # a feed failing for weeks is still retried weekly
MAX_NEW_PER_POLL = 10  # more "new" episodes than this in one later poll: the rest are backfill
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"

Outcome = Literal["new", "unchanged", "not_modified", "not_due", "error"]


class PollResult(DomainModel):
    feed_id: str
    outcome: Outcome
    new_episodes: list[Episode] = Field(default_factory=list)
    skipped: list[Episode] = Field(
        default_factory=list, description="new episodes the feed's skip rules recorded as skipped"
    )
    error: str | None = None
    notes: list[str] = Field(default_factory=list, description="what was dropped from the feed and its items")


def _spread(feed_id: str, period: timedelta) -> timedelta:
    """Up to 10% more, fixed per feed: thousands of feeds added together do not stay in lockstep."""
    fraction = int(hashlib.sha256(feed_id.encode()).hexdigest()[:4], 16) / 0xFFFF
    return period * (0.1 * fraction)


def poll_interval(feed: Feed) -> timedelta:
    """How long after a successful poll the feed is due again."""
    period = POLL_INTERVAL
    if feed.update_frequency_seconds:
        period = min(max(timedelta(seconds=feed.update_frequency_seconds), POLL_INTERVAL), MAX_INTERVAL)
    return period + _spread(feed.feed_id, period)


def backoff(feed_id: str, failures: int, retry_after: float | None = None) -> timedelta:
    """Wait after the n-th consecutive failure: 30 min, 1 h, 2 h… up to a week; at least Retry-After."""
    delay = min(POLL_INTERVAL * (2 ** max(0, min(failures - 1, 20))), MAX_BACKOFF)
    if retry_after is not None:
        delay = max(delay, min(timedelta(seconds=retry_after), MAX_BACKOFF))
    return delay + _spread(feed_id, delay)


def _failed(feed: Feed, records: Records, now: datetime, error: str, retry_after: float | None) -> PollResult:
    failures = feed.consecutive_failures + 1
    _put_polled(
        records,
        feed.model_copy(
            update={
                "status": FeedStatus.ERROR,
                "last_error": error,
                "consecutive_failures": failures,
                "last_polled_at": now,
                "next_poll_at": now + backoff(feed.feed_id, failures, retry_after),
            }
        ),
    )
    return PollResult(feed_id=feed.feed_id, outcome="error", error=error)


def _put_polled(records: Records, polled: Feed) -> None:
    """Store the poll's outcome with the controls as they are now: an operator's `feeds set` made while
    the feed was being fetched (seconds, on a slow publisher) is not overwritten by the copy read before."""
    current = records.get_feed(polled.feed_id)
    if current is not None and current.controls != polled.controls:
        polled = polled.model_copy(update={"controls": current.controls})
    records.put_feed(polled)


def _newest_first(episodes: list[Episode]) -> list[Episode]:
    oldest = datetime.min.replace(tzinfo=UTC)
    # Stable sort: undated items keep the feed's own order, after the dated ones.
    return sorted(episodes, key=lambda e: e.published_at or oldest, reverse=True)


def _record_episodes(
    feed: Feed, parsed: ParsedFeed, records: Records, settings: Settings, now: datetime, fetcher: Fetcher
) -> tuple[list[Episode], list[Episode]]:
    """Add the episodes not seen before; returns the ones to process (their chapters fetched) and
    the ones the feed's skip rules recorded as skipped."""
    if parsed.blocked:
        return [], []
    first_poll = feed.content_hash is None
    # Later polls: a publisher that re-keys its items would otherwise flood the pipeline
    # (and every inbox) with its whole back catalogue.
    storm_cap = max(MAX_NEW_PER_POLL, settings.max_new_episodes_per_feed)
    new: list[Episode] = []
    passed_over: list[Episode] = []
    for rank, episode in enumerate(_newest_first(parsed.episodes)):
        # A skipped episode takes no place among the newest few: the newest unskipped ones are summarised.
        newer = rank - len(passed_over)
        backfill = newer >= settings.max_new_episodes_per_feed if first_poll else len(new) >= storm_cap
        candidate = episode.model_copy(
            update={
                "status": EpisodeStatus.DISCOVERED,
                "backfill": backfill,
                "discovered_at": now,
                "updated_at": now,
            }
        )
        rule = None if backfill else skip_rule_for(feed.controls, candidate)
        if rule is not None:  # recorded as skipped: never transcribed, never in anyone's inbox
            candidate = skipped(candidate, rule, now)
            if records.add_episode(candidate):
                passed_over.append(candidate)
            continue
        if records.add_episode(candidate) and not backfill:
            if candidate.chapters_url and not candidate.chapters:
                chapters = fetch_chapters(candidate, fetcher=fetcher, settings=settings, base=feed.url)
                if chapters:
                    candidate = candidate.model_copy(update={"chapters": chapters})
                    records.put_episode(candidate)
            new.append(candidate)
    return new, passed_over


def _moved_url(feed: Feed, permanent_redirect: str | None, parsed: ParsedFeed | None) -> str:
    if parsed is not None and parsed.new_feed_url and parsed.new_feed_url != feed.url:
        return parsed.new_feed_url
    if permanent_redirect and permanent_redirect != feed.url:
        return permanent_redirect
    return feed.url


def poll_feed(
    feed: Feed,
    *,
    fetcher: Fetcher,
    records: Records,
    settings: Settings,
    now: datetime | None = None,
    force: bool = False,
) -> PollResult:
    """Poll one feed if it is due (or forced). Never raises for a broken feed: see the module docstring."""
    now = now or datetime.now(UTC)  # callers with a Context pass ctx.clock()
    if not force and feed.next_poll_at is not None and feed.next_poll_at > now:
        return PollResult(feed_id=feed.feed_id, outcome="not_due")
    known = feed.content_hash is not None  # a conditional GET only once we hold what it refers to
    try:
        fetched = fetcher.fetch(
            feed.url,
            max_bytes=settings.max_feed_bytes,
            etag=feed.etag if known else None,
            last_modified=feed.last_modified if known else None,
            accept=FEED_ACCEPT,
            base=feed.url,
        )
        polled: dict[str, Any] = {
            "status": FeedStatus.OK,
            "last_error": None,
            "consecutive_failures": 0,
            "last_polled_at": now,
            "etag": fetched.etag or feed.etag,
            "last_modified": fetched.last_modified or feed.last_modified,
        }
        if fetched.status == 304:
            moved = feed.model_copy(
                update={**polled, "url": _moved_url(feed, fetched.permanent_redirect, None)}
            )
            _put_polled(records, moved.model_copy(update={"next_poll_at": now + poll_interval(moved)}))
            return PollResult(feed_id=feed.feed_id, outcome="not_modified")
        content_hash = hashlib.sha256(fetched.body).hexdigest()
        if content_hash == feed.content_hash:
            moved = feed.model_copy(
                update={**polled, "url": _moved_url(feed, fetched.permanent_redirect, None)}
            )
            _put_polled(records, moved.model_copy(update={"next_poll_at": now + poll_interval(moved)}))
            return PollResult(feed_id=feed.feed_id, outcome="unchanged")
        # Relative links resolve against where the feed really is (after redirects).
        base = fetched.url if not is_local_reference(feed.url) else feed.url
        parsed = parse_feed(fetched.body, feed_url=base, feed_id=feed.feed_id)
        new_episodes, passed_over = _record_episodes(feed, parsed, records, settings, now, fetcher)
    except UpstreamThrottled as exc:
        return _failed(feed, records, now, str(exc), exc.retry_after)
    except PodcastDigestError as exc:
        return _failed(feed, records, now, str(exc), None)
    except Exception as exc:  # a feed must never break polling; the log keeps the traceback
        log.exception("unexpected error polling %s", feed.url)
        return _failed(
            feed, records, now, f"unexpected error reading the feed ({exc!r}): please report it", None
        )

    url = _moved_url(feed, fetched.permanent_redirect, parsed)
    updated = feed.model_copy(
        update={
            **polled,
            "url": url,
            "title": parsed.title or feed.title,
            "description": parsed.description or feed.description,
            "link": parsed.link or feed.link,
            "language": parsed.language or feed.language,
            "image_url": parsed.image_url or feed.image_url,
            "persons": parsed.persons or feed.persons,
            "update_frequency_seconds": parsed.update_frequency_seconds,
            "content_hash": content_hash,
        }
    )
    if parsed.blocked:
        updated = updated.model_copy(
            update={
                "last_error": "the publisher blocks this feed (itunes:block): no episodes are taken from it"
            }
        )
    if url != feed.url and parsed.new_feed_url == url:
        # Moved by the publisher: read the new address on the next run, without the old one's validators.
        updated = updated.model_copy(update={"etag": None, "last_modified": None})
        next_poll = now
    else:
        next_poll = now + poll_interval(updated)
    _put_polled(records, updated.model_copy(update={"next_poll_at": next_poll}))
    notes = parsed.notes + [
        f"item {episode.title[:80]!r}: {note}" for episode in parsed.episodes for note in episode.notes
    ]
    for note in notes:
        log.info("feed %s: %s", feed.url, note)
    return PollResult(
        feed_id=feed.feed_id,
        outcome="new" if new_episodes else "unchanged",
        new_episodes=new_episodes,
        skipped=passed_over,
        notes=notes,
    )


def _host_of(feed: Feed) -> str:
    if is_local_reference(feed.url):
        return "(local files)"
    try:
        return (urllib.parse.urlsplit(feed.url).hostname or "").lower()
    except ValueError:
        return "(malformed URL)"  # poll_feed reports it against this feed alone


def poll_feeds(
    feeds: list[Feed],
    *,
    fetcher: Fetcher,
    records: Records,
    settings: Settings,
    now: datetime | None = None,
    force: bool = False,
    on_result: Callable[[PollResult], None] | None = None,
) -> list[PollResult]:
    """Poll many feeds concurrently (settings.poll_concurrency overall, settings.poll_per_host per host).

    Results come back in the order of `feeds`; on_result is called (on the
    calling thread) as each one finishes. One feed's failure never affects another.
    """
    waiting: dict[str, deque[int]] = defaultdict(deque)
    for index, feed in enumerate(feeds):
        waiting[_host_of(feed)].append(index)
    busy: Counter[str] = Counter()
    results: list[PollResult | None] = [None] * len(feeds)
    running: dict[Future[PollResult], tuple[int, str]] = {}
    workers = max(1, min(settings.poll_concurrency, len(feeds)))
    per_host = max(1, settings.poll_per_host)

    def one(feed: Feed) -> PollResult:
        try:
            return poll_feed(
                feed,
                fetcher=fetcher,
                records=records,
                settings=settings,
                now=now,
                force=force,
            )
        except Exception as exc:  # e.g. the records store failed: report it against this feed only
            log.exception("polling %s failed", feed.url)
            return PollResult(
                feed_id=feed.feed_id, outcome="error", error=f"could not record the poll: {exc}"
            )

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll") as pool:
        while waiting or running:
            # Round-robin over hosts so no host's backlog starves the others.
            for host in list(waiting):
                while waiting.get(host) and busy[host] < per_host and len(running) < workers:
                    index = waiting[host].popleft()
                    busy[host] += 1
                    running[pool.submit(one, feeds[index])] = (index, host)
                if not waiting.get(host):
                    waiting.pop(host, None)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                index, host = running.pop(future)
                busy[host] -= 1
                result = future.result()
                results[index] = result
                if on_result is not None:
                    on_result(result)
    return [result for result in results if result is not None]
