"""`podcast-digest subscribers unsubscribe/suppress`: how a local operator stops mail without a web endpoint."""

import pytest
from typer.testing import CliRunner

from podcast_digest.cli.main import app
from podcast_digest.cli.session import session


@pytest.fixture
def cli(tmp_path):
    runner = CliRunner()
    home = tmp_path / "home"

    def invoke(*args: str):
        session._context = None
        return runner.invoke(app, ["--home", str(home), *args])

    yield invoke
    session._context = None


def test_unsubscribe_then_list_shows_the_address_unsubscribed(cli):
    assert cli("subscribers", "add", "ana@example.com").exit_code == 0
    done = cli("subscribers", "unsubscribe", "ana@example.com")
    assert done.exit_code == 0, done.output
    assert "ana@example.com is unsubscribed" in done.output
    assert "unsubscribed" in cli("subscribers", "list").output


def test_a_suppressed_address_cannot_be_added_back(cli):
    assert (
        cli("subscribers", "suppress", "Bounced@Example.com", "--reason", "hard bounce\r\nX: y").exit_code
        == 0
    )
    again = cli("subscribers", "add", "Bounced@example.com")
    assert again.exit_code != 0
    assert "suppressed (hard bounce X: y)" in again.output


def test_unsubscribing_an_unknown_address_says_so(cli):
    result = cli("subscribers", "unsubscribe", "nobody@example.com")
    assert result.exit_code != 0
    assert "not a subscriber" in result.output
