"""The folder destination: each new summary's note written into a vault folder as it is made.

It is the vault export for one Post, through the same `VaultFolder.place`, so a
note written here and one written by `export --all` are the same file: sending
again (a re-run after a crash) finds the note unchanged and writes nothing.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from podcast_digest.errors import BadInputError
from podcast_digest.models.destination import Destination, DestinationKind, Post
from podcast_digest.vault.folder import VaultFolder
from podcast_digest.vault.note import episode_note

if TYPE_CHECKING:
    from podcast_digest.ports.destinations import DestinationSender


def vault_root(destination: Destination) -> Path:
    """The destination's folder: an absolute path (cron and the AWS stack have no useful cwd)."""
    raw = destination.target.get_secret_value().strip()
    if not raw or "\0" in raw:
        raise BadInputError(f"folder destination {destination.destination_id}: its path is empty or broken")
    root = Path(raw).expanduser()
    if not root.is_absolute():
        raise BadInputError(
            f"folder destination {destination.destination_id}: {raw!r} is not an absolute path; "
            "remove it and add the folder again with its full path"
        )
    return root


class FolderSender:
    """DestinationSender for DestinationKind.FOLDER (the path is the destination's target)."""

    def send(self, destination: Destination, post: Post, delivery_key: str) -> None:
        if destination.kind is not DestinationKind.FOLDER:
            raise BadInputError(
                f"destination {destination.destination_id} is {destination.kind}, not a folder"
            )
        root = vault_root(destination)
        if root.exists() and not root.is_dir():
            raise BadInputError(f"the vault folder {root} is a file: point the destination at a folder")
        note = episode_note(post.summary, post.episode, post.feed_title, post.full_summary_url)
        VaultFolder(root).place(note)


if TYPE_CHECKING:
    _conforms: DestinationSender = FolderSender()  # mypy holds FolderSender to the port
