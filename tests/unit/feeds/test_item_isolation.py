"""One unusable URL costs that URL (or that item), never the feed: parse_feed and read_opml."""

import pytest

from podcast_digest.feeds.opml import read_opml
from podcast_digest.feeds.parse import parse_feed

MALFORMED = ["http://[host]/x", "http://[oops]/", "http://example.com:99999/x", "http://[::1/x"]

FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
<title>Show</title><link>{channel_link}</link>
<item><guid>bad-audio</guid><title>Bad audio, good transcript</title>
  <enclosure url="{bad}" type="audio/mpeg" length="10"/>
  <podcast:transcript url="https://example.com/t/1.vtt" type="text/vtt"/></item>
<item><guid>bad-transcript</guid><title>Good audio, bad transcript and link</title>
  <enclosure url="https://example.com/2.mp3" type="audio/mpeg" length="10"/><link>{bad}</link>
  <podcast:transcript url="{bad}" type="text/vtt"/><podcast:chapters url="{bad}" type="application/json"/></item>
<item><guid>nothing-left</guid><title>Only bad URLs</title>
  <enclosure url="{bad}" type="audio/mpeg" length="10"/></item>
<item><title>No guid, bad enclosure</title><enclosure url="{bad}" type="audio/mpeg"/></item>
<item><guid>fine</guid><title>Fine</title><enclosure url="https://example.com/3.mp3" type="audio/mpeg"/></item>
</channel></rss>"""


@pytest.mark.parametrize("bad", MALFORMED)
def test_a_malformed_url_drops_that_field_with_a_note_and_keeps_every_usable_item(bad):
    body = FEED.format(bad=bad, channel_link=bad).encode()

    parsed = parse_feed(body, feed_url="https://example.com/feed.xml", feed_id="f")

    by_guid = {e.guid: e for e in parsed.episodes}
    assert set(by_guid) == {"bad-audio", "bad-transcript", "fine"}
    assert by_guid["bad-audio"].audio is None
    assert [t.url for t in by_guid["bad-audio"].transcripts] == ["https://example.com/t/1.vtt"]
    assert any(note.startswith("enclosure dropped") for note in by_guid["bad-audio"].notes)
    kept = by_guid["bad-transcript"]
    assert kept.audio is not None
    assert kept.audio.url == "https://example.com/2.mp3"
    assert kept.transcripts == []
    assert kept.link is None
    assert kept.chapters_url is None
    assert {n.split(" dropped")[0] for n in kept.notes} == {"link", "podcast:transcript", "podcast:chapters"}
    assert by_guid["fine"].notes == []
    assert parsed.link is None
    assert parsed.notes[0].startswith("channel link dropped")
    assert any("'Only bad URLs' skipped: nothing left to summarise" in n for n in parsed.notes)
    assert any("'No guid, bad enclosure' skipped: no usable guid" in n for n in parsed.notes)


OPML = """<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Good" xmlUrl="https://a.example.com/feed.xml"/>
<outline text="Brackets" xmlUrl="http://[oops]/feed"/>
<outline text="Port" xmlUrl="https://b.example.com:70000/feed"/>
<outline text="Local" xmlUrl="file:///etc/passwd"/>
<outline text="Folder"><outline text="Nested good" xmlUrl="http://c.example.com/rss"/></outline>
</body></opml>"""


def test_opml_imports_every_usable_outline_and_reports_each_of_the_rest():
    listed = read_opml(OPML.encode())

    assert listed.feeds == [
        ("https://a.example.com/feed.xml", "Good"),
        ("http://c.example.com/rss", "Nested good"),
    ]
    assert [line.split(":")[0] for line in listed.skipped] == ["Brackets", "Port", "Local"]
    assert "not a valid URL" in listed.skipped[0]
    assert "not an http(s) URL" in listed.skipped[2]
