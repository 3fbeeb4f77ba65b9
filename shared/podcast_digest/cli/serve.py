"""`podcast-digest serve`: the web face on this machine (sign-up, links from emails, archive, search, Atom).

With --every it also runs the pipeline on that schedule, so one command is a
whole self-hosted install: run it on a home server behind a reverse proxy
with TLS and set public_base_url to the proxy's https address.
"""

import logging

import typer

from podcast_digest.cli.session import console, fail, session, user_errors
from podcast_digest.pipeline.context import Context
from podcast_digest.pipeline.runner import RunEvent
from podcast_digest.settings import is_loopback_host, load_settings

log = logging.getLogger("podcast_digest.serve")


def log_event(event: RunEvent) -> None:
    """The runner's progress as log lines (a server has no terminal to draw bars on)."""
    if event.kind == "feed_polled":
        log.info("feed %s polled %s", (event.feed_id or "")[:8], event.message or "")
    elif event.kind == "step":
        log.info("%s: %s", event.step, (event.title or event.episode_id or "")[:60])
    elif event.kind == "episode_failed":
        log.warning("failed %s at %s: %s", event.title or event.episode_id, event.step, event.message)


def run_scheduled(ctx: Context) -> None:
    from podcast_digest.pipeline.runner import run as run_pipeline

    if not ctx.records.list_feeds():
        log.info("scheduled run: no feeds yet (add one with `podcast-digest feeds add URL`)")
        return
    report = run_pipeline(ctx, None, on_event=log_event)
    log.info(
        "scheduled run: polled %d feeds, %d new episodes; %d digested and sent, %d failed",
        report.feeds_polled,
        report.new_episodes,
        len(report.notified),
        len(report.failed),
    )


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8080, "--port", min=0, max=65535, help="port (0: any free port)"),
    every: str = typer.Option(None, "--every", help="also run the pipeline this often, e.g. 30m or 1h"),
    trusted_proxy: str = typer.Option(
        None, "--trusted-proxy", help="your reverse proxy's address: its X-Forwarded-For names the client"
    ),
) -> None:
    """Serve sign-up, the links in emails, the archive, search and Atom feeds (http://127.0.0.1:8080)."""
    from podcast_digest.search.indexing import backfill
    from podcast_digest.web.api import build_api
    from podcast_digest.web.context_site import site_from
    from podcast_digest.web.schedule import PipelineSchedule, parse_every
    from podcast_digest.web.server import WebServer
    from podcast_digest.web.wsgi import ResolverApp
    from podcast_digest.wiring import build_context

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with user_errors():
        try:
            schedule_every = parse_every(every) if every else None
        except ValueError as exc:
            raise fail(str(exc)) from None
        settings = load_settings(session.config, home=session.home)
        if not is_loopback_host(host) and not settings.public_base_url:
            raise fail(
                f"serving on {host} needs public_base_url: set PODCAST_DIGEST_PUBLIC_BASE_URL to the https "
                "address your reverse proxy answers on"
            )
        app = ResolverApp()
        try:
            server = WebServer(app, host, port, trusted_proxy=trusted_proxy)
        except OSError as exc:
            raise fail(f"cannot listen on {host}:{port} ({exc.strerror}): pick another --port") from None
        if not settings.public_base_url:
            settings = settings.model_copy(update={"public_base_url": server.url})
        ctx = build_context(settings)
        archive_public = (
            settings.archive_public if settings.archive_public is not None else is_loopback_host(host)
        )
        app.resolver = build_api(
            site_from(lambda: ctx, archive_public=archive_public, base_url=settings.public_base_url)
        )
        if ctx.search is not None:
            added = backfill(ctx.search, ctx.records, ctx.blobs)
            if added:
                console.print(f"indexed {added} earlier summaries for search")
        schedule = PipelineSchedule(schedule_every, lambda: run_scheduled(ctx)) if schedule_every else None
        if schedule is not None:
            schedule.start()
        shown = "public" if archive_public else "private (set PODCAST_DIGEST_ARCHIVE_PUBLIC=true to show it)"
        try:
            server.run(
                on_ready=lambda url: console.print(
                    f"serving on {url} (links in emails: {settings.public_base_url}); archive {shown}"
                    + (f"; running the pipeline every {every}" if schedule else ""),
                    highlight=False,
                    soft_wrap=True,
                )
            )
        except KeyboardInterrupt:
            console.print("stopped")
        finally:
            if schedule is not None:
                schedule.stop(timeout=5)
            server.close()
