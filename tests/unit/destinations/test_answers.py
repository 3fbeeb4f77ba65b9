"""Reading a receiver's answer: Discord's 429 body through its model, the reason as one printable line."""

from podcast_digest.adapters.destinations.discord import discord_retry_after
from podcast_digest.adapters.destinations.hook_client import answer_text
from podcast_digest.adapters.destinations.http_post import Answer


def test_discord_json_retry_after_wins_over_the_header():
    assert (
        discord_retry_after(Answer(429, {"retry-after": "2"}, b'{"message": "x", "retry_after": 1.25}'))
        == 1.25
    )


def test_a_nonsense_retry_after_falls_back_to_the_header():
    for body in (b'{"retry_after": -5}', b'{"retry_after": "soon"}', b"<html>", b'{"retry_after": 1e30}'):
        assert discord_retry_after(Answer(429, {"retry-after": "7"}, body)) == 7.0


def test_a_reason_from_a_stranger_is_one_short_printable_line():
    text = answer_text(Answer(400, {}, b"invalid_payload\x1b[31m\nnext line" + b"x" * 500))
    assert "\x1b" not in text
    assert "\n" not in text
    assert len(text) <= 161
