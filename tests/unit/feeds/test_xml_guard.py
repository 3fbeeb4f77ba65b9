"""XML that declares entities is refused before any parser sees it, however it is encoded."""

import tracemalloc

import pytest

from podcast_digest.errors import FeedError, UnsafeInputError
from podcast_digest.feeds.parse import parse_feed
from podcast_digest.feeds.xml_guard import refuse_entity_declarations
from tests.support.corpus import corpus_path

BOMB_FEED = """<?xml version="1.0" encoding="{encoding}"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss version="2.0"><channel><title>&d;</title>
<item><guid>1</guid><title>&d;&d;&d;&d;</title></item></channel></rss>
"""


def _malicious_xml_files():
    return sorted(corpus_path("malicious", "xml").glob("*.xml"))


def test_every_corpus_xml_attack_is_refused_or_is_not_a_feed_with_bounded_memory():
    for path in _malicious_xml_files():
        tracemalloc.start()
        try:
            with pytest.raises((UnsafeInputError, FeedError)):
                parse_feed(path.read_bytes(), feed_url="https://example.com/feed.xml", feed_id="f")
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 20 * 1024 * 1024, f"{path.name} used {peak:,} bytes"


def test_entity_declarations_in_the_corpus_are_refused_by_the_guard_itself():
    declaring = [p for p in _malicious_xml_files() if b"<!ENTITY" in p.read_bytes()]
    assert len(declaring) >= 5
    for path in declaring:
        with pytest.raises(UnsafeInputError, match="entities"):
            refuse_entity_declarations(path.read_bytes())


def test_every_xxe_payload_line_is_refused_or_reads_nothing_local():
    lines = corpus_path("malicious", "xml", "payloadsallthethings__XXE_Fuzzing.txt").read_bytes().splitlines()
    refused = 0
    for line in filter(None, lines):
        try:
            parsed = parse_feed(line, feed_url="https://example.com/feed.xml", feed_id="f")
        except (UnsafeInputError, FeedError):
            refused += 1
            continue
        text = parsed.model_dump_json()
        assert "root:" not in text
        assert "[boot loader]" not in text
    assert refused >= len(lines) // 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "iso-8859-1"])
def test_a_billion_laughs_feed_is_refused_in_any_encoding(encoding):
    body = BOMB_FEED.format(encoding=encoding.split("-l")[0].split("-b")[0]).encode(encoding)
    with pytest.raises(UnsafeInputError):
        parse_feed(body, feed_url="https://example.com/feed.xml", feed_id="f")


def test_a_doctype_hidden_after_element_like_text_in_a_comment_is_still_refused():
    # feedparser strips a DOCTYPE only before the first "<letter"; a comment can move that point.
    body = b'<?xml version="1.0"?><!-- <a --><!DOCTYPE rss [<!ENTITY x "y">]><rss><channel/></rss>'
    with pytest.raises(UnsafeInputError):
        refuse_entity_declarations(body)


def test_a_declared_encoding_that_could_hide_markup_is_refused():
    body = b'<?xml version="1.0" encoding="utf-7"?>+ADw-!DOCTYPE rss +AFs-+ADw-!ENTITY x "y"+AD4-+AF0-+AD4-<rss/>'
    with pytest.raises(UnsafeInputError, match="utf-7"):
        refuse_entity_declarations(body)


def test_a_doctype_without_internal_subset_is_allowed():
    refuse_entity_declarations(
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x"><rss/>'
    )


def test_html_doctype_inside_show_notes_cdata_is_not_mistaken_for_a_declaration():
    body = b"<rss><channel><item><description><![CDATA[<!DOCTYPE html><p>hi</p>]]></description></item></channel></rss>"
    refuse_entity_declarations(body)
