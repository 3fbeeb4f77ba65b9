"""Parse time and peak memory for a 20 MB feed, and for a deeply nested one, with and without the budget.

1. A 20 MB RSS feed of ~49,000 real-shaped items (title, guid, enclosure, description, pubDate,
   itunes:duration, a podcast:transcript), listed newest first, and the same listed oldest first.
   Ours: parse_feed with its parse budget (feeds/budget.py: the MAX_ITEMS newest items, by date;
   "newest kept" shows the oldest-first feed keeps its newest episode, 2026-06-01 10:00, too). The obvious alternative in the same run: the whole document through
   feedparser and our second pass, as before the budget.
2. A nested document (<a><a>… 100,000 deep, ~0.6 MB): ours refuses it before any parser runs;
   the alternative hands it to feedparser.

Each case runs in a fresh interpreter; peak memory is ru_maxrss above the level after imports.

Run: .venv/bin/python bench/bench_feed_parse.py
"""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import io, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import feedparser
from podcast_digest.feeds.parse import parse_feed
from podcast_digest.feeds.podcast_tags import scan_podcast_tags
from podcast_digest.errors import FeedError
body = open(sys.argv[3], "rb").read()
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() // 1024
start_kb = rss()
started = time.perf_counter()
outcome = ""
if sys.argv[2] == "ours":
    try:
        parsed = parse_feed(body, feed_url="https://example.com/feed.xml", feed_id="f")
        dates = [e.published_at for e in parsed.episodes if e.published_at]
        newest = f", newest kept {max(dates):%Y-%m-%d %H:%M}" if dates else ""
        outcome = f"{len(parsed.episodes)} episodes{newest}"
    except FeedError as exc:
        outcome = "refused"
else:
    parsed = feedparser.parse(io.BytesIO(body), resolve_relative_uris=False)
    scan_podcast_tags(body.decode("utf-8", "replace"))
    outcome = f"{len(parsed.entries)} entries"
seconds = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start_kb
print(json.dumps({"seconds": seconds, "peak_kb": max(0, peak_kb), "outcome": outcome}))
"""


def big_feed(path: Path, megabytes: float, *, oldest_first: bool = False) -> int:
    """Items an hour apart, newest first (as most feeds list them) or oldest first; the newest is
    2026-06-01 10:00 either way."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Big Show</title>'
        "<link>https://example.com/</link><description>Every day since forever.</description>"
    )
    parts, size, n = [head], len(head), 0
    target = int(megabytes * 1024 * 1024)
    newest = datetime(2026, 6, 1, 10, tzinfo=UTC)
    count = (target - len(head)) // len(_item(25_000, format_datetime(newest, usegmt=True))) + 1
    while size < target:
        hours = count - 1 - n if oldest_first else n
        item = _item(n, format_datetime(newest - timedelta(hours=max(0, hours)), usegmt=True))
        parts.append(item)
        size += len(item)
        n += 1
    parts.append("</channel></rss>")
    path.write_text("".join(parts), encoding="utf-8")
    return n


def _item(n: int, published: str) -> str:
    return (
        f"<item><title>Episode {n}: compost, soil and the balcony summer</title><guid>ep-{n}</guid>"
        f'<enclosure url="https://cdn.example.com/audio/{n}.mp3" length="{40_000_000 + n}" type="audio/mpeg"/>'
        f"<description><![CDATA[<p>Show notes for episode {n}. We talk about watering and light.</p>]]>"
        f"</description><pubDate>{published}</pubDate><itunes:duration>3600</itunes:duration>"
        f'<podcast:transcript url="https://cdn.example.com/t/{n}.vtt" type="text/vtt"/></item>\n'
    )


def deep_feed(path: Path, depth: int) -> None:
    path.write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>' + b"<a>" * depth)


def run(path: Path, which: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO / "shared"), which, str(path)],
        capture_output=True, text=True, check=False, env=os.environ.copy(), timeout=900,
    )  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    folder = Path(os.environ.get("TMPDIR", "/tmp")) / "bench-feed-parse"
    folder.mkdir(exist_ok=True)
    big = folder / "big.xml"
    items = big_feed(big, 20)
    oldest = folder / "oldest-first.xml"
    oldest_items = big_feed(oldest, 20, oldest_first=True)
    deep = folder / "deep.xml"
    deep_feed(deep, 100_000)
    print(f"{'document':38} {'parser':26} {'seconds':>8} {'peak MB':>8}  outcome")
    cases = [
        (f"20 MB feed, {items:,} items", big),
        (f"20 MB, {oldest_items:,} items, oldest first", oldest),
        (f"nested 100,000 deep, {deep.stat().st_size / 1e6:.1f} MB", deep),
    ]
    for label, path in cases:
        for which, name in (("ours", "parse_feed (budget)"), ("whole", "whole doc, no budget")):
            figures = run(path, which)
            print(
                f"{label:38} {name:26} {figures['seconds']:8.2f} {figures['peak_kb'] / 1024:8.0f}  {figures['outcome']}"
            )


if __name__ == "__main__":
    main()
