"""Posting over https: the certificate is checked against the name, and an untrusted one sends nothing."""

import pytest

from podcast_digest.adapters.destinations.hook_client import HookClient
from podcast_digest.adapters.destinations.http_post import WebhookPoster
from podcast_digest.adapters.destinations.webhook import WebhookSender
from podcast_digest.errors import UpstreamUnavailable
from podcast_digest.models.destination import DestinationKind
from tests.integration.destinations.conftest import SECRET, a_destination, a_post
from tests.support.webhook_servers import RECEIVER, hook_server


def test_a_signed_post_over_https_to_a_trusted_certificate_arrives(settings, tmp_path):
    with hook_server(RECEIVER, SECRET, tls_folder=tmp_path) as receiver:
        client = HookClient(settings, poster=WebhookPoster(settings, tls=receiver.client_tls))
        WebhookSender(settings, client).send(
            a_destination(DestinationKind.WEBHOOK, receiver.url()), a_post(), "k"
        )
    assert receiver.url().startswith("https://")
    assert len(receiver.accepted()) == 1


def test_a_certificate_we_do_not_trust_stops_the_post_before_any_byte_of_it(settings, tmp_path):
    with (
        hook_server(RECEIVER, SECRET, tls_folder=tmp_path) as receiver,
        pytest.raises(UpstreamUnavailable, match=r"CERTIFICATE_VERIFY_FAILED|certificate"),
    ):
        WebhookSender(settings).send(a_destination(DestinationKind.WEBHOOK, receiver.url()), a_post(), "k")
    assert receiver.received == []
