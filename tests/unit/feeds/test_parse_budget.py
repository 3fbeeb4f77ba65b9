"""The parse budget: a huge feed is read up to its MAX_ITEMS newest items, a deeply nested one refused at once."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

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


def _dated_item(n: int, extra: str = "") -> str:
    day = datetime(2020, 1, 1, 9, 0, tzinfo=UTC) + timedelta(days=n)
    return (
        f"<item><guid>g{n}</guid><title>Episode {n}</title><pubDate>{format_datetime(day)}</pubDate>"
        f'<enclosure url="https://example.com/{n}.mp3" type="audio/mpeg"/>{extra}</item>'
    )


def _rss(items: list[str]) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Show</title>'
        + "".join(items)
        + "<link>https://example.com/show</link></channel></rss>"
    ).encode()


def test_an_oldest_first_feed_past_the_budget_keeps_its_newest_items(small_budget):
    parsed = parse_feed(
        _rss([_dated_item(n) for n in range(80)]), feed_url="https://example.com/feed", feed_id="f"
    )

    assert [e.guid for e in parsed.episodes] == [f"g{n}" for n in range(30, 80)]  # document order kept
    assert parsed.link == "https://example.com/show"  # channel elements after the items survive
    assert any("30 more items than the 50 read" in note and "newest" in note for note in parsed.notes)


def test_a_newest_first_feed_past_the_budget_keeps_its_newest_items(small_budget):
    parsed = parse_feed(
        _rss([_dated_item(n) for n in reversed(range(80))]), feed_url="https://example.com/feed", feed_id="f"
    )
    assert [e.guid for e in parsed.episodes] == [f"g{n}" for n in reversed(range(30, 80))]


def test_a_shuffled_feed_keeps_the_newest_by_date_whatever_their_place():
    order = [n * 37 % 80 for n in range(80)]  # every number once, in no order
    body = _rss([_dated_item(n) for n in order])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(budget, "MAX_ITEMS", 50)
        kept, extra = budget.within_item_budget(body)
    parsed = parse_feed(kept, feed_url="https://example.com/feed", feed_id="f")
    assert extra == 30
    assert sorted(int(e.guid[1:]) for e in parsed.episodes) == list(range(30, 80))


def test_atom_entries_are_dated_by_published_or_updated(small_budget):
    entries = [
        f"<entry><id>g{n}</id><title>Episode {n}</title>"
        f"<{'published' if n % 2 else 'updated'}>2021-01-{1 + n % 28:02d}T{n // 28:02d}:00:00Z"
        f"</{'published' if n % 2 else 'updated'}>"
        f'<link rel="enclosure" href="https://example.com/{n}.mp3" type="audio/mpeg"/></entry>'
        for n in range(80)
    ]
    body = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Show</title>'
        + "".join(entries)
        + "</feed>"
    ).encode()
    parsed = parse_feed(body, feed_url="https://example.com/feed", feed_id="f")

    newest = sorted(range(80), key=lambda n: (1 + n % 28, n // 28), reverse=True)[:50]
    assert {e.guid for e in parsed.episodes} == {f"g{n}" for n in newest}


def test_undated_items_in_an_oldest_first_feed_count_as_newer_than_the_dated_item_before_them(small_budget):
    items = [
        _dated_item(n) if n % 10 else _dated_item(n).replace("<pubDate>", "<x>").replace("</pubDate>", "</x>")
        for n in range(80)
    ]
    parsed = parse_feed(_rss(items), feed_url="https://example.com/feed", feed_id="f")
    assert [e.guid for e in parsed.episodes] == [f"g{n}" for n in range(30, 80)]


def test_a_feed_past_the_item_budget_with_no_dates_keeps_the_first_items_and_says_so(small_budget):
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
