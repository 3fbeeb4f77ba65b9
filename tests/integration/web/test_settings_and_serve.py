"""The public base URL must be HTTPS beyond loopback; `serve` refuses bad options in one line and
runs the pipeline on its schedule in-process."""

import time

import pytest

from podcast_digest.errors import ConfigurationError
from podcast_digest.settings import load_settings
from tests.support.web import cli, messages_to, serving, write_podcast


def test_an_http_public_base_url_beyond_loopback_is_refused_with_what_to_do():
    with pytest.raises(ConfigurationError, match=r"must use https.*reverse proxy"):
        load_settings(public_base_url="http://digest.example.com")
    assert load_settings(public_base_url="http://127.0.0.1:8080").public_base_url == "http://127.0.0.1:8080"
    assert (
        load_settings(public_base_url="https://digest.example.com").public_base_url
        == "https://digest.example.com"
    )
    with pytest.raises(ConfigurationError, match="not a web address"):
        load_settings(public_base_url="javascript:alert(1)")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["serve", "--every", "often"], "is not a duration"),
        (["serve", "--every", "5s"], "too often"),
        (["serve", "--host", "0.0.0.0"], "needs public_base_url"),
    ],
)
def test_serve_refuses_bad_options_in_one_line(tmp_path, args, says):
    result = cli(tmp_path / "home", *args)
    assert result.returncode == 1
    assert says in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_serve_every_runs_the_pipeline_in_the_same_process(tmp_path):
    home = tmp_path / "home"
    feed = write_podcast(tmp_path / "podcast", ["ep1"])
    assert cli(home, "feeds", "add", str(feed)).returncode == 0
    assert cli(home, "subscribers", "add", "ana@example.com").returncode == 0
    with serving(home, "--every", "1h"):
        deadline = time.monotonic() + 90
        while not messages_to(home, "ana@example.com", "summary") and time.monotonic() < deadline:
            time.sleep(0.5)
    assert len(messages_to(home, "ana@example.com", "summary")) == 1, "the first run starts at once"
