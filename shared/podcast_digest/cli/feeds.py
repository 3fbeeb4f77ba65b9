"""`podcast-digest feeds …`: watch, list, forget feeds; OPML import and export."""

from pathlib import Path

import typer
from rich.table import Table

from podcast_digest.cli.lookup import feed_location, find_feed
from podcast_digest.cli.session import console, fail, session, user_errors, write_output
from podcast_digest.cli.terminal import plain, styled
from podcast_digest.models import Feed
from podcast_digest.models.identity import feed_id_for
from podcast_digest.pipeline.drop_folder import is_drop_feed

app = typer.Typer(help="Watch, list and forget podcast feeds.", no_args_is_help=True)


@app.command("add")
def add(
    url: str = typer.Argument(..., help="the feed's URL, or a local feed file"),
    backfill: int = typer.Option(
        None,
        "--backfill",
        min=1,
        help="how many of the newest existing episodes to summarise (default: setting)",
    ),
) -> None:
    """Start watching a feed; it is read once now so a wrong URL is caught at once."""
    from podcast_digest.feeds.polling import poll_feed

    with user_errors():
        ctx = session.context
        location = feed_location(url)
        existing = ctx.records.find_feed_by_url(location)
        if existing is not None:
            console.print(
                styled(
                    "already watching ", (existing.title or location, "bold"), f" ({existing.feed_id[:8]})"
                )
            )
            return
        feed = Feed(feed_id=feed_id_for(location), url=location, added_at=ctx.clock())
        ctx.records.put_feed(feed)
        settings = ctx.settings
        if backfill is not None:
            settings = settings.model_copy(update={"max_new_episodes_per_feed": backfill})
        result = poll_feed(
            feed, fetcher=ctx.fetcher, records=ctx.records, settings=settings, now=ctx.clock(), force=True
        )
        if result.outcome == "error":
            ctx.records.delete_feed(feed.feed_id)
            raise fail(f"{location}: {result.error}")
        stored = ctx.records.get_feed(feed.feed_id) or feed
        total = len(ctx.records.list_episodes(feed.feed_id))
        for note in result.notes[:20]:
            console.print(f"note: {note}")
        if len(result.notes) > 20:
            console.print(f"… {len(result.notes) - 20} more notes")
        console.print(
            styled(
                "watching ",
                (stored.title or location, "bold"),
                f" ({feed.feed_id[:8]}): {total} episodes, {len(result.new_episodes)} to summarise on the next run",
            )
        )


@app.command("list")
def list_feeds() -> None:
    """Every watched feed with its polling status, last error and next poll."""
    with user_errors():
        feeds = [f for f in session.context.records.list_feeds() if not is_drop_feed(f)]
        if not feeds:
            console.print("no feeds yet: add one with `podcast-digest feeds add URL`")
            return
        table = Table("id", "title", "status", "last polled", "next poll", "last error")
        for feed in feeds:
            table.add_row(
                feed.feed_id[:8],
                feed.title or feed.url,
                feed.status.value,
                _when(feed.last_polled_at),
                _when(feed.next_poll_at),
                (feed.last_error or "")[:80],
            )
        console.print(table)


@app.command("remove")
def remove(feed: str = typer.Argument(..., help="id (or prefix), URL or path")) -> None:
    """Stop watching a feed (its summaries stay)."""
    with user_errors():
        ctx = session.context
        found = find_feed(ctx, feed)
        ctx.records.delete_feed(found.feed_id)
        console.print(f"stopped watching {found.title or found.url}")


@app.command("import")
def import_opml(path: Path = typer.Argument(..., exists=True, dir_okay=False, help="an OPML file")) -> None:
    """Watch every feed listed in an OPML file (feeds already watched are skipped)."""
    from podcast_digest.feeds.opml import read_opml

    with user_errors():
        ctx = session.context
        added = 0
        listed = read_opml(path.read_bytes())
        for url, title in listed.feeds:
            if ctx.records.find_feed_by_url(url) is None:
                ctx.records.put_feed(
                    Feed(feed_id=feed_id_for(url), url=url, title=title or "", added_at=ctx.clock())
                )
                added += 1
        for line in listed.skipped:
            console.print(f"skipped {line}")
        console.print(f"added {added} feeds; run `podcast-digest run` to poll them")
        if listed.skipped:
            raise fail(
                f"{len(listed.skipped)} outline(s) could not be imported (listed above): fix or drop them"
            )


@app.command("export")
def export_opml(
    output: Path = typer.Option(None, "-o", "--output", help="file to write (default: stdout)"),
) -> None:
    """Write the watched feeds as OPML."""
    from podcast_digest.feeds.opml import render_opml

    with user_errors():
        ctx = session.context
        feeds = [f for f in ctx.records.list_feeds() if not is_drop_feed(f)]
        text = render_opml(feeds, created_at=ctx.clock())
        if output is None:
            typer.echo(plain(text))
        else:
            write_output(output, text)
            console.print(f"wrote {len(feeds)} feeds to {output}")


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"
