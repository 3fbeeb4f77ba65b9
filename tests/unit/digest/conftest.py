"""One Chromium for every screenshot test of the session: starting it costs about a second."""

import pytest

from tests.support.browser import running_browser


@pytest.fixture(scope="session")
def browser():
    with running_browser() as running:
        yield running
