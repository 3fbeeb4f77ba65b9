"""Shared fixtures: no test reads the developer's environment or writes outside tmp_path."""

import os

import pytest


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
