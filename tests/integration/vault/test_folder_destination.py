"""The folder destination: each new summary's note lands in the vault, the same file `export --all` makes.

Posts come from `make run`'s example through the real local pipeline; the disk faults are a real
tmpfs this test mounts (root only; it skips saying so elsewhere).
"""

import subprocess
from pathlib import Path

import pytest
from pydantic import SecretStr

from podcast_digest.errors import BadInputError, StorageFull
from podcast_digest.models import Destination, DestinationKind, Feed, Post, feed_id_for
from podcast_digest.pipeline.runner import run
from podcast_digest.settings import load_settings
from podcast_digest.subscriptions.links import summary_link
from podcast_digest.vault.export import export_vault, vault_episodes
from podcast_digest.vault.folder_destination import FolderSender
from podcast_digest.wiring import build_context
from tests.integration.delivery.test_full_disk import fill_leaving, mount_small_disk
from tests.unit.vault.reading import assert_inert, read_note

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "feed.xml"


def _folder(path: Path | str, kind: DestinationKind = DestinationKind.FOLDER) -> Destination:
    return Destination(destination_id="vault1", kind=kind, target=SecretStr(str(path)))


@pytest.fixture
def example(tmp_path):
    """A context whose records hold the example's two summaries, and its Posts as notify makes them."""
    settings = load_settings(
        home=tmp_path / "home", max_new_episodes_per_feed=2, public_base_url="https://digest.example.org"
    )
    ctx = build_context(settings)
    ctx.records.put_feed(Feed(feed_id=feed_id_for(str(EXAMPLE)), url=str(EXAMPLE)))
    report = run(ctx, force=True)
    assert len(report.notified) == 2, report
    posts = []
    for episode in ctx.records.list_episodes():
        summary = ctx.records.get_summary(episode.episode_id)
        feed = ctx.records.get_feed(episode.feed_id)
        posts.append(
            Post(
                summary=summary,
                episode=episode,
                feed_title=feed.title,
                full_summary_url=summary_link(ctx.settings, episode.episode_id),
            )
        )
    return ctx, posts


def _notes(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns) for p in root.rglob("*.md")}


def test_each_post_becomes_the_note_export_writes_and_a_resend_writes_nothing(example, tmp_path):
    ctx, posts = example
    vault = tmp_path / "vault" / "not-made-yet"
    sender = FolderSender()
    for post in posts:
        sender.send(_folder(vault), post, post.episode.episode_id)
    sent = _notes(vault)
    assert len(sent) == 2
    for data, _ in sent.values():
        note = read_note(data.decode())
        assert_inert(note)
        assert note.front_matter["summary_url"].startswith("https://digest.example.org/summaries/")

    exported = tmp_path / "exported"
    links = lambda eid: summary_link(ctx.settings, eid)  # noqa: E731
    export_vault(ctx.records, vault_episodes(ctx.records), exported, lambda *_: None, links)
    assert {k: v[0] for k, v in _notes(exported).items()} == {k: v[0] for k, v in sent.items()}

    for post in posts:  # a re-run after a crash sends again: the note is found, not written twice
        sender.send(_folder(vault), post, post.episode.episode_id)
    assert _notes(vault) == sent


@pytest.mark.parametrize(
    ("target", "said"),
    [("relative/vault", "not an absolute path"), ("", "empty"), ("/a\0b", "broken")],
)
def test_a_path_that_cannot_be_a_vault_is_refused(example, target, said):
    _, posts = example
    with pytest.raises(BadInputError, match=said):
        FolderSender().send(_folder(target), posts[0], "k")


def test_a_file_in_place_of_the_folder_and_a_wrong_kind_are_refused(example, tmp_path):
    _, posts = example
    a_file = tmp_path / "vault"
    a_file.write_text("mine")
    with pytest.raises(BadInputError, match="is a file"):
        FolderSender().send(_folder(a_file), posts[0], "k")
    with pytest.raises(BadInputError, match="not a folder"):
        FolderSender().send(_folder(tmp_path / "v", DestinationKind.SLACK), posts[0], "k")
    assert a_file.read_text() == "mine"


@pytest.fixture
def disk(tmp_path):
    folder = tmp_path / "disk"
    mount_small_disk(folder)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_storage_full_and_leaves_no_half_note(example, disk):
    _, posts = example
    filler = fill_leaving(disk, 0)
    with pytest.raises(StorageFull, match="full disk"):
        FolderSender().send(_folder(disk / "vault"), posts[0], "k")
    assert sorted(p.name for p in disk.rglob("*") if p.is_file()) == [filler.name]
    filler.unlink()
    FolderSender().send(_folder(disk / "vault"), posts[0], "k")
    assert len(_notes(disk / "vault")) == 1


def test_a_read_only_folder_is_one_clear_refusal(example, disk):
    _, posts = example
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    with pytest.raises(BadInputError, match="read-only"):
        FolderSender().send(_folder(disk / "vault"), posts[0], "k")
