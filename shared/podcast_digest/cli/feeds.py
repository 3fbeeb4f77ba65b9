"""`podcast-digest feeds …`: watch, list, forget feeds; OPML import and export."""

from pathlib import Path

import typer
from rich.table import Table

from podcast_digest.cli.lookup import feed_location, find_feed
from podcast_digest.cli.session import console, fail, session, user_errors, write_output
from podcast_digest.cli.terminal import one_line, plain, styled
from podcast_digest.errors import BadInputError
from podcast_digest.models import Feed
from podcast_digest.models.identity import feed_id_for
from podcast_digest.pipeline.drop_feed import is_drop_feed
from podcast_digest.settings import Settings

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


@app.command("set")
def set_controls(
    feed: str = typer.Argument(..., help="id (or prefix), URL or path"),
    language: str = typer.Option(None, "--language", help="pin the transcription language (de, en-GB…)"),
    summary_language: str = typer.Option(
        None, "--summary-language", help="the LLM writes the summary in this language"
    ),
    instructions: str = typer.Option(
        None, "--instructions", help="your instructions for this show's summaries, or @FILE to read them"
    ),
    skip_title: list[str] = typer.Option(
        None, "--skip-title", help="skip episodes whose title matches this regex (repeat; replaces the list)"
    ),
    skip_longer_than: str = typer.Option(
        None, "--skip-longer-than", help="skip episodes longer than this (2h, 90m, 1h30m)"
    ),
    clear: list[str] = typer.Option(
        None,
        "--clear",
        help="empty a control: language, summary-language, instructions, skip-title, "
        "skip-longer-than or all (repeat)",
    ),
) -> None:
    """Set a feed's controls: its languages, instructions for its summaries, and what to skip."""
    from podcast_digest.feeds.controls import changed_controls

    with user_errors():
        ctx = session.context
        found = find_feed(ctx, feed)
        changes: dict[str, object] = {
            key: value
            for key, value in {
                "language": language,
                "summary_language": summary_language,
                "instructions": _instructions_text(instructions),
                "skip_title_patterns": skip_title or None,
                "skip_longer_than_seconds": skip_longer_than,
            }.items()
            if value is not None
        }
        if not changes and not clear:
            raise BadInputError(
                "nothing to set: give an option such as --language de (see `feeds set --help`)"
            )
        controls = changed_controls(found.controls, changes, clear or [])
        ctx.records.put_feed(found.model_copy(update={"controls": controls}))
        _print_controls(found.model_copy(update={"controls": controls}))
        if controls.language:
            _warn_if_the_engine_cannot_hear(controls.language, ctx.settings)


@app.command("show")
def show(feed: str = typer.Argument(..., help="id (or prefix), URL or path")) -> None:
    """A feed's details and the controls set on it."""
    with user_errors():
        _print_controls(find_feed(session.context, feed))


MAX_INSTRUCTIONS_FILE_BYTES = 64 * 1024


def _instructions_text(value: str | None) -> str | None:
    """The option's text, or the file's when it starts with @ (read as UTF-8, bounded)."""
    if value is None or not value.startswith("@"):
        return value
    path = Path(value[1:]).expanduser()
    with path.open("rb") as f:
        data = f.read(MAX_INSTRUCTIONS_FILE_BYTES + 1)
    if len(data) > MAX_INSTRUCTIONS_FILE_BYTES:
        raise BadInputError(
            f"--instructions {path}: the file is over 64 KiB; instructions hold 1,000 characters"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInputError(f"--instructions {path}: not UTF-8 text; save the file as UTF-8") from None


def _print_controls(feed: Feed) -> None:
    from podcast_digest.models.feed_controls import describe_duration
    from podcast_digest.models.languages import language_name

    controls = feed.controls
    rows = [
        ("feed", f"{one_line(feed.title) or feed.url} ({feed.feed_id[:8]})"),
        ("url", one_line(feed.url)),
        ("feed's own language", one_line(feed.language or "-")),
        ("language", _pin_line(controls.language) if controls.language else "- (detected)"),
        (
            "summary language",
            language_name(controls.summary_language) if controls.summary_language else "- (the transcript's)",
        ),
        ("skip titles", ", ".join(repr(p) for p in controls.skip_title_patterns) or "-"),
        (
            "skip longer than",
            describe_duration(controls.skip_longer_than_seconds)
            if controls.skip_longer_than_seconds
            else "-",
        ),
        ("instructions", "-" if not controls.instructions else f"{len(controls.instructions)} characters:"),
    ]
    for label, value in rows:
        console.print(styled((f"{label:>20}", "bold"), f"  {value}"))
    for line in (controls.instructions or "").splitlines():
        console.print(f"{'':>22}{plain(line)}")


def _pin_line(pin: str) -> str:
    """The pin and what each engine is sent for it."""
    from podcast_digest.models.languages import language_name, transcribe_code, whisper_code

    transcribe = transcribe_code(pin) or "no model: its episodes fail there"
    return f"{language_name(pin)}: offline and OpenAI get {whisper_code(pin)}, Amazon Transcribe {transcribe}"


def _warn_if_the_engine_cannot_hear(pin: str, settings: Settings) -> None:
    """Said at `feeds set`, not first at the next run: the default offline model knows only English."""
    from podcast_digest.models.languages import language_name, whisper_code
    from podcast_digest.settings import TranscriberChoice

    offline = settings.transcriber is TranscriberChoice.OFFLINE or (
        settings.transcriber is TranscriberChoice.AUTO and settings.openai_api_key is None
    )
    if offline and settings.whisper_model_path is None and whisper_code(pin) != "en":
        console.print(
            f"note: the offline model (tiny.en) knows only English: this feed's episodes that need speech "
            f"to text will fail, pinned to {language_name(pin)}, until PODCAST_DIGEST_WHISPER_MODEL_PATH names "
            "a multilingual model or OpenAI transcribes them (publisher transcripts are not affected)",
            soft_wrap=True,
        )


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"
