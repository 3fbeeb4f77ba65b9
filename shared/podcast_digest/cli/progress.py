"""Progress bars for the runner's events: one bar for feeds, one for episodes."""

from types import TracebackType

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from podcast_digest.cli.session import console
from podcast_digest.cli.terminal import one_line, styled
from podcast_digest.pipeline.runner import RunEvent


class RunProgress:
    """Turns RunEvents into rich progress bars (plain lines when not a terminal)."""

    def __init__(self) -> None:
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}", style="bold", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[detail]}", markup=False),
            console=console,
            transient=False,
        )
        self._feeds: TaskID | None = None
        self._episodes: TaskID | None = None

    def __enter__(self) -> "RunProgress":
        self._progress.__enter__()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.__exit__(kind, value, tb)

    def __call__(self, event: RunEvent) -> None:
        if event.kind == "feeds":
            self._feeds = self._progress.add_task("feeds", total=event.total or 0, detail="")
        elif event.kind == "feed_polled" and self._feeds is not None:
            self._progress.update(
                self._feeds, advance=1, detail=one_line(f"{(event.feed_id or '')[:8]} {event.message or ''}")
            )
        elif event.kind == "episodes":
            self._episodes = self._progress.add_task("episodes", total=event.total or 0, detail="")
        elif event.kind == "step" and self._episodes is not None:
            self._progress.update(
                self._episodes, detail=one_line(f"{event.step}: {(event.title or '')[:50]}")
            )
        elif event.kind in ("episode_waiting", "episode_over_budget") and self._episodes is not None:
            # Why it waits is said once, in the run's closing lines.
            self._progress.update(
                self._episodes, advance=1, detail=one_line(f"waiting: {(event.title or '')[:50]}")
            )
        elif event.kind in ("episode_done", "episode_failed") and self._episodes is not None:
            self._progress.update(self._episodes, advance=1)
            if event.kind == "episode_failed":
                self._progress.console.print(
                    styled(
                        ("failed", "red"),
                        f" {event.title or event.episode_id} at {event.step}: {event.message}",
                    )
                )
