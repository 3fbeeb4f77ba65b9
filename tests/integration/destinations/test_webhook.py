"""WebhookSender: the summary JSON, signed, to a receiver that checks the signature with its own code."""

import json

import pytest

from podcast_digest.adapters.destinations.webhook import WebhookSender
from podcast_digest.destinations.signatures import verify
from podcast_digest.errors import BadInputError, DestinationGone
from podcast_digest.models.destination import DestinationKind
from tests.integration.destinations.conftest import SECRET, a_destination, a_post
from tests.support.webhook_servers import RECEIVER, hook_server, status


def test_the_receiver_gets_the_summary_json_signed_over_timestamp_and_body(settings):
    post = a_post()
    with hook_server(RECEIVER, secret=SECRET) as server:
        WebhookSender(settings).send(a_destination(DestinationKind.WEBHOOK, server.url()), post, "ep-1")
    [got] = server.accepted()  # the server verified the HMAC itself
    assert got.document["summary"] == json.loads(post.summary.model_dump_json())
    assert got.document["delivery_key"] == got.key == "ep-1"
    stamp = got.headers["x-podcast-digest-timestamp"]
    assert verify(SECRET, stamp, got.body, got.headers["x-podcast-digest-signature"], now=int(stamp) + 10)
    assert not verify(
        SECRET, stamp, got.body + b" ", got.headers["x-podcast-digest-signature"], now=int(stamp)
    )
    assert not verify(
        SECRET, stamp, got.body, got.headers["x-podcast-digest-signature"], now=int(stamp) + 301
    )


def test_a_wrong_secret_is_refused_by_the_receiver_and_reported(settings):
    with hook_server(RECEIVER, secret="another-secret") as server, pytest.raises(BadInputError) as caught:
        WebhookSender(settings).send(a_destination(DestinationKind.WEBHOOK, server.url()), a_post(), "ep-1")
    assert "HTTP 401" in str(caught.value)
    assert not server.accepted()


def test_an_old_timestamp_is_refused_as_a_replay(settings):
    with hook_server(RECEIVER, secret=SECRET) as server:
        sender = WebhookSender(settings, now=lambda: 1_000_000_000.0)
        with pytest.raises(BadInputError):
            sender.send(a_destination(DestinationKind.WEBHOOK, server.url()), a_post(), "ep-1")
    assert server.received[0].problem == "stale or missing timestamp"


def test_410_disables(settings):
    with hook_server(RECEIVER, secret=SECRET) as server:
        server.script(status(410))
        with pytest.raises(DestinationGone):
            WebhookSender(settings).send(
                a_destination(DestinationKind.WEBHOOK, server.url()), a_post(), "ep-1"
            )
