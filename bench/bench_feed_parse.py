"""Parse time and peak memory for a 20 MB feed, and for a deeply nested one, with and without the budget.

1. A 20 MB RSS feed of ~49,000 real-shaped items (title, guid, enclosure, description, pubDate,
   itunes:duration, a podcast:transcript). Ours: parse_feed with its parse budget (feeds/budget.py:
   the first MAX_ITEMS items). The obvious alternative in the same run: the whole document through
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
        outcome = f"{len(parsed.episodes)} episodes"
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


def big_feed(path: Path, megabytes: float) -> int:
    head = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Big Show</title>'
        "<link>https://example.com/</link><description>Every day since forever.</description>"
    )
    parts, size, n = [head], len(head), 0
    target = int(megabytes * 1024 * 1024)
    while size < target:
        item = (
            f"<item><title>Episode {n}: compost, soil and the balcony summer</title><guid>ep-{n}</guid>"
            f'<enclosure url="https://cdn.example.com/audio/{n}.mp3" length="{40_000_000 + n}" type="audio/mpeg"/>'
            f"<description><![CDATA[<p>Show notes for episode {n}. We talk about watering and light.</p>]]>"
            f"</description><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate><itunes:duration>3600</itunes:duration>"
            f'<podcast:transcript url="https://cdn.example.com/t/{n}.vtt" type="text/vtt"/></item>\n'
        )
        parts.append(item)
        size += len(item)
        n += 1
    parts.append("</channel></rss>")
    path.write_text("".join(parts), encoding="utf-8")
    return n


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
    deep = folder / "deep.xml"
    deep_feed(deep, 100_000)
    print(f"{'document':38} {'parser':26} {'seconds':>8} {'peak MB':>8}  outcome")
    cases = [
        (f"20 MB feed, {items:,} items", big),
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
