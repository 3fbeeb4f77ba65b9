"""The mails as sent (outbox) are safe and readable: hostile show notes inert, pages drawn by Chromium."""

import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from podcast_digest.models import Frequency, Subscriber, SubscriberStatus, Subscription, subscriber_id_for
from podcast_digest.pipeline.notify import notify_episode
from podcast_digest.subscriptions.roundup import send_roundups
from tests.integration.subscriptions.flow import FEED_ID, seed_episode
from tests.support.chromium import chromium_binary, read_png, screenshot
from tests.support.corpus import corpus_path

ADDRESS = "listener@example.org"
EXECUTABLE = re.compile(
    r"<script|<iframe|<object|<embed|<meta|<svg|\son\w+\s*=|javascript:|vbscript:|<!--", re.I
)


def subscribe(ctx, frequency: Frequency = Frequency.PER_EPISODE) -> None:
    subscriber_id = subscriber_id_for(ADDRESS)
    ctx.records.put_subscriber(
        Subscriber(subscriber_id=subscriber_id, email=ADDRESS, status=SubscriberStatus.CONFIRMED)
    )
    ctx.records.put_subscription(
        Subscription(subscriber_id=subscriber_id, feed_id=FEED_ID, frequency=frequency)
    )


def descriptions(path: Path) -> list[str]:
    return [
        element.text
        for element in ET.parse(path).getroot().iter()
        if element.tag.rsplit("}", 1)[-1] == "description" and element.text and element.text.strip()
    ]


@pytest.mark.corpus
def test_malicious_show_notes_from_the_corpus_arrive_inert_in_the_sent_digest(ctx, outbox):
    subscribe(ctx)
    files = sorted(corpus_path("malicious", "html").glob("*.xml"))
    assert len(files) >= 7
    number = 0
    for path in files:
        for text in descriptions(path):
            number += 1
            ref, _ = seed_episode(ctx, number)
            episode = ctx.records.get_episode(ref.episode_id)
            ctx.records.put_episode(episode.model_copy(update={"description": text}))
            assert notify_episode(ctx, ref).sent == 1
    sent = outbox.messages()
    assert len(sent) == number
    for message in sent:
        html = (
            message.get_body(("html",)).get_content().split("<body", 1)[1]
        )  # our own <meta> tags are in <head>
        assert not EXECUTABLE.search(html), EXECUTABLE.search(html).group(0)
        assert not EXECUTABLE.search(message.get_body(("plain",)).get_content())


def dump_dom(html_path: Path) -> str:
    """The DOM Chromium built from the page, serialised (what it really parsed, not our source)."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        result = subprocess.run(
            [
                chromium_binary(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--user-data-dir={profile}",
                "--dump-dom",
                html_path.resolve().as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def colours(png: Path) -> Counter:
    image = read_png(png)
    return Counter(image.pixel(x, y)[:3] for y in range(0, image.height, 5) for x in range(0, image.width, 5))


def assert_drawn_beyond_blank(page: Path, tmp_path: Path) -> None:
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    empty = colours(screenshot(blank, tmp_path / "blank.png", height=1200))
    drawn = colours(screenshot(page, tmp_path / f"{page.stem}.png", height=1200))
    assert len(empty) <= 2, "the blank reference should be flat"
    assert len(drawn) > 20, "the mail rendered as (nearly) one flat colour"
    assert drawn.most_common(1)[0][1] / sum(drawn.values()) < 0.97
    assert any(sum(colour) < 200 for colour in drawn), "no dark text pixels"


@pytest.mark.slow
def test_the_sent_digest_renders_its_parts_in_chromium(ctx, outbox, tmp_path):
    subscribe(ctx)
    ref, summary = seed_episode(ctx, 1)
    notify_episode(ctx, ref)
    (page,) = ctx.settings.outbox_dir.glob(
        "*.html"
    )  # the outbox's sibling of the .eml: the HTML part as sent
    assert_drawn_beyond_blank(page, tmp_path)
    dom = dump_dom(page)
    for part in (
        "Quick Takes",
        "1-Sentence-Summary",
        "Key Ideas",
        "Lessons Learnt",
        "In-Depth",
        "Unsubscribe",
    ):
        assert part in dom, f"{part} missing from the rendered DOM"
    assert summary.episode_title.split(",")[0] in dom
    assert "<script" not in dom


@pytest.mark.slow
def test_the_sent_roundup_renders_every_episode_in_chromium(ctx, outbox, tmp_path):
    subscribe(ctx, Frequency.WEEKLY)
    last_week = datetime.now(UTC) - timedelta(days=7)
    titles = []
    for number in (1, 2, 3):
        _, summary = seed_episode(
            ctx, number, made=last_week, episode_title=f"Episode number {number} of the week"
        )
        titles.append(summary.episode_title)
    assert send_roundups(ctx, Frequency.WEEKLY).sent == 1
    (page,) = ctx.settings.outbox_dir.glob("*.html")
    assert_drawn_beyond_blank(page, tmp_path)
    dom = dump_dom(page)
    for title in titles:
        assert title in dom
    assert "3 new episode summaries" in dom
