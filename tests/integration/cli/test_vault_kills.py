"""`export --all --dir` killed (SIGKILL) at random points, many times, then run to the end.

Each trial starts the real command in its own process, waits until a random number of notes has
appeared (and a few ms more), and kills it; half the trials first retitle every summary, so the
kill can land between a renamed note's new file and the removal of its old one. After each kill
every visible note must still read as a whole note; after the last run the vault must hold exactly
one note per summary, with its current title, and nothing half-written in sight.
"""

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from podcast_digest.models import Episode, Feed
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.summaries import sample_summary
from tests.unit.vault.reading import read_note

pytestmark = pytest.mark.slow

EPISODES = 40
TRIALS = 6
SHARED = Path(__file__).resolve().parents[3] / "shared"


def _title(n: int, take: int) -> str:
    return f"Episode {n}: on bread, take {take}"


def _summaries(home: Path, take: int) -> None:
    records = build_context(load_settings(home=home)).records
    start = datetime(2024, 1, 1, tzinfo=UTC)
    if not records.list_feeds():
        records.put_feed(Feed(feed_id="feed0001", url="https://p.example.com/feed.xml", title="Bread Hour"))
    for n in range(EPISODES):
        episode_id = f"ep{n:018d}"
        records.add_episode(
            Episode(
                episode_id=episode_id, feed_id="feed0001", title="x", published_at=start + timedelta(days=n)
            )
        )
        records.put_summary(
            sample_summary(episode_id=episode_id, feed_id="feed0001", episode_title=_title(n, take))
        )
    records.close()


def _command(home: Path, vault: Path) -> list[str]:
    code = "from podcast_digest.cli.main import app; app()"
    return [sys.executable, "-c", code, "--home", str(home), "export", "--all", "--dir", str(vault)]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SHARED), env.get("PYTHONPATH")]))
    return env


def _visible(vault: Path) -> list[Path]:
    return [p for p in vault.rglob("*.md") if not p.name.startswith(".")]


def _kill_after(home: Path, vault: Path, notes: int, rng: random.Random) -> bool:
    process = subprocess.Popen(
        _command(home, vault), env=_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while process.poll() is None and len(_visible(vault)) < notes:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0, 0.004))
        if process.poll() is not None:
            return False
        process.send_signal(signal.SIGKILL)
        return True
    finally:
        process.wait(timeout=60)


def test_kills_at_random_points_never_leave_half_a_note_or_a_second_copy(tmp_path):
    rng = random.Random(15)
    home, vault = tmp_path / "home", tmp_path / "vault"
    _summaries(home, take=0)
    killed = 0
    take = 0
    for trial in range(TRIALS):
        if trial % 2:
            take += 1
            _summaries(home, take)  # every title changes: this export renames every note
        killed += _kill_after(home, vault, rng.randint(0, EPISODES - 1), rng)
        for path in _visible(vault):
            read_note(path.read_text(encoding="utf-8"))  # whole notes only, whatever the moment
    assert killed >= TRIALS // 2, f"only {killed} of {TRIALS} runs were still going when killed"

    finished = subprocess.run(
        _command(home, vault), env=_environment(), capture_output=True, text=True, timeout=120
    )

    assert finished.returncode == 0, finished.stderr
    notes = [read_note(p.read_text(encoding="utf-8")).front_matter for p in _visible(vault)]
    assert sorted(n["summary_id"] for n in notes) == [f"ep{n:018d}" for n in range(EPISODES)]
    assert {n["episode"] for n in notes} == {_title(n, take) for n in range(EPISODES)}
    leftovers = [p for p in vault.rglob("*.partial")]
    print(f"{killed} of {TRIALS} runs killed mid-export; {len(leftovers)} hidden .partial file(s) left")
    assert len(leftovers) <= killed  # at most the one file each kill was writing, hidden (a dot name)
    assert all(p.name.startswith(".") for p in leftovers)
