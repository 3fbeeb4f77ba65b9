"""`podcast-digest destinations …`: Slack, Discord, signed JSON webhooks and folders that get each summary.

A webhook URL is a secret: it is never printed whole (host and "…"). On AWS
(records=dynamodb) the same commands keep it in SSM Parameter Store.
"""

import typer
from rich.table import Table

from podcast_digest.cli.lookup import find_feed
from podcast_digest.cli.session import console, session, user_errors
from podcast_digest.cli.terminal import one_line, styled
from podcast_digest.destinations.registry import add_destination, find_destination, send_test_post
from podcast_digest.destinations.targets import shown_target
from podcast_digest.models.destination import DestinationKind, DestinationStatus
from podcast_digest.pipeline.context import Context

app = typer.Typer(help="Manage where summaries go besides email.", no_args_is_help=True)


@app.command("add")
def add(
    kind: DestinationKind = typer.Argument(..., help="slack, discord, webhook or folder"),
    target: str = typer.Argument(..., help="the webhook URL (https), or the folder"),
    feed: list[str] = typer.Option(
        None, "--feed", "-f", help="feed id, URL or path (repeat; default: every feed)"
    ),
) -> None:
    """Add a destination (adding the same one again updates its feeds and re-enables it)."""
    with user_errors():
        ctx = session.context
        feed_ids = [find_feed(ctx, f).feed_id for f in feed] if feed else []
        destination, secret = add_destination(ctx, kind, target, feed_ids)
        which = f"{len(feed_ids)} feed(s)" if feed_ids else "every feed"
        console.print(
            f"destination {destination.destination_id}: {kind.value} {shown_target(destination)} gets {which}"
        )
        if secret is not None:
            console.print(
                f"signing secret (shown once; see docs/destinations.md to verify posts): {secret}",
                highlight=False,
            )


@app.command("list")
def list_destinations() -> None:
    """Every destination, what it gets, and whether it is active."""
    with user_errors():
        ctx = session.context
        destinations = ctx.records.list_destinations()
        if not destinations:
            console.print("no destinations yet: add one with `podcast-digest destinations add slack URL`")
            return
        titles = {f.feed_id: f.title or f.url for f in ctx.records.list_feeds()}
        table = Table("id", "kind", "target", "feeds", "status")
        for d in destinations:
            status = d.status.value + (f": {one_line(d.disabled_reason)}" if d.disabled_reason else "")
            feeds = ", ".join(one_line(titles.get(f, f[:8])) for f in d.feed_ids) or "every feed"
            table.add_row(d.destination_id, d.kind.value, shown_target(d), feeds, status)
        console.print(table)


@app.command("remove")
def remove(destination: str = typer.Argument(..., help="destination id (or prefix)")) -> None:
    """Remove a destination (and, on AWS, its kept URL)."""
    with user_errors():
        ctx = session.context
        found = find_destination(ctx, destination)
        ctx.records.delete_destination(found.destination_id)
        console.print(
            f"removed destination {found.destination_id} ({found.kind.value} {shown_target(found)})"
        )


@app.command("test")
def send_test(destination: str = typer.Argument(..., help="destination id (or prefix)")) -> None:
    """Send a sample post now, to check the destination works."""
    with user_errors():
        ctx = session.context
        found = find_destination(ctx, destination)
        send_test_post(ctx, found)
        console.print(f"sent a test post to {found.kind.value} {shown_target(found)}")


def report_disabled(ctx: Context) -> None:
    """After a run: each disabled destination, why, and what to do (shown until it is removed)."""
    for d in ctx.records.list_destinations():
        if d.status is DestinationStatus.DISABLED:
            console.print(
                styled(
                    (f"destination {d.destination_id} disabled", "red"),
                    f" ({d.kind.value} {shown_target(d)}): ",
                ),
                one_line(d.disabled_reason or "refused"),
                "; fix it and `podcast-digest destinations add` it again, or `destinations remove` it",
            )
