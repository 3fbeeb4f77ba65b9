"""A full disk under the outbox: one clear line, nothing marked sent that was not, nothing lost.

The outbox folder, or the whole home with its SQLite database, is on a small
tmpfs this test mounts (it needs root, or it skips saying so), nearly filled,
under the real `podcast-digest run`.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from podcast_digest.models import DeliveryStatus
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.kill_trials import EPISODES, SUBSCRIBERS, _environment, prepare_template, run_to_end

pytestmark = pytest.mark.slow

ROOM_BYTES = 40 * 1024  # room for about one digest (.eml and .html), not for twenty


def mount_small_disk(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")


def fill_leaving(folder: Path, room: int) -> Path:
    filler = folder / ".filler"
    with filler.open("wb") as stream:
        try:
            while True:
                stream.write(b"\0" * 65536)
                stream.flush()
        except OSError:
            pass
    os.truncate(filler, max(0, filler.stat().st_size - room))
    return filler


@pytest.fixture(
    params=["outbox", "home"], ids=["outbox-on-the-full-disk", "database-and-outbox-on-the-full-disk"]
)
def small_disk(request, tmp_path):
    """A prepared home whose outbox (or whole home) is on a nearly full 4 MiB tmpfs."""
    home = prepare_template(tmp_path / "trial")
    disk = home / "outbox" if request.param == "outbox" else tmp_path / "disk"
    mount_small_disk(disk)
    try:
        if request.param == "home":
            home = Path(shutil.copytree(home, disk / "home"))
        yield home, fill_leaving(disk, ROOM_BYTES)
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def delivery_markers(home: Path):
    ctx = build_context(load_settings(home=home))
    markers = [
        ctx.records.get_delivery(subscription.subscriber_id, episode.episode_id)
        for feed in ctx.records.list_feeds()
        for episode in ctx.records.list_episodes(feed.feed_id)
        for subscription in ctx.records.list_subscriptions_for_feed(feed.feed_id)
    ]
    ctx.records.close()
    return markers


def test_a_full_disk_says_so_in_one_line_and_loses_nothing_once_there_is_room(small_disk):
    home, filler = small_disk
    env = _environment("outbox", None, Path(__file__).resolve().parents[3] / "shared") | {"COLUMNS": "400"}

    full = run_to_end(home, env)

    output = full.stdout + full.stderr
    assert full.returncode == 1, output
    assert "Traceback" not in output
    waiting_lines = [line for line in output.splitlines() if line.startswith("waiting")]
    assert waiting_lines, output
    # Each reason said once for every episode it holds up (the outbox and the database may both be full).
    assert len(waiting_lines) <= 2, waiting_lines
    assert all("full" in line for line in waiting_lines), waiting_lines
    assert all("free some disk space" in line for line in waiting_lines), waiting_lines
    emls = {p.stem for p in (home / "outbox").glob("*.eml")}
    htmls = {p.stem for p in (home / "outbox").glob("*.html")}
    assert htmls <= emls  # never an .html without its .eml
    assert [p.name for p in (home / "outbox").iterdir() if p.suffix not in (".eml", ".html", "")] == []
    sent = [m for m in delivery_markers(home) if m is not None and m.status is DeliveryStatus.SENT]
    assert len(sent) < EPISODES * SUBSCRIBERS
    assert {m.message_id.strip("<>").split("@")[0] for m in sent} <= emls  # sent means its file is there

    filler.unlink()
    again = run_to_end(home, env)

    assert again.returncode == 0, again.stdout + again.stderr
    assert len(list((home / "outbox").glob("*.eml"))) == EPISODES * SUBSCRIBERS
    assert len(list((home / "outbox").glob("*.html"))) == EPISODES * SUBSCRIBERS
    assert all(m is not None and m.status is DeliveryStatus.SENT for m in delivery_markers(home))
