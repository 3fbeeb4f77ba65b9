"""Webhook URLs: the feeds' address policy, https outside loopback, and never shown whole."""

import pytest

from podcast_digest.adapters.destinations.slack import SlackSender
from podcast_digest.destinations.targets import checked_webhook_url, shown_url
from podcast_digest.errors import BadInputError, UnsafeInputError
from podcast_digest.models.destination import DestinationKind
from podcast_digest.settings import load_settings
from tests.integration.destinations.conftest import a_destination, a_post
from tests.support.webhook_servers import SLACK, hook_server


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.slack.com/services/T/B/s3cret-path",  # plain http off this machine
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.5/s3cret-path",
        "https://[::ffff:192.168.1.1]/s3cret-path",
        "https://metadata.google.internal/s3cret-path",
        "https://printer.local/s3cret-path",
        "https://user:pw@hooks.example.com/s3cret-path",
        "https://127.0.0.1/s3cret-path",  # loopback without allow_loopback
    ],
)
def test_refused(url):
    with pytest.raises(UnsafeInputError) as caught:
        checked_webhook_url(url, allow_loopback=False)
    assert "refused" in str(caught.value)
    assert "s3cret-path" not in str(caught.value)


@pytest.mark.parametrize("url", ["hooks.slack.com/services/x", "ftp://example.com/x", "https://[oops/x"])
def test_not_a_web_address(url):
    with pytest.raises(BadInputError):
        checked_webhook_url(url, allow_loopback=False)


def test_https_public_and_loopback_http_with_the_flag_pass():
    checked_webhook_url("https://hooks.slack.com/services/T0/B0/abc", allow_loopback=False)
    checked_webhook_url("http://127.0.0.1:8080/s3cret-path", allow_loopback=True)


def test_shown_url_keeps_only_scheme_and_host():
    assert shown_url("https://hooks.slack.com/services/T0/B0/s3cret") == "https://hooks.slack.com/…"


def test_a_name_that_resolves_to_loopback_is_refused_at_send_time(tmp_path):
    settings = load_settings(home=tmp_path, allow_loopback=False)
    with hook_server(SLACK) as server:
        url = server.url().replace("127.0.0.1", "localhost.")  # passes the name check, resolves to 127.0.0.1
        with pytest.raises(UnsafeInputError):
            SlackSender(settings).send(
                a_destination(DestinationKind.SLACK, url.replace("http:", "https:")), a_post(), "k"
            )
    assert server.received == []
