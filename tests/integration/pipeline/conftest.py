"""A local pipeline on real embedded adapters in tmp_path, and feed files to run it on."""

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from podcast_digest.cli.lookup import feed_location
from podcast_digest.models import (
    Feed,
    Subscriber,
    SubscriberStatus,
    Subscription,
    feed_id_for,
    subscriber_id_for,
)
from podcast_digest.pipeline.context import Context
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context

VTT = """WEBVTT

00:00:00.000 --> 00:00:06.000
<v Ana>Welcome to Garden Hour, where we talk about growing vegetables in small spaces.

00:00:06.000 --> 00:00:14.000
<v Ben>Today we cover compost, watering schedules and the tomatoes that survive a balcony summer.

00:00:14.000 --> 00:00:24.000
<v Ana>You should always test your soil before planting, because the pH decides which nutrients roots can take up.

00:00:24.000 --> 00:00:34.000
<v Ben>Make sure your compost pile stays as damp as a wrung-out sponge, otherwise the microbes stop working.

00:00:34.000 --> 00:00:46.000
<v Ana>Cherry tomatoes are the most forgiving variety for containers, and they fruit even with six hours of sun.

00:00:46.000 --> 00:00:58.000
<v Ben>Water deeply twice a week instead of a little every day, so the roots grow down instead of staying shallow.

00:00:58.000 --> 00:01:10.000
<v Ana>Mulch keeps the soil cool and cuts evaporation in half during the hottest weeks of July.

00:01:10.000 --> 00:01:20.000
<v Ben>Don't crowd your seedlings: thin them early so each plant gets the light and air it needs.
"""


def write_feed(folder: Path, items: list[dict[str, str]], title: str = "Garden Hour") -> Path:
    """A real RSS file with <podcast:transcript> links to files beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for item in items:
        transcript = ""
        if "transcript" in item:
            name = item["guid"] + item.get("suffix", ".vtt")
            (folder / name).write_text(item["transcript"], encoding="utf-8")
            transcript = f'<podcast:transcript url="{name}" type="{item.get("type", "text/vtt")}" />'
        entries.append(
            f"""<item><title>{item["title"]}</title><guid>{item["guid"]}</guid>
            <description>{item.get("description", "")}</description>
            <pubDate>{item.get("date", "Mon, 01 Jun 2026 12:00:00 +0000")}</pubDate>{transcript}{item.get("extra", "")}</item>"""
        )
    feed = folder / "feed.xml"
    feed.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
<title>{title}</title><link>https://example.org/</link><description>About gardens.</description>
{"".join(entries)}</channel></rss>""",
        encoding="utf-8",
    )
    return feed


@pytest.fixture
def make_context(tmp_path):
    def make(**overrides) -> Context:
        return build_context(load_settings(home=tmp_path / "home", **overrides))

    return make


@pytest.fixture
def ctx(make_context) -> Context:
    return make_context()


def outbox_messages(ctx: Context) -> list[EmailMessage]:
    folder = ctx.settings.outbox_dir
    if not folder.exists():
        return []
    return [
        BytesParser(policy=policy.default).parsebytes(p.read_bytes())  # type: ignore[misc]
        for p in sorted(folder.glob("*.eml"))
    ]


def watch(ctx: Context, feed: str | Path, *emails: str, budget: float | None = None) -> Feed:
    """Watch the feed at `feed` (a path or URL), with each of `emails` a confirmed per-episode subscriber."""
    location = feed_location(str(feed))
    watched = Feed(feed_id=feed_id_for(location), url=location, monthly_budget_usd=budget)
    ctx.records.put_feed(watched)
    for email in emails:
        sid = subscriber_id_for(email)
        ctx.records.put_subscriber(
            Subscriber(subscriber_id=sid, email=email, status=SubscriberStatus.CONFIRMED)
        )
        ctx.records.put_subscription(Subscription(subscriber_id=sid, feed_id=watched.feed_id))
    return watched
