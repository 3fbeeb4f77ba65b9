"""OPML import and export."""

import pytest

from podcast_digest.errors import BadInputError, UnsafeInputError
from podcast_digest.feeds.opml import parse_opml, render_opml
from podcast_digest.models import Feed

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>subs</title></head><body>
  <outline text="Tech">
    <outline type="rss" text="Show A" xmlUrl="https://a.example.com/feed.xml"/>
    <outline type="rss" title="Show B" xmlURL=" http://b.example.com/rss "/>
  </outline>
  <outline type="rss" text="dup" xmlUrl="https://a.example.com/feed.xml"/>
  <outline type="rss" text="local" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="no url"/>
</body></opml>"""


def test_nested_outlines_are_imported_once_each_and_only_over_http():
    assert parse_opml(OPML) == [
        ("https://a.example.com/feed.xml", "Show A"),
        ("http://b.example.com/rss", "Show B"),
    ]


def test_exported_opml_imports_back_to_the_same_list_with_awkward_titles():
    feeds = [
        Feed(feed_id="1", url="https://a.example.com/feed.xml?x=1&y=2", title='Quotes " & <tags>\x01'),
        Feed(feed_id="2", url="https://b.example.com/rss", title="", link="https://b.example.com/"),
    ]
    text = render_opml(feeds)
    assert parse_opml(text.encode()) == [
        ("https://a.example.com/feed.xml?x=1&y=2", 'Quotes " & <tags>'),
        ("https://b.example.com/rss", "https://b.example.com/rss"),
    ]


def test_opml_with_entity_declarations_is_refused():
    bomb = b'<!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><opml><body/></opml>'
    with pytest.raises(UnsafeInputError):
        parse_opml(bomb)


def test_broken_or_foreign_documents_say_what_to_do():
    with pytest.raises(BadInputError, match="not well-formed"):
        parse_opml(b"<opml><body>")
    with pytest.raises(BadInputError, match="not OPML"):
        parse_opml(b"<rss/>")
