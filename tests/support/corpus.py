"""Access to ../shared/corpus and ../shared/reference; tests skip with a reason where absent."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
REFERENCE = REPO.parent / "shared" / "reference"


def corpus_path(*parts: str) -> Path:
    """A file or folder of ../shared/corpus; skips the calling test where it is absent."""
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference corpus not present at {path} (it lives beside the repo in ../shared)")
    return path


def reference_path(name: str) -> Path:
    """A file of ../shared/reference; skips the calling test where it is absent."""
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"reference material not present at {path}")
    return path
