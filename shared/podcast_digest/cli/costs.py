"""`podcast-digest costs …`: spend by month and feed, what publisher transcripts saved, and budgets.

The install-wide budget is a setting (`monthly_budget_usd` in podcast-digest.toml, or
PODCAST_DIGEST_MONTHLY_BUDGET_USD; the AWS stack's MonthlyBudgetUsd parameter); a feed's own is
set here with `costs budget FEED AMOUNT` (or `none`).
"""

import math

import typer
from rich.table import Table

from podcast_digest.cli.lookup import find_feed
from podcast_digest.cli.session import console, fail, session, user_errors
from podcast_digest.cli.terminal import one_line, styled
from podcast_digest.costs.month import checked_month, month_of
from podcast_digest.costs.report import FeedSpend, MonthSpend, month_spend, waiting_for_budget
from podcast_digest.models import Feed

app = typer.Typer(
    help="What paid speech to text and summaries cost, by month and feed, and the monthly budgets.",
    invoke_without_command=True,
)


@app.callback()
def costs(
    ctx: typer.Context,
    month: str = typer.Option(None, "--month", help="YYYY-MM (UTC); default: this month"),
    feed: str = typer.Option(None, "--feed", help="only this feed (id, URL or path)"),
) -> None:
    """Spend by feed in a month (transcription and summary apart) and what publisher transcripts saved."""
    if ctx.invoked_subcommand is not None:
        return
    with user_errors():
        pipeline = session.context
        chosen = checked_month(month) if month else month_of(pipeline.clock())
        only = find_feed(pipeline, feed) if feed else None
        spend = month_spend(pipeline.records, chosen, only.feed_id if only else None)
        feeds = {f.feed_id: f for f in pipeline.records.list_feeds()}
        console.print(_table(spend, feeds))
        _print_budgets(pipeline.settings.monthly_budget_usd, spend, only)
        for episode in waiting_for_budget(pipeline.records, only.feed_id if only else None):
            console.print(
                styled(("waiting", "yellow"), f" {one_line(episode.title)[:60]}: {episode.waiting_reason}")
            )


def _table(spend: MonthSpend, feeds: dict[str, Feed]) -> Table:
    table = Table(
        "feed",
        "episodes",
        "transcription $",
        "summary $",
        "total $",
        "budget $",
        "saved by publisher transcripts",
        title=f"spend in {spend.month} (UTC)",
    )
    for row in [*spend.feeds, spend.total]:
        feed = feeds.get(row.feed_id)
        name = one_line(feed.title or row.feed_id[:8])[:40] if feed else row.feed_id[:40]
        budget = feed.monthly_budget_usd if feed else None
        table.add_row(
            name,
            str(row.episodes),
            f"{row.transcription_usd:.4f}",
            f"{row.summary_usd:.4f}",
            f"{row.total_usd:.4f}",
            "-" if budget is None else f"{budget:.2f}",
            _saved(row),
        )
    return table


def _saved(row: FeedSpend) -> str:
    if not row.publisher_minutes:
        return "-"
    return f"{row.saved_usd:.4f} ({row.publisher_minutes:.0f} min)"


def _print_budgets(install_budget: float | None, spend: MonthSpend, only: Feed | None) -> None:
    if install_budget is None:
        console.print(
            "no install-wide budget: set monthly_budget_usd in podcast-digest.toml "
            "(or PODCAST_DIGEST_MONTHLY_BUDGET_USD)"
        )
    elif only is None:
        total = spend.total.total_usd
        console.print(
            f"install-wide: ${total:.4f} of ${install_budget:.2f} spent, ${max(0.0, install_budget - total):.4f} left"
        )


@app.command("budget", context_settings={"ignore_unknown_options": True})
def budget(
    feed: str = typer.Argument(..., help="the feed (id, URL or path)"),
    amount: str = typer.Argument(..., help="US dollars per calendar month, e.g. 2.50, or 'none' to lift it"),
) -> None:
    """Cap a feed's paid spend per month; the install-wide cap (a setting) still applies too."""
    if feed == "--all":
        raise fail(
            "the install-wide budget is a setting: put monthly_budget_usd = 25 in podcast-digest.toml "
            "or set PODCAST_DIGEST_MONTHLY_BUDGET_USD (the AWS stack: its MonthlyBudgetUsd parameter)"
        )
    with user_errors():
        pipeline = session.context
        value = _amount(amount)
        found = find_feed(pipeline, feed)
        pipeline.records.put_feed(found.model_copy(update={"monthly_budget_usd": value}))
        name = one_line(found.title or found.feed_id)
        shown = "no budget of its own" if value is None else f"a budget of ${value:.2f} a month"
        console.print(styled((name, "bold"), f": {shown}"))


def _amount(text: str) -> float | None:
    if text.strip().lower() == "none":
        return None
    try:
        value = float(text.strip().removeprefix("$"))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise fail(f"budget {text!r} is not an amount: give US dollars such as 2.50 (0 or more), or 'none'")
    return round(value, 2)
