"""DiscordSender against a local server speaking Discord's webhook shapes and limits, and misbehaving."""

import time

import pytest

from podcast_digest.adapters.destinations.discord import DiscordSender, discord_message, embed_size
from podcast_digest.adapters.destinations.hook_client import HookClient
from podcast_digest.errors import BadInputError, DestinationGone, UpstreamThrottled, UpstreamUnavailable
from podcast_digest.models import KeyIdeaGroup
from podcast_digest.models.destination import DestinationKind
from tests.integration.destinations.conftest import a_destination, a_post, hostile_post
from tests.support.webhook_servers import DISCORD, hook_server, rate_limit, status


def test_a_summary_arrives_as_one_embed_that_pings_no_one(settings):
    post = a_post().model_copy(update={"full_summary_url": "https://digest.example.org/s/ep-1"})
    with hook_server(DISCORD) as server:
        DiscordSender(settings).send(a_destination(DestinationKind.DISCORD, server.url()), post, "ep-1")
    [got] = server.accepted()
    [embed] = got.document["embeds"]
    assert got.document["allowed_mentions"] == {"parse": []}
    assert embed["url"] == "https://digest.example.org/s/ep-1"
    assert embed["footer"]["text"] == "The Workshop Hour"
    assert len(embed["fields"]) == len(post.summary.key_ideas)
    assert got.key == "ep-1"


def test_an_oversized_summary_is_fitted_into_discords_limits_and_discord_takes_it():
    groups = [KeyIdeaGroup(heading="H" * 300, ideas=["idea " * 100] * 5) for _ in range(40)]
    message = discord_message(
        a_post(episode_title="T" * 400, one_sentence_summary="S" * 9000, key_ideas=groups)
    )
    [embed] = message["embeds"]
    assert embed_size(embed) <= 6000
    assert len(embed["title"]) <= 256
    assert len(embed["description"]) <= 4096
    assert 0 < len(embed["fields"]) <= 25
    assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in embed["fields"])


def test_the_server_refuses_what_breaks_the_limits(settings):
    # Proves the server checks: a hand-made embed over 6000 characters is answered 400 Invalid Form Body.
    import json
    import urllib.request

    with hook_server(DISCORD) as server:
        body = json.dumps(
            {
                "embeds": [
                    {
                        "title": "t",
                        "description": "d" * 4000,
                        "fields": [{"name": "n", "value": "v" * 1000}] * 3,
                    }
                ]
            }
        )
        request = urllib.request.Request(server.url(), body.encode(), {"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=5)
    assert caught.value.code == 400
    assert b"Invalid Form Body" in caught.value.read()


def test_markdown_in_feed_text_stays_text(settings):
    with hook_server(DISCORD) as server:
        DiscordSender(settings).send(
            a_destination(DestinationKind.DISCORD, server.url()), hostile_post(), "ep-1"
        )
    embed = server.accepted()[0].document["embeds"][0]
    assert "[bank](https" not in embed["title"]
    assert "\\[bank\\]\\(https" in embed["title"]
    assert "||spoiler||" not in embed["description"]
    assert "`code`" not in embed["description"]
    assert "\\@everyone" in embed["description"]


def test_a_429_with_json_retry_after_is_waited_out(settings):
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    sender = DiscordSender(settings, HookClient(settings, sleep=sleep))
    with hook_server(DISCORD) as server:
        server.script(rate_limit(0.4))
        sender.send(a_destination(DestinationKind.DISCORD, server.url()), a_post(), "ep-1")
    # Discord's Retry-After header says 1 (whole seconds); its JSON retry_after (0.4 s) is the one honoured.
    assert waits == [0.4]
    assert len(server.accepted()) == 1


def test_a_429_asking_for_an_hour_leaves_it_to_a_later_run(settings):
    with hook_server(DISCORD) as server:
        server.script(rate_limit(3600.5))
        with pytest.raises(UpstreamThrottled) as caught:
            DiscordSender(settings).send(
                a_destination(DestinationKind.DISCORD, server.url()), a_post(), "ep-1"
            )
    assert caught.value.retry_after == 3600.5


@pytest.mark.parametrize(
    ("code", "error", "said"),
    [
        (404, DestinationGone, "Unknown Webhook"),
        (401, BadInputError, "Invalid Webhook Token"),
        (500, UpstreamUnavailable, "Internal Server Error"),
    ],
)
def test_discords_json_errors_are_reported_by_their_message(settings, code, error, said):
    with hook_server(DISCORD) as server:
        server.script(status(code))
        with pytest.raises(error) as caught:
            DiscordSender(settings).send(
                a_destination(DestinationKind.DISCORD, server.url("/api/webhooks/1/tok3n")), a_post(), "ep-1"
            )
    assert said in str(caught.value)
    assert "tok3n" not in str(caught.value)
