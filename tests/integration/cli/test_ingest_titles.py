"""`podcast-digest ingest FILE`: the file's name is never taken for a title it could fail to deliver."""

import functools
import json

import pytest
from typer.testing import CliRunner

from podcast_digest.cli.main import app
from podcast_digest.cli.session import session
from podcast_digest.models.summary import NOTHING_TO_JUDGE

from ..pipeline.conftest import VTT


def _run(home, *args: str):
    session._context = None  # each invocation is a fresh process in real life
    try:
        return CliRunner().invoke(app, ["--home", str(home), *args])
    finally:
        session._context = None


@pytest.fixture
def cli(tmp_path):
    return functools.partial(_run, tmp_path / "home")


def exported(cli, output: str) -> dict:
    episode_id = output.split("`podcast-digest show ")[1].split("`")[0]
    result = cli("export", episode_id, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_file_named_after_another_show_is_not_judged_against_its_name(cli, tmp_path):
    transcript = tmp_path / "changelog-594-final.vtt"
    transcript.write_text(VTT)
    result = cli("ingest", str(transcript))
    assert result.exit_code == 0, result.output
    summary = exported(cli, result.output)
    assert summary["quick_takes"]["verdict"] == NOTHING_TO_JUDGE
    assert "changelog" not in summary["quick_takes"]["verdict"].lower()


def test_a_title_in_the_transcripts_header_is_the_promise_judged(cli, tmp_path):
    transcript = tmp_path / "changelog-594-final.vtt"
    transcript.write_text(VTT.replace("WEBVTT", "WEBVTT - Compost, watering and balcony tomatoes", 1))
    result = cli("ingest", str(transcript))
    assert result.exit_code == 0, result.output
    assert "Compost, watering and balcony tomatoes" in result.output
    summary = exported(cli, result.output)
    assert summary["episode_title"] == "Compost, watering and balcony tomatoes"
    assert summary["quick_takes"]["verdict"] != NOTHING_TO_JUDGE
    assert summary["quick_takes"]["promises"]
