"""The screenshot tests use the session's one Chromium (tests/conftest.py)."""

import pytest


@pytest.fixture(scope="session")
def browser(chromium):
    return chromium
