"""Why a digest or roundup arrives and how to stop it; the roundup shares the digest's email basics."""

import re

import pytest

from podcast_digest.digest.email import (
    DEFAULT_STOP_INSTRUCTIONS,
    HTML_BUDGET_BYTES,
    DigestForRecipients,
    compose_digest,
)
from podcast_digest.digest.roundup_email import RoundupEntry, compose_roundup
from tests.support.summaries import sample_summary

UNSUBSCRIBE = "https://digest.example.com/unsubscribe?token=eyJwIjoidSJ9.c2ln&x=1"
MANAGE = "https://digest.example.com/manage?token=eyJwIjoibSJ9.bWFu&y=2"
ADDRESS = "o'brien+cast@example.org"


def _digest(**kwargs):
    arguments = {"to": ADDRESS, "sender": "digest@example.com"} | kwargs
    return compose_digest(sample_summary(), **arguments)


def _visible(html: str) -> str:
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", html))


def test_the_footer_says_which_podcast_and_which_address_and_links_unsubscribe_and_manage():
    message = _digest(unsubscribe_url=UNSUBSCRIBE, manage_url=MANAGE)
    why = f"You receive this because {ADDRESS} is subscribed to summaries of The Workshop Hour."
    assert why in _visible(message.html)
    assert why in message.text
    assert f'href="{UNSUBSCRIBE.replace("&", "&amp;")}"' in message.html
    assert f'href="{MANAGE.replace("&", "&amp;")}"' in message.html
    assert ">Manage your subscription</a>" in message.html
    assert f"Unsubscribe: {UNSUBSCRIBE}" in message.text
    assert f"Manage your subscription: {MANAGE}" in message.text
    assert DEFAULT_STOP_INSTRUCTIONS not in message.text


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({}, DEFAULT_STOP_INSTRUCTIONS),
        (
            {"operator_address": "Operator@Example.ORG"},
            "To stop these emails, write to Operator@example.org.",
        ),
        (
            {"stop_instructions": "Reply STOP\r\nBcc: x@evil.example.com"},
            "Reply STOP Bcc: x@evil.example.com",
        ),
    ],
)
def test_without_a_web_endpoint_the_footer_says_how_to_stop_and_links_nothing_dead(kwargs, says):
    message = _digest(**kwargs)
    assert says in _visible(message.html)
    assert says in message.text
    assert "Unsubscribe" not in message.html
    assert "file://" not in message.html
    assert "Manage your subscription" not in message.html


def test_a_copy_per_recipient_carries_their_address_and_links_exactly_as_composing_for_them():
    prepared = DigestForRecipients(
        sample_summary(),
        sender="digest@example.com",
        full_summary_url="https://digest.example.com/s/ep",
        operator_address="ops@example.com",
    )
    for address, manage in ((ADDRESS, MANAGE), ("ben@example.org", None)):
        copy = prepared.to(address, UNSUBSCRIBE, manage_url=manage)
        direct = _digest(
            to=address,
            full_summary_url="https://digest.example.com/s/ep",
            unsubscribe_url=UNSUBSCRIBE,
            manage_url=manage,
            operator_address="ops@example.com",
        )
        assert copy == direct
        assert "stand-in" not in copy.html + copy.text
        assert ".invalid" not in copy.html + copy.text


def test_a_copy_without_links_says_how_to_stop_with_the_recipients_address():
    prepared = DigestForRecipients(sample_summary(), sender="digest@example.com", with_unsubscribe=False)
    copy = prepared.to("ana@example.org")
    assert "ana@example.org is subscribed" in copy.text
    assert DEFAULT_STOP_INSTRUCTIONS in copy.text
    with pytest.raises(ValueError, match="manage_url"):
        prepared.to("ana@example.org", manage_url="javascript:alert(1)")


def _roundup(count: int = 3, **kwargs):
    entries = [
        RoundupEntry(
            sample_summary(episode_id=f"ep{n}", episode_title=f"Episode {n}", audio_url=None),
            f"https://digest.example.com/s/ep{n}",
        )
        for n in range(count)
    ]
    arguments = {
        "to": ADDRESS,
        "sender": "digest@example.com",
        "how_often": "weekly",
        "period_label": "24–30 November",
    } | kwargs
    return compose_roundup(entries, **arguments)


def test_a_roundup_says_why_with_links_or_how_to_stop():
    linked = _roundup(unsubscribe_url=UNSUBSCRIBE, manage_url=MANAGE)
    why = (
        f"You receive this weekly roundup because {ADDRESS} is subscribed to summaries of The Workshop Hour."
    )
    assert why in _visible(linked.html)
    assert why in linked.text
    assert ">Unsubscribe</a>" in linked.html
    assert ">Manage your subscription</a>" in linked.html
    bare = _roundup(operator_address="ops@example.com")
    assert "To stop these emails, write to ops@example.com." in bare.text
    assert "To stop these emails, write to ops@example.com." in _visible(bare.html)
    assert "Unsubscribe" not in bare.html


def test_a_roundup_has_the_digests_dark_mode_padded_preheader_and_plain_timestamps():
    html = _roundup().html
    assert '<meta name="color-scheme" content="light dark">' in html
    assert "@media (prefers-color-scheme:dark)" in html
    assert html.count("&#847;&zwnj;&nbsp;") >= 80
    assert "#t=" not in html  # no audio: the parts' timestamps are text, not links
    assert re.search(r'<span class="mu" style="[^"]+">\[4:30\]</span>', html)


def test_a_roundup_text_part_reads_with_blank_lines_and_underlines():
    text = _roundup().text
    lines = text.splitlines()
    at = lines.index("The Workshop Hour: Episode 1")
    assert lines[at - 1] == ""
    assert lines[at + 1] == "=" * len("The Workshop Hour: Episode 1")


def test_a_large_roundup_keeps_every_episode_named_within_the_budget():
    message = _roundup(40, unsubscribe_url=UNSUBSCRIBE)
    assert len(message.html.encode("utf-8")) <= HTML_BUDGET_BYTES
    assert all(f"Episode {n}" in message.html for n in range(40))
