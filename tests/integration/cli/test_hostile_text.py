"""Strangers' text in every CLI command: printed as text, never as Rich markup, emoji or control codes.

The feed below is served by a real local publisher; its channel and item titles carry Rich
markup (a closing tag that crashes Rich, a link), an emoji code, and ANSI/C1 escapes.
"""

import json

import pytest

from podcast_digest.settings import load_settings
from podcast_digest.wiring import build_context
from tests.support.feed_server import Route

from ..pipeline.conftest import VTT

HOSTILE = "Show [/bold] Name [link=https://evil.example/x]click[/link] :thumbs_up: &#27;[2J&#27;]0;pwned&#7;\u009b31m"
FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
<title>{HOSTILE}</title><link>http://[oops]/</link><description>About gardens.</description>
<item><title>Ep {HOSTILE}</title><guid>ep1</guid><pubDate>Mon, 01 Jun 2026 12:00:00 +0000</pubDate>
<podcast:transcript url="/t/1.vtt" type="text/vtt"/></item>
<item><title>Broken [red]item[/red]</title><guid>ep2</guid><enclosure url="http://[host]/x.mp3" type="audio/mpeg"/></item>
</channel></rss>"""


def _assert_plain(output: str) -> None:
    assert "Traceback" not in output
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in output, repr(output)


@pytest.fixture
def watched(cli, server):
    server.route("/t/1.vtt", Route(body=VTT.encode(), content_type="text/vtt"))
    url = server.route("/feed.xml", Route(body=FEED.encode()))
    added = cli("feeds", "add", url)
    _assert_plain(added.output)
    assert added.exit_code == 0, added.output
    return url


def test_feeds_add_prints_the_hostile_title_as_text_and_notes_what_it_dropped(cli, watched):
    listing = cli("feeds", "list")
    assert listing.exit_code == 0, listing.output
    _assert_plain(listing.output)
    assert "[/bold]" in listing.output
    again = cli("feeds", "add", watched)
    assert "[link=https://evil.example/x]click[/link]" in again.output
    assert ":thumbs_up:" in again.output
    _assert_plain(again.output)


def test_the_feed_add_output_keeps_the_good_item_and_says_which_url_was_dropped(cli, server):
    server.route("/t/1.vtt", Route(body=VTT.encode(), content_type="text/vtt"))
    url = server.route("/feed.xml", Route(body=FEED.encode()))
    added = cli("feeds", "add", url)
    assert added.exit_code == 0, added.output
    assert "http://[oops]/" in added.output  # the URL whole, brackets and all
    assert "'Broken [red]item[/red]' skipped" in added.output
    assert "1 episodes" in added.output


def test_every_other_command_prints_feed_text_as_text(cli, watched, home, tmp_path):
    outputs = {}
    for args in (
        ("subscribers", "add", "ana@example.com"),
        ("subscribers", "list"),
        ("run",),
        ("episodes", "list"),
        ("feeds", "export"),
    ):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
        _assert_plain(result.output)
        outputs[args[0] + " " + (args[1] if len(args) > 1 else "")] = result.output
    assert "[/bold]" in outputs["subscribers add"]
    assert "[/bold]" in outputs["subscribers list"]
    [episode] = build_context(load_settings(home=home)).records.list_episodes()
    for fmt in ("md", "txt", "json"):
        exported = cli("export", episode.episode_id[:8], "--format", fmt)
        assert exported.exit_code == 0, exported.output
        _assert_plain(exported.output)
    assert "[/bold]" in json.loads(exported.output)["episode_title"]
    shown = cli("show", episode.episode_id[:8])
    assert shown.exit_code == 0, shown.output
    _assert_plain(shown.output)
    retried = cli("episodes", "retry", episode.episode_id[:8])
    _assert_plain(retried.output)
    assert "[/bold]" in retried.output


def test_a_user_typed_title_and_a_hostile_error_are_printed_as_text(cli, tmp_path):
    transcript = tmp_path / "talk.vtt"
    transcript.write_text(VTT)
    ingested = cli("ingest", str(transcript), "--title", "Talk [/] \x1b[2J [bold]x")
    assert ingested.exit_code == 0, ingested.output
    _assert_plain(ingested.output)
    assert "Talk [/]" in ingested.output
    assert "[bold]x" in ingested.output
    missing = cli("show", "[/bold]\x1b[2J")
    assert missing.exit_code == 1
    _assert_plain(missing.output)
    assert "[/bold]" in missing.output


@pytest.mark.parametrize(
    "url",
    [
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/feed",
        "http://[fd20:ce::254]/x",
    ],
)
def test_an_error_line_shows_an_ipv6_url_whole(cli, url):
    refused = cli("feeds", "add", url)
    assert refused.exit_code == 1
    _assert_plain(refused.output)
    assert url in " ".join(refused.output.split())
