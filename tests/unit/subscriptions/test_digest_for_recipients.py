"""A digest composed once and addressed per recipient is byte for byte what composing it per recipient gives."""

import pytest

from podcast_digest.digest.email import HTML_BUDGET_BYTES, DigestForRecipients, compose_digest
from tests.support.summaries import sample_summary, sized_summary

LINK = "https://digest.example.com/unsubscribe?token=eyJwIjoidW5zdWJzY3JpYmUiLCJzIjoiM2YyYSJ9.c2lnbmF0dXJl"
NOTES = "<p>Show notes with a <a href='https://example.com/?a=1&b=2'>link</a><script>x()</script></p>"


@pytest.mark.parametrize("summary", [sample_summary(), sized_summary()], ids=["sample", "reference-sized"])
def test_each_copy_equals_a_digest_composed_for_that_recipient(summary):
    prepared = DigestForRecipients(
        summary,
        sender="digest@example.org",
        sender_name="Digest",
        full_summary_url=LINK,
        show_notes_html=NOTES,
    )
    for address, link in (("ana@example.org", LINK), ("ben@example.org", LINK.replace("c2ln", "AAAA"))):
        copy = prepared.to(address, link)
        direct = compose_digest(
            summary,
            to=address,
            sender="digest@example.org",
            sender_name="Digest",
            full_summary_url=LINK,
            unsubscribe_url=link,
            show_notes_html=NOTES,
        )
        assert copy == direct


def test_a_copy_whose_link_would_burst_the_budget_is_composed_in_full():
    prepared = DigestForRecipients(sized_summary(), sender="digest@example.org")
    long_link = "https://digest.example.com/unsubscribe?token=" + "a" * 4000
    copy = prepared.to("ana@example.org", long_link)
    assert len(copy.html.encode("utf-8")) <= HTML_BUDGET_BYTES
    assert copy.headers["List-Unsubscribe"] == f"<{long_link}>"


def test_without_links_a_copy_has_no_list_headers_and_a_link_is_refused():
    prepared = DigestForRecipients(sample_summary(), sender="digest@example.org", with_unsubscribe=False)
    assert prepared.to("ana@example.org").headers == {}
    with pytest.raises(ValueError, match="without unsubscribe links"):
        prepared.to("ana@example.org", LINK)


@pytest.mark.parametrize("bad", [None, "javascript:alert(1)", "http://x.example.com/\r\nBcc: a@b.c"])
def test_a_missing_or_unsafe_link_is_refused(bad):
    prepared = DigestForRecipients(sample_summary(), sender="digest@example.org")
    with pytest.raises(ValueError):
        prepared.to("ana@example.org", bad)


def test_a_hostile_address_is_refused():
    prepared = DigestForRecipients(sample_summary(), sender="digest@example.org")
    with pytest.raises(ValueError, match="not a valid email address"):
        prepared.to("ana@example.org\r\nBcc: all@example.org", LINK)
