"""A local publisher (tests/support/feed_server.py) and fetcher settings that may reach it."""

import pytest

from podcast_digest.settings import Settings
from tests.support.feed_server import FeedServer


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture
def settings(tmp_path):
    return Settings(
        home=tmp_path / "home",
        allow_loopback=True,
        connect_timeout_seconds=2,
        read_timeout_seconds=0.5,
        max_feed_bytes=1024 * 1024,
        max_audio_bytes=8 * 1024 * 1024,
    )
