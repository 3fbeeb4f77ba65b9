"""The parse budget: a huge feed is read up to MAX_ITEMS items, a deeply nested one refused at once."""

import pytest

from podcast_digest.errors import FeedError
from podcast_digest.feeds import budget, parse
from podcast_digest.feeds.parse import parse_feed


def _feed(items: int, extra: str = "") -> bytes:
    body = "".join(
        f"<item><guid>g{n}</guid><title>Episode {n}</title>"
        f'<enclosure url="https://example.com/{n}.mp3" type="audio/mpeg"/>{extra}</item>'
        for n in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Show</title>{body}</channel></rss>'.encode()
    )


@pytest.fixture
def small_budget(monkeypatch):
    monkeypatch.setattr(budget, "MAX_ITEMS", 50)
    monkeypatch.setattr(parse, "MAX_ITEMS", 50)


def test_a_feed_past_the_item_budget_keeps_the_first_items_and_says_so(small_budget):
    parsed = parse_feed(_feed(80), feed_url="https://example.com/feed", feed_id="f")

    assert [e.guid for e in parsed.episodes] == [f"g{n}" for n in range(50)]
    assert parsed.title == "Show"
    assert any("30 more items than the 50 read" in note for note in parsed.notes)


def test_a_feed_within_the_budget_is_read_whole(small_budget):
    parsed = parse_feed(_feed(50), feed_url="https://example.com/feed", feed_id="f")
    assert len(parsed.episodes) == 50
    assert parsed.notes == []


def test_the_real_budget_holds_every_real_feed_in_the_corpus():
    assert budget.MAX_ITEMS >= 1000  # the largest corpus feed has 643 items


@pytest.mark.parametrize("opener", [b"<a>", b"<x:y attr='1'>", b"<p>text "])
def test_deep_nesting_is_refused_before_any_parser_runs(opener):
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>' + opener * 50_000
    with pytest.raises(FeedError, match="nests elements more than 256 deep"):
        parse_feed(body, feed_url="https://example.com/feed", feed_id="f")


def test_show_notes_full_of_void_tags_are_not_nesting():
    notes = "<description><![CDATA[" + "line<br>" * 600 + '<img src="x.png">' * 300 + "]]></description>"
    parsed = parse_feed(_feed(3, extra=notes), feed_url="https://example.com/feed", feed_id="f")
    assert len(parsed.episodes) == 3
