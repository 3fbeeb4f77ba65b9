"""The CLI as a user types it, with a local publisher it may reach (loopback allowed)."""

import pytest
from typer.testing import CliRunner

import podcast_digest.cli.session as cli_session
from podcast_digest.cli.main import app
from podcast_digest.cli.session import session
from tests.support.feed_server import FeedServer


@pytest.fixture
def server():
    with FeedServer() as running:
        yield running


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def cli(home, monkeypatch):
    """Run one command as a fresh process would; returns click's Result (output = stdout + stderr)."""
    monkeypatch.setenv("PODCAST_DIGEST_ALLOW_LOOPBACK", "true")
    monkeypatch.setenv("PODCAST_DIGEST_READ_TIMEOUT_SECONDS", "2")
    monkeypatch.setenv("COLUMNS", "300")  # wide tables: a row stays on one line
    # The consoles read COLUMNS when session.py is first imported, which may be before this fixture
    # ran (another test, or an xdist worker importing in another order): set their width too.
    for console in (cli_session.console, cli_session.errors):
        monkeypatch.setattr(console, "width", 300)
    runner = CliRunner()

    def invoke(*args: str, home_dir=None):
        session._context = None
        return runner.invoke(app, ["--home", str(home_dir or home), *args])

    yield invoke
    session._context = None
