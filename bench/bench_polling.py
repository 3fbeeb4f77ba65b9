"""Polling 500 feeds from a local publisher with 100 ms latency per response.

Ours (poll_feeds: threads, conditional GET, hash skip, SQLite records) against
the obvious alternative, sequential `feedparser.parse(url)`, in the same run.
Prints feeds per second, the ratio, and the CPU spent per unchanged feed.

The sequential baseline is measured on the first BASELINE_FEEDS feeds and
extrapolated to all of them (it would take about a minute otherwise); the
output says so.

All 500 feeds live on one host (127.0.0.1), so the per-host politeness bound
(poll_per_host, default 2) would cap us at two requests in flight: the run
reports that default and a run with the bound raised to poll_concurrency, which
is what 500 feeds spread over many publishers get.

Run: .venv/bin/python bench/bench_polling.py
"""

import io
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import feedparser

from podcast_digest.adapters.sqlite.records import SQLiteRecords
from podcast_digest.feeds.fetch import SafeFetcher
from podcast_digest.feeds.polling import poll_feeds
from podcast_digest.models import Feed, feed_id_for
from podcast_digest.settings import Settings
from tests.support.feed_server import FeedServer, Route

FEEDS = 500
LATENCY = 0.1
ITEMS_PER_FEED = 20
BASELINE_FEEDS = 60


def feed_body(number: int) -> bytes:
    items = "".join(
        f"<item><guid>feed{number}-ep{i}</guid><title>Episode {i} of show {number}</title>"
        f"<description><![CDATA[<p>Show notes for episode {i}: guests, links and a long paragraph "
        f"about what was discussed, the kind of text real feeds carry.</p>]]></description>"
        f'<enclosure url="https://cdn.example.com/{number}/{i}.mp3" type="audio/mpeg" length="{1000 + i}"/>'
        f"<pubDate>Mon, {1 + i % 28:02d} Jun 2026 10:00:00 GMT</pubDate><itunes:duration>42:{i % 60:02d}</itunes:duration>"
        "</item>"
        for i in range(ITEMS_PER_FEED)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>'
        f"<title>Show {number}</title><language>en</language>{items}</channel></rss>"
    ).encode()


def timed(action):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    with FeedServer() as server, tempfile.TemporaryDirectory() as scratch:
        urls = [
            server.route(f"/feeds/{n}.xml", Route(body=feed_body(n), latency=LATENCY, etag=f'"{n}-v1"'))
            for n in range(FEEDS)
        ]
        print(
            f"{FEEDS} feeds of {ITEMS_PER_FEED} items (~{len(feed_body(0)) // 1024} KB), {LATENCY * 1000:.0f} ms latency each, one local host"
        )

        # --- baseline: sequential feedparser.parse(url), on a subset
        _, base_wall, _ = timed(lambda: [feedparser.parse(url) for url in urls[:BASELINE_FEEDS]])
        base_rate = BASELINE_FEEDS / base_wall
        print(
            f"sequential feedparser.parse(url): {BASELINE_FEEDS} feeds in {base_wall:.1f} s = {base_rate:.1f} feeds/s "
            f"(extrapolated to {FEEDS}: {FEEDS / base_rate:.0f} s)"
        )

        for label, per_host in (("poll_per_host=2 (default)", 2), ("poll_per_host=16", 16)):
            settings = Settings(
                home=Path(scratch) / label,
                allow_loopback=True,
                poll_concurrency=16,
                poll_per_host=per_host,
            )
            with SQLiteRecords(Path(scratch) / f"{per_host}.sqlite3") as records:
                feeds = [Feed(feed_id=feed_id_for(url), url=url) for url in urls]
                for feed in feeds:
                    records.put_feed(feed)
                fetcher = SafeFetcher(settings)

                def poll_all(fetcher=fetcher, records=records, settings=settings):  # type: ignore[no-untyped-def]
                    return poll_feeds(
                        records.list_feeds(),
                        fetcher=fetcher,
                        records=records,
                        settings=settings,
                        now=datetime.now(UTC),
                        force=True,
                    )

                results, wall, cpu = timed(poll_all)
                outcomes = {o: [r.outcome for r in results].count(o) for o in {r.outcome for r in results}}
                rate = FEEDS / wall
                print(
                    f"ours, first poll, {label}: {wall:.1f} s = {rate:.1f} feeds/s, "
                    f"{rate / base_rate:.1f}x sequential feedparser; CPU {cpu * 1000 / FEEDS:.1f} ms/feed; {outcomes}"
                )
                if per_host != 16:
                    continue
                results, wall, cpu = timed(poll_all)
                print(
                    f"ours, unchanged (304 via ETag): {wall:.1f} s = {FEEDS / wall:.1f} feeds/s; "
                    f"CPU per unchanged feed {cpu * 1000 / FEEDS:.2f} ms; "
                    f"{[r.outcome for r in results].count('not_modified')} not_modified"
                )
                for route in server.routes.values():
                    route.etag = None  # a publisher without validators: the body hash spares the parse
                results, wall, cpu = timed(poll_all)
                print(
                    f"ours, unchanged (same body, no ETag): {wall:.1f} s = {FEEDS / wall:.1f} feeds/s; "
                    f"CPU per unchanged feed {cpu * 1000 / FEEDS:.2f} ms; "
                    f"{[r.outcome for r in results].count('unchanged')} unchanged"
                )
                _, _, parse_cpu = timed(
                    lambda: [feedparser.parse(io.BytesIO(feed_body(n))) for n in range(50)]
                )
                print(
                    f"for scale: feedparser.parse of one such feed costs {parse_cpu * 1000 / 50:.1f} ms CPU"
                )


if __name__ == "__main__":
    main()
