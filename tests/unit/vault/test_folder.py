"""The vault on disk: idempotent, keyed by summary id, never two notes for one episode, never a user's file."""

import os
from datetime import UTC, datetime

import pytest

from podcast_digest.errors import BadInputError
from podcast_digest.models import Episode
from podcast_digest.vault import PlaceOutcome, VaultFolder, episode_note
from podcast_digest.vault.folder import PARTIAL_SUFFIX
from tests.support.summaries import sample_summary

from .reading import read_note


def _episode(episode_id: str = "ep-3f9a1c2b7d", title: str = "Sourdough") -> Episode:
    return Episode(
        episode_id=episode_id,
        feed_id="feed-8e2d41aa",
        title=title,
        published_at=datetime(2026, 11, 20, tzinfo=UTC),
    )


def _note(episode_id: str = "ep-3f9a1c2b7d", title: str = "Sourdough", **summary):
    made = sample_summary(episode_id=episode_id, episode_title=title, **summary)
    return episode_note(made, _episode(episode_id, title), "The Workshop Hour")


def _files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_an_unchanged_note_is_not_written_again(tmp_path):
    first = VaultFolder(tmp_path).place(_note())
    assert first.outcome is PlaceOutcome.WRITTEN
    os.utime(first.path, ns=(1_000_000_000, 1_000_000_000))  # an old mtime: a rewrite would move it

    again = VaultFolder(tmp_path).place(_note())

    assert again.outcome is PlaceOutcome.UNCHANGED
    assert again.path == first.path
    assert first.path.stat().st_mtime_ns == 1_000_000_000
    assert _files(tmp_path) == ["the-workshop-hour/2026-11-20-sourdough.md"]
    assert oct(first.path.stat().st_mode & 0o777) == "0o644"


def test_a_changed_summary_rewrites_its_file_in_place(tmp_path):
    first = VaultFolder(tmp_path).place(_note())
    changed = VaultFolder(tmp_path).place(_note(tldr="A different tl;dr."))
    assert changed.outcome is PlaceOutcome.REWRITTEN
    assert changed.path == first.path
    assert "A different tl;dr." in first.path.read_text()
    assert _files(tmp_path) == ["the-workshop-hour/2026-11-20-sourdough.md"]


def test_a_renamed_episode_moves_its_note_and_leaves_no_copy(tmp_path):
    VaultFolder(tmp_path).place(_note(title="Sourdough"))
    moved = VaultFolder(tmp_path).place(_note(title="Sourdough, revisited"))
    assert moved.outcome is PlaceOutcome.RENAMED
    assert moved.replaced is not None
    assert moved.replaced.name == "2026-11-20-sourdough.md"
    assert _files(tmp_path) == ["the-workshop-hour/2026-11-20-sourdough-revisited.md"]


def test_a_renamed_podcast_moves_the_note_to_its_new_folder(tmp_path):
    VaultFolder(tmp_path).place(_note())
    made = sample_summary(episode_id="ep-3f9a1c2b7d", episode_title="Sourdough")
    VaultFolder(tmp_path).place(episode_note(made, _episode(), "The Bakery Hour"))
    assert _files(tmp_path) == ["the-bakery-hour/2026-11-20-sourdough.md"]


def test_two_episodes_with_one_title_and_date_never_collide_and_keep_their_names(tmp_path):
    vault = VaultFolder(tmp_path)
    one = vault.place(_note("aaaaaaaa11", "Trailer"))
    two = vault.place(_note("bbbbbbbb22", "Trailer"))
    assert one.path.name == "2026-11-20-trailer.md"
    assert two.path.name == "2026-11-20-trailer-bbbbbbbb.md"
    # Placed again in the other order, by a fresh index: each keeps its file.
    again = VaultFolder(tmp_path)
    assert again.place(_note("bbbbbbbb22", "Trailer")).outcome is PlaceOutcome.UNCHANGED
    assert again.place(_note("aaaaaaaa11", "Trailer")).outcome is PlaceOutcome.UNCHANGED
    ids = {read_note(p.read_text()).front_matter["summary_id"] for p in tmp_path.rglob("*.md")}
    assert ids == {"aaaaaaaa11", "bbbbbbbb22"}


def test_a_users_own_note_with_that_name_is_never_overwritten(tmp_path):
    mine = tmp_path / "the-workshop-hour" / "2026-11-20-sourdough.md"
    mine.parent.mkdir()
    mine.write_text("# My notes on sourdough\n")
    placed = VaultFolder(tmp_path).place(_note())
    assert mine.read_text() == "# My notes on sourdough\n"
    assert placed.path.name == "2026-11-20-sourdough-ep-3f9a1.md"


def test_hidden_folders_and_linked_folders_are_not_searched(tmp_path):
    outside = tmp_path / "outside"
    VaultFolder(outside).place(_note())
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "linked").symlink_to(outside / "the-workshop-hour")
    VaultFolder(vault).place(_note())
    assert _files(outside) == ["the-workshop-hour/2026-11-20-sourdough.md"]  # not taken for a stale copy


def test_a_file_where_the_vault_should_be_is_one_clear_error(tmp_path):
    (tmp_path / "vault").write_text("not a folder")
    with pytest.raises(BadInputError, match="not a folder"):
        VaultFolder(tmp_path / "vault").place(_note())
    assert (tmp_path / "vault").read_text() == "not a folder"
    assert [p.name for p in tmp_path.iterdir()] == ["vault"]


def test_a_note_the_user_filed_in_a_folder_of_their_own_stays_there(tmp_path):
    placed = VaultFolder(tmp_path).place(_note())
    filed = tmp_path / "the-workshop-hour" / "listened" / placed.path.name
    filed.parent.mkdir()
    placed.path.rename(filed)

    assert VaultFolder(tmp_path).place(_note()).outcome is PlaceOutcome.UNCHANGED
    assert VaultFolder(tmp_path).place(_note(tldr="Newer.")).path == filed
    renamed = VaultFolder(tmp_path).place(_note(title="Sourdough, revisited", tldr="Newer."))

    assert renamed.outcome is PlaceOutcome.RENAMED
    assert _files(tmp_path) == ["the-workshop-hour/listened/2026-11-20-sourdough-revisited.md"]


def test_a_note_moved_to_the_top_of_the_vault_stays_there(tmp_path):
    placed = VaultFolder(tmp_path).place(_note())
    top = tmp_path / placed.path.name
    placed.path.rename(top)
    assert VaultFolder(tmp_path).place(_note(tldr="Newer.")).path == top
    assert _files(tmp_path) == ["2026-11-20-sourdough.md"]


def test_a_temporary_file_a_killed_export_left_is_swept_once_it_is_stale(tmp_path):
    placed = VaultFolder(tmp_path).place(_note())
    stale = placed.path.parent / f".2026-11-20-sourdough.k1ll3d{PARTIAL_SUFFIX}"
    fresh = placed.path.parent / f".2026-11-20-sourdough.wr1t1ng{PARTIAL_SUFFIX}"
    others = placed.path.parent / ".sync-tool.partial"  # not ours: never touched
    for path in (stale, fresh, others):
        path.write_bytes(b'---\nsummary_id: "ep-3f')
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    os.utime(others, (1_000_000_000, 1_000_000_000))

    VaultFolder(tmp_path).place(_note())

    assert not stale.exists()
    assert fresh.exists()  # another writer may be about to rename it
    assert others.exists()
