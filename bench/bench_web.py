"""The web face's figures: search latency over 1,000 episodes' transcripts, and page weight.

Search: 1,000 episodes, each a real hour-long transcript from ../shared/corpus
(Talk Python 386, its cues rotated per episode so no two episodes read the
same, plus one word only that episode says), indexed through the SQLite FTS5
adapter exactly as `serve` does. Then the same queries two ways, in the same
run: FTS5 MATCH with bm25 ranking and snippets (ours) against a LIKE scan of
the same passages in a plain table (the obvious alternative, unranked: it
stops at the first 30 matches). p50/p95 per group of queries (words every
episode says; a word one episode says), warm cache, one thread.

Page weight: the archive's home page, a podcast page listing 200 episodes,
the search page and the full summary page, as served (bytes, and gzip -6).

Run: PYTHONPATH=shared .venv/bin/python bench/bench_web.py [--episodes 1000]
"""

import argparse
import gzip
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.support.summaries: the realistic summary used in tests
CORPUS_VTT = REPO.parent / "shared" / "corpus" / "transcripts" / "talkpython__386-h2o-wave.vtt"
QUERIES = [
    "python",
    "web framework",
    "data science",
    "machine learning models",
    "async",
    "deploy",
    "browser",
    "wave",
    "notebook",
    "dashboard",
    "real time",
    "open source",
    "h2o",
    "streaming",
    "pandas",
    "widgets",
    "server",
    "performance",
    "community",
    "startup",
]


def transcript_source():
    from podcast_digest.models import Segment, Transcript, TranscriptSource
    from podcast_digest.models.transcript import TranscriptSourceKind
    from podcast_digest.transcription.publisher.parse import parse_transcript

    if CORPUS_VTT.exists():
        return parse_transcript(CORPUS_VTT.read_bytes(), hint="text/vtt"), "Talk Python 386 (corpus)"
    words = [w for q in QUERIES for w in q.split()] + ["the", "and", "we", "so", "it", "is", "of", "to"] * 6
    chooser = random.Random(7)
    segments = [
        Segment(start=i * 6.0, end=i * 6.0 + 6, text=" ".join(chooser.choice(words) for _ in range(18)))
        for i in range(600)
    ]
    source = TranscriptSource(kind=TranscriptSourceKind.PUBLISHER, format="vtt")
    return Transcript(segments=segments, source=source), "synthetic (corpus absent)"


def build_home(home: Path, episodes: int):
    from podcast_digest.models import Enclosure, Episode, EpisodeStatus, Feed, Transcript
    from podcast_digest.pipeline import keys
    from podcast_digest.search.indexing import index_summary
    from podcast_digest.settings import load_settings
    from podcast_digest.wiring import build_context
    from tests.support.summaries import sample_summary

    ctx = build_context(load_settings(home=home, public_base_url="http://127.0.0.1:8080"))
    base, label = transcript_source()
    feed = Feed(feed_id="f" * 20, url="https://example.com/feed.xml", title="Talk Python To Me")
    ctx.records.put_feed(feed)
    cues = base.segments
    started = time.perf_counter()
    for number in range(episodes):
        episode_id = f"ep{number:05d}"
        shift = (number * 37) % len(cues)
        texts = [c.text for c in cues[shift:] + cues[:shift]]
        texts[number % len(texts)] += f" uniqueword{number}"
        segments = [c.model_copy(update={"text": t}) for c, t in zip(cues, texts, strict=True)]
        transcript = Transcript(episode_id=episode_id, segments=segments, source=base.source)
        ctx.blobs.put_bytes(
            keys.transcript_key(feed.feed_id, episode_id), transcript.model_dump_json().encode()
        )
        summary = sample_summary(
            episode_id=episode_id, feed_id=feed.feed_id, episode_title=f"Episode {number}"
        )
        ctx.records.add_episode(
            Episode(
                episode_id=episode_id,
                feed_id=feed.feed_id,
                title=f"Episode {number}",
                published_at=datetime(2024, 1, 1, tzinfo=UTC) + timedelta(days=number),
                audio=Enclosure(url=f"https://media.example.com/{episode_id}.mp3"),
                status=EpisodeStatus.NOTIFIED,
            )
        )
        ctx.records.put_summary(summary)
        index_summary(ctx.search, ctx.blobs, summary)
    return ctx, label, time.perf_counter() - started, sum(len(c.text) for c in cues) * episodes


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def time_queries(run, queries: list[str], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        for query in queries:
            started = time.perf_counter()
            run(query)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def like_scan(database: Path):
    """The obvious alternative: the same passages in a plain table, every word a LIKE '%word%'.

    Unranked: it stops at the first 30 matches, so a word every episode says is found at once,
    while FTS5 ranks every match by bm25 before it answers.
    """
    connection = sqlite3.connect(database)
    connection.execute(
        "CREATE TABLE IF NOT EXISTS plain AS SELECT episode_id, start_seconds, body FROM search_passages"
    )

    def run(query: str) -> list[tuple]:
        words = query.split()
        where = " AND ".join("body LIKE ?" for _ in words)
        return connection.execute(
            f"SELECT episode_id, start_seconds, substr(body, 1, 160) FROM plain WHERE {where} LIMIT 30",
            [f"%{w}%" for w in words],
        ).fetchall()

    return run


def page_weights(ctx) -> list[tuple[str, int, int]]:
    from podcast_digest.web.api import build_api
    from podcast_digest.web.context_site import site_from
    from podcast_digest.web.slugs import feed_slugs
    from tests.integration.subscriptions.flow import http_event

    api = build_api(site_from(lambda: ctx, archive_public=True, base_url="http://127.0.0.1:8080"))
    slug = next(iter(feed_slugs(ctx.records.list_feeds())))
    pages = [
        ("archive home", "/", None),
        ("podcast page (200 episodes)", f"/podcasts/{slug}", None),
        ("search page (30 hits)", "/search", {"q": "python"}),
        ("full summary page", "/summaries/ep00001", None),
    ]
    rows = []
    for label, path, query in pages:
        body = api.resolve(http_event("GET", path, query=query), None)["body"].encode("utf-8")  # type: ignore[arg-type]
        rows.append((label, len(body), len(gzip.compress(body, 6))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        home = Path(folder) / "home"
        ctx, label, seconds, chars = build_home(home, args.episodes)
        passages = (
            sqlite3.connect(ctx.settings.database_path)
            .execute("SELECT count(*) FROM search_passages")
            .fetchone()[0]
        )
        print(
            f"corpus: {args.episodes} episodes of {label}: {chars / 1e6:.1f} M characters, {passages} passages"
        )
        print(
            f"indexing (store + FTS5, through the adapter): {seconds:.1f} s, {seconds / args.episodes * 1000:.1f} ms/episode"
        )
        rare = [f"uniqueword{n}" for n in range(0, args.episodes, max(1, args.episodes // 20))]
        scan = like_scan(ctx.settings.database_path)
        for group, queries in (
            ("common words (in every episode)", QUERIES),
            ("a word one episode says", rare),
        ):
            fts = time_queries(lambda q: ctx.search.search(q, limit=30), queries, args.repeats)
            plain = time_queries(scan, queries, args.repeats)
            print(f"\nsearch, {group}: {len(queries)} queries x {args.repeats}")
            print(f"{'':<44}{'p50 ms':>10}{'p95 ms':>10}")
            for name, samples in (
                ("FTS5 MATCH + bm25 + snippet (ours)", fts),
                ("LIKE scan, same passages", plain),
            ):
                p50, p95 = percentiles(samples)
                print(f"{name:<44}{p50:>10.2f}{p95:>10.2f}")
            (p50_fts, p95_fts), (p50_scan, p95_scan) = percentiles(fts), percentiles(plain)
            print(f"{'LIKE time / FTS5 time':<44}{p50_scan / p50_fts:>9.1f}x{p95_scan / p95_fts:>9.1f}x")
        print(f"\n{'page':<32}{'bytes':>10}{'gzip -6':>10}")
        for name, size, packed in page_weights(ctx):
            print(f"{name:<32}{size:>10,}{packed:>10,}")


if __name__ == "__main__":
    main()
