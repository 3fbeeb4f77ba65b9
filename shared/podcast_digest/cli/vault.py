"""`export --all --format md --dir VAULT` (or one episode with `--dir`): notes into an Obsidian-ready vault.

Says what it wrote, rewrote and renamed, one line each, and how many notes it
left unchanged; a progress bar shows how far it is when there are many. A
failure (a full disk, a folder it may not write) stops with one line: the
notes already placed stay, and running it again goes on where it stopped.
"""

from collections import Counter
from pathlib import Path
from types import TracebackType

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from podcast_digest.cli.lookup import find_episode
from podcast_digest.cli.session import console
from podcast_digest.cli.terminal import styled
from podcast_digest.errors import BadInputError, NotFoundError
from podcast_digest.models import Episode
from podcast_digest.pipeline.context import Context
from podcast_digest.subscriptions.links import summary_link
from podcast_digest.vault import Placed, PlaceOutcome
from podcast_digest.vault.export import export_vault, vault_episodes

_SAID = {
    PlaceOutcome.WRITTEN: ("wrote", "green"),
    PlaceOutcome.REWRITTEN: ("rewrote", "yellow"),
    PlaceOutcome.RENAMED: ("renamed", "yellow"),
}


class VaultProgress:
    """Hears of every episode: advances the bar, prints each note written, counts the outcomes."""

    def __init__(self, root: Path, total: int) -> None:
        self.root = root
        self.counts: Counter[PlaceOutcome | None] = Counter()
        self._progress = Progress(
            TextColumn("notes", style="bold"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=total < 2,
        )
        self._task: TaskID = self._progress.add_task("notes", total=total)

    def __enter__(self) -> "VaultProgress":
        self._progress.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.__exit__(kind, value, tb)

    def __call__(self, episode: Episode, placed: Placed | None) -> None:
        self.counts[placed.outcome if placed else None] += 1
        self._progress.advance(self._task)
        if placed is None or placed.outcome is PlaceOutcome.UNCHANGED:
            return
        verb, style = _SAID[placed.outcome]
        where = str(placed.path.relative_to(self.root))
        if placed.replaced is not None:
            where = f"{placed.replaced.relative_to(self.root)} → {where}"
        self._progress.console.print(styled((verb, style), f" {where}"), soft_wrap=True)

    def totals(self) -> str:
        done = ", ".join(
            f"{self.counts[outcome]} {'left unchanged' if outcome is PlaceOutcome.UNCHANGED else outcome.value}"
            for outcome in PlaceOutcome
            if self.counts[outcome]
        )
        waiting = self.counts[None]
        later = f"; {waiting} episode(s) have no summary yet" if waiting else ""
        return f"vault {self.root}: {done or 'no notes'}{later}"


def _check(episode: str | None, every: bool, fmt: str, folder: Path | None, output: Path | None) -> Path:
    if folder is None:
        raise BadInputError("--all writes one note per episode into a folder: add --dir DIR")
    if fmt != "md":
        raise BadInputError(f"a vault holds Markdown notes, not {fmt}: use --format md with --dir")
    if output is not None:
        raise BadInputError("--dir writes each note under its own name: leave out -o")
    if every == bool(episode):
        raise BadInputError("name one episode, or give --all for every summary, not both")
    if folder.exists() and not folder.is_dir():
        raise BadInputError(f"{folder} is a file: --dir needs a folder (it is made when missing)")
    return folder


def _episodes(ctx: Context, episode: str | None) -> list[Episode]:
    if episode is None:
        return vault_episodes(ctx.records)
    found = find_episode(ctx, episode)
    if ctx.records.get_summary(found.episode_id) is None:
        raise NotFoundError(f"{found.title!r} has no summary yet (status: {found.status.value})")
    return [found]


def export_to_vault(
    ctx: Context, episode: str | None, every: bool, fmt: str, folder: Path | None, output: Path | None
) -> None:
    root = _check(episode, every, fmt, folder, output)
    episodes = _episodes(ctx, episode)
    with VaultProgress(root, len(episodes)) as progress:
        export_vault(ctx.records, episodes, root, progress, lambda eid: summary_link(ctx.settings, eid))
    console.print(progress.totals(), soft_wrap=True)
