"""`podcast-digest`: run the pipeline, manage feeds and subscribers, read and export summaries."""

from pathlib import Path

import typer
from rich.markdown import Markdown
from rich.table import Table

from podcast_digest.cli import costs, feeds, serve, subscribers
from podcast_digest.cli import destinations as destinations_cli
from podcast_digest.cli.lookup import find_episode, find_feed
from podcast_digest.cli.progress import RunProgress
from podcast_digest.cli.session import console, fail, session, user_errors, write_output
from podcast_digest.cli.terminal import one_line, plain, styled
from podcast_digest.errors import BadInputError, NotFoundError
from podcast_digest.models import EpisodeStatus
from podcast_digest.pipeline.runner import RunReport

app = typer.Typer(
    help="Podcast Digest: every new episode, summarised and in your subscribers' inboxes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(feeds.app, name="feeds")
app.add_typer(subscribers.app, name="subscribers")
app.add_typer(costs.app, name="costs")
app.add_typer(destinations_cli.app, name="destinations")
episodes_app = typer.Typer(help="List episodes and retry failed ones.", no_args_is_help=True)
app.add_typer(episodes_app, name="episodes")
app.command()(serve.serve)

FORMATS = ("txt", "md", "html", "json")


@app.callback()
def main(
    home: Path = typer.Option(
        None, "--home", envvar="PODCAST_DIGEST_HOME", help="data folder (database, blobs, outbox)"
    ),
    config: Path = typer.Option(
        None, "--config", help="a TOML settings file (default: ./podcast-digest.toml)"
    ),
) -> None:
    session.home = home
    session.config = config


@app.command()
def run(
    feed: list[str] = typer.Argument(None, help="feeds to run (id, URL or path); default: all"),
    force: bool = typer.Option(False, "--force", help="poll even feeds that are not due"),
) -> None:
    """Poll the feeds, then transcribe, summarise and email every new episode."""
    from podcast_digest.pipeline.runner import run as run_pipeline

    with user_errors():
        ctx = session.context
        feed_ids = [find_feed(ctx, f).feed_id for f in feed] if feed else None
        if not ctx.records.list_feeds():
            raise fail("no feeds to run: add one with `podcast-digest feeds add URL`")
        with RunProgress() as progress:
            report = run_pipeline(ctx, feed_ids, force=force, on_event=progress)
        for feed_id, error in report.feed_errors.items():
            console.print(styled((f"feed {feed_id[:8]}", "yellow"), f": {error}"))
        for episode_id, why in report.gave_up.items():
            console.print(styled((f"gave up on {episode_id[:10]}", "red"), f": {why}"))
        if report.gave_up:
            console.print(
                "out of attempts: fix the cause, then `podcast-digest episodes retry ID`, "
                "or `episodes skip ID` to stop hearing about it (`episodes list --failed`)"
            )
        _print_skips_and_notes(report)
        console.print(
            f"polled {report.feeds_polled} feeds, {report.new_episodes} new episodes; "
            f"{len(report.notified)} digested and sent, {len(report.failed)} failed"
            + (f", {len(report.waiting)} waiting to be sent" if report.waiting else "")
            + (f", {len(report.skipped)} skipped by feed rules" if report.skipped else "")
        )
        _print_delivery_notes(report)
        _print_over_budget(report)
        destinations_cli.report_disabled(ctx)
        if report.failed:
            console.print(
                "retry failed episodes with `podcast-digest run` (automatic) or `episodes retry ID`"
            )
        if not report.ok:  # anything failed, waits for the mail service, or was given up on
            raise typer.Exit(1)


def _print_over_budget(report: RunReport) -> None:
    """One line per episode whose paid work waits for the monthly budget, with the figures."""
    for episode_id, why in report.over_budget.items():
        console.print(styled(("over budget", "yellow"), f" {episode_id[:10]} {one_line(why)}"))


def _print_skips_and_notes(report: RunReport) -> None:
    """Episodes a feed's skip rule passed over (with the rule), and what a summary could not honour."""
    for episode_id, why in report.skipped.items():
        console.print(styled((f"skipped {episode_id[:10]}", "cyan"), f" {one_line(why)}"), soft_wrap=True)
    for note in report.notes:
        console.print(styled(("note", "yellow"), f": {one_line(note)}"), soft_wrap=True)


def _print_delivery_notes(report: RunReport) -> None:
    """What waits for the mail service and why, and the sends made again after an unknown outcome."""
    by_reason: dict[str, list[str]] = {}
    for episode_id, why in report.waiting.items():
        by_reason.setdefault(why, []).append(episode_id[:10])
    for why, episode_ids in by_reason.items():
        console.print(styled(("waiting", "yellow"), f" {', '.join(episode_ids)}: {why}"))
    for frequency, why in report.roundup_errors.items():
        console.print(styled((f"{frequency} roundup waiting", "yellow"), f": {why}"))
    if report.resent:
        console.print(
            f"{report.resent} message(s) whose earlier send was cut off were sent again with the same "
            "Message-ID (the receiving side folds repeats away)",
            highlight=False,
        )


@app.command()
def ingest(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="an audio file or a transcript"),
    title: str = typer.Option(
        None, "--title", help="the episode's title (default: the file's own tags or header, never its name)"
    ),
    feed: str = typer.Option(None, "--feed", help="file it under this watched feed"),
    to: list[str] = typer.Option(None, "--to", help="also email the digest to this address (repeat)"),
) -> None:
    """Summarise one file, as if it were dropped in the drop folder."""
    from podcast_digest.pipeline import keys
    from podcast_digest.pipeline.drop_folder import ingest_dropped
    from podcast_digest.pipeline.runner import process_episode

    with user_errors():
        ctx = session.context
        key = f"{keys.INCOMING_PREFIX}{path.name}"
        with path.open("rb") as stream:
            ctx.blobs.put_stream(key, stream, max_bytes=ctx.settings.max_audio_bytes)
        metadata = {"etag": str(path.stat().st_mtime_ns)}
        if title:
            metadata["title"] = title
        if feed:
            metadata["feed"] = find_feed(ctx, feed).feed_id
        if to:
            metadata["recipients"] = ",".join(to)
        try:
            ref = ingest_dropped(ctx, key, metadata)
        except BadInputError:
            ctx.blobs.delete(key)  # refused: the copy in incoming/ would only take up space
            raise
        if ref is None:
            ctx.blobs.delete(key)
            raise BadInputError(f"{path.name} is not an episode file")
        episode = ctx.records.get_episode(ref.episode_id)
        assert episode is not None
        if episode.status is EpisodeStatus.FAILED and not (episode.transcript_key or episode.audio_key):
            # The same file again, unchanged: it was refused for this reason, which still holds.
            ctx.blobs.delete(key)
            raise fail(f"{path.name}: {episode.failure_reason}")
        with RunProgress() as progress:
            done = process_episode(ctx, episode, on_event=progress)
        if done.status is EpisodeStatus.FAILED:
            raise fail(f"{path.name}: {done.failure_reason}")
        if done.waiting_reason:  # the monthly budget holds it: not failed, `run` takes it up later
            console.print(styled(("waiting", "yellow"), f" {path.name}: {done.waiting_reason}"))
            raise typer.Exit(1)
        console.print(
            f"summarised {done.title!r} ({done.episode_id[:10]}): `podcast-digest show {done.episode_id[:10]}`"
        )


@app.command()
def show(episode: str = typer.Argument(..., help="episode id or prefix")) -> None:
    """Show an episode's summary in the terminal."""
    from podcast_digest.digest import render_markdown

    with user_errors():
        ctx = session.context
        found = find_episode(ctx, episode)
        summary = ctx.records.get_summary(found.episode_id)
        if summary is None:
            raise NotFoundError(f"{found.title!r} has no summary yet (status: {found.status.value})")
        console.print(Markdown(plain(render_markdown(summary)), hyperlinks=False))


@app.command()
def export(
    episode: str = typer.Argument(None, help="episode id or prefix (or --all)"),
    fmt: str = typer.Option("md", "--format", help="txt, md, html or json"),
    output: Path = typer.Option(None, "-o", "--output", help="file to write (default: stdout)"),
    every: bool = typer.Option(False, "--all", help="every summary, as notes in the --dir vault"),
    vault: Path = typer.Option(
        None, "--dir", help="an Obsidian-ready vault folder: one Markdown note per episode, kept up to date"
    ),
) -> None:
    """Write an episode's full summary as text, Markdown, HTML or JSON; or every summary into a vault."""
    from podcast_digest.digest import render

    with user_errors():
        if fmt not in FORMATS:
            raise BadInputError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
        if every or vault is not None:
            from podcast_digest.cli.vault import export_to_vault

            export_to_vault(session.context, episode, every, fmt, vault, output)
            return
        if episode is None:
            raise BadInputError("name the episode to export, or give --all --dir DIR for every summary")
        ctx = session.context
        found = find_episode(ctx, episode)
        summary = ctx.records.get_summary(found.episode_id)
        if summary is None:
            raise NotFoundError(f"{found.title!r} has no summary yet (status: {found.status.value})")
        text = render(summary, fmt)
        if output is None:
            typer.echo(plain(text))
        else:
            write_output(output, text)
            console.print(f"wrote {output}")


@app.command()
def doctor() -> None:
    """Check the settings and the database (PRAGMA integrity_check), and say what to do about problems."""
    from podcast_digest.adapters.sqlite.health import integrity_problems
    from podcast_digest.settings import RecordsBackend, load_settings

    with user_errors():
        settings = load_settings(session.config, home=session.home)
        console.print(f"settings: ok (home {settings.home})")
        if settings.records is not RecordsBackend.SQLITE:
            console.print(f"records: {settings.records.value}, not checked here")
            return
        problems = integrity_problems(settings.database_path)
        if not problems:
            console.print(f"database {settings.database_path}: ok (integrity check passed)")
            return
        for problem in problems:
            console.print(f"  {problem}")
        raise fail(
            f"the database {settings.database_path} is damaged ({len(problems)} problem(s) above): stop cron, "
            f"copy the file aside, then restore a backup, or try `sqlite3 {settings.database_path} .recover` "
            "into a new file and point PODCAST_DIGEST_HOME at it"
        )


@episodes_app.command("list")
def list_episodes(
    feed: str = typer.Option(None, "--feed", help="only this feed"),
    status: EpisodeStatus = typer.Option(None, "--status", help="only episodes with this status"),
    failed: bool = typer.Option(False, "--failed", help="only failed episodes, with attempts and reason"),
    limit: int = typer.Option(30, "--limit", min=1),
) -> None:
    """Episodes, newest first, with their status (and why a failed one failed)."""
    with user_errors():
        ctx = session.context
        feed_id = find_feed(ctx, feed).feed_id if feed else None
        if failed:
            status = EpisodeStatus.FAILED
        episodes = ctx.records.list_episodes(feed_id, [status] if status else None)
        table = Table("id", "published", "title", "status", "note")
        for ep in episodes[:limit]:
            note = (
                ep.failure_reason
                or ep.waiting_reason
                or ("backfill: not summarised" if ep.backfill else ep.transcript_engine or "")
            )
            if ep.status is EpisodeStatus.SKIPPED:
                note = f"by the feed's rule: {ep.skipped_by or 'unknown'}"
            if ep.status is EpisodeStatus.FAILED:
                left = max(0, ctx.settings.max_attempts - ep.attempts)
                gave_up = (
                    "skipped" if ep.backfill else "no retries left" if not left else f"{left} retries left"
                )
                note = f"{ep.attempts} attempts, {gave_up}: {note}"
            table.add_row(
                ep.episode_id[:10],
                ep.published_at.strftime("%Y-%m-%d") if ep.published_at else "-",
                one_line(ep.title)[:60],
                ep.status.value,
                one_line(note)[: 200 if failed else 70],
            )
        console.print(table)
        if len(episodes) > limit:
            console.print(f"… {len(episodes) - limit} more (use --limit)")


@episodes_app.command("skip")
def skip(episode: str = typer.Argument(..., help="episode id or prefix")) -> None:
    """Stop retrying (and reporting) a failed episode; `episodes retry` takes it up again."""
    with user_errors():
        ctx = session.context
        found = find_episode(ctx, episode)
        ctx.records.put_episode(found.model_copy(update={"backfill": True}))
        console.print(f"{found.title or found.episode_id}: skipped; `episodes retry` takes it up again")


@episodes_app.command("retry")
def retry(episode: str = typer.Argument(..., help="episode id or prefix")) -> None:
    """Retry a failed (or backfill) episode now, from the step where it stopped; a skipped one is
    taken up anyway (its feed's skip rule is overridden for it)."""
    from podcast_digest.pipeline.runner import process_episode

    with user_errors():
        ctx = session.context
        found = find_episode(ctx, episode).model_copy(update={"attempts": 0, "backfill": False})
        if found.status is EpisodeStatus.SKIPPED:
            found = found.model_copy(update={"status": EpisodeStatus.DISCOVERED, "skipped_by": None})
        ctx.records.put_episode(found)
        with RunProgress() as progress:
            done = process_episode(ctx, found, on_event=progress)
        if done.status is EpisodeStatus.FAILED:
            raise fail(f"{done.title}: {done.failure_reason}")
        if done.waiting_reason:  # held by the monthly budget: not failed
            console.print(
                styled(("waiting", "yellow"), f" {done.title or done.episode_id}: {done.waiting_reason}")
            )
            raise typer.Exit(1)
        console.print(f"{done.title!r}: {done.status.value}")
