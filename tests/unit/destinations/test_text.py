"""Feed text for chat formats: escaped, cut within limits never mid-escape, links only http(s)."""

import pytest

from podcast_digest.adapters.destinations.text import cut, discord_escaped, slack_escaped, web_link


@pytest.mark.parametrize("limit", [1, 2, 5, 9, 10, 50, 149, 150])
def test_a_cut_never_passes_the_limit_nor_splits_an_escape(limit):
    text = "a&b<c>d" * 40
    shown = cut(text, limit, slack_escaped)
    assert len(shown) <= limit
    body = shown.removesuffix("…")
    assert slack_escaped(text).startswith(body)
    assert not body.endswith(("&", "&a", "&am", "&amp", "&l", "&lt", "&g", "&gt"))


def test_discord_escape_leaves_no_markdown_or_mention():
    escaped = discord_escaped("**bold** [x](https://e.example) ||s|| @everyone <@1> # h")
    for raw in ("**", "](", "||", " @everyone", "<@"):
        assert raw not in escaped


def test_bidi_overrides_and_controls_are_removed():
    assert slack_escaped("safe\u202egnp.exe\x07") == "safegnp.exe"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "https://x.example/a b", "ftp://x.example/", None, ""]
)
def test_only_plain_http_links_are_linked(url):
    assert web_link(url) is None


def test_an_https_link_is_kept():
    assert web_link(" https://show.example/ep/1 ") == "https://show.example/ep/1"
