"""The vault on disk: find each note we wrote by its summary id, and place a note whole or not at all.

`VaultFolder(root).place(note)`:
- finds the files that carry the note's summary id, anywhere in the vault (a feed or an
  episode renamed since moves its note, and leaves no second copy behind);
- keeps the note's current name while its stem is unchanged, else takes the first free
  name of `note_names` (never a file that is not ours: a user's own note is never overwritten);
- writes it in its podcast's folder (`<podcast>/`), unless the user filed it somewhere else
  (a deeper folder, or the vault's top): there it stays, renamed there if its title changes;
- writes nothing when the file already holds the same bytes (its mtime stays), else writes
  a hidden temporary file beside it, fsyncs it and renames it over the name;
- then removes the note's other files (its old name after a rename).

A temporary file an export killed mid-write left behind (hidden, `.…podcast-digest.partial`)
is removed by the next export once it is an hour old.

A full disk is StorageFull; a folder we may not write (or a file where a folder should be)
is BadInputError saying which and what to do; either way no half-written note is left.
"""

import contextlib
import errno
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from podcast_digest.errors import BadInputError, StorageFull, TransientError
from podcast_digest.vault.file_names import NOTE_SUFFIX, note_names
from podcast_digest.vault.front_matter import HEAD_BYTES, summary_id_of
from podcast_digest.vault.note import EpisodeNote

_FULL = {errno.ENOSPC, errno.EDQUOT}
# Our temporary files' ending: a name no other tool uses, so the sweep only ever removes ours.
PARTIAL_SUFFIX = ".podcast-digest.partial"
# A temporary file this old was left by a writer that was killed (a live one renames it in seconds).
STALE_PARTIAL_SECONDS = 3600
_REFUSED = {
    errno.EACCES: "make it writable by this user",
    errno.EPERM: "make it writable by this user",
    errno.EROFS: "the disk is read-only: choose a folder on a writable disk",
    errno.ENOTDIR: "a part of the path is a file, not a folder: choose another folder",
    errno.EEXIST: "a file is in the way of a folder: move it or choose another folder",
    errno.EISDIR: "a folder is in the way of a note: move it aside",
    errno.ENAMETOOLONG: "the path is too long: choose a folder with a shorter path",
}


class PlaceOutcome(StrEnum):
    WRITTEN = "written"  # a note that was not in the vault
    REWRITTEN = "rewritten"  # its summary changed: same name, new content
    RENAMED = "renamed"  # its title or podcast changed: the old file is gone
    UNCHANGED = "unchanged"  # same bytes: not touched


@dataclass(frozen=True)
class Placed:
    outcome: PlaceOutcome
    path: Path
    replaced: Path | None = None  # the old file of a renamed note


class VaultFolder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._index: dict[str, list[Path]] | None = None

    def place(self, note: EpisodeNote) -> Placed:
        """Write the note unless the vault holds it already, byte for byte; see the module doc."""
        try:
            return self._place(note)
        except OSError as exc:
            raise self._storage_error(exc) from exc

    def _place(self, note: EpisodeNote) -> Placed:
        ours = self._notes().get(note.summary_id, [])
        target = self._target(note, ours)
        data = note.data
        if target in ours and _holds(target, data):
            outcome = PlaceOutcome.UNCHANGED
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_whole(target, data)
            outcome = PlaceOutcome.REWRITTEN if target in ours else PlaceOutcome.WRITTEN
        stale = [path for path in ours if path != target]
        for path in stale:
            path.unlink(missing_ok=True)
        self._notes()[note.summary_id] = [target]
        if stale and outcome is PlaceOutcome.WRITTEN:
            return Placed(PlaceOutcome.RENAMED, target, stale[0])
        return Placed(outcome, target)

    def _target(self, note: EpisodeNote, ours: list[Path]) -> Path:
        names = note_names(note.stem, note.summary_id)
        folder = self._folder_for(note, ours)
        for path in ours:
            if path.parent == folder and path.name in names:
                return path  # where it already is: names stay stable
        for name in names:
            path = folder / name
            if not path.exists() and not path.is_symlink():
                return path
        raise BadInputError(
            f"{folder / names[0]} and its alternatives are taken by other files: move them aside and export again"
        )

    def _folder_for(self, note: EpisodeNote, ours: list[Path]) -> Path:
        """The podcast's folder; or, for a note the user moved elsewhere in the vault, where it is now."""
        moved = [path for path in ours if path.parent.parent != self.root]
        return moved[0].parent if moved else self.root / note.folder

    def _notes(self) -> dict[str, list[Path]]:
        if self._index is None:
            self._index = {}
            for path in self._note_files():
                summary_id = _summary_id(path)
                if summary_id is not None:
                    self._index.setdefault(summary_id, []).append(path)
        return self._index

    def _note_files(self) -> Iterator[Path]:
        """Every .md file in the vault, at any depth (a user may file notes in folders of their own),
        except in hidden folders (.obsidian, .trash) and through links (nothing outside the vault)."""
        if not self.root.is_dir():
            return
        for folder, subfolders, files in os.walk(self.root, onerror=None, followlinks=False):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                path = Path(folder) / name
                if name.startswith(".") and name.endswith(PARTIAL_SUFFIX):
                    _sweep(path)
                elif name.endswith(NOTE_SUFFIX) and not name.startswith(".") and not path.is_symlink():
                    yield path

    def _storage_error(self, exc: OSError) -> Exception:
        where = exc.filename or self.root
        if exc.errno in _FULL:
            return StorageFull(
                f"the vault {self.root} is on a full disk ({exc.strerror}): free some space and export "
                "again; the notes already written are kept"
            )
        hint = _REFUSED.get(exc.errno or 0)
        if hint is not None:
            return BadInputError(f"cannot write the vault note {where} ({exc.strerror}): {hint}")
        return TransientError(f"writing the vault note {where} failed ({exc.strerror or exc}): try again")


def _summary_id(path: Path) -> str | None:
    with contextlib.suppress(OSError), path.open("rb") as handle:
        return summary_id_of(handle.read(HEAD_BYTES))
    return None


def _sweep(path: Path) -> None:
    """Remove a temporary note file that a killed export or send left behind."""
    with contextlib.suppress(OSError):
        if time.time() - path.lstat().st_mtime > STALE_PARTIAL_SECONDS:
            path.unlink()


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


def _write_whole(target: Path, data: bytes) -> None:
    """A hidden temporary file beside the target, fsynced, then renamed over it: all or nothing."""
    descriptor, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.stem[:40]}.", suffix=PARTIAL_SUFFIX
    )
    try:
        os.fchmod(descriptor, _mode_of(target))
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(name)
        if isinstance(exc, OSError) and exc.filename == name:
            exc.filename = str(target)  # name the note, not our temporary file
        raise


def _mode_of(target: Path) -> int:
    """A rewritten note keeps its permissions; a new one is readable by all (mkstemp makes 0600)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o644
