"""An Obsidian-ready vault: one Markdown note per episode, with YAML front matter.

`podcast-digest export --all --format md --dir VAULT` writes every summary;
the folder destination (`folder_destination.FolderSender`) writes each new one
as it is made. Both go through `VaultFolder.place`, so a note is the same
bytes whichever wrote it, and re-writing an unchanged summary touches nothing.
"""

from podcast_digest.vault.folder import Placed, PlaceOutcome, VaultFolder
from podcast_digest.vault.note import EpisodeNote, episode_note

__all__ = ["EpisodeNote", "PlaceOutcome", "Placed", "VaultFolder", "episode_note"]
