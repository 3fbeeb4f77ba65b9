"""The podcast-digest command line, as a user types it."""

import json

import pytest
from typer.testing import CliRunner

from podcast_digest.cli.main import app
from podcast_digest.cli.session import session
from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context

from ..pipeline.conftest import VTT, write_feed


@pytest.fixture
def cli(tmp_path):
    runner = CliRunner()
    home = tmp_path / "home"

    def invoke(*args: str):
        session._context = None  # each invocation is a fresh process in real life
        return runner.invoke(app, ["--home", str(home), *args])

    yield invoke
    session._context = None


def test_add_run_show_export_roundtrip(cli, tmp_path):
    feed = write_feed(tmp_path / "feed", [{"title": "Balcony tomatoes", "guid": "ep1", "transcript": VTT}])

    added = cli("feeds", "add", str(feed))
    assert added.exit_code == 0, added.output
    assert "Garden Hour" in added.output
    assert cli("feeds", "add", str(feed)).output.startswith("already watching")
    assert cli("subscribers", "add", "ana@example.com").exit_code == 0

    ran = cli("run")
    assert ran.exit_code == 0, ran.output
    assert "1 digested and sent" in ran.output

    listing = cli("episodes", "list")
    assert "notified" in listing.output
    ctx = build_context(load_settings(home=tmp_path / "home"))
    [episode] = ctx.records.list_episodes()
    exported = cli("export", episode.episode_id[:8], "--format", "json")  # a prefix, as users type it
    assert exported.exit_code == 0, exported.output
    assert json.loads(exported.output)["episode_title"] == "Balcony tomatoes"


def test_a_file_that_is_not_a_feed_is_refused_with_one_clear_line(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body>not a feed</body></html>")

    result = cli("feeds", "add", str(page))

    assert result.exit_code == 1
    assert "error:" in result.output
    assert "feed" in result.output
    assert "Traceback" not in result.output
    assert "no feeds yet" in cli("feeds", "list").output


def test_an_invalid_email_address_is_refused_with_what_to_do(cli):
    result = cli("subscribers", "add", "ana@example.com\r\nBcc: victim@example.com")

    assert result.exit_code == 1
    assert "not a valid email address" in result.output


def test_unknown_export_format_and_unknown_episode_are_clear_errors(cli):
    assert "choose one of txt, md, html, json" in cli("export", "abcd", "--format", "pdf").output
    assert "no episode matches" in cli("export", "abcd1234").output


def test_ingest_a_dropped_transcript_emails_the_named_recipient(cli, tmp_path):
    transcript = tmp_path / "garden-talk.vtt"
    transcript.write_text(VTT)

    result = cli("ingest", str(transcript), "--title", "Garden talk", "--to", "ben@example.com")

    assert result.exit_code == 0, result.output
    assert list((tmp_path / "home" / "outbox").glob("*.eml"))


def test_ingest_with_a_bad_address_marks_the_episode_failed(cli, tmp_path):
    transcript = tmp_path / "garden-talk.vtt"
    transcript.write_text(VTT)

    result = cli("ingest", str(transcript), "--to", "not-an-address")

    assert result.exit_code == 1
    assert "not a valid email address" in result.output
    assert "failed" in cli("episodes", "list").output
