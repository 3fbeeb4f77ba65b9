"""A local context (SQLite, folder, outbox) with a podcast whose title is hostile, one summarised
episode with its transcript, the resolver on it, and the same resolver behind waitress on 127.0.0.1."""

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from podcast_digest.models import (
    Enclosure,
    Episode,
    EpisodeStatus,
    Feed,
    Segment,
    Transcript,
    TranscriptSource,
)
from podcast_digest.models.transcript import TranscriptSourceKind
from podcast_digest.pipeline import keys
from podcast_digest.pipeline.context import Context
from podcast_digest.search.indexing import backfill
from podcast_digest.settings import load_settings
from podcast_digest.web.api import build_api
from podcast_digest.web.context_site import site_from
from podcast_digest.web.server import WebServer
from podcast_digest.web.wsgi import ResolverApp
from podcast_digest.wiring import build_context
from tests.support.summaries import sample_summary

BASE_URL = "https://digest.example.com"
FEED_ID = "feed8e2d41aa00000000"
HOSTILE_TITLE = 'The Workshop Hour <script>alert("t")</script>'
SLUG = "the-workshop-hour-script-alert-t-script"
EPISODE_ID = "ep0001"
AUDIO = "https://media.example.com/workshop-hour/112.mp3"
CUES = [
    (0.0, 8.0, "Welcome back to the workshop, today we bake."),
    (8.0, 19.0, "Maya explains why a levain smells of green apples after twelve hours."),
    (19.0, 31.0, "Lukas counts the lactobacilli under the microscope."),
    (31.0, 44.0, "Then they argue about rye flour and hydration for a while."),
]


def seed(
    ctx: Context, episode_id: str = EPISODE_ID, cues: list[tuple[float, float, str]] = CUES, **fields: Any
):
    summary = sample_summary(
        episode_id=episode_id, feed_id=FEED_ID, podcast_title=HOSTILE_TITLE, audio_url=AUDIO, **fields
    )
    summary.provenance.created_at = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    ctx.records.add_episode(
        Episode(
            episode_id=episode_id,
            feed_id=FEED_ID,
            title=summary.episode_title,
            published_at=datetime(2026, 11, 29, tzinfo=UTC),
            audio=Enclosure(url=AUDIO),
            status=EpisodeStatus.NOTIFIED,
        )
    )
    transcript = Transcript(
        episode_id=episode_id,
        segments=[Segment(start=s, end=e, text=t) for s, e, t in cues],
        source=TranscriptSource(kind=TranscriptSourceKind.PUBLISHER, format="vtt"),
    )
    ctx.blobs.put_bytes(keys.transcript_key(FEED_ID, episode_id), transcript.model_dump_json().encode())
    ctx.records.put_summary(summary)
    return summary


@pytest.fixture
def ctx(tmp_path) -> Context:
    context = build_context(
        load_settings(home=tmp_path / "home", public_base_url=BASE_URL, sender="digest@digest.example.com")
    )
    context.records.put_feed(
        Feed(
            feed_id=FEED_ID,
            url="https://workshop.example.com/feed.xml",
            title=HOSTILE_TITLE,
            description='<p>Bread <b>talk</b>.</p><script>alert(1)</script><img src=x onerror="alert(2)">',
        )
    )
    seed(ctx=context)
    assert context.search is not None
    backfill(context.search, context.records, context.blobs)
    return context


@pytest.fixture
def make_api(ctx) -> Callable[..., Callable[..., dict[str, Any]]]:
    def make(archive_public: bool = True) -> Callable[..., dict[str, Any]]:
        resolver = build_api(site_from(lambda: ctx, archive_public=archive_public, base_url=BASE_URL))
        return lambda event: resolver.resolve(event, None)

    return make


@pytest.fixture
def api(make_api):
    return make_api()


@pytest.fixture
def served(ctx) -> Iterator[str]:
    """The resolver behind waitress on 127.0.0.1 (port 0), as serve runs it."""
    app = ResolverApp(build_api(site_from(lambda: ctx, archive_public=True, base_url=BASE_URL)))
    server = WebServer(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.url
    server.close()
    thread.join(5)
