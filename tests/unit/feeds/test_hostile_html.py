"""Hostile show notes in the corpus are neutralised: at parse time, and again by the digest's sanitiser."""

import re

from podcast_digest.digest.sanitize import sanitize_show_notes, show_notes_text
from podcast_digest.feeds.parse import parse_feed
from tests.support.corpus import corpus_path

DANGEROUS = re.compile(r"<script|<iframe|<meta|onerror|onload|javascript:", re.IGNORECASE)


def _parsed(path):
    # Give each item a guid so it is identifiable (these fixtures omit it) and reaches an episode.
    body = path.read_bytes().replace(b"<item>", b"<item><guid>g</guid>")
    return parse_feed(body, feed_url="https://example.com/feed.xml", feed_id="f")


def test_every_hostile_html_fixture_is_neutralised_before_it_could_reach_an_email():
    files = sorted(corpus_path("malicious", "html").glob("*.xml"))
    assert len(files) >= 7
    checked = 0
    for path in files:
        parsed = _parsed(path)
        texts = [parsed.title, parsed.description] + [
            t for e in parsed.episodes for t in (e.title, e.description)
        ]
        for text in filter(None, texts):
            assert not DANGEROUS.search(sanitize_show_notes(text)), path.name
            assert not DANGEROUS.search(show_notes_text(text)), path.name
            checked += 1
    assert checked >= 7


def test_script_in_cdata_show_notes_is_already_gone_after_parsing():
    parsed = _parsed(corpus_path("malicious", "html", "feedparser__item_description_script_cdata.xml"))
    assert parsed.episodes
    assert "safe" in parsed.episodes[0].description
    assert "<script" not in parsed.episodes[0].description
