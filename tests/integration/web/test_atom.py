"""Atom feeds of the summaries: feedparser reads them cleanly, and RFC 4287's required elements are there."""

from datetime import datetime
from xml.etree import ElementTree as ET

import feedparser
import pytest

from tests.integration.subscriptions.flow import http_event
from tests.integration.web.conftest import BASE_URL, EPISODE_ID, SLUG

A = "{http://www.w3.org/2005/Atom}"


def rfc3339(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@pytest.mark.parametrize("path", ["/atom.xml", f"/podcasts/{SLUG}/atom.xml"])
def test_the_feed_is_valid_atom_with_every_required_element(api, path):
    answer = api(http_event("GET", path))
    assert answer["statusCode"] == 200
    assert answer["headers"]["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(answer["body"].encode("utf-8"))
    assert parsed.bozo is False, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    (entry,) = parsed.entries
    assert entry.link == f"{BASE_URL}/summaries/{EPISODE_ID}"
    assert entry.author == 'The Workshop Hour <script>alert("t")</script>', "feed text is text"
    assert "<script>" not in answer["body"], "escaped as XML"

    root = ET.fromstring(answer["body"].encode("utf-8"))
    assert root.tag == f"{A}feed"
    # RFC 4287 4.1.1: atom:feed has exactly one id, title, updated; an author unless every entry has one.
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, name
    assert root.find(f"{A}author/{A}name") is not None
    rfc3339(root.findtext(f"{A}updated"))
    assert root.find(f"{A}link[@rel='self']").get("href") == f"{BASE_URL}{path}"
    for element in root.findall(f"{A}entry"):
        # 4.1.2: id, title, updated; a summary when there is no content; an alternate link then too.
        for name in ("id", "title", "updated", "summary"):
            assert len(element.findall(f"{A}{name}")) == 1, name
        assert element.findtext(f"{A}id").startswith("https://")
        assert element.find(f"{A}link[@rel='alternate']") is not None
        assert element.find(f"{A}content") is None
        rfc3339(element.findtext(f"{A}updated"))
