"""`podcast-digest subscribers …`: who gets digests of which feeds.

Added here, a subscriber is confirmed at once: the operator is adding
themselves or people who asked them. The public subscription API uses
double opt-in instead.
"""

import typer
from rich.table import Table

from podcast_digest.cli.lookup import find_feed, find_subscriber
from podcast_digest.cli.session import console, session, user_errors
from podcast_digest.errors import BadInputError
from podcast_digest.models import Frequency, Subscriber, SubscriberStatus, Subscription, subscriber_id_for
from podcast_digest.models.subscriber import normalise_email
from podcast_digest.pipeline.drop_feed import is_drop_feed

app = typer.Typer(help="Manage who gets digests.", no_args_is_help=True)


@app.command("add")
def add(
    email: str = typer.Argument(..., help="the subscriber's address"),
    feed: list[str] = typer.Option(
        None, "--feed", "-f", help="feed id, URL or path (repeat; default: every feed)"
    ),
    name: str = typer.Option(None, "--name", help="display name"),
    frequency: Frequency = typer.Option(
        Frequency.PER_EPISODE, "--frequency", help="per_episode, daily or weekly"
    ),
) -> None:
    """Subscribe an address to feeds (all watched feeds unless --feed is given)."""
    with user_errors():
        ctx = session.context
        try:
            address = normalise_email(email)
        except ValueError as exc:
            raise BadInputError(str(exc)) from None
        subscriber_id = subscriber_id_for(address)
        subscriber = ctx.records.get_subscriber(subscriber_id) or Subscriber(
            subscriber_id=subscriber_id, email=address, created_at=ctx.clock()
        )
        if subscriber.status is SubscriberStatus.SUPPRESSED:
            raise BadInputError(
                f"{address} is suppressed ({subscriber.suppressed_reason or 'bounce or complaint'}): "
                "mail to it is never sent again"
            )
        subscriber = subscriber.model_copy(
            update={
                "status": SubscriberStatus.CONFIRMED,
                "confirmed_at": subscriber.confirmed_at or ctx.clock(),
                "name": name or subscriber.name,
            }
        )
        ctx.records.put_subscriber(subscriber)
        feeds = (
            [find_feed(ctx, f) for f in feed]
            if feed
            else [f for f in ctx.records.list_feeds() if not is_drop_feed(f)]
        )
        for chosen in feeds:
            ctx.records.put_subscription(
                Subscription(
                    subscriber_id=subscriber_id,
                    feed_id=chosen.feed_id,
                    frequency=frequency,
                    created_at=ctx.clock(),
                )
            )
        titles = ", ".join(f.title or f.url for f in feeds) or "no feeds yet"
        console.print(f"{address} gets {frequency.value.replace('_', ' ')} digests of: {titles}")


@app.command("list")
def list_subscribers() -> None:
    """Every subscriber, their status and feeds."""
    with user_errors():
        ctx = session.context
        subscribers = ctx.records.list_subscribers()
        if not subscribers:
            console.print("no subscribers yet: add one with `podcast-digest subscribers add EMAIL`")
            return
        titles = {f.feed_id: f.title or f.url for f in ctx.records.list_feeds()}
        table = Table("email", "status", "feeds", "frequency")
        for subscriber in subscribers:
            subs = ctx.records.list_subscriptions_for_subscriber(subscriber.subscriber_id)
            table.add_row(
                subscriber.email,
                subscriber.status.value,
                ", ".join(titles.get(s.feed_id, s.feed_id[:8]) for s in subs) or "-",
                ", ".join(sorted({s.frequency.value for s in subs})) or "-",
            )
        console.print(table)


@app.command("remove")
def remove(email: str = typer.Argument(..., help="the subscriber's address")) -> None:
    """Remove a subscriber and all their subscriptions."""
    with user_errors():
        ctx = session.context
        try:
            subscriber = find_subscriber(ctx, email)
        except ValueError as exc:
            raise BadInputError(str(exc)) from None
        ctx.records.delete_subscriber(subscriber.subscriber_id)
        console.print(f"removed {subscriber.email}")


@app.command("unsubscribe")
def unsubscribe(
    email: str = typer.Argument(..., help="the subscriber's address"),
    feed: list[str] = typer.Option(None, "--feed", "-f", help="only these feeds (repeat; default: all)"),
) -> None:
    """Stop digests to an address (what its one-click link does); it stays on record as unsubscribed.

    A local run without a public base URL has no web endpoint, so its digests
    carry no unsubscribe header: whoever runs it unsubscribes people here.
    """
    from podcast_digest.subscriptions.service import SubscriptionService
    from podcast_digest.subscriptions.signing_key import signer_for

    with user_errors():
        ctx = session.context
        try:
            subscriber = find_subscriber(ctx, email)
        except ValueError as exc:
            raise BadInputError(str(exc)) from None
        feed_ids = [find_feed(ctx, f).feed_id for f in feed] if feed else None
        SubscriptionService(ctx, signer_for(ctx.settings)).unsubscribe_subscriber(
            subscriber.subscriber_id, feed_ids
        )
        left = ctx.records.list_subscriptions_for_subscriber(subscriber.subscriber_id)
        console.print(
            f"{subscriber.email} still gets {len(left)} feed(s)"
            if left
            else f"{subscriber.email} is unsubscribed"
        )


@app.command("suppress")
def suppress(
    email: str = typer.Argument(..., help="the address never to mail again"),
    reason: str = typer.Option("suppressed by the operator", "--reason", help="why (shown in the list)"),
) -> None:
    """Never mail an address again (as after a hard bounce or a complaint), known or not."""
    from podcast_digest.subscriptions.bounces import suppress as suppress_address

    with user_errors():
        try:
            address = normalise_email(email)
        except ValueError as exc:
            raise BadInputError(str(exc)) from None
        suppress_address(session.context, address, " ".join(reason.split())[:200])
        console.print(f"{address} is suppressed: it will never be mailed again")
