"""parse_feed on every real feed in the corpus and on the cases podcast apps get wrong."""

import json
from datetime import UTC, datetime

import pytest

from podcast_digest.errors import FeedError, UnsafeInputError
from podcast_digest.feeds.parse import parse_duration, parse_feed, update_frequency_seconds
from podcast_digest.models import EpisodeType, episode_id_for
from tests.support.corpus import corpus_path

# Corpus feeds that are refused on purpose, and why.
REFUSED = {
    "feedparser__wellformed__rdf__doctype_contains_entity_decl.xml": UnsafeInputError,  # declares an entity
    "feedparser__illformed__rss_empty_document.xml": FeedError,  # a comment, no feed
}


def _feed_files():
    folder = corpus_path("feeds")
    return sorted(p for p in folder.glob("*/*") if p.suffix in (".xml", ".rss"))


def _parse(body: bytes, url: str = "https://example.com/podcast/feed.xml"):
    return parse_feed(body, feed_url=url, feed_id="feed-1")


@pytest.mark.slow
def test_every_corpus_feed_is_read_and_each_episode_is_identified_once():
    files = _feed_files()
    assert len(files) > 50
    total = 0
    for path in files:
        if path.name in REFUSED:
            with pytest.raises(REFUSED[path.name]):
                _parse(path.read_bytes())
            continue
        parsed = _parse(path.read_bytes())
        ids = [e.episode_id for e in parsed.episodes]
        assert len(ids) == len(set(ids)), path.name
        total += len(ids)
    assert total > 2000  # the large real-world feeds are all there


@pytest.mark.parametrize(
    ("name", "episodes"),
    [
        ("real-world/radiofeed__no-guids-373-items.xml", 373),  # identity from link/enclosure
        ("real-world/radiofeed__bad-pub-date.xml", 74),  # 75 items, one duplicate guid
        ("real-world/radiofeed__invalid-duration-450-items.xml", 450),
        ("real-world/radiofeed__catalan-iso-8859-1.xml", 350),
        ("real-world/partytime__sentimental-garbage.xml", 138),  # bozo: blank line before <?xml?>
        ("real-world/partytime__dk-podcast.xml", 59),  # one item without guid
        ("real-world/radiofeed__no-items.xml", 0),
    ],
)
def test_real_feeds_keep_every_usable_item(name, episodes):
    assert len(_parse(corpus_path("feeds", name).read_bytes()).episodes) == episodes


def test_bad_durations_and_dates_become_none_instead_of_failing():
    parsed = _parse(
        corpus_path("feeds", "real-world", "radiofeed__invalid-duration-450-items.xml").read_bytes()
    )
    durations = [e.duration_seconds for e in parsed.episodes]
    assert any(d is None for d in durations)
    assert any(d is not None for d in durations)
    dated = _parse(corpus_path("feeds", "real-world", "radiofeed__bad-pub-date.xml").read_bytes())
    assert any(e.published_at is None for e in dated.episodes)
    assert any(e.published_at is not None for e in dated.episodes)


def test_podcasting_2_transcripts_and_chapters_are_all_kept_vtt_first():
    parsed = _parse(corpus_path("feeds", "real-world", "podcastnamespace__example.xml").read_bytes())
    first = parsed.episodes[0]
    assert len(first.transcripts) >= 2
    assert first.transcripts[0].mime_type == "text/vtt"
    assert {t.language for t in first.transcripts} >= {"es"}
    assert all(t.url.startswith("https://") for t in first.transcripts)
    assert first.chapters_url == "https://example.com/ep3_chapters.json"
    assert parsed.locked is True
    themn = _parse(corpus_path("feeds", "real-world", "partytime__themnshow.xml").read_bytes())
    assert sum(len(e.transcripts) for e in themn.episodes) == 56
    assert sum(1 for e in themn.episodes if e.chapters_url) == 54
    assert themn.update_frequency_seconds == 14 * 86400


def test_new_feed_url_is_read_even_from_a_bozo_feed():
    parsed = _parse(corpus_path("feeds", "real-world", "radiofeed__bozo-new-feed-url.xml").read_bytes())
    assert parsed.new_feed_url == "https://feeds.simplecast.com/bgeVtxQX"


def _gpodder_cases():
    folder = corpus_path("feeds", "edge-cases")
    return sorted(folder.glob("gpodder__*.rss"))


def _assert_feed_fields(parsed, expected, name):
    if parsed.title:
        assert parsed.title == expected["title"], name
    if "cover_url" in expected:
        assert parsed.image_url == expected["cover_url"], name
    if "new_url" in expected and parsed.new_feed_url:
        assert parsed.new_feed_url == expected["new_url"]
    if "paged_feed_next" in expected:
        assert parsed.next_page_url == expected["paged_feed_next"]
    if "import_prohibited" in expected:
        assert parsed.locked is expected["import_prohibited"]


def _assert_episode_fields(mine, theirs, name):
    if mine.title:  # podcastparser makes up a title from the file name; we leave it empty
        assert mine.title == theirs["title"], name
    if theirs["enclosures"]:
        assert mine.audio is not None, name
        assert mine.audio.url == theirs["enclosures"][0]["url"], name
        size = theirs["enclosures"][0]["file_size"]
        assert mine.audio.length == (size if size > 0 else None), name
        if theirs["enclosures"][0]["mime_type"] != "application/octet-stream":
            assert mine.audio.mime_type == theirs["enclosures"][0]["mime_type"]
    assert (mine.link or "") == theirs["link"], name
    assert (mine.duration_seconds or 0) == theirs["total_time"], name
    published = int(mine.published_at.timestamp()) if mine.published_at else 0
    assert published == theirs["published"], name
    if theirs.get("type"):
        assert mine.episode_type == EpisodeType(theirs["type"])
    if theirs.get("transcript_url"):
        assert [t.url for t in mine.transcripts] == [theirs["transcript_url"]]


def test_gpodder_fixtures_match_their_expected_parse_where_the_fields_overlap():
    compared = 0
    for path in _gpodder_cases():
        expected = json.loads(path.with_name(path.stem + ".expected.json").read_text())
        # podcastparser's tests parse each file as file://tests/data/<name>.rss
        url = f"file://tests/data/{path.stem.removeprefix('gpodder__')}.rss"
        parsed = parse_feed(path.read_bytes(), feed_url=url, feed_id="f")
        _assert_feed_fields(parsed, expected, path.name)
        # podcastparser names an item by guid, else enclosure URL, else link; it drops items without enclosure.
        by_name = {}
        for episode in parsed.episodes:
            for name in (episode.guid, episode.audio.url if episode.audio else None, episode.link):
                if name:
                    by_name.setdefault(name, episode)
        for theirs in expected["episodes"]:
            mine = by_name[theirs["guid"]]
            _assert_episode_fields(mine, theirs, path.name)
            if theirs.get("chapters_json_url"):
                assert mine.chapters_url == theirs["chapters_json_url"]
            if theirs.get("description_html"):
                assert theirs["description_html"] in mine.description
            compared += 1
    assert compared >= 10


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
     xmlns:pod="https://podcastindex.org/namespace/1.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Show</title><language>en-gb</language>{channel}
{items}
</channel></rss>"""


def _item(guid="g1", extra="", enclosure='<enclosure url="audio/1.mp3" type="audio/mpeg" length="1234"/>'):
    return f"<item><guid>{guid}</guid><title>T {guid}</title>{enclosure}{extra}</item>"


def _feed(items, channel=""):
    return FEED.format(channel=channel, items="".join(items)).encode()


def test_relative_links_resolve_against_the_feed_url_and_any_prefix_is_mapped():
    body = _feed(
        [_item(extra='<pod:transcript url="t/1.srt" type="application/srt"/><pod:chapters url="c.json"/>')]
    )
    episode = _parse(body).episodes[0]
    assert episode.audio is not None
    assert episode.audio.url == "https://example.com/podcast/audio/1.mp3"
    assert episode.audio.length == 1234
    assert episode.audio.mime_type == "audio/mpeg"
    assert episode.transcripts[0].url == "https://example.com/podcast/t/1.srt"
    assert episode.chapters_url == "https://example.com/podcast/c.json"
    assert episode.language == "en-gb"


def test_a_network_feed_can_never_point_at_a_local_file():
    body = _feed(
        [
            _item(
                extra='<podcast:transcript url="file:///etc/passwd" type="text/plain"/>',
                enclosure='<enclosure url="file:///etc/shadow" type="audio/mpeg"/>',
            )
        ]
    )
    parsed = _parse(body)
    # Both links dropped, so the item has nothing left to summarise: skipped, and the feed says why.
    assert parsed.episodes == []
    assert "is not an http(s) URL" in parsed.notes[0]
    assert "file:///etc/shadow" in parsed.notes[0]


def test_a_local_feed_keeps_its_local_transcript_links(tmp_path):
    feed_path = tmp_path / "feed.xml"
    body = _feed([_item(extra='<podcast:transcript url="t/1.vtt" type="text/vtt"/>')])
    episode = parse_feed(body, feed_url=str(feed_path), feed_id="f").episodes[0]
    assert episode.transcripts[0].url == str(tmp_path / "t" / "1.vtt")


def test_duplicate_guids_give_one_episode_and_items_without_identity_are_skipped():
    body = _feed([_item("same"), _item("same"), "<item><title>no id at all</title></item>"])
    episodes = _parse(body).episodes
    assert len(episodes) == 1
    assert episodes[0].episode_id == episode_id_for("feed-1", "same", None, None)


def test_trailers_bonus_and_blocked_items():
    body = _feed(
        [
            _item("a", "<itunes:episodeType>trailer</itunes:episodeType>"),
            _item("b", "<itunes:episodeType>Bonus</itunes:episodeType>"),
            _item("c", "<itunes:block>Yes</itunes:block>"),
            _item("d"),
        ]
    )
    episodes = _parse(body).episodes
    assert [e.guid for e in episodes] == ["a", "b", "d"]
    assert [e.episode_type for e in episodes] == [EpisodeType.TRAILER, EpisodeType.BONUS, EpisodeType.FULL]


def test_a_blocked_feed_is_flagged():
    assert _parse(_feed([_item()], channel="<itunes:block>yes</itunes:block>")).blocked is True
    assert _parse(_feed([_item()])).blocked is False


def test_content_encoded_is_preferred_as_the_description_and_dates_are_utc():
    extra = (
        "<description>plain</description><content:encoded><![CDATA[<p>rich <b>notes</b></p>]]></content:encoded>"
        "<pubDate>Wed, 27 Apr 2011 07:00:00 +0200</pubDate><itunes:duration>1:02:03</itunes:duration>"
    )
    episode = _parse(_feed([_item(extra=extra)])).episodes[0]
    assert "<b>notes</b>" in episode.description
    assert episode.published_at == datetime(2011, 4, 27, 5, 0, tzinfo=UTC)
    assert episode.duration_seconds == 3723


def test_a_web_page_is_not_a_feed():
    page = b"<!DOCTYPE html><html><head><title>My podcast</title></head><body><p>Listen</p></body></html>"
    with pytest.raises(FeedError, match="is not an RSS or Atom feed: check the URL"):
        _parse(page)
    with pytest.raises(FeedError):
        _parse(b"")


def test_the_show_details_are_read():
    channel = (
        "<description>About the show</description><link>https://example.com/</link>"
        '<itunes:image href="art.jpg"/><itunes:new-feed-url>https://new.example.com/feed</itunes:new-feed-url>'
        '<pod:updateFrequency rrule="FREQ=DAILY;INTERVAL=2">every other day</pod:updateFrequency>'
        '<atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="next" href="page2.xml"/>'
    )
    parsed = _parse(_feed([_item()], channel=channel))
    assert parsed.title == "Show"
    assert parsed.description == "About the show"
    assert parsed.image_url == "https://example.com/podcast/art.jpg"
    assert parsed.new_feed_url == "https://new.example.com/feed"
    assert parsed.update_frequency_seconds == 2 * 86400
    assert parsed.next_page_url == "https://example.com/podcast/page2.xml"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("3600", 3600),
        ("61:05", 3665),
        ("1:01:05", 3665),
        ("1:01:05.5", 3665.5),
        ("90.5", 90.5),
        ("1h 2m 3s", 3723),
        ("45 min", 2700),
        ("", None),
        ("abc", None),
        ("-5", None),
        ("1:99:99:99", None),
        ("99999999999", None),
        (None, None),
    ],
)
def test_durations_in_any_format(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("rrule", "seconds"),
    [("FREQ=WEEKLY", 604800), ("freq=hourly;interval=6", 21600), ("FREQ=SECONDLY", None), (None, None)],
)
def test_update_frequency_rrules(rrule, seconds):
    assert update_frequency_seconds(rrule) == seconds
