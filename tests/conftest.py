"""Shared fixtures: no test reads the developer's environment, writes outside tmp_path,
or connects anywhere but this machine."""

import os
import socket

import pytest

from tests.support.network_guard import guarded


@pytest.fixture(autouse=True, scope="session")
def _loopback_only():
    original = (socket.socket.connect, socket.socket.connect_ex)
    socket.socket.connect = guarded(original[0])  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded(original[1])  # type: ignore[method-assign]
    yield
    socket.socket.connect, socket.socket.connect_ex = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith(("PODCAST_DIGEST_", "OPENAI_")):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    from podcast_digest.settings import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for the whole session (Playwright allows one sync driver per thread), started only
    by tests that ask for it; skips with a reason where Chromium or Playwright is missing."""
    from tests.support.browser import running_browser

    with running_browser() as running:
        yield running
