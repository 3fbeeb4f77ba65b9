"""Every summary in the records, placed in a vault: what `export --all --format md --dir` runs.

Summaries are read one at a time (a vault of thousands never sits in memory),
oldest episode first, so of two episodes with the same date and title the older
takes the plain name.
"""

from collections.abc import Callable
from pathlib import Path

from podcast_digest.models import Episode
from podcast_digest.ports.records import Records
from podcast_digest.vault.folder import Placed, VaultFolder
from podcast_digest.vault.note import episode_note

OnEpisode = Callable[[Episode, Placed | None], None]
SummaryUrl = Callable[[str], str | None]


def _no_page(_episode_id: str) -> str | None:
    return None


def vault_episodes(records: Records) -> list[Episode]:
    """The episodes to look at, oldest first (those with no summary yet are passed over)."""
    return list(reversed(records.list_episodes()))


def export_vault(
    records: Records,
    episodes: list[Episode],
    root: Path,
    on_episode: OnEpisode,
    summary_url: SummaryUrl = _no_page,
) -> None:
    """Place the note of each episode that has a summary; `on_episode` hears of every episode
    (with None when it has no summary). `summary_url` gives an episode's full summary page (what
    the notify step hands the folder destination), so both write the same bytes. A failure stops
    here; what is placed stays."""
    vault = VaultFolder(root)
    titles: dict[str, str] = {}
    for episode in episodes:
        summary = records.get_summary(episode.episode_id)
        if summary is None:
            on_episode(episode, None)
            continue
        if episode.feed_id not in titles:
            feed = records.get_feed(episode.feed_id)
            titles[episode.feed_id] = feed.title if feed else ""
        note = episode_note(summary, episode, titles[episode.feed_id], summary_url(episode.episode_id))
        on_episode(episode, vault.place(note))
