"""The vault export's figures: exporting 1,000 episodes, then exporting them again.

1,000 realistic summaries (tests/support/summaries.py, each a full 1h48 house-format summary)
and their episodes, in a real SQLite records store, across 20 podcasts. Then, in the same run:
1. `export_vault` into an empty vault (ours, first time);
2. `export_vault` again over the same vault (ours, nothing changed: no file is written);
3. the obvious alternative for the second pass: every note rendered and written again whole
   (temp + rename), as a plain "export every summary to a file" loop does: every mtime moves,
   and a sync tool or Obsidian sees 1,000 changed files.
Also the cost of finding notes by summary id: reading each note's first 256 bytes (ours)
against parsing each whole note's front matter with PyYAML.

Run: PYTHONPATH=shared .venv/bin/python bench/bench_vault_export.py [--episodes 1000]
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.support.summaries: the realistic summary used in tests

from podcast_digest.models import Episode, Feed  # noqa: E402
from podcast_digest.settings import load_settings  # noqa: E402
from podcast_digest.vault.export import export_vault, vault_episodes  # noqa: E402
from podcast_digest.vault.folder import VaultFolder, _write_whole  # noqa: E402
from podcast_digest.vault.note import episode_note  # noqa: E402
from podcast_digest.wiring import build_context  # noqa: E402
from tests.support.summaries import sample_summary  # noqa: E402


def _fill(records, count: int) -> None:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for podcast in range(20):
        records.put_feed(
            Feed(
                feed_id=f"feed{podcast:04d}",
                url=f"https://p{podcast}.example.com/feed.xml",
                title=f"Podcast {podcast}",
            )
        )
    for n in range(count):
        feed_id = f"feed{n % 20:04d}"
        episode_id = f"ep{n:018d}"
        published = start + timedelta(days=n // 20)
        records.add_episode(
            Episode(
                episode_id=episode_id, feed_id=feed_id, title=f"Episode {n}: on bread", published_at=published
            )
        )
        records.put_summary(
            sample_summary(episode_id=episode_id, feed_id=feed_id, episode_title=f"Episode {n}: on bread")
        )


def _mtimes(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in root.rglob("*.md")}


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--episodes", type=int, default=1000)
    count = parser.parse_args().episodes
    with tempfile.TemporaryDirectory() as scratch:
        home, root = Path(scratch) / "home", Path(scratch) / "vault"
        ctx = build_context(load_settings(home=home))
        _fill(ctx.records, count)
        episodes = vault_episodes(ctx.records)
        outcomes: list[str] = []

        def ours() -> None:
            export_vault(
                ctx.records,
                episodes,
                root,
                lambda _e, placed: outcomes.append(placed.outcome.value if placed else "-"),
            )

        first = _timed(ours)
        before = _mtimes(root)
        outcomes.clear()
        second = _timed(ours)
        untouched = sum(1 for p, m in _mtimes(root).items() if before.get(p) == m)
        assert set(outcomes) == {"unchanged"}, set(outcomes)

        def rewrite_all() -> None:
            titles = {f.feed_id: f.title for f in ctx.records.list_feeds()}
            for episode in episodes:
                summary = ctx.records.get_summary(episode.episode_id)
                note = episode_note(summary, episode, titles[episode.feed_id])
                _write_whole(root / note.folder / f"{note.stem}.md", note.data)

        os.sync()
        naive = _timed(rewrite_all)
        moved = sum(1 for p, m in _mtimes(root).items() if before.get(p) != m)

        heads = _timed(lambda: VaultFolder(root)._notes())
        import yaml

        def parse_whole() -> None:
            for path in root.rglob("*.md"):
                text = path.read_text(encoding="utf-8")
                yaml.safe_load(text[4 : text.index("\n---\n", 3)])

        whole = _timed(parse_whole)
        size = sum(p.stat().st_size for p in root.rglob("*.md"))

    print(f"vault export of {count} episodes ({size / 1e6:.1f} MB of notes, 20 podcasts)")
    print(
        f"  first export (ours):                      {first:7.2f} s  ({first / count * 1000:.1f} ms a note)"
    )
    print(f"  export again, nothing changed (ours):     {second:7.2f} s  {untouched}/{count} files untouched")
    print(f"  export again, rewriting every note:       {naive:7.2f} s  {moved}/{count} files rewritten")
    print(f"  index by summary id, first 256 bytes:     {heads:7.3f} s")
    print(
        f"  index by parsing whole front matter:      {whole:7.3f} s  ({whole / max(heads, 1e-9):.1f}x ours)"
    )


if __name__ == "__main__":
    main()
