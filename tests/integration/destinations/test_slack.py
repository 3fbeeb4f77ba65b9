"""SlackSender against a local server speaking Slack's incoming-webhook shapes, and misbehaving."""

import time

import pytest

from podcast_digest.adapters.destinations.hook_client import HookClient
from podcast_digest.adapters.destinations.slack import SlackSender
from podcast_digest.errors import (
    BadInputError,
    DeliveryUncertain,
    DestinationGone,
    UpstreamThrottled,
    UpstreamUnavailable,
)
from podcast_digest.models.destination import DestinationKind
from tests.integration.destinations.conftest import a_destination, a_post, hostile_post
from tests.support.webhook_servers import SLACK, drip, drip_head, drop, hook_server, rate_limit, slow, status


def test_a_summary_arrives_as_block_kit_with_title_summary_key_ideas_and_link(settings):
    post = a_post().model_copy(update={"full_summary_url": "https://digest.example.org/s/ep-1"})
    with hook_server(SLACK) as server:
        SlackSender(settings).send(a_destination(DestinationKind.SLACK, server.url()), post, "ep-1")
    [got] = server.accepted()
    blocks = got.document["blocks"]
    assert blocks[0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": post.summary.episode_title, "emoji": False},
    }
    assert post.summary.one_sentence_summary in [b.get("text", {}).get("text") for b in blocks]
    ideas = next(b for b in blocks if b["type"] == "section" and b["text"]["text"].startswith("*Key ideas*"))
    assert post.summary.key_ideas[0].ideas[0] in ideas["text"]["text"]
    assert blocks[-1]["elements"][0]["url"] == "https://digest.example.org/s/ep-1"
    assert got.key == "ep-1"


def test_long_feed_text_is_cut_to_slacks_limits_and_slack_takes_it(settings):
    post = a_post(episode_title="Bread & <butter> " * 40, one_sentence_summary="&" * 5000)
    with hook_server(SLACK) as server:
        SlackSender(settings).send(a_destination(DestinationKind.SLACK, server.url()), post, "ep-1")
    [got] = server.accepted()  # the server refuses (invalid_blocks) a header over 150 or a section over 3000
    header, section = got.document["blocks"][0], got.document["blocks"][2]
    assert len(header["text"]["text"]) == 150
    assert header["text"]["text"].endswith("…")
    assert len(section["text"]["text"]) <= 3000
    assert section["text"]["text"].endswith("&amp;…")


def test_feed_text_cannot_mention_the_channel_or_forge_a_link(settings):
    with hook_server(SLACK) as server:
        SlackSender(settings).send(a_destination(DestinationKind.SLACK, server.url()), hostile_post(), "ep-1")
    document = server.accepted()[0].document
    mrkdwn = [document["text"]] + [
        obj["text"]
        for block in document["blocks"]
        for obj in [block.get("text", {}), *block.get("elements", [])]
        if obj.get("type") == "mrkdwn"
    ]
    assert len(mrkdwn) >= 4
    for text in mrkdwn:  # mrkdwn is where Slack reads <!channel>, <@U…> and <url|label>
        assert "<" not in text, text
        assert ">" not in text, text
    assert "&lt;!channel&gt;" in document["text"]
    header = document["blocks"][0]["text"]
    assert header["type"] == "plain_text"  # Slack never parses mentions or links in plain_text


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (404, DestinationGone),
        (410, DestinationGone),
        (403, BadInputError),
        (400, BadInputError),
        (500, UpstreamUnavailable),
    ],
)
def test_4xx_5xx_and_gone_are_told_apart_with_slacks_reason(settings, code, error):
    with hook_server(SLACK) as server:
        server.script(status(code))
        with pytest.raises(error) as caught:
            SlackSender(settings).send(
                a_destination(DestinationKind.SLACK, server.url("/services/T0/B0/secretpart")),
                a_post(),
                "ep-1",
            )
    message = str(caught.value)
    assert f"HTTP {code}" in message
    assert "secretpart" not in message
    if error is DestinationGone:
        assert "disabled" in message
    assert error is not BadInputError or not isinstance(caught.value, DestinationGone)


def test_a_429_within_our_cap_is_waited_out_then_posted_once(settings):
    with hook_server(SLACK) as server:
        server.script(rate_limit(1))
        started = time.monotonic()
        SlackSender(settings).send(a_destination(DestinationKind.SLACK, server.url()), a_post(), "ep-1")
    assert time.monotonic() - started >= 0.9
    assert len(server.accepted()) == 1
    assert len(server.received) == 2


def test_a_retry_after_of_an_hour_is_not_slept_on(settings):
    with hook_server(SLACK) as server:
        server.script(rate_limit(3600))
        started = time.monotonic()
        with pytest.raises(UpstreamThrottled) as caught:
            SlackSender(settings).send(a_destination(DestinationKind.SLACK, server.url()), a_post(), "ep-1")
        elapsed = time.monotonic() - started
    # Measured before the server's shutdown; an hour's sleep is what must fail, not a busy machine.
    assert elapsed < 10
    assert caught.value.retry_after == 3600
    assert "max_retry_after_seconds" in str(caught.value)


def test_two_posts_to_one_webhook_are_a_second_apart_as_slack_asks(settings):
    # The server answers 429 to a second message within a second: pacing means it never has to.
    sender = SlackSender(settings)
    with hook_server(SLACK) as server:
        destination = a_destination(DestinationKind.SLACK, server.url())
        sender.send(destination, a_post(), "ep-1")
        sender.send(destination, a_post(), "ep-2")
    assert [r.key for r in server.received] == ["ep-1", "ep-2"]
    assert len(server.accepted()) == 2


def test_without_pacing_slack_would_have_refused_the_second(settings):
    # The same two posts with pacing off: the server's rule bites (proves the test above can fail).
    sender = SlackSender(settings, HookClient(settings, min_interval=0.0, attempts=1))
    with hook_server(SLACK) as server:
        destination = a_destination(DestinationKind.SLACK, server.url())
        sender.send(destination, a_post(), "ep-1")
        with pytest.raises(UpstreamThrottled):
            sender.send(destination, a_post(), "ep-2")


@pytest.mark.parametrize("behaviour", [drop(), slow(5), drip_head(0.1)], ids=["dropped", "slow", "drip-head"])
def test_a_post_that_went_but_got_no_answer_is_uncertain_and_bounded_in_time(settings, behaviour):
    with hook_server(SLACK) as server:
        server.script(behaviour)
        started = time.monotonic()
        with pytest.raises(DeliveryUncertain) as caught:
            SlackSender(settings).send(a_destination(DestinationKind.SLACK, server.url()), a_post(), "ep-1")
        elapsed = time.monotonic() - started
    assert elapsed < settings.destination_timeout_seconds + 3  # the slow answer alone takes 5 s
    assert "Idempotency-Key" in str(caught.value)
    assert len(server.accepted()) == 1  # it did arrive: the next run's repeat carries the same key


def test_a_200_whose_body_drips_is_taken_within_the_deadline(settings):
    with hook_server(SLACK) as server:
        server.script(drip(0.05))  # 400 bytes at 20 a second: 20 s if we waited for all of it
        started = time.monotonic()
        SlackSender(settings).send(a_destination(DestinationKind.SLACK, server.url()), a_post(), "ep-1")
        elapsed = time.monotonic() - started
    # Timed before the server shuts down, with room for a loaded CI machine: waiting out the drip
    # (20 s) is what must fail, not a deadline missed by 30 ms.
    assert elapsed < settings.destination_timeout_seconds + 3


def test_nothing_listening_is_unavailable_not_uncertain(settings):
    with hook_server(SLACK) as server:
        url = server.url()
    with pytest.raises(UpstreamUnavailable):
        SlackSender(settings).send(a_destination(DestinationKind.SLACK, url), a_post(), "ep-1")
