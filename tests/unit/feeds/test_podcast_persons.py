"""`<podcast:person>` read from real feeds (channel and item) and from hostile ones."""

from podcast_digest.feeds.parse import parse_feed
from podcast_digest.feeds.podcast_tags import MAX_PERSON_NAME, MAX_PERSONS
from podcast_digest.models import Person
from tests.support.corpus import corpus_path


def _parse(body: bytes):
    return parse_feed(body, feed_url="https://example.com/feed.xml", feed_id="feed-1")


def _feed(channel: str = "", item: str = "") -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">'
        f"<channel><title>Show</title>{channel}<item><guid>g1</guid><title>One</title>"
        f'<enclosure url="https://example.com/1.mp3" type="audio/mpeg"/>{item}</item></channel></rss>'
    ).encode()


def test_item_persons_of_the_namespace_example_with_roles_groups_and_the_host_default():
    parsed = _parse(corpus_path("feeds", "real-world", "podcastnamespace__example.xml").read_bytes())
    first = parsed.episodes[0].persons
    assert first[:2] == [Person(name="Adam Curry", role="host"), Person(name="Dave Jones", role="guest")]
    designer = first[2]
    assert (designer.role, designer.group, designer.speaks) == ("cover art designer", "visuals", False)
    assert parsed.persons == []  # this feed names its cast per item only


def test_a_real_feeds_channel_cast_and_an_items_guest():
    parsed = _parse(corpus_path("feeds", "real-world", "partytime__themnshow.xml").read_bytes())
    assert parsed.persons == [Person(name="Mike Neumann", role="host")]
    assert Person(name="Dr. Timothy M. Jurgensen", role="guest") in parsed.episodes[0].persons


def test_entities_in_a_name_are_decoded_once_and_markup_never_kept():
    parsed = _parse(corpus_path("feeds", "real-world", "partytime__pc20rss.xml").read_bytes())
    names = {p.name for e in parsed.episodes for p in e.persons}
    assert 'Nikolai "OKIN" Tjongarero' in names
    assert all("&" not in n and "<" not in n for n in names)


def test_a_hostile_feed_cannot_flood_or_smuggle_through_person_tags():
    flood = "".join(f'<podcast:person role="guest">Guest {i}</podcast:person>' for i in range(5000))
    parsed = _parse(
        _feed(
            item=flood
            + '<podcast:person role="GUEST">  Ann\u0007   Lee </podcast:person>'
            + f"<podcast:person>{'x' * 10_000}</podcast:person>"
            + "<podcast:person>  </podcast:person><podcast:person>123</podcast:person>"
        )
    )
    persons = parsed.episodes[0].persons
    assert len(persons) == MAX_PERSONS
    assert all(len(p.name) <= MAX_PERSON_NAME for p in persons)


def test_names_are_cleaned_and_nameless_tags_dropped():
    parsed = _parse(
        _feed(
            channel='<podcast:person role=" Co-Host ">Bo\u0000 Chen</podcast:person>',
            item='<podcast:person role="GUEST">  Ann\u0007   Lee </podcast:person>'
            "<podcast:person>  </podcast:person><podcast:person>123</podcast:person>"
            f"<podcast:person>{'Long' * 100}</podcast:person>",
        ).replace(b"\x00", b"")
    )
    assert parsed.persons == [Person(name="Bo Chen", role="co-host")]
    ann, long = parsed.episodes[0].persons
    assert ann == Person(name="Ann Lee", role="guest")
    assert len(long.name) == MAX_PERSON_NAME
