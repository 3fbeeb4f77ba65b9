"""Shared fixtures: the reference corpus beside the repo, and sockets that stay local."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
REFERENCE = REPO.parent / "shared" / "reference"


def corpus_path(*parts: str) -> Path:
    """A file or folder of ../shared/corpus; the test skips (with the reason) where it is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference corpus not present at {path} (it lives beside the repo in ../shared)")
    return path


def reference_path(name: str) -> Path:
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"reference material not present at {path}")
    return path


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """No test reads the developer's environment or config file, or writes outside tmp_path."""
    import os

    for name in list(os.environ):
        if name.startswith("PODCAST_DIGEST_") or name.startswith("OPENAI_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    from podcast_digest.settings import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
